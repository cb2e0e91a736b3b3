package dev.jnetns.rtnl;

import dev.jnetns.kind.Ipvlan;
import dev.jnetns.testutil.Property;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated ipvlan records survive write-then-read (this kernel has no ipvlan: ip's requests are
 * checked in LinkRequestsTest, ip's printing in cli.KindPrintTest).
 */
class IpvlanCodecTest {

    static Ipvlan randomIpvlan(Random r) {
        return new Ipvlan(KindRecords.u16(r), KindRecords.u16(r), Gen.unknownAttributes(r, 100));
    }

    @Test
    void an_ipvlan_written_and_read_back_is_the_same() {
        Property.check("ipvlan round trip", 200, IpvlanCodecTest::randomIpvlan, v -> {
            KindRecords.assertRoundTrip(v, "ipvlan", false);
            KindRecords.assertRoundTrip(v, "ipvtap", false);
        });
    }
}
