package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ROUTE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_EXT_MASK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTEXT_FILTER_SKIP_STATS;
import static dev.jnetns.uapi.LinuxRtnetlink.RTEXT_FILTER_VF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWLINK;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_PROXY;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNSID;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNSID;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWRULE;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.NamespaceId;
import dev.jnetns.Neighbour;
import dev.jnetns.Netconf;
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
    /** The codecs by the message type they read. */
    private static final Map<Integer, RecordCodec<?>> CODECS = new LinkedHashMap<>();
    /**
     * The dump requests, by what they dump, that make the kernel send every object ip shows, whether
     * a codec reads them yet or not: links as jnetns asks (no counters) and as {@code ip link show}
     * asks (counters included), addresses, routes of every family, neighbours and proxies, rules,
     * nsids, netconf entries.
     */
    private static final Map<String, NlSocket.Request> DUMPS = new LinkedHashMap<>();

    static {
        register(new RecordCodec<>(RTM_NEWLINK, LinkCodec::encode, LinkCodec::decode));
        DUMPS.put("links", (w, seq) -> {
            w.beginMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq);
            LinkCodec.header(w, AF_UNSPEC, 0, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
            w.endMessage();
        });
        DUMPS.put("links with counters", dump(RTM_GETLINK, w -> {
            LinkCodec.header(w, AF_UNSPEC, 0, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
        }));
        register(new RecordCodec<>(RTM_NEWADDR, AddressCodec::encode, AddressCodec::decode));
        register(new RecordCodec<>(RTM_DELADDR, AddressCodec::encode, AddressCodec::decode));
        DUMPS.put("addresses", (w, seq) -> {
            w.beginMessage(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq);
            AddressCodec.header(w, AF_UNSPEC, 0);
            w.endMessage();
        });
        register(new RecordCodec<>(RTM_NEWROUTE, RouteCodec::encode, RouteCodec::decode));
        DUMPS.put("routes", dump(RTM_GETROUTE, w -> RouteCodec.dumpHeader(w, AF_UNSPEC, 0)));
        register(new RecordCodec<>(RTM_NEWNEIGH, NeighbourCodec::encode, NeighbourCodec::decode));
        DUMPS.put("neighbours", dump(RTM_GETNEIGH, w -> NeighbourCodec.encode(Neighbour.of(0, AF_UNSPEC, null, null, 0, 0), w)));
        DUMPS.put("proxy neighbours",
                dump(RTM_GETNEIGH, w -> NeighbourCodec.encode(Neighbour.of(0, AF_UNSPEC, null, null, 0, NTF_PROXY), w)));
        register(new RecordCodec<>(RTM_NEWRULE, RuleCodec::encode, RuleCodec::decode));
        // an empty fib_rule_hdr: AF_UNSPEC dumps the rules of every family
        DUMPS.put("rules", dump(RTM_GETRULE, w -> w.u8(AF_UNSPEC).u8(0).u16(0).u32(0).u32(0)));
        register(new RecordCodec<>(RTM_NEWNSID, NsidCodec::encode, NsidCodec::decode));
        DUMPS.put("nsids", dump(RTM_GETNSID, w -> NsidCodec.encode(
                NamespaceId.request(NamespaceId.ABSENT, NamespaceId.ABSENT, NamespaceId.ABSENT), w)));
        register(new RecordCodec<>(RTM_NEWNETCONF, NetconfCodec::encode, NetconfCodec::decode));
        register(new RecordCodec<>(RTM_GETNETCONF, NetconfCodec::encode, NetconfCodec::decode));   // ip's request
        DUMPS.put("netconf", dump(RTM_GETNETCONF, w -> NetconfCodec.encode(Netconf.request(AF_UNSPEC, Netconf.ABSENT), w)));
    }

    private RoundTrip() {
    }

    /** Registers the codec of its message type. */
    static void register(RecordCodec<?> codec) {
        CODECS.put(codec.type(), codec);
    }

    /** A dump request of {@code type} whose body {@code body} writes. */
    private static NlSocket.Request dump(int type, java.util.function.Consumer<NlWriter> body) {
        return (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_DUMP, seq);
            body.accept(w);
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
        try (NlSocket s = ns.call(() -> NlSocket.open(NETLINK_ROUTE, "round trip"))) {
            List<Captured> out = new ArrayList<>();
            for (Map.Entry<String, NlSocket.Request> e : DUMPS.entrySet()) {
                s.dumpEach("round trip", e.getValue(), RoundTrip::capture, out::add);
            }
            return out;
        }
    }

    /** A message's type and body as received (a decoder for requests whose answers a test checks). */
    static Captured capture(NlMessage m) {
        byte[] body = new byte[m.end() - m.payloadOffset()];
        m.buffer().get(m.payloadOffset(), body);
        return new Captured(m.type(), body);
    }

    /** A codec over its record type, for tests that write records and read them back. */
    public record RecordCodec<T>(int type, BiConsumer<T, NlWriter> encoder, Function<NlMessage, T> decoder) {
        /** {@code record} as a whole message of {@link #type}. */
        public byte[] encode(T record) {
            NlWriter w = new NlWriter();
            w.beginMessage(type, 0, 1);
            encoder.accept(record, w);
            w.endMessage();
            byte[] b = new byte[w.size()];
            w.bytes().get(b);
            return b;
        }

        /** {@code record}, which must be a {@code T}, as a whole message of {@link #type}. */
        @SuppressWarnings("unchecked")
        byte[] encodeAny(Object record) {
            return encode((T) record);
        }

        /** The bytes after the nlmsghdr {@code record} is written as, in hex (as strace prints a request). */
        public String body(T record) {
            byte[] m = encode(record);
            return HexFormat.of().formatHex(m, 16, m.length);
        }

        /** The record of the (first) message in {@code message}. */
        public T decode(byte[] message) {
            List<T> out = new ArrayList<>();
            NlMessage.each(java.nio.ByteBuffer.wrap(message), m -> out.add(decoder.apply(m)));
            return out.get(0);
        }

        /** Asserts that {@code record} is read back as itself and written again as the same bytes. */
        public void assertRoundTrip(T record) {
            byte[] first = encode(record);
            T back = decode(first);
            assertEquals(record, back);
            assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(encode(back)),
                    "written again from what was read");
        }
    }

    /** {@code c} as a whole message again (an nlmsghdr before its body). */
    public static byte[] message(Captured c) {
        NlWriter w = new NlWriter();
        w.beginMessage(c.type(), 0, 1).raw(c.body()).endMessage();
        byte[] b = new byte[w.size()];
        w.bytes().get(b);
        return b;
    }

    /** True when a codec reads messages of {@code type}. */
    public static boolean hasCodec(int type) {
        return CODECS.containsKey(type);
    }

    /** Asserts that {@code c} decodes and encodes back to its bytes; returns false when no codec reads its type. */
    public static boolean check(Captured c) {
        Object record = decode(c);
        if (record == null) {
            return false;
        }
        assertEquals(HexFormat.of().formatHex(c.body()), HexFormat.of().formatHex(encode(c.type(), record)),
                "re-encoded " + c);
        return true;
    }

    /** The record {@code c} decodes to with its type's codec; null when no codec reads its type. */
    public static Object decode(Captured c) {
        RecordCodec<?> codec = CODECS.get(c.type());
        return codec == null ? null : codec.decode(message(c));
    }

    /** {@code record} written by the codec of message type {@code type}: the bytes after the nlmsghdr. */
    public static byte[] encode(int type, Object record) {
        byte[] m = CODECS.get(type).encodeAny(record);
        byte[] body = new byte[m.length - 16];
        System.arraycopy(m, 16, body, 0, body.length);
        return body;
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
