package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NLA_F_NESTED;
import static dev.jnetns.uapi.LinuxNetlink.NLA_F_NET_BYTEORDER;
import static dev.jnetns.uapi.LinuxNetlink.NLA_HDRLEN;
import static dev.jnetns.uapi.LinuxNetlink.NLA_TYPE_MASK;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What a record keeps of its kernel message beyond its typed fields, so that writing the record
 * back reproduces the message: the attributes jnetns does not model (a newer kernel's, say), byte
 * for byte with their type flags; the order in which all attributes came; and the fixed header as
 * sent, for the few header bytes that repeat an attribute (the 8-bit table of a route whose
 * {@code RTA_TABLE} holds the real one, an address's low flag bits) or are reserved; and which
 * string attributes came without their trailing NUL (the kernel ends every string with one,
 * {@code ip} sends some without). Records built by hand carry {@link #NONE}: their attributes are
 * written in the order {@code ip} sends them, each string as {@code ip} ends it.
 *
 * <p>Two values are equal when they hold the same unmodelled attributes; the order, the header and
 * the strings' ends are not compared (the record's typed fields hold what they mean).
 */
public final class RawAttributes {
    /** No unmodelled attributes, no recorded order. */
    public static final RawAttributes NONE = new RawAttributes(null, null, new byte[0], null);

    private final byte[] header;
    private final short[] order;
    private final byte[] tlvs;
    private final short[] unterminated;

    private RawAttributes(byte[] header, short[] order, byte[] tlvs, short[] unterminated) {
        this.header = header;
        this.order = order;
        this.tlvs = tlvs;
        this.unterminated = unterminated;
    }

    /**
     * Attributes as a message held them.
     *
     * @param header the message's fixed header as sent (ifinfomsg, rtmsg ...), or null
     * @param order the type (flag bits included) of every attribute of the message in the order it
     *     came, or null for none recorded
     * @param tlvs the unmodelled attributes as sent (headers, values and padding), in order
     * @return the attributes
     */
    public static RawAttributes of(byte[] header, short[] order, byte[] tlvs) {
        return of(header, order, tlvs, null);
    }

    /**
     * Attributes as a message held them, with the string attributes that came without a trailing NUL.
     *
     * @param unterminated the types (flag bits cleared) of the modelled string attributes that came
     *     without a trailing NUL, or null for none; read only when {@code order} is recorded
     * @param header the message's fixed header as sent, or null
     * @param order the type (flag bits included) of every attribute in the order it came, or null
     * @param tlvs the unmodelled attributes as sent, in order
     * @return the attributes
     * @see #of(byte[], short[], byte[])
     */
    public static RawAttributes of(byte[] header, short[] order, byte[] tlvs, short[] unterminated) {
        if (header == null && order == null && tlvs.length == 0) {
            return NONE;
        }
        return new RawAttributes(header == null ? null : header.clone(), order == null ? null : order.clone(),
                tlvs.clone(), order == null || unterminated == null || unterminated.length == 0 ? null
                        : unterminated.clone());
    }

    /**
     * {@return the unmodelled attributes without the recorded header and order: what a record keeps when a
     * field of it was changed, so that it is written afresh in {@code ip}'s order}
     */
    public RawAttributes withoutLayout() {
        return tlvs.length == 0 ? NONE : new RawAttributes(null, null, tlvs, null);
    }

    /**
     * {@return these attributes without the unmodelled ones of the given types (and without their places in the order)}
     *
     * @param types the attribute types to drop (flag bits cleared)
     */
    public RawAttributes without(int... types) {
        ByteBuffer b = ByteBuffer.wrap(tlvs).order(ByteOrder.nativeOrder());
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream(tlvs.length);
        java.util.Set<Integer> dropped = new java.util.HashSet<>();
        for (int pos = 0; pos + NLA_HDRLEN <= tlvs.length; ) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            int next = Math.min(tlvs.length, pos + ((len + 3) & ~3));
            int type = Short.toUnsignedInt(b.getShort(pos + 2)) & NLA_TYPE_MASK;
            if (Arrays.stream(types).anyMatch(t -> t == type)) {
                dropped.add(type);
            } else {
                kept.write(tlvs, pos, next - pos);
            }
            pos = next;
        }
        if (dropped.isEmpty()) {
            return this;
        }
        short[] o = null;
        if (order != null) {
            int n = 0;
            short[] keep = new short[order.length];
            for (short t : order) {
                if (!dropped.contains(t & NLA_TYPE_MASK)) {
                    keep[n++] = t;
                }
            }
            o = Arrays.copyOf(keep, n);
        }
        return of(header, o, kept.toByteArray(), unterminated);
    }

    /**
     * {@return byte {@code i} of the fixed header as sent, or {@code otherwise} when none was recorded}
     *
     * @param i the byte's offset in the header
     * @param otherwise what to answer when nothing was recorded
     */
    public int headerByte(int i, int otherwise) {
        return header != null && i < header.length ? Byte.toUnsignedInt(header[i]) : otherwise;
    }

    /**
     * {@return whether the modelled string attribute {@code type} is written with a trailing NUL: as it came
     * when the record was read from a message (an order is recorded), else {@code otherwise} (the
     * codec's choice for a record built by hand: what {@code ip} sends)}
     *
     * @param type the attribute type (flag bits cleared)
     * @param otherwise what to answer when nothing was recorded
     */
    public boolean terminated(int type, boolean otherwise) {
        if (order == null) {
            return otherwise;
        }
        if (unterminated != null) {
            for (short t : unterminated) {
                if (t == type) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * One attribute jnetns does not model.
     *
     * @param type the attribute type, flag bits cleared
     * @param nested whether NLA_F_NESTED was set
     * @param netByteOrder whether NLA_F_NET_BYTEORDER was set
     * @param value the payload, without header or padding
     */
    public record Attribute(int type, boolean nested, boolean netByteOrder, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Attribute a && a.type == type && a.nested == nested
                    && a.netByteOrder == netByteOrder && Arrays.equals(a.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return type + (nested ? "(nested)" : "") + "=" + HexFormat.of().formatHex(value);
        }
    }

    /** {@return true when nothing unmodelled was kept} */
    public boolean isEmpty() {
        return tlvs.length == 0;
    }

    /** {@return the unmodelled attributes, in the order they came} */
    public List<Attribute> list() {
        List<Attribute> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(tlvs).order(ByteOrder.nativeOrder());
        for (int pos = 0; pos + NLA_HDRLEN <= tlvs.length; ) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            int type = Short.toUnsignedInt(b.getShort(pos + 2));
            out.add(new Attribute(type & NLA_TYPE_MASK, (type & NLA_F_NESTED) != 0, (type & NLA_F_NET_BYTEORDER) != 0,
                    Arrays.copyOfRange(tlvs, pos + NLA_HDRLEN, pos + len)));
            pos += (len + 3) & ~3;
        }
        return out;
    }

    /** {@return the unmodelled attributes as sent, headers and padding included (a copy)} */
    public byte[] bytes() {
        return tlvs.clone();
    }

    /** {@return how many attribute types {@link #order()} holds, 0 when no order was recorded} */
    public int orderLength() {
        return order == null ? 0 : order.length;
    }

    /**
     * {@return the type, flag bits included, of the {@code i}-th attribute of the message as it came}
     *
     * @param i the attribute's place in the order, from 0
     */
    public int orderAt(int i) {
        return Short.toUnsignedInt(order[i]);
    }

    /**
     * {@return true when the recorded order holds an attribute of {@code type} (flag bits ignored)}
     *
     * @param type the attribute type (flag bits cleared)
     */
    public boolean recorded(int type) {
        if (order != null) {
            for (short t : order) {
                if ((t & NLA_TYPE_MASK) == type) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@return the types of all attributes in the order they came (flag bits included), or null} */
    public int[] order() {
        if (order == null) {
            return null;
        }
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = Short.toUnsignedInt(order[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawAttributes r && Arrays.equals(r.tlvs, tlvs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tlvs);
    }

    @Override
    public String toString() {
        return list().toString();
    }
}
