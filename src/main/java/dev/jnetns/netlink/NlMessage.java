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

    public int type() {
        return Short.toUnsignedInt(buf.getShort(offset + 4));
    }

    public int flags() {
        return Short.toUnsignedInt(buf.getShort(offset + 6));
    }

    public int seq() {
        return buf.getInt(offset + 8);
    }

    public ByteBuffer buffer() {
        return buf;
    }

    /** Offset of the payload (after the nlmsghdr) in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + NLMSG_HDRLEN;
    }

    /** Offset just past the message's end in {@link #buffer()}. */
    public int end() {
        return offset + length;
    }

    /** The attributes that follow a fixed header of {@code headerSize} bytes (aligned). */
    public NlAttrs attrs(int headerSize, String path) {
        return NlAttrs.parse(buf, payloadOffset() + LinuxNetlink.align(headerSize), end(), path);
    }
}
