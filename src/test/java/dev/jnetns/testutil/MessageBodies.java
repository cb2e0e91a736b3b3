package dev.jnetns.testutil;

import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.function.Consumer;

/** The bytes a codec writes after the nlmsghdr, in hex, to compare with what ip sends. */
public final class MessageBodies {
    private MessageBodies() {
    }

    /** The body {@code encode} writes into a message of {@code type} with {@code flags}, in hex. */
    public static String hex(int type, int flags, Consumer<NlWriter> encode) {
        NlWriter w = new NlWriter();
        w.beginMessage(type, flags, 1);
        encode.accept(w);
        w.endMessage();
        ByteBuffer b = w.bytes();
        byte[] body = new byte[b.remaining() - 16];
        b.get(16, body);
        return HexFormat.of().formatHex(body);
    }
}
