package dev.jnetns.rtnl;

import dev.jnetns.kind.Ipvlan;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated ipvlan records survive write-then-read (this kernel has no ipvlan: ip's requests are
 * checked in LinkRequestsTest, ip's printing in cli.KindPrintTest).
 */
class IpvlanCodecTest {

    @Provide
    Arbitrary<Ipvlan> ipvlans() {
        return Combinators.combine(KindRecords.u16s(2), KindRecords.unknown())
                .as((u16, raw) -> new Ipvlan(u16[0], u16[1], raw));
    }

    @Property(tries = 100)
    void an_ipvlan_written_and_read_back_is_the_same(@ForAll("ipvlans") Ipvlan v) {
        KindRecords.assertRoundTrip(v, "ipvlan", false);
        KindRecords.assertRoundTrip(v, "ipvtap", false);
    }
}
