package dev.jnetns;

import dev.jnetns.netlink.NlMessage;
import dev.jnetns.rtnl.AddressCodec;
import dev.jnetns.rtnl.RouteCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;

/**
 * A record of a dump with its message as the kernel sent it (header included): what
 * {@code ip route|addr|rule save} write to their files, after a 4-byte magic, and what
 * {@code restore} sends back ({@link Rtnl#restore}).
 *
 * @param <T> the record's type
 * @param value the record, decoded
 * @param message the message's bytes, {@code nlmsg_len} of them
 */
public record Saved<T>(T value, byte[] message) {
    /**
     * {@return a saved message's {@code nlmsg_type}}
     *
     * @param message a whole message, its header first (host byte order)
     */
    public static int type(byte[] message) {
        return Short.toUnsignedInt(buffer(message).getShort(4));
    }

    /**
     * {@return the route a saved message holds} As {@code ip route showdump} reads it.
     *
     * @param message an RTM_NEWROUTE message, as {@link Routes#forEachSaved} gave it
     * @throws dev.jnetns.netlink.NlDecodeException when it does not decode
     */
    public static Route route(byte[] message) {
        return decode(message, RouteCodec::decode);
    }

    /**
     * {@return the address a saved message holds} As {@code ip addr showdump} reads it.
     *
     * @param message an RTM_NEWADDR message, as {@link Addresses#listSaved} gave it
     * @throws dev.jnetns.netlink.NlDecodeException when it does not decode
     */
    public static Address address(byte[] message) {
        return decode(message, AddressCodec::decode);
    }

    private static <T> T decode(byte[] message, Function<NlMessage, T> decoder) {
        Object[] out = new Object[1];
        NlMessage.each(buffer(message), m -> out[0] = decoder.apply(m));
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    private static ByteBuffer buffer(byte[] message) {
        return ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
    }
}
