package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxIfLink.IFLA_EXT_MASK;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_PROXY;
import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ROUTE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxRtnetlink.RTEXT_FILTER_SKIP_STATS;
import static dev.jnetns.uapi.LinuxRtnetlink.RTEXT_FILTER_VF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNSID;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWLINK;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.Netns;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Decode, then encode: every message the kernel sends for a namespace's objects must come back
 * byte for byte (unmodelled attributes included). Used by the codec tests, the conformance run and
 * the golden files.
 */
public final class RoundTrip {
    /** A codec as registered here: a message's body read into its record, and the record written back. */
    public record Codec<T>(Function<NlMessage, T> decode, BiConsumer<T, NlWriter> encode) {
        void reencode(NlMessage m, NlWriter w) {
            encode.accept(decode.apply(m), w);
        }

        @SuppressWarnings("unchecked")
        void encodeAny(Object record, NlWriter w) {
            encode.accept((T) record, w);
        }
    }

    /** The codecs by the message type they read. A codec registers itself here with its decode and encode. */
    private static final Map<Integer, Codec<?>> CODECS = new LinkedHashMap<>();

    /**
     * The dumps ip makes to show each object (link with {@code IFLA_EXT_MASK} as {@code ip link}
     * sends it, and without counters as jnetns asks when it prints none; address, route, rule,
     * neighbour, proxy neighbour, nsid), all families, whether a codec reads their answers yet or not.
     */
    private static final List<NlSocket.Request> DUMPS = List.of(
            dump(RTM_GETLINK, w -> {
                LinkCodec.header(w, AF_UNSPEC, 0, 0, 0);
                w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
            }),
            dump(RTM_GETLINK, w -> {
                LinkCodec.header(w, AF_UNSPEC, 0, 0, 0);
                w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
            }),
            dump(RTM_GETADDR, w -> AddressCodec.header(w, AF_UNSPEC, 0)),
            dump(RTM_GETROUTE, w -> w.raw(new byte[12])),
            dump(RTM_GETRULE, w -> w.raw(new byte[12])),
            dump(RTM_GETNEIGH, w -> w.raw(new byte[12])),
            dump(RTM_GETNEIGH, w -> w.raw(new byte[8]).u16(0).u8(NTF_PROXY).u8(0)),
            dump(RTM_GETNSID, w -> w.raw(new byte[4])));

    static {
        register(RTM_NEWLINK, LinkCodec::decode, LinkCodec::encode);
        register(RTM_NEWADDR, AddressCodec::decode, AddressCodec::encode);
        register(RTM_DELADDR, AddressCodec::decode, AddressCodec::encode);
    }

    private RoundTrip() {
    }

    /** Registers the codec of message type {@code type}. */
    static <T> void register(int type, Function<NlMessage, T> decode, BiConsumer<T, NlWriter> encode) {
        CODECS.put(type, new Codec<>(decode, encode));
    }

    private static NlSocket.Request dump(int type, java.util.function.Consumer<NlWriter> header) {
        return (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_DUMP, seq);
            header.accept(w);
            w.endMessage();
        };
    }

    /** A message as received: its type and its bytes after the nlmsghdr. */
    public record Captured(int type, byte[] body) {
        @Override
        public String toString() {
            return typeName(type) + ": " + HexFormat.of().formatHex(body);
        }
    }

    /** Every object message the kernel sends for {@code ns}, one dump per object kind. */
    public static List<Captured> capture(Netns ns) throws Exception {
        try (NlSocket s = ns.call(() -> NlSocket.open(NETLINK_ROUTE))) {
            List<Captured> out = new ArrayList<>();
            for (NlSocket.Request dump : DUMPS) {
                s.dumpEach("round trip", dump, RoundTrip::capture, out::add);
            }
            return out;
        }
    }

    private static Captured capture(NlMessage m) {
        byte[] body = new byte[m.end() - m.payloadOffset()];
        m.buffer().get(m.payloadOffset(), body);
        return new Captured(m.type(), body);
    }

    /** True when a codec reads messages of {@code type}. */
    public static boolean hasCodec(int type) {
        return CODECS.containsKey(type);
    }

    /** Asserts that {@code c} decodes and encodes back to its bytes; returns false when no codec reads its type. */
    public static boolean check(Captured c) {
        Codec<?> codec = CODECS.get(c.type());
        if (codec == null) {
            return false;
        }
        NlWriter out = new NlWriter();
        out.beginMessage(c.type(), 0, 1);
        codec.reencode(message(c), out);
        out.endMessage();
        assertEquals(HexFormat.of().formatHex(c.body()), HexFormat.of().formatHex(body(out)), "re-encoded " + c);
        return true;
    }

    /** The record {@code c} decodes to with its type's codec; null when no codec reads its type. */
    public static Object decode(Captured c) {
        Codec<?> codec = CODECS.get(c.type());
        return codec == null ? null : codec.decode().apply(message(c));
    }

    /** {@code record} written by the codec of message type {@code type}: the bytes after the nlmsghdr. */
    public static byte[] encode(int type, Object record) {
        NlWriter out = new NlWriter();
        out.beginMessage(type, 0, 1);
        CODECS.get(type).encodeAny(record, out);
        out.endMessage();
        return body(out);
    }

    private static NlMessage message(Captured c) {
        NlWriter in = new NlWriter();
        in.beginMessage(c.type(), 0, 1).raw(c.body()).endMessage();
        NlMessage[] m = new NlMessage[1];
        NlMessage.each(in.bytes(), x -> m[0] = x);
        return m[0];
    }

    private static byte[] body(NlWriter w) {
        byte[] got = new byte[w.size() - 16];
        w.bytes().get(16, got);
        return got;
    }

    /** Captures {@code ns} and checks every message; returns how many were checked. */
    public static int checkNamespace(Netns ns) throws Exception {
        int n = 0;
        for (Captured c : capture(ns)) {
            if (check(c)) {
                n++;
            }
        }
        return n;
    }

    /** The name of an rtnetlink message type ({@code RTM_NEWLINK}), from {@link LinuxRtnetlink}. */
    public static String typeName(int type) {
        for (Field f : LinuxRtnetlink.class.getFields()) {
            try {
                if (f.getName().startsWith("RTM_") && Modifier.isStatic(f.getModifiers()) && f.getType() == int.class
                        && f.getInt(null) == type) {
                    return f.getName();
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return "type " + type;
    }

    /** The message type called {@code name} ({@code RTM_NEWLINK}) in {@link LinuxRtnetlink}. */
    public static int typeOf(String name) {
        try {
            return LinuxRtnetlink.class.getField(name).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no message type " + name + " in LinuxRtnetlink", e);
        }
    }
}
