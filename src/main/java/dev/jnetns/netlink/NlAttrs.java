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
     * @param buf the buffer holding them
     * @param start the offset of the first attribute
     * @param end the offset just past the last
     * @param path where these attributes sit, for error messages ("RTM_NEWLINK > IFLA_LINKINFO")
     * @return the attributes, in order of appearance, each type also found by {@link #has}
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

    /**
     * How many attributes there are.
     *
     * @return their number; {@link #type(int)} and the other {@code ...At} methods take an index below it
     */
    public int count() {
        return count;
    }

    /**
     * The type of one attribute.
     *
     * @param i its index, in order of appearance
     * @return its type, without the {@code NLA_F_NESTED} and byte-order flags
     */
    public int type(int i) {
        return types[i];
    }

    /**
     * The attributes nested in one attribute.
     *
     * @param i its index
     * @return the nested attributes
     * @throws NlDecodeException when they are malformed
     */
    public NlAttrs nestedAt(int i) {
        return parse(buf, offsets[i], offsets[i] + lengths[i], path + " > " + types[i]);
    }

    /**
     * One attribute's value as a u32.
     *
     * @param i its index
     * @return the value (as a Java int)
     * @throws NlDecodeException when the value is shorter than 4 bytes
     */
    public int u32At(int i) {
        checkLength(i, 4);
        return buf.getInt(offsets[i]);
    }

    /**
     * One attribute's value.
     *
     * @param i its index
     * @return a copy of the value bytes
     */
    public byte[] bytesAt(int i) {
        byte[] b = new byte[lengths[i]];
        buf.get(offsets[i], b);
        return b;
    }

    /**
     * Whether an attribute is present.
     *
     * @param type the attribute type
     * @return true when it is (the last one counts when it repeats)
     */
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

    /**
     * A u8 attribute.
     *
     * @param type the attribute type
     * @return its value
     * @throws NlDecodeException when the attribute is missing or too short
     */
    public int u8(int type) {
        int i = require(type);
        checkLength(i, 1);
        return Byte.toUnsignedInt(buf.get(offsets[i]));
    }

    /**
     * A u16 attribute.
     *
     * @param type the attribute type
     * @return its value
     * @throws NlDecodeException when the attribute is missing or too short
     */
    public int u16(int type) {
        int i = require(type);
        checkLength(i, 2);
        return Short.toUnsignedInt(buf.getShort(offsets[i]));
    }

    /**
     * A u32 attribute.
     *
     * @param type the attribute type
     * @return its value as a Java int (use {@link Integer#toUnsignedLong} where the full range matters)
     * @throws NlDecodeException when the attribute is missing or too short
     */
    public int u32(int type) {
        return u32At(require(type));
    }

    /**
     * A u64 attribute.
     *
     * @param type the attribute type
     * @return its value as a Java long
     * @throws NlDecodeException when the attribute is missing or too short
     */
    public long u64(int type) {
        int i = require(type);
        checkLength(i, 8);
        return buf.getLong(offsets[i]);
    }

    /**
     * A u32 attribute that may be absent.
     *
     * @param type the attribute type
     * @param otherwise the value when it is absent
     * @return its value, or {@code otherwise}
     */
    public int u32(int type, int otherwise) {
        return has(type) ? u32(type) : otherwise;
    }

    /**
     * A string attribute.
     *
     * @param type the attribute type
     * @return its value (UTF-8), without its trailing NUL (if any)
     * @throws NlDecodeException when the attribute is missing
     */
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

    /**
     * A string attribute that may be absent.
     *
     * @param type the attribute type
     * @return its value, or null
     */
    public String stringOrNull(int type) {
        return has(type) ? string(type) : null;
    }

    /**
     * An attribute's value bytes.
     *
     * @param type the attribute type
     * @return a copy of them
     * @throws NlDecodeException when the attribute is missing
     */
    public byte[] bytes(int type) {
        return bytesAt(require(type));
    }

    /**
     * An attribute's value bytes, when it is present.
     *
     * @param type the attribute type
     * @return a copy of them, or null
     */
    public byte[] bytesOrNull(int type) {
        return has(type) ? bytes(type) : null;
    }

    /**
     * The attributes nested in an attribute.
     *
     * @param type the attribute type
     * @return the nested attributes
     * @throws NlDecodeException when the attribute is missing or they are malformed
     */
    public NlAttrs nested(int type) {
        return nestedAt(require(type));
    }

    /**
     * The attributes nested in an attribute that may be absent.
     *
     * @param type the attribute type
     * @return the nested attributes, or null
     */
    public NlAttrs nestedOrNull(int type) {
        return has(type) ? nested(type) : null;
    }

    /**
     * Where an attribute's value lies (for fixed headers inside an attribute).
     *
     * @param type the attribute type
     * @return the offset of its value in {@link #buffer()}
     * @throws NlDecodeException when the attribute is missing
     */
    public int valueOffset(int type) {
        return offsets[require(type)];
    }

    /**
     * How long an attribute's value is.
     *
     * @param type the attribute type
     * @return the value's length in bytes, without padding
     * @throws NlDecodeException when the attribute is missing
     */
    public int valueLength(int type) {
        return lengths[require(type)];
    }

    /**
     * The buffer these attributes were read from.
     *
     * @return the buffer, in host byte order
     */
    public ByteBuffer buffer() {
        return buf;
    }
}
