package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_ETHER;

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

    /** Writes a u8 attribute unless {@code v} is -1 (absent). */
    static void putU8(NlWriter w, int type, int v) {
        if (v >= 0) {
            w.attrU8(type, v);
        }
    }

    /** Writes a u16 attribute unless {@code v} is -1 (absent). */
    static void putU16(NlWriter w, int type, int v) {
        if (v >= 0) {
            w.attrU16(type, v);
        }
    }

    /** Writes a u32 attribute unless {@code v} is -1 (absent). */
    static void putU32(NlWriter w, int type, long v) {
        if (v >= 0) {
            w.attrU32(type, (int) v);
        }
    }

    /**
     * Writes a u64 attribute unless {@code v} is -1 (absent) and the message did not hold it (a u64
     * of all ones reads as -1, and is written back when it came).
     */
    static void putU64(NlWriter w, int type, long v, boolean recorded) {
        if (v != -1 || recorded) {
            w.attrU64(type, v);
        }
    }

    /** Writes a u16 attribute in network byte order (an ethertype) unless {@code v} is -1 (absent). */
    static void putBe16(NlWriter w, int type, int v) {
        if (v >= 0) {
            w.attrU16(type, Short.toUnsignedInt(Short.reverseBytes((short) v)));
        }
    }

    /** A MAC address attribute as the codecs hold it: "aa:bb:cc:dd:ee:ff" (any length, as ip prints it). */
    static String mac(NlReader r) {
        return HardwareAddresses.format(ARPHRD_ETHER, r.bytes());
    }

    /** Writes a MAC address ("aa:bb:...", as {@link #mac} reads it) unless it is null. */
    static void putMac(NlWriter w, int type, String mac) {
        if (mac != null) {
            w.attr(type, HardwareAddresses.parse(ARPHRD_ETHER, mac));
        }
    }

    /** Writes a flag attribute (no value) when {@code on}. */
    static void putFlag(NlWriter w, int type, boolean on) {
        if (on) {
            w.attr(type);
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
