package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.RawAttributes;
import dev.jnetns.kind.LinkData;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Kind records in and out of their data nest, and generators for the property tests of the kind codecs. */
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
        assertEquals(d, back);
        assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(encode(back, kind, port)),
                "written again from what was read");
    }

    /** Attributes of types no kind codec models (from 100 up), as a newer kernel might send them. */
    static Arbitrary<RawAttributes> unknown() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(12).list().ofMaxSize(3).map(RoundTrip::unknownAttributes);
    }

    /** n u8 values, each -1 (absent) or 0..255. */
    static Arbitrary<int[]> u8s(int n) {
        return Arbitraries.integers().between(-1, 0xff).array(int[].class).ofSize(n);
    }

    /** n u16 values, each -1 (absent) or 0..65535. */
    static Arbitrary<int[]> u16s(int n) {
        return Arbitraries.integers().between(-1, 0xffff).array(int[].class).ofSize(n);
    }

    /** n u32 values, each -1 (absent) or 0..2^32-1. */
    static Arbitrary<long[]> u32s(int n) {
        return Arbitraries.longs().between(-1, 0xffffffffL).array(long[].class).ofSize(n);
    }

    /** n u64 values (-1: absent). */
    static Arbitrary<long[]> u64s(int n) {
        return Arbitraries.longs().array(long[].class).ofSize(n);
    }

    /** A MAC address as the codecs print it, or null. */
    static Arbitrary<String> macs() {
        return Arbitraries.bytes().array(byte[].class).ofSize(6)
                .map(b -> HardwareAddresses.format(dev.jnetns.uapi.LinuxIfArp.ARPHRD_ETHER, b)).injectNull(0.3);
    }
}
