package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxNetlink.NLA_TYPE_MASK;
import static dev.jnetns.uapi.LinuxNetlink.align;

import dev.jnetns.RawAttributes;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The lossless part of every codec. While a codec decodes, a layout records the type of each
 * attribute in the order it came and copies the ones the codec does not model; when a codec
 * encodes, {@link #write} puts its modelled attributes and the copied ones back in that order,
 * so that a record read from the kernel is written back byte for byte. The strings a codec reads
 * through {@link #string} keep whether they ended with a NUL, for {@link #putString}.
 */
final class Layout {
    private byte[] header;
    private short[] order = new short[16];
    private int count;
    private byte[] raw;
    private int rawLength;
    private short[] unterminated;
    private int unterminatedCount;

    /** Keeps the fixed header of {@code size} bytes at {@code offset} as sent. */
    Layout header(ByteBuffer buf, int offset, int size) {
        header = new byte[size];
        buf.get(offset, header);
        return this;
    }

    /** The current attribute of {@code r} is one the codec modelled. */
    void known(NlReader r) {
        add(r.rawType());
    }

    /**
     * The current attribute of {@code r} as a string, noting when it came without a trailing NUL
     * (iproute2 sends some so, the kernel never does).
     */
    String string(NlReader r) {
        if (!r.stringTerminated()) {
            if (unterminated == null) {
                unterminated = new short[2];
            } else if (unterminatedCount == unterminated.length) {
                unterminated = Arrays.copyOf(unterminated, unterminatedCount * 2);
            }
            unterminated[unterminatedCount++] = (short) r.type();
        }
        return r.string();
    }

    /** The current attribute of {@code r} is not modelled: it is kept as sent. */
    void unknown(NlReader r) {
        add(r.rawType());
        int len = r.length();
        int need = rawLength + align(len);
        if (raw == null || need > raw.length) {
            raw = Arrays.copyOf(raw == null ? new byte[0] : raw, Math.max(need, 64));
        }
        r.buffer().get(r.offset(), raw, rawLength, len);
        Arrays.fill(raw, rawLength + len, need, (byte) 0);
        rawLength = need;
    }

    private void add(int rawType) {
        if (count == order.length) {
            order = Arrays.copyOf(order, count * 2);
        }
        order[count++] = (short) rawType;
    }

    /** What was recorded, for the record's {@code raw} component. */
    RawAttributes done() {
        return RawAttributes.of(header, Arrays.copyOf(order, count),
                raw == null ? new byte[0] : Arrays.copyOf(raw, rawLength),
                unterminated == null ? null : Arrays.copyOf(unterminated, unterminatedCount));
    }

    /**
     * Writes string attribute {@code type} unless {@code s} is null: ending with a NUL when the
     * message the record came from had one there ({@link #string}), or for a record built by hand,
     * when {@code ipTerminates} (whether {@code ip} ends this attribute with a NUL).
     */
    static void putString(NlWriter w, RawAttributes raw, int type, String s, boolean ipTerminates) {
        if (s == null) {
            return;
        }
        if (raw.terminated(type, ipTerminates)) {
            w.attrString(type, s);
        } else {
            w.attr(type, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * In a canonical order, where a record built by hand writes its unmodelled attributes (else they
     * follow the modelled ones): ip adds some attributes as it reads their words and others after.
     */
    static final int UNMODELLED = -1;

    /** Writes the modelled attribute of one type, if the record holds it. */
    @FunctionalInterface
    interface Field {
        /**
         * Writes the attribute(s) of {@code type} the record holds.
         *
         * @param recorded true when the message the record came from held {@code type} (write it),
         *     false when the record has no recorded order (write it when the record holds it and
         *     {@code ip} would send it)
         * @return false when the codec does not model {@code type}
         */
        boolean write(NlWriter w, int type, boolean recorded);
    }

    /**
     * Writes a record's attributes. A record read from a message is written in the order recorded
     * in {@code raw}: modelled attributes through {@code field}, unmodelled ones copied in place.
     * A record built by hand (or changed, see {@link RawAttributes#withoutLayout()}) is written in
     * {@code canonical} order ({@code ip}'s for requests), its unmodelled attributes where the order
     * holds {@link #UNMODELLED}, else after the others.
     */
    static void write(NlWriter w, RawAttributes raw, int[] canonical, Field field) {
        ByteBuffer tlvs = ByteBuffer.wrap(raw.bytes()).order(ByteOrder.nativeOrder());
        int pos = 0;
        if (raw.orderLength() > 0) {
            BitSet written = new BitSet();
            for (int i = 0; i < raw.orderLength(); i++) {
                int type = raw.orderAt(i) & NLA_TYPE_MASK;
                if (written.get(type)) {
                    continue;
                }
                if (field.write(w, type, true)) {
                    written.set(type);
                } else if (pos < tlvs.capacity()) {
                    pos = copy(w, tlvs, pos);
                }
            }
        } else {
            for (int type : canonical) {
                if (type == UNMODELLED) {
                    while (pos < tlvs.capacity()) {
                        pos = copy(w, tlvs, pos);
                    }
                } else {
                    field.write(w, type, false);
                }
            }
        }
        while (pos < tlvs.capacity()) {
            pos = copy(w, tlvs, pos);
        }
    }

    /** Copies the attribute at {@code pos} of {@code tlvs}; returns the offset of the next one. */
    private static int copy(NlWriter w, ByteBuffer tlvs, int pos) {
        int next = pos + align(Short.toUnsignedInt(tlvs.getShort(pos)));
        w.raw(Arrays.copyOfRange(tlvs.array(), pos, next));
        return next;
    }
}
