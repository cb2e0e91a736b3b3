package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.RawAttributes;
import dev.jnetns.kind.Bond;
import dev.jnetns.kind.BondPort;
import dev.jnetns.kind.RawData;
import dev.jnetns.netlink.NlWriter;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Generated bond and bond port records survive write-then-read (this kernel has no bond: ip's
 * requests are checked in LinkRequestsTest, ip's printing in cli.KindPrintTest).
 */
class BondCodecTest {

    private static Arbitrary<List<InetAddress>> targets(int size) {
        return Arbitraries.bytes().array(byte[].class).ofSize(size).map(Wire::address).list().ofMaxSize(16)
                .injectNull(0.3);
    }

    @Provide
    Arbitrary<Bond> bonds() {
        Arbitrary<Bond.AdInfo> ad = Combinators.combine(KindRecords.u16s(4), KindRecords.macs(), KindRecords.unknown())
                .as((u16, mac, raw) -> new Bond.AdInfo(u16[0], u16[1], u16[2], u16[3], mac, raw)).injectNull(0.3);
        return Combinators.combine(KindRecords.u8s(12), KindRecords.u16s(2), KindRecords.u32s(13), targets(4),
                targets(16), ad, KindRecords.macs(), KindRecords.unknown())
                .as((u8, u16, u32, arp, ns, adInfo, mac, raw) -> new Bond(u8[0], u32[0], u32[1], u32[2], u32[3], u32[4],
                        u8[1], u32[5], u8[2], arp, ns, u32[6], u32[7], u32[8], u8[3], u8[4], u8[5], u32[9], u8[6], u8[7],
                        u32[10], u32[11], u32[12], u8[8], u8[9], u8[10], adInfo, u16[0], u16[1], mac, u8[11], raw));
    }

    @Property(tries = 200)
    void a_bond_written_and_read_back_is_the_same(@ForAll("bonds") Bond b) {
        KindRecords.assertRoundTrip(b, "bond", false);
    }

    @Provide
    Arbitrary<BondPort> ports() {
        return Combinators.combine(KindRecords.u8s(3), KindRecords.u16s(3), KindRecords.u32s(1), KindRecords.macs(),
                Arbitraries.integers().injectNull(0.3), KindRecords.unknown())
                .as((u8, u16, u32, mac, prio, raw) -> new BondPort(u8[0], u8[1], u32[0], mac, u16[0], prio, u16[1],
                        u8[2], u16[2], raw));
    }

    @Property(tries = 200)
    void a_bond_port_written_and_read_back_is_the_same(@ForAll("ports") BondPort p) {
        KindRecords.assertRoundTrip(p, "bond", true);
    }

    @Test
    void a_target_list_ip_would_not_write_is_kept_whole() {
        NlWriter w = new NlWriter();
        int nest = w.beginNestedPlain(dev.jnetns.uapi.LinuxBond.IFLA_BOND_ARP_IP_TARGET);
        w.attr(1, new byte[] {(byte) 198, 18, 0, 1});   // the first target typed 1, not 0
        w.endNested(nest);
        byte[] attrs = new byte[w.size()];
        w.bytes().get(attrs);
        Bond b = (Bond) KindRecords.decode(attrs, "bond", false);
        assertEquals(null, b.arpIpTargets());
        assertEquals(1, b.raw().list().size());
        assertEquals(HexFormat.of().formatHex(attrs), HexFormat.of().formatHex(KindRecords.encode(b, "bond", false)));
        assertTrue(KindRecords.decode(attrs, "no-such-kind", false) instanceof RawData);
        assertEquals(RawAttributes.of(null, null, attrs), KindRecords.decode(attrs, "no-such-kind", false).raw());
    }
}
