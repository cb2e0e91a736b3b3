package dev.jnetns.rtnl;

import dev.jnetns.kind.Vlan;
import dev.jnetns.testutil.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated vlan records survive write-then-read (this kernel has no vlan: ip's requests are checked
 * in LinkRequestsTest, ip's printing in cli.KindPrintTest).
 */
class VlanCodecTest {

    private static List<Vlan.QosMapping> randomMap(Random r) {
        if (r.nextInt(4) == 0) {
            return null;
        }
        List<Vlan.QosMapping> out = new ArrayList<>();
        for (int i = r.nextInt(9); i > 0; i--) {
            out.add(new Vlan.QosMapping(Gen.u32(r), Gen.u32(r)));
        }
        return List.copyOf(out);
    }

    /** A random vlan record: every field absent or not, unknown attributes. */
    static Vlan randomVlan(Random r) {
        return new Vlan(KindRecords.u16(r), KindRecords.u16(r),
                r.nextInt(4) == 0 ? null : new Vlan.Flags(r.nextInt(), r.nextInt()), randomMap(r), randomMap(r),
                Gen.unknownAttributes(r, 100));
    }

    @Test
    void a_vlan_written_and_read_back_is_the_same() {
        Property.check("vlan round trip", 300, VlanCodecTest::randomVlan,
                v -> KindRecords.assertRoundTrip(v, "vlan", false));
    }
}
