package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.junit.NetnsExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Rtnl#echo} ({@code ip -echo}): what the kernel echoes for each change, and nothing for a lookup. */
@ExtendWith(NetnsExtension.class)
class RtnlEchoTest {

    @Test
    void changes_come_back_as_the_kernel_made_or_deleted_them(Rtnl rtnl) throws Exception {
        List<Echoed> echoed = new ArrayList<>();
        rtnl.echo(echoed::add);
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        assertEquals(1, echoed.size(), "one copy of the new device: " + echoed);
        assertTrue(echoed.get(0).object() instanceof Link l && l.name().equals("v0") && !echoed.get(0).deleted());

        echoed.clear();
        rtnl.links().setUp("v0");
        rtnl.links().get("v0");
        assertEquals(List.of(), echoed, "link set is not echoed, a lookup is not a change");

        rtnl.addresses().add("v0", AddressSpec.of("198.18.0.1/24"));
        assertTrue(echoed.get(0).object() instanceof Address a && a.prefix().equals(IpPrefix.parse("198.18.0.1/24")));
        echoed.clear();
        rtnl.addresses().delete("v0", AddressSpec.of("198.18.0.1/24"));
        assertTrue(echoed.get(0).deleted() && echoed.get(0).object() instanceof Address);

        echoed.clear();
        rtnl.echo(null);
        rtnl.links().delete("v0");
        assertEquals(List.of(), echoed, "off again");
        assertFalse(rtnl.links().find("v0").isPresent());
    }
}
