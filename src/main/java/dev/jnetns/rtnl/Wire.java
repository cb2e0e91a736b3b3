package dev.jnetns.rtnl;

import dev.jnetns.netlink.NlDecodeException;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Value shapes the codecs share: IP addresses in attributes, small structs of u32s. */
final class Wire {
    private Wire() {
    }

    /** An IPv4 or IPv6 address attribute (4 or 16 bytes, whatever {@code family} says). */
    static InetAddress address(NlReader r, int family) {
        int n = r.valueLength();
        if (n != 4 && n != 16) {
            throw new NlDecodeException(r.path() + ": attribute " + r.type() + " of " + n
                    + " bytes is no IP address (family " + family + ")");
        }
        return address(r.bytes());
    }

    static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new NlDecodeException("address of " + raw.length + " bytes");
        }
    }

    /** Writes an address attribute when {@code a} is not null. */
    static void putAddress(NlWriter w, int type, InetAddress a) {
        if (a != null) {
            w.attr(type, a.getAddress());
        }
    }

    /** Host-order u64s as bytes (a counters struct). */
    static byte[] u64s(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.nativeOrder());
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** Host-order u32s as bytes (the value of a struct attribute such as ifa_cacheinfo). */
    static byte[] u32s(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** A u64 value sent in network byte order (a tunnel id). */
    static long be64(NlReader r) {
        return r.buffer().duplicate().order(ByteOrder.BIG_ENDIAN).getLong(r.exact(Long.BYTES));
    }

    /** {@code v} as network-order bytes of {@code size} (2 or 8): the value of a big-endian attribute. */
    static byte[] be(long v, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        return (size == Short.BYTES ? b.putShort((short) v) : b.putLong(v)).array();
    }

    /** Writes a u32 attribute when the message held it ({@code recorded}) or the record has it (not -1). */
    static void putU32(NlWriter w, int type, long value, boolean recorded) {
        if (recorded || value != -1) {
            w.attrU32(type, (int) value);
        }
    }
}
