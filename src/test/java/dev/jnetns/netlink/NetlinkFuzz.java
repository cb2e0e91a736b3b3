package dev.jnetns.netlink;

import static dev.jnetns.uapi.LinuxNetlink.NLMSG_HDRLEN;
import static dev.jnetns.uapi.LinuxNetlink.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Fuzz target: a datagram from the kernel as NlSocket reads it (message framing with its length
 * checks) and each message's attributes as decoders read them: nested to any depth, each read as
 * u8/u16/u32/u64/string/bytes. Bad lengths (truncated, oversized, zero, looping) must end in
 * NlDecodeException and nothing else.
 *
 * <p>Codecs are fuzzed the same way by {@link #each}: see {@code dev.jnetns.rtnl.RtnlFuzz}.
 */
public final class NetlinkFuzz {
    private NetlinkFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        each(data, java.util.List.of(NetlinkFuzz::walk));
    }

    /**
     * Splits {@code data} into messages as NlSocket does and hands each to every decoder; a decoder
     * may throw only NlDecodeException.
     */
    public static void each(byte[] data, java.util.List<Consumer<NlMessage>> decoders) {
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(1, data.length)).order(ByteOrder.nativeOrder());
        buf.put(data).clear();
        int n = data.length;
        try {
            for (int off = 0; off + NLMSG_HDRLEN <= n; off += align(buf.getInt(off))) {
                NlMessage m = NlSocket.message(buf, off, n);
                for (Consumer<NlMessage> d : decoders) {
                    try {
                        d.accept(m);
                    } catch (NlDecodeException e) {
                        // typed: the message is malformed
                    }
                }
            }
        } catch (NlDecodeException e) {
            // typed: the framing is malformed
        }
    }

    /** The attributes after a struct header of 16 bytes (ifinfomsg, rtmsg ...), read every way. */
    private static void walk(NlMessage m) {
        if (m.end() - m.payloadOffset() >= 16) {
            read(m.attrs(16, "fuzz"), 0);
        }
    }

    private static void read(NlAttrs a, int depth) {
        for (int i = 0; i < a.count(); i++) {
            int index = i;
            int type = a.type(i);
            a.bytesAt(i);
            a.has(type);
            for (Runnable r : new Runnable[] {() -> a.u8(type), () -> a.u16(type), () -> a.u32(type),
                    () -> a.u64(type), () -> a.string(type), () -> a.u32At(index), () -> a.bytes(type)}) {
                try {
                    r.run();
                } catch (NlDecodeException e) {
                    // typed: too short for that reading
                }
            }
            if (depth < 64) {
                try {
                    read(a.nestedAt(i), depth + 1);
                } catch (NlDecodeException e) {
                    // typed: not nested attributes
                }
            }
        }
    }
}
