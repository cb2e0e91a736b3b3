package dev.jnetns.netlink;

import dev.jnetns.uapi.LinuxNetlink;
import static dev.jnetns.uapi.LinuxNetlink.NLA_HDRLEN;
import static dev.jnetns.uapi.LinuxNetlink.NLA_TYPE_MASK;
import static dev.jnetns.uapi.LinuxNetlink.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attributes of one message or nested attribute, read from a buffer. Values are copied out
 * when asked for, so the buffer may be reused once decoding is done. Lookup by type returns the
 * last attribute of that type; {@link #count()}, {@link #type(int)} and friends walk them in order.
 */
public final class NlAttrs {
    private static final int[] NONE = new int[0];

    private final ByteBuffer buf;
    private final String path;
    private int[] offsets = NONE;   // value offset of each attribute
    private int[] lengths = NONE;   // value length
    private int[] types = NONE;     // type without NLA_F_* bits
    private int count;
    private int[] byType = NONE;    // index + 1 of the last attribute of a type, 0 = absent

    private NlAttrs(ByteBuffer buf, String path) {
        this.buf = buf;
        this.path = path;
    }

    /**
     * Parses the attributes between {@code start} and {@code end} of {@code buf} (host byte order).
     *
     * @param path where these attributes sit, for error messages ("RTM_NEWLINK > IFLA_LINKINFO")
     * @throws NlDecodeException when an attribute's length runs outside the region
     */
    public static NlAttrs parse(ByteBuffer buf, int start, int end, String path) {
        NlAttrs a = new NlAttrs(buf.order() == ByteOrder.nativeOrder() ? buf
                : buf.duplicate().order(ByteOrder.nativeOrder()), path);
        int pos = start;
        while (pos + NLA_HDRLEN <= end) {
            int len = Short.toUnsignedInt(a.buf.getShort(pos));
            int type = Short.toUnsignedInt(a.buf.getShort(pos + 2)) & NLA_TYPE_MASK;
            if (len < NLA_HDRLEN || pos + len > end) {
                throw new NlDecodeException(path + ": attribute " + type + " has length " + len
                        + " at offset " + pos + ", region ends at " + end);
            }
            a.add(type, pos + NLA_HDRLEN, len - NLA_HDRLEN);
            pos += align(len);
        }
        return a;
    }

    private void add(int type, int offset, int length) {
        if (count == offsets.length) {
            int n = Math.max(8, count * 2);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            types = Arrays.copyOf(types, n);
        }
        offsets[count] = offset;
        lengths[count] = length;
        types[count] = type;
        count++;
        if (type >= byType.length) {
            byType = Arrays.copyOf(byType, Math.max(type + 1, byType.length * 2));
        }
        byType[type] = count;
    }

    /** Number of attributes, in order of appearance. */
    public int count() {
        return count;
    }

    /** Type of the i-th attribute. */
    public int type(int i) {
        return types[i];
    }

    /** The i-th attribute's nested attributes. */
    public NlAttrs nestedAt(int i) {
        return parse(buf, offsets[i], offsets[i] + lengths[i], path + " > " + types[i]);
    }

    /** The i-th attribute's value as a u32. */
    public int u32At(int i) {
        checkLength(i, 4);
        return buf.getInt(offsets[i]);
    }

    /** The i-th attribute's value bytes. */
    public byte[] bytesAt(int i) {
        byte[] b = new byte[lengths[i]];
        buf.get(offsets[i], b);
        return b;
    }

    public boolean has(int type) {
        return index(type) >= 0;
    }

    private int index(int type) {
        return type < byType.length ? byType[type] - 1 : -1;
    }

    private int require(int type) {
        int i = index(type);
        if (i < 0) {
            throw new NlDecodeException(path + ": attribute " + type + " is missing");
        }
        return i;
    }

    private void checkLength(int i, int min) {
        if (lengths[i] < min) {
            throw new NlDecodeException(path + ": attribute " + types[i] + " has " + lengths[i]
                    + " value bytes, expected " + min);
        }
    }

    public int u8(int type) {
        int i = require(type);
        checkLength(i, 1);
        return Byte.toUnsignedInt(buf.get(offsets[i]));
    }

    public int u16(int type) {
        int i = require(type);
        checkLength(i, 2);
        return Short.toUnsignedInt(buf.getShort(offsets[i]));
    }

    /** A u32 (as a Java int; use {@link Integer#toUnsignedLong} where the full range matters). */
    public int u32(int type) {
        return u32At(require(type));
    }

    public long u64(int type) {
        int i = require(type);
        checkLength(i, 8);
        return buf.getLong(offsets[i]);
    }

    /** The u32 of {@code type}, or {@code otherwise} when absent. */
    public int u32(int type, int otherwise) {
        return has(type) ? u32(type) : otherwise;
    }

    /** A string attribute, without its trailing NUL (if any). */
    public String string(int type) {
        int i = require(type);
        int len = lengths[i];
        int off = offsets[i];
        int end = off;
        while (end < off + len && buf.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - off];
        buf.get(off, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The string of {@code type}, or null when absent. */
    public String stringOrNull(int type) {
        return has(type) ? string(type) : null;
    }

    public byte[] bytes(int type) {
        return bytesAt(require(type));
    }

    /** The bytes of {@code type}, or null when absent. */
    public byte[] bytesOrNull(int type) {
        return has(type) ? bytes(type) : null;
    }

    public NlAttrs nested(int type) {
        return nestedAt(require(type));
    }

    /** The nested attributes of {@code type}, or null when absent. */
    public NlAttrs nestedOrNull(int type) {
        return has(type) ? nested(type) : null;
    }

    /** Offset in the buffer of the value of {@code type} (for fixed headers inside an attribute). */
    public int valueOffset(int type) {
        return offsets[require(type)];
    }

    /** Length of the value of {@code type}. */
    public int valueLength(int type) {
        return lengths[require(type)];
    }

    /** The buffer these attributes were read from. */
    public ByteBuffer buffer() {
        return buf;
    }
}
