package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ROUTE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_EXT_MASK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTEXT_FILTER_SKIP_STATS;
import static dev.jnetns.uapi.LinuxRtnetlink.RTEXT_FILTER_VF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWADDR;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.netlink.NlWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decode, then encode: every message the kernel sends for a namespace's objects must come back
 * byte for byte (unmodelled attributes included).
 */
public final class RoundTrip {
    /** Reads a message's body into its record and writes the record back. */
    @FunctionalInterface
    interface Codec {
        void reencode(NlMessage m, NlWriter w);
    }

    /** The codecs by the message type they read, and the dump request that makes the kernel send them. */
    private static final Map<Integer, Codec> CODECS = new LinkedHashMap<>();
    private static final Map<Integer, NlSocket.Request> DUMPS = new LinkedHashMap<>();

    static {
        CODECS.put(RTM_NEWLINK, (m, w) -> LinkCodec.encode(LinkCodec.decode(m), w));
        DUMPS.put(RTM_NEWLINK, (w, seq) -> {
            w.beginMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq);
            LinkCodec.header(w, AF_UNSPEC, 0, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
            w.endMessage();
        });
        CODECS.put(RTM_NEWADDR, (m, w) -> AddressCodec.encode(AddressCodec.decode(m), w));
        DUMPS.put(RTM_NEWADDR, (w, seq) -> {
            w.beginMessage(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq);
            AddressCodec.header(w, AF_UNSPEC, 0);
            w.endMessage();
        });
    }

    private RoundTrip() {
    }

    /** A message as received: its type and its bytes after the nlmsghdr. */
    public record Captured(int type, byte[] body) {
        @Override
        public String toString() {
            return "type " + type + ": " + HexFormat.of().formatHex(body);
        }
    }

    /** Every object message the kernel sends for {@code ns}, one dump per object kind. */
    public static List<Captured> capture(Netns ns) throws Exception {
        try (NlSocket s = ns.call(() -> NlSocket.open(NETLINK_ROUTE))) {
            List<Captured> out = new ArrayList<>();
            for (Map.Entry<Integer, NlSocket.Request> e : DUMPS.entrySet()) {
                s.dumpEach("round trip", e.getValue(), RoundTrip::capture, out::add);
            }
            return out;
        }
    }

    private static Captured capture(NlMessage m) {
        byte[] body = new byte[m.end() - m.payloadOffset()];
        m.buffer().get(m.payloadOffset(), body);
        return new Captured(m.type(), body);
    }

    /** Asserts that {@code c} decodes and encodes back to its bytes; returns false when no codec reads its type. */
    public static boolean check(Captured c) {
        Codec codec = CODECS.get(c.type());
        if (codec == null) {
            return false;
        }
        NlWriter in = new NlWriter();
        in.beginMessage(c.type(), 0, 1).raw(c.body()).endMessage();
        NlMessage[] m = new NlMessage[1];
        NlMessage.each(in.bytes(), x -> m[0] = x);
        NlWriter out = new NlWriter();
        out.beginMessage(c.type(), 0, 1);
        codec.reencode(m[0], out);
        out.endMessage();
        byte[] got = new byte[out.size() - 16];
        out.bytes().get(16, got);
        assertEquals(HexFormat.of().formatHex(c.body()), HexFormat.of().formatHex(got), "re-encoded " + c);
        return true;
    }

    /** Attributes typed 100, 101 ... (types no codec models, as a newer kernel might send) holding {@code values}. */
    public static RawAttributes unknownAttributes(List<byte[]> values) {
        NlWriter w = new NlWriter();
        int type = 100;
        for (byte[] v : values) {
            w.attr(type++, v);
        }
        byte[] b = new byte[w.size()];
        w.bytes().get(b);
        return RawAttributes.of(null, null, b);
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
}
