package dev.jnetns.netlink;

import dev.jnetns.uapi.LinuxNetlink;
import static dev.jnetns.uapi.LinuxNetlink.NLA_F_NESTED;
import static dev.jnetns.uapi.LinuxNetlink.NLA_HDRLEN;
import static dev.jnetns.uapi.LinuxNetlink.NLMSG_HDRLEN;
import static dev.jnetns.uapi.LinuxNetlink.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes netlink messages into a growable direct buffer in host byte order. Lengths are written by
 * the writer itself: {@link #endMessage()} and {@link #endNested(int)} patch the headers, and every
 * message and attribute is padded to 4 bytes. A writer may hold many messages (a pipelined batch).
 */
public final class NlWriter {
    private ByteBuffer buf;
    private int messageStart = -1;
    private int messages;

    /**
     * A writer with room for {@code capacity} bytes to start with; it grows as needed.
     *
     * @param capacity the initial size of its direct buffer (at least 64 is used)
     */
    public NlWriter(int capacity) {
        buf = ByteBuffer.allocateDirect(Math.max(capacity, 64)).order(ByteOrder.nativeOrder());
    }

    /** A writer with room for one page to start with. */
    public NlWriter() {
        this(4096);
    }

    /**
     * Starts a message: writes an nlmsghdr with length 0, to be patched by {@link #endMessage()}.
     *
     * @param type the message type, e.g. {@code RTM_NEWLINK}
     * @param flags {@code NLM_F_*} flags
     * @param seq the sequence number
     * @return this writer
     * @throws IllegalStateException when the previous message was not ended
     */
    public NlWriter beginMessage(int type, int flags, int seq) {
        if (messageStart >= 0) {
            throw new IllegalStateException("previous message not ended");
        }
        ensure(NLMSG_HDRLEN);
        messageStart = buf.position();
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return this;
    }

    /**
     * Ends the current message: patches nlmsg_len and pads to 4 bytes.
     *
     * @return this writer
     * @throws IllegalStateException when no message was begun
     */
    public NlWriter endMessage() {
        if (messageStart < 0) {
            throw new IllegalStateException("no message begun");
        }
        buf.putInt(messageStart, buf.position() - messageStart);
        pad();
        messageStart = -1;
        messages++;
        return this;
    }

    /**
     * How many messages were ended so far.
     *
     * @return their number
     */
    public int messageCount() {
        return messages;
    }

    /**
     * How much was written so far.
     *
     * @return the number of bytes
     */
    public int size() {
        return buf.position();
    }

    /**
     * Forgets everything written; the buffer is kept for reuse.
     *
     * @return this writer
     */
    public NlWriter clear() {
        buf.clear();
        messageStart = -1;
        messages = 0;
        return this;
    }

    /**
     * The bytes written.
     *
     * @return a view from 0 to {@link #size()}, in host byte order
     * @throws IllegalStateException while a message is not ended
     */
    public ByteBuffer bytes() {
        if (messageStart >= 0) {
            throw new IllegalStateException("message not ended");
        }
        ByteBuffer view = buf.duplicate().order(ByteOrder.nativeOrder());
        view.flip();
        return view;
    }

    // --- raw fields of fixed headers (ifinfomsg, rtmsg ...) ---

    /**
     * A byte of a fixed header.
     *
     * @param v its value (the low 8 bits)
     * @return this writer
     */
    public NlWriter u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    /**
     * A u16 of a fixed header, in host byte order.
     *
     * @param v its value (the low 16 bits)
     * @return this writer
     */
    public NlWriter u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    /**
     * A u32 of a fixed header, in host byte order.
     *
     * @param v its value
     * @return this writer
     */
    public NlWriter u32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    /**
     * Bytes of a fixed header, as they are.
     *
     * @param bytes the bytes
     * @return this writer
     */
    public NlWriter raw(byte[] bytes) {
        ensure(bytes.length);
        buf.put(bytes);
        return this;
    }

    // --- attributes ---

    /**
     * An attribute with no payload (a flag).
     *
     * @param type the attribute type
     * @return this writer
     */
    public NlWriter attr(int type) {
        return attr(type, new byte[0]);
    }

    /**
     * An attribute with a value given as bytes.
     *
     * @param type the attribute type
     * @param value its value, padded here to 4 bytes
     * @return this writer
     */
    public NlWriter attr(int type, byte[] value) {
        header(type, NLA_HDRLEN + value.length);
        buf.put(value);
        pad();
        return this;
    }

    /**
     * A u8 attribute.
     *
     * @param type the attribute type
     * @param v its value
     * @return this writer
     */
    public NlWriter attrU8(int type, int v) {
        header(type, NLA_HDRLEN + 1);
        buf.put((byte) v);
        pad();
        return this;
    }

    /**
     * A u16 (host byte order) attribute.
     *
     * @param type the attribute type
     * @param v its value
     * @return this writer
     */
    public NlWriter attrU16(int type, int v) {
        header(type, NLA_HDRLEN + 2);
        buf.putShort((short) v);
        pad();
        return this;
    }

    /**
     * A u32 (host byte order) attribute.
     *
     * @param type the attribute type
     * @param v its value
     * @return this writer
     */
    public NlWriter attrU32(int type, int v) {
        header(type, NLA_HDRLEN + 4);
        buf.putInt(v);
        return this;
    }

    /**
     * An IPv4 address attribute (four bytes in network order) from an int whose high byte is the
     * address's first octet, without an array per address.
     *
     * @param type the attribute type
     * @param address the address, e.g. {@code 0xc6120001} for 198.18.0.1
     * @return this writer
     */
    public NlWriter attrInet4(int type, int address) {
        header(type, NLA_HDRLEN + 4);
        buf.putInt(buf.order() == ByteOrder.BIG_ENDIAN ? address : Integer.reverseBytes(address));
        return this;
    }

    /**
     * Appends a copy of a whole message written elsewhere, with {@code seq} as its sequence number.
     *
     * @param from holds the message at {@code offset} (its nlmsghdr first, in host byte order)
     * @param offset where it starts
     * @param seq the sequence number the copy carries
     * @return the message's length, padded to 4 bytes (the offset of the next message in {@code from})
     * @throws IllegalStateException while a message is not ended
     */
    public int copyMessage(ByteBuffer from, int offset, int seq) {
        if (messageStart >= 0) {
            throw new IllegalStateException("message not ended");
        }
        int len = align(from.getInt(offset));
        ensure(len);
        int at = buf.position();
        buf.put(at, from, offset, len);
        buf.putInt(at + 8, seq);
        buf.position(at + len);
        messages++;
        return len;
    }

    /**
     * A u64 (host byte order) attribute.
     *
     * @param type the attribute type
     * @param v its value
     * @return this writer
     */
    public NlWriter attrU64(int type, long v) {
        header(type, NLA_HDRLEN + 8);
        buf.putLong(v);
        return this;
    }

    /**
     * A NUL-terminated UTF-8 string attribute.
     *
     * @param type the attribute type
     * @param s its value
     * @return this writer
     */
    public NlWriter attrString(int type, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        header(type, NLA_HDRLEN + b.length + 1);
        buf.put(b).put((byte) 0);
        pad();
        return this;
    }

    /**
     * Opens a nested attribute (NLA_F_NESTED set).
     *
     * @param type the attribute type
     * @return the token for {@link #endNested(int)}
     */
    public int beginNested(int type) {
        int start = buf.position();
        header(type | NLA_F_NESTED, NLA_HDRLEN);
        return start;
    }

    /**
     * Opens a nested attribute without NLA_F_NESTED, as iproute2 writes IFLA_LINKINFO and friends.
     *
     * @param type the attribute type
     * @return the token for {@link #endNested(int)}
     */
    public int beginNestedPlain(int type) {
        int start = buf.position();
        header(type, NLA_HDRLEN);
        return start;
    }

    /**
     * Closes a nested attribute: patches its length.
     *
     * @param token what {@link #beginNested} or {@link #beginNestedPlain} returned
     * @return this writer
     */
    public NlWriter endNested(int token) {
        buf.putShort(token, (short) (buf.position() - token));
        return this;
    }

    private void header(int type, int len) {
        ensure(align(len));
        buf.putShort((short) len).putShort((short) type);
    }

    private void pad() {
        int p = align(buf.position());
        ensure(p - buf.position());
        while (buf.position() < p) {
            buf.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buf.remaining() >= more) {
            return;
        }
        int cap = buf.capacity();
        while (cap - buf.position() < more) {
            cap *= 2;
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect(cap).order(ByteOrder.nativeOrder());
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }
}
