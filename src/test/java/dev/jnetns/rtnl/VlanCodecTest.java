package dev.jnetns.rtnl;

import dev.jnetns.kind.Vlan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated vlan records survive write-then-read (this kernel has no vlan: ip's requests are checked
 * in LinkRequestsTest, ip's printing in cli.KindPrintTest).
 */
class VlanCodecTest {

    @Provide
    Arbitrary<Vlan> vlans() {
        Arbitrary<Vlan.Flags> flags = Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                .as(Vlan.Flags::new).injectNull(0.3);
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xffffffffL);
        Arbitrary<java.util.List<Vlan.QosMapping>> map = Combinators.combine(u32, u32).as(Vlan.QosMapping::new)
                .list().ofMaxSize(8).injectNull(0.3);
        return Combinators.combine(KindRecords.u16s(2), flags, map, map, KindRecords.unknown())
                .as((u16, f, in, eg, raw) -> new Vlan(u16[0], u16[1], f, in, eg, raw));
    }

    @Property(tries = 200)
    void a_vlan_written_and_read_back_is_the_same(@ForAll("vlans") Vlan v) {
        KindRecords.assertRoundTrip(v, "vlan", false);
    }
}
