package dev.jnetns.rtnl;

import dev.jnetns.RawAttributes;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.uapi.LinuxIfArp;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Random;

/** Random values for the codecs' round-trip properties. */
final class Gen {
    private Gen() {
    }

    static InetAddress address(Random r, boolean six) {
        byte[] b = new byte[six ? 16 : 4];
        r.nextBytes(b);
        return Wire.address(b);
    }

    static String mac(Random r) {
        byte[] b = new byte[6];
        r.nextBytes(b);
        return HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, b);
    }

    /** A name of 1 to {@code max} lower-case letters. */
    static String name(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1 + r.nextInt(max); i > 0; i--) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    /** A u32 as a non-negative long. */
    static long u32(Random r) {
        return Integer.toUnsignedLong(r.nextInt());
    }

    /** Up to two attributes of types from {@code firstType} on, as a newer kernel might send: kept raw by the codecs. */
    static RawAttributes unknownAttributes(Random r, int firstType) {
        NlWriter w = new NlWriter();
        for (int i = r.nextInt(3), type = firstType; i > 0; i--, type++) {
            byte[] v = new byte[r.nextInt(10)];
            r.nextBytes(v);
            w.attr(type, v);
        }
        byte[] b = new byte[w.size()];
        w.bytes().get(b);
        return RawAttributes.of(null, null, b);
    }

    /**
     * Up to three attributes a codec keeps raw: an empty one is of type {@code unmodelled} (one the kernel
     * has and the codec does not model, such as a pad), the others of types from 100 on, as a newer kernel
     * might send.
     */
    static RawAttributes unmodelledAttributes(Random r, int unmodelled) {
        NlWriter w = new NlWriter();
        for (int i = r.nextInt(4), type = 100; i > 0; i--) {
            byte[] v = new byte[r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(12)];
            r.nextBytes(v);
            w.attr(v.length == 0 ? unmodelled : type++, v);
        }
        byte[] b = new byte[w.size()];
        w.bytes().get(b);
        return RawAttributes.of(null, null, b);
    }

    /** The record components that differ, for a failure message. */
    static String differences(Record a, Record b) {
        StringBuilder sb = new StringBuilder();
        try {
            for (var c : a.getClass().getRecordComponents()) {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!Objects.equals(x, y)) {
                    sb.append(c.getName()).append(": ").append(x).append(" != ").append(y).append("; ");
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return sb.toString();
    }
}
