package dev.jnetns.netlink;

import static dev.jnetns.uapi.LinuxNetlink.NLA_HDRLEN;
import static dev.jnetns.uapi.LinuxNetlink.NLA_TYPE_MASK;
import static dev.jnetns.uapi.LinuxNetlink.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Walks the attributes of one region of a buffer in order, straight from the buffer: no object
 * per attribute. {@link #next()} moves to the next attribute; the value readers check the value's
 * length and throw {@link NlDecodeException} (naming where) instead of reading past it.
 */
public final class NlReader {
    private final ByteBuffer buf;
    private final int end;
    private final String path;
    private int next;
    private int at = -1;   // offset of the current attribute's header
    private int len;       // its nla_len

    /** A reader of the attributes between {@code start} and {@code end} of {@code buf}. */
    public NlReader(ByteBuffer buf, int start, int end, String path) {
        this.buf = buf.order() == ByteOrder.nativeOrder() ? buf : buf.duplicate().order(ByteOrder.nativeOrder());
        this.next = start;
        this.end = end;
        this.path = path;
    }

    /** A reader of the attributes of message {@code m} after its fixed header of {@code headerSize} bytes. */
    public static NlReader of(NlMessage m, int headerSize, String path) {
        int start = m.payloadOffset() + align(headerSize);
        if (m.payloadOffset() + headerSize > m.end()) {
            throw new NlDecodeException(path + ": message of " + (m.end() - m.payloadOffset())
                    + " payload bytes, the header needs " + headerSize);
        }
        return new NlReader(m.buffer(), Math.min(start, m.end()), m.end(), path);
    }

    /**
     * Moves to the next attribute; false when there is none. Trailing bytes too short for an
     * attribute header are ignored, as the kernel's nla_for_each_attr does.
     *
     * @throws NlDecodeException when an attribute's length runs outside the region or is below 4
     */
    public boolean next() {
        if (next + NLA_HDRLEN > end) {
            at = -1;
            return false;
        }
        int l = Short.toUnsignedInt(buf.getShort(next));
        if (l < NLA_HDRLEN || next + l > end) {
            throw new NlDecodeException(path + ": attribute " + (Short.toUnsignedInt(buf.getShort(next + 2)) & NLA_TYPE_MASK)
                    + " has length " + l + " at offset " + next + ", region ends at " + end);
        }
        at = next;
        len = l;
        next = Math.min(next + align(l), end);
        return true;
    }

    /** The current attribute's type without the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits. */
    public int type() {
        return rawType() & NLA_TYPE_MASK;
    }

    /** The current attribute's type as sent, flag bits included. */
    public int rawType() {
        return Short.toUnsignedInt(buf.getShort(at + 2));
    }

    /** Offset of the current attribute's header in {@link #buffer()}. */
    public int offset() {
        return at;
    }

    /** The current attribute's nla_len (header included, padding excluded). */
    public int length() {
        return len;
    }

    /** Offset of the current attribute's value. */
    public int valueOffset() {
        return at + NLA_HDRLEN;
    }

    /** Length of the current attribute's value. */
    public int valueLength() {
        return len - NLA_HDRLEN;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    /** Where this reader is, for error messages: "RTM_NEWLINK > IFLA_LINKINFO". */
    public String path() {
        return path;
    }

    private int value(int min) {
        if (len - NLA_HDRLEN < min) {
            throw new NlDecodeException(path + ": attribute " + type() + " has " + (len - NLA_HDRLEN)
                    + " value bytes, expected " + min);
        }
        return at + NLA_HDRLEN;
    }

    /** A value that must be exactly {@code size} bytes (a struct or an address of known family). */
    public int exact(int size) {
        if (len - NLA_HDRLEN != size) {
            throw new NlDecodeException(path + ": attribute " + type() + " has " + (len - NLA_HDRLEN)
                    + " value bytes, expected " + size);
        }
        return at + NLA_HDRLEN;
    }

    public int u8() {
        return Byte.toUnsignedInt(buf.get(value(1)));
    }

    public int u16() {
        return Short.toUnsignedInt(buf.getShort(value(2)));
    }

    /** A u16 in network byte order (a port), as a host number. */
    public int be16() {
        return Short.toUnsignedInt(Short.reverseBytes(buf.getShort(value(2))));
    }

    /** A u32 as a Java int (see {@link #u32L()} for the full range). */
    public int u32() {
        return buf.getInt(value(4));
    }

    /** A u32 as a non-negative long. */
    public long u32L() {
        return Integer.toUnsignedLong(buf.getInt(value(4)));
    }

    /** A u32 in network byte order, as a non-negative long. */
    public long be32() {
        return Integer.toUnsignedLong(Integer.reverseBytes(buf.getInt(value(4))));
    }

    public long u64() {
        return buf.getLong(value(8));
    }

    /** A string value, without its trailing NUL (the value may lack one). */
    public String string() {
        int off = value(0);
        int stop = off;
        int limit = off + len - NLA_HDRLEN;
        while (stop < limit && buf.get(stop) != 0) {
            stop++;
        }
        byte[] b = new byte[stop - off];
        buf.get(off, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** True when a string value ends with a NUL (iproute2 sends some kinds without one). */
    public boolean stringTerminated() {
        return len > NLA_HDRLEN && buf.get(at + len - 1) == 0;
    }

    /** The value bytes. */
    public byte[] bytes() {
        byte[] b = new byte[len - NLA_HDRLEN];
        buf.get(at + NLA_HDRLEN, b);
        return b;
    }

    /** The whole attribute as sent: header, value and (up to the region's end) its padding. */
    public byte[] whole() {
        byte[] b = new byte[Math.min(align(len), end - at)];
        buf.get(at, b);
        return b;
    }

    /** A reader of the attributes nested in the current one. */
    public NlReader nested() {
        return new NlReader(buf, at + NLA_HDRLEN, at + len, path + " > " + type());
    }

    /**
     * A reader of the attributes nested in the current one after a fixed header of {@code skip} bytes.
     *
     * @throws NlDecodeException when the attribute is too short for that header
     */
    public NlReader nested(int skip) {
        if (len - NLA_HDRLEN < skip) {   // found by RtnlFuzz: a veth peer shorter than its ifinfomsg
            throw new NlDecodeException(path + " > " + type() + ": " + (len - NLA_HDRLEN) + " value bytes, the header needs " + skip);
        }
        return new NlReader(buf, Math.min(at + NLA_HDRLEN + align(skip), at + len), at + len, path + " > " + type());
    }
}
