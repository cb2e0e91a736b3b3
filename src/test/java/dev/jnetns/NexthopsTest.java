package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Ip;
import dev.jnetns.uapi.LinuxRoute;
import dev.jnetns.uapi.LinuxSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nexthop objects through {@link Nexthops}: what the API adds, ip sees, and what ip adds, the API reads. */
@ExtendWith(NetnsExtension.class)
class NexthopsTest {

    @Test
    void what_the_api_adds_ip_lists_and_the_api_reads_back(Netns ns, Rtnl rtnl) throws Exception {
        Ip.batch(ns, "link set lo up\nlink add v0 type veth peer name v1\nlink set v0 up\nlink set v1 up\naddr add 198.18.0.1/24 dev v0\n"
                + "addr add fd00::1/64 dev v0 nodad\n");
        int v0 = rtnl.links().get("v0").index();
        Nexthops nh = rtnl.nexthops();
        nh.add(Nexthop.gateway(1, IpPrefix.parseAddress("198.18.0.2"), v0));
        nh.add(Nexthop.gateway(2, IpPrefix.parseAddress("198.18.0.3"), v0).withProtocol(LinuxRoute.RTPROT_STATIC)
                .withOnlink());
        nh.add(Nexthop.device(3, LinuxSocket.AF_INET6, v0));
        nh.add(Nexthop.blackhole(4, LinuxSocket.AF_INET));
        nh.add(Nexthop.group(10, List.of(new Nexthop.Member(1, 1), new Nexthop.Member(2, 200))));
        assertEquals("id 1 via 198.18.0.2 dev v0 scope link \n"
                + "id 2 via 198.18.0.3 dev v0 scope link proto static onlink \n"
                + "id 3 dev v0 scope link \n"
                + "id 4 blackhole \n"
                + "id 10 group 1/2,200 \n", Ip.run(ns, "nexthop", "show"));
        List<Nexthop> all = nh.list(LinuxSocket.AF_UNSPEC);
        assertEquals(List.of(1, 2, 3, 4, 10), all.stream().map(Nexthop::id).toList());
        Nexthop group = nh.get(10);
        assertEquals(List.of(new Nexthop.Member(1, 1), new Nexthop.Member(2, 200)), group.group());
        Nexthop onlink = nh.get(2);
        assertEquals(IpPrefix.parseAddress("198.18.0.3"), onlink.gateway());
        assertEquals(v0, onlink.oif());
        assertEquals(LinuxRoute.RTPROT_STATIC, onlink.protocol());
        assertTrue((onlink.flags() & LinuxRoute.RTNH_F_ONLINK) != 0);
        assertTrue(nh.get(4).blackhole());
        assertEquals(List.of(3), nh.list(LinuxSocket.AF_INET6).stream().map(Nexthop::id).toList());
        assertEquals(List.of(10), nh.list(LinuxSocket.AF_UNSPEC, 0, true, false).stream().map(Nexthop::id).toList());

        Ip.run(ns, "nexthop", "add", "id", "20", "via", "fd00::2", "dev", "v0");
        Nexthop fromIp = nh.get(20);
        assertEquals(LinuxSocket.AF_INET6, fromIp.family());
        assertEquals(IpPrefix.parseAddress("fd00::2"), fromIp.gateway());
        nh.replace(Nexthop.gateway(20, IpPrefix.parseAddress("fd00::3"), v0));
        assertEquals("id 20 via fd00::3 dev v0 scope link \n", Ip.run(ns, "nexthop", "show", "id", "20"));

        NetlinkException dup = assertThrows(NetlinkException.class,
                () -> nh.add(Nexthop.gateway(1, IpPrefix.parseAddress("198.18.0.2"), v0)));
        assertTrue(dup.getMessage().contains("EEXIST"), dup.getMessage());
        nh.delete(10);
        nh.delete(1);
        assertEquals(List.of(2, 3, 4, 20), nh.list(LinuxSocket.AF_UNSPEC).stream().map(Nexthop::id).toList());
        assertThrows(NetlinkException.class, () -> nh.get(1));
        // ip nexthop del [id ID] NH: sent as written; the kernel deletes by id alone and refuses the rest
        NetlinkException noId = assertThrows(NetlinkException.class, () -> nh.delete(Nexthop.device(0, 0, 0)));
        assertEquals(Errno.EINVAL, noId.errnoName());
        assertThrows(NetlinkException.class, () -> nh.delete(Nexthop.device(2, LinuxSocket.AF_INET, v0)));
        assertEquals(List.of(2, 3, 4, 20), nh.list(LinuxSocket.AF_UNSPEC).stream().map(Nexthop::id).toList());
        nh.delete(Nexthop.device(20, 0, 0));
        assertEquals(List.of(2, 3, 4), nh.list(LinuxSocket.AF_UNSPEC).stream().map(Nexthop::id).toList());
    }
}
