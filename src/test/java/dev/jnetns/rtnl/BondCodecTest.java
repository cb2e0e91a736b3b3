package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.RawAttributes;
import dev.jnetns.kind.Bond;
import dev.jnetns.kind.BondPort;
import dev.jnetns.kind.RawData;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.testutil.Property;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated bond and bond port records survive write-then-read (this kernel has no bond: ip's
 * requests are checked in LinkRequestsTest, ip's printing in cli.KindPrintTest).
 */
class BondCodecTest {

    /** Up to 16 addresses of one family, or null. */
    private static List<InetAddress> randomTargets(Random r, boolean six) {
        if (r.nextInt(4) == 0) {
            return null;
        }
        List<InetAddress> out = new ArrayList<>();
        for (int i = r.nextInt(17); i > 0; i--) {
            out.add(Gen.address(r, six));
        }
        return List.copyOf(out);
    }

    /** A random bond record: every field absent or not, unknown attributes (in the 802.3ad info too). */
    static Bond randomBond(Random r) {
        Bond.AdInfo ad = r.nextInt(4) == 0 ? null : new Bond.AdInfo(KindRecords.u16(r), KindRecords.u16(r),
                KindRecords.u16(r), KindRecords.u16(r), KindRecords.mac(r), Gen.unknownAttributes(r, 100));
        return new Bond(KindRecords.u8(r), KindRecords.u32(r), KindRecords.u32(r), KindRecords.u32(r),
                KindRecords.u32(r), KindRecords.u32(r), KindRecords.u8(r), KindRecords.u32(r), KindRecords.u8(r),
                randomTargets(r, false), randomTargets(r, true), KindRecords.u32(r), KindRecords.u32(r),
                KindRecords.u32(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u32(r),
                KindRecords.u8(r), KindRecords.u8(r), KindRecords.u32(r), KindRecords.u32(r), KindRecords.u32(r),
                KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r), ad, KindRecords.u16(r), KindRecords.u16(r),
                KindRecords.mac(r), KindRecords.u8(r), Gen.unknownAttributes(r, 100));
    }

    @Test
    void a_bond_written_and_read_back_is_the_same() {
        Property.check("bond round trip", 300, BondCodecTest::randomBond,
                b -> KindRecords.assertRoundTrip(b, "bond", false));
    }

    /** A random bond port record: every field absent or not, unknown attributes. */
    static BondPort randomPort(Random r) {
        return new BondPort(KindRecords.u8(r), KindRecords.u8(r), KindRecords.u32(r), KindRecords.mac(r),
                KindRecords.u16(r), r.nextInt(4) == 0 ? null : r.nextInt(), KindRecords.u16(r), KindRecords.u8(r),
                KindRecords.u16(r), Gen.unknownAttributes(r, 100));
    }

    @Test
    void a_bond_port_written_and_read_back_is_the_same() {
        Property.check("bond port round trip", 300, BondCodecTest::randomPort,
                p -> KindRecords.assertRoundTrip(p, "bond", true));
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
