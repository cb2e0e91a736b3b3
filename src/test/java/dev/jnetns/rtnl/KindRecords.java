package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.kind.LinkData;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Random;

/** Kind records in and out of their data nest, and random values for the kind codecs' round-trip properties. */
final class KindRecords {
    private KindRecords() {
    }

    /** The attributes {@code d} writes inside its data nest. */
    static byte[] encode(LinkData d, String kind, boolean port) {
        NlWriter w = new NlWriter();
        LinkKinds.encode(d, kind, port, w);
        byte[] b = new byte[w.size()];
        w.bytes().get(b);
        return b;
    }

    /** The record a data nest of {@code kind} holding {@code attributes} reads as. */
    static LinkData decode(byte[] attributes, String kind, boolean port) {
        ByteBuffer b = ByteBuffer.wrap(attributes).order(ByteOrder.nativeOrder());
        return LinkKinds.decode(kind, port, new NlReader(b, 0, attributes.length, kind));
    }

    /** {@code d} written, read back (equal to {@code d}) and written again (the same bytes). */
    static void assertRoundTrip(LinkData d, String kind, boolean port) {
        byte[] first = encode(d, kind, port);
        LinkData back = decode(first, kind, port);
        assertEquals(d, back, () -> Gen.differences((Record) d, (Record) back));
        assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(encode(back, kind, port)),
                "written again from what was read");
    }

    /** A u8 field: -1 (absent) in a quarter of the cases, the range's ends often, else any value. */
    static int u8(Random r) {
        return (int) number(r, 0xff);
    }

    static int u16(Random r) {
        return (int) number(r, 0xffff);
    }

    static long u32(Random r) {
        return number(r, 0xffffffffL);
    }

    /** A u64 field: -1 (absent, or all ones) in a quarter of the cases, else any value. */
    static long u64(Random r) {
        return r.nextInt(4) == 0 ? -1 : r.nextInt(4) == 0 ? 0 : r.nextLong();
    }

    private static long number(Random r, long max) {
        switch (r.nextInt(8)) {
            case 0: case 1: return -1;
            case 2: return 0;
            case 3: return max;
            default: return (r.nextLong() & Long.MAX_VALUE) % (max + 1);
        }
    }

    /** A MAC address as the codecs hold it, or null in a quarter of the cases. */
    static String mac(Random r) {
        return r.nextInt(4) == 0 ? null : Gen.mac(r);
    }
}
