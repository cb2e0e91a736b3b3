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

    public NlWriter(int capacity) {
        buf = ByteBuffer.allocateDirect(Math.max(capacity, 64)).order(ByteOrder.nativeOrder());
    }

    public NlWriter() {
        this(4096);
    }

    /** Starts a message: writes an nlmsghdr with length 0, to be patched by {@link #endMessage()}. */
    public NlWriter beginMessage(int type, int flags, int seq) {
        if (messageStart >= 0) {
            throw new IllegalStateException("previous message not ended");
        }
        ensure(NLMSG_HDRLEN);
        messageStart = buf.position();
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return this;
    }

    /** Ends the current message: patches nlmsg_len and pads to 4 bytes. */
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

    /** Number of messages ended so far. */
    public int messageCount() {
        return messages;
    }

    /** Bytes written so far. */
    public int size() {
        return buf.position();
    }

    /** Forgets everything written; the buffer is kept for reuse. */
    public NlWriter clear() {
        buf.clear();
        messageStart = -1;
        messages = 0;
        return this;
    }

    /** The bytes written, as a read-only view from 0 to {@link #size()}. */
    public ByteBuffer bytes() {
        if (messageStart >= 0) {
            throw new IllegalStateException("message not ended");
        }
        ByteBuffer view = buf.duplicate().order(ByteOrder.nativeOrder());
        view.flip();
        return view;
    }

    // --- raw fields of fixed headers (ifinfomsg, rtmsg ...) ---

    public NlWriter u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    public NlWriter u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    public NlWriter u32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    public NlWriter raw(byte[] bytes) {
        ensure(bytes.length);
        buf.put(bytes);
        return this;
    }

    // --- attributes ---

    /** An attribute with no payload (a flag). */
    public NlWriter attr(int type) {
        return attr(type, new byte[0]);
    }

    public NlWriter attr(int type, byte[] value) {
        header(type, NLA_HDRLEN + value.length);
        buf.put(value);
        pad();
        return this;
    }

    public NlWriter attrU8(int type, int v) {
        header(type, NLA_HDRLEN + 1);
        buf.put((byte) v);
        pad();
        return this;
    }

    public NlWriter attrU16(int type, int v) {
        header(type, NLA_HDRLEN + 2);
        buf.putShort((short) v);
        pad();
        return this;
    }

    public NlWriter attrU32(int type, int v) {
        header(type, NLA_HDRLEN + 4);
        buf.putInt(v);
        return this;
    }

    public NlWriter attrU64(int type, long v) {
        header(type, NLA_HDRLEN + 8);
        buf.putLong(v);
        return this;
    }

    /** A NUL-terminated UTF-8 string attribute. */
    public NlWriter attrString(int type, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        header(type, NLA_HDRLEN + b.length + 1);
        buf.put(b).put((byte) 0);
        pad();
        return this;
    }

    /** Opens a nested attribute (NLA_F_NESTED set); returns the token for {@link #endNested(int)}. */
    public int beginNested(int type) {
        int start = buf.position();
        header(type | NLA_F_NESTED, NLA_HDRLEN);
        return start;
    }

    /** Opens a nested attribute without NLA_F_NESTED, as iproute2 writes IFLA_LINKINFO and friends. */
    public int beginNestedPlain(int type) {
        int start = buf.position();
        header(type, NLA_HDRLEN);
        return start;
    }

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
