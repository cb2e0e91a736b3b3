package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.kind.Macvlan;
import dev.jnetns.kind.Vxlan;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A kind's data sent whole ({@link LinkSpec#of}, {@link LinkUpdate#kind}), as {@code ip link add|set
 * ... type vxlan|macvlan OPTIONS} sends it, read back from the kernel.
 */
@ExtendWith(NetnsExtension.class)
class KindDataTest {

    /** A vxlan with every attribute absent (-1, null, false) but {@code id} and {@code port}. */
    private static Vxlan vxlan(long id, int port, int ttl, InetAddress remote) {
        return new Vxlan(id, remote, null, 0, ttl, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, port, -1, -1, -1, -1, -1,
                false, false, -1, -1, false, -1, -1, -1, RawAttributes.NONE);
    }

    @Test
    void a_vxlan_made_and_changed_with_its_data_whole(Rtnl rtnl) throws Exception {
        InetAddress remote = InetAddress.getByName("198.18.0.2");
        rtnl.links().add(LinkSpec.of("vx0", "vxlan", null, vxlan(42, 4789, 7, remote)));
        Vxlan made = (Vxlan) rtnl.links().get("vx0").data();
        assertEquals(42, made.id());
        assertEquals(4789, made.port());
        assertEquals(7, made.ttl());
        assertEquals(remote, made.remote());

        rtnl.links().set("vx0", LinkUpdate.create().kind("vxlan", vxlan(-1, -1, 9, null)));
        Vxlan changed = (Vxlan) rtnl.links().get("vx0").data();
        assertEquals(9, changed.ttl());
        assertEquals(remote, changed.remote());   // what the update did not name stays

        ErrnoException refused = assertThrows(ErrnoException.class,
                () -> rtnl.links().set("vx0", LinkUpdate.create().kind("vxlan", vxlan(43, -1, -1, null))));
        assertEquals(Errno.EOPNOTSUPP, refused.errnoName());   // "Cannot change VNI", as for ip
        assertEquals(42, ((Vxlan) rtnl.links().get("vx0").data()).id());
    }

    @Test
    void a_source_macvlan_and_its_address_list(Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        Macvlan source = new Macvlan(16, -1, 3, null, List.of("02:00:00:00:00:01", "02:00:00:00:00:02"), -1, 5, -1,
                RawAttributes.NONE);   // mode source, macaddr set A B, bcqueuelen 5
        rtnl.links().add(LinkSpec.of("mv0", "macvlan", "v0", source));
        Macvlan made = (Macvlan) rtnl.links().get("mv0").data();
        assertEquals("source", made.modeName());
        assertEquals(2, made.macaddrCount());
        assertEquals(5, made.bcQueueLen());

        Macvlan delete = new Macvlan(-1, -1, 1, "02:00:00:00:00:01", null, -1, -1, -1, RawAttributes.NONE);
        rtnl.links().set("mv0", LinkUpdate.create().kind("macvlan", delete));   // macaddr del A
        assertEquals(List.of("02:00:00:00:00:02"), ((Macvlan) rtnl.links().get("mv0").data()).sources());
        assertThrows(IllegalArgumentException.class,
                () -> LinkSpec.veth("v2", "v3").with(LinkUpdate.create().kind("veth", null)));
    }
}
