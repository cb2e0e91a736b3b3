package dev.jnetns.netlink;

import dev.jnetns.uapi.LinuxNetlink;
import static dev.jnetns.uapi.LinuxNetlink.NLMSG_HDRLEN;

import java.nio.ByteBuffer;

/**
 * One received netlink message: its header fields and where its payload lies in the receive
 * buffer. Valid only while the buffer is not reused, i.e. inside the callback that got it.
 */
public final class NlMessage {
    private final ByteBuffer buf;
    private final int offset;
    private final int length;

    NlMessage(ByteBuffer buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Hands each message of a buffer (from 0 to its limit: one datagram, or a captured message) to
     * {@code sink}.
     *
     * @param buf the buffer, read from 0 to its limit
     * @param sink takes each message
     * @throws NlDecodeException when a message's length runs outside the buffer
     */
    public static void each(ByteBuffer buf, java.util.function.Consumer<NlMessage> sink) {
        ByteBuffer b = buf.order() == java.nio.ByteOrder.nativeOrder() ? buf
                : buf.duplicate().order(java.nio.ByteOrder.nativeOrder());
        int n = b.limit();
        for (int off = 0; off + NLMSG_HDRLEN <= n; ) {
            int len = b.getInt(off);
            if (len < NLMSG_HDRLEN || off + len > n) {
                throw new NlDecodeException("netlink message of length " + len + " at offset " + off
                        + " in " + n + " bytes");
            }
            sink.accept(new NlMessage(b, off, len));
            off += LinuxNetlink.align(len);
        }
    }

    /**
     * The message type ({@code nlmsg_type}).
     *
     * @return e.g. {@code RTM_NEWLINK} or {@code NLMSG_ERROR}
     */
    public int type() {
        return Short.toUnsignedInt(buf.getShort(offset + 4));
    }

    /**
     * The message flags ({@code nlmsg_flags}).
     *
     * @return {@code NLM_F_*} bits
     */
    public int flags() {
        return Short.toUnsignedInt(buf.getShort(offset + 6));
    }

    /**
     * The sequence number ({@code nlmsg_seq}).
     *
     * @return the number of the request this answers
     */
    public int seq() {
        return buf.getInt(offset + 8);
    }

    /**
     * The buffer the message lies in (shared with the other messages of the same read).
     *
     * @return the buffer; read it at {@link #payloadOffset()} up to {@link #end()}
     */
    public ByteBuffer buffer() {
        return buf;
    }

    /**
     * Where the payload starts.
     *
     * @return the offset of the payload (after the nlmsghdr) in {@link #buffer()}
     */
    public int payloadOffset() {
        return offset + NLMSG_HDRLEN;
    }

    /**
     * Where the message ends.
     *
     * @return the offset just past the message's end in {@link #buffer()}
     */
    public int end() {
        return offset + length;
    }

    /**
     * The whole message as it came, header included: what {@code ip route|addr|rule save} write.
     *
     * @return a copy of its {@code nlmsg_len} bytes
     */
    public byte[] bytes() {
        byte[] out = new byte[length];
        buf.get(offset, out);
        return out;
    }

    /**
     * The attributes that follow the payload's fixed header.
     *
     * @param headerSize the fixed header's size in bytes (aligned here)
     * @param path what the message is, for decode errors, e.g. {@code "RTM_NEWLINK"}
     * @return the attributes
     * @throws NlDecodeException when the payload is shorter than the header
     */
    public NlAttrs attrs(int headerSize, String path) {
        if (end() - payloadOffset() < headerSize) {   // found by RtnlFuzz: decoders read the header next
            throw new NlDecodeException(path + ": message of " + (end() - payloadOffset())
                    + " payload bytes, the header needs " + headerSize);
        }
        return NlAttrs.parse(buf, payloadOffset() + LinuxNetlink.align(headerSize), end(), path);
    }
}
