package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxRoute.RTAX_ADVMSS;
import static dev.jnetns.uapi.LinuxRoute.RTAX_CC_ALGO;
import static dev.jnetns.uapi.LinuxRoute.RTAX_CWND;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FASTOPEN_NO_COOKIE;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURES;
import static dev.jnetns.uapi.LinuxRoute.RTAX_HOPLIMIT;
import static dev.jnetns.uapi.LinuxRoute.RTAX_INITCWND;
import static dev.jnetns.uapi.LinuxRoute.RTAX_INITRWND;
import static dev.jnetns.uapi.LinuxRoute.RTAX_LOCK;
import static dev.jnetns.uapi.LinuxRoute.RTAX_MTU;
import static dev.jnetns.uapi.LinuxRoute.RTAX_QUICKACK;
import static dev.jnetns.uapi.LinuxRoute.RTAX_REORDERING;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTO_MIN;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTT;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTTVAR;
import static dev.jnetns.uapi.LinuxRoute.RTAX_SSTHRESH;
import static dev.jnetns.uapi.LinuxRoute.RTAX_WINDOW;
import static dev.jnetns.uapi.LinuxRoute.RTA_CACHEINFO;
import static dev.jnetns.uapi.LinuxRoute.RTA_CACHEINFO_SIZE;
import static dev.jnetns.uapi.LinuxRoute.RTA_DST;
import static dev.jnetns.uapi.LinuxRoute.RTA_ENCAP_TYPE;
import static dev.jnetns.uapi.LinuxRoute.RTA_EXPIRES;
import static dev.jnetns.uapi.LinuxRoute.RTA_FLOW;
import static dev.jnetns.uapi.LinuxRoute.RTA_GATEWAY;
import static dev.jnetns.uapi.LinuxRoute.RTA_IIF;
import static dev.jnetns.uapi.LinuxRoute.RTA_MARK;
import static dev.jnetns.uapi.LinuxRoute.RTA_METRICS;
import static dev.jnetns.uapi.LinuxRoute.RTA_MULTIPATH;
import static dev.jnetns.uapi.LinuxRoute.RTA_NH_ID;
import static dev.jnetns.uapi.LinuxRoute.RTA_OIF;
import static dev.jnetns.uapi.LinuxRoute.RTA_PREF;
import static dev.jnetns.uapi.LinuxRoute.RTA_PREFSRC;
import static dev.jnetns.uapi.LinuxRoute.RTA_PRIORITY;
import static dev.jnetns.uapi.LinuxRoute.RTA_SRC;
import static dev.jnetns.uapi.LinuxRoute.RTA_TABLE;
import static dev.jnetns.uapi.LinuxRoute.RTA_TTL_PROPAGATE;
import static dev.jnetns.uapi.LinuxRoute.RTA_UID;
import static dev.jnetns.uapi.LinuxRoute.RTA_VIA;
import static dev.jnetns.uapi.LinuxRoute.RTMSG_SIZE;
import static dev.jnetns.uapi.LinuxRoute.RTNEXTHOP_SIZE;
import static dev.jnetns.uapi.LinuxRoute.RTNL_FAMILY_IPMR;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_UNSPEC;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;

import dev.jnetns.IpPrefix;
import dev.jnetns.RawAttributes;
import dev.jnetns.Route;
import dev.jnetns.RouteMetrics;
import dev.jnetns.netlink.NlDecodeException;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.uapi.LinuxRoute;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * RTM_NEWROUTE / RTM_DELROUTE (and RTM_GETROUTE requests): {@code struct rtmsg} and its
 * attributes, read into a {@link Route} and written back from one, the nested metrics and
 * multipath nexthops included. Equivalent to what {@code ip route} sends and reads.
 */
public final class RouteCodec {
    /**
     * The order {@code ip route add|del|get} writes attributes in for its words in the order of its
     * usage (for records built by hand): those of its argument loop, then the devices, the mark,
     * the metrics and the nexthops it adds after it.
     */
    private static final int[] REQUEST_ORDER = {RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_VIA, RTA_NH_ID, RTA_PRIORITY,
        RTA_TABLE, RTA_PREFSRC, RTA_FLOW, RTA_PREF, RTA_EXPIRES, RTA_TTL_PROPAGATE, RTA_ENCAP_TYPE, RTA_UID, RTA_IIF,
        RTA_OIF, RTA_MARK, RTA_METRICS, RTA_MULTIPATH, RTA_CACHEINFO};
    /** The order of a nexthop's attributes (ip's {@code nexthop via GW realms R}). */
    private static final int[] NEXTHOP_ORDER = {RTA_GATEWAY, RTA_VIA, RTA_FLOW};
    /** RTAX_* in the order of their numbers, the locks last (as ip adds them after its loop). */
    private static final int[] METRICS_ORDER = {RTAX_MTU, RTAX_WINDOW, RTAX_RTT, RTAX_RTTVAR, RTAX_SSTHRESH,
        RTAX_CWND, RTAX_ADVMSS, RTAX_REORDERING, RTAX_HOPLIMIT, RTAX_INITCWND, RTAX_FEATURES, RTAX_RTO_MIN,
        RTAX_INITRWND, RTAX_QUICKACK, RTAX_CC_ALGO, RTAX_FASTOPEN_NO_COOKIE, RTAX_LOCK};

    private RouteCodec() {
    }

    /**
     * Writes the rtmsg of a dump request: the family (0: all) and the table (0: all) the kernel
     * filters by; a table above 255 goes in RTA_TABLE, as ip sends it.
     */
    public static void dumpHeader(NlWriter w, int family, int table) {
        boolean small = Integer.compareUnsigned(table, 256) < 0;
        w.u8(family).u8(0).u8(0).u8(0).u8(small ? table : RT_TABLE_UNSPEC).u8(0).u8(0).u8(0).u32(0);
        if (!small) {
            w.attrU32(RTA_TABLE, table);
        }
    }

    /** The rtm_flags of a route message (RTM_F_CLONED …), read without decoding the rest. */
    public static int flags(NlMessage m) {
        if (m.payloadOffset() + RTMSG_SIZE > m.end()) {
            throw new NlDecodeException("RTM_NEWROUTE: message of " + (m.end() - m.payloadOffset())
                    + " payload bytes, the header needs " + RTMSG_SIZE);
        }
        return m.buffer().getInt(m.payloadOffset() + 8);
    }

    /** Reads a route message. */
    public static Route decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlReader r = NlReader.of(m, RTMSG_SIZE, "RTM_NEWROUTE");
        Layout layout = new Layout().header(b, p, RTMSG_SIZE);
        int family = Byte.toUnsignedInt(b.get(p));
        int dstLen = Byte.toUnsignedInt(b.get(p + 1));
        int srcLen = Byte.toUnsignedInt(b.get(p + 2));
        int table = Byte.toUnsignedInt(b.get(p + 4));
        InetAddress dst = null;
        InetAddress src = null;
        InetAddress gateway = null;
        InetAddress prefsrc = null;
        Route.Via via = null;
        Route.CacheInfo cacheInfo = null;
        List<Route.Nexthop> nexthops = List.of();
        RouteMetrics metrics = RouteMetrics.NONE;
        int oif = 0;
        int iif = 0;
        int pref = -1;
        int ttlPropagate = -1;
        int encapType = -1;
        long priority = -1;
        long uid = -1;
        long realms = -1;
        long mark = -1;
        long expires = -1;
        long nhid = -1;
        while (r.next()) {
            switch (r.type()) {
                case RTA_DST -> dst = Wire.address(r, family);
                case RTA_SRC -> src = Wire.address(r, family);
                case RTA_GATEWAY -> gateway = Wire.address(r, family);
                case RTA_PREFSRC -> prefsrc = Wire.address(r, family);
                case RTA_OIF -> oif = r.u32();
                case RTA_IIF -> iif = r.u32();
                case RTA_TABLE -> table = r.u32();
                case RTA_PRIORITY -> priority = r.u32L();
                case RTA_PREF -> pref = r.u8();
                case RTA_UID -> uid = r.u32L();
                case RTA_FLOW -> realms = r.u32L();
                case RTA_MARK -> mark = r.u32L();
                case RTA_EXPIRES -> expires = r.u32L();
                case RTA_NH_ID -> nhid = r.u32L();
                case RTA_TTL_PROPAGATE -> ttlPropagate = r.u8();
                case RTA_ENCAP_TYPE -> encapType = r.u16();
                case RTA_METRICS -> metrics = metrics(r.nested());
                case RTA_MULTIPATH -> nexthops = multipath(r, family);
                case RTA_VIA -> {
                    via = via(r);
                    if (via == null) {
                        layout.unknown(r);
                        continue;
                    }
                }
                case RTA_CACHEINFO -> {
                    if (r.valueLength() != RTA_CACHEINFO_SIZE) {
                        layout.unknown(r);
                        continue;
                    }
                    int at = r.valueOffset();
                    cacheInfo = new Route.CacheInfo(u32(b, at), u32(b, at + 4), b.getInt(at + 8), u32(b, at + 12),
                            u32(b, at + 16), u32(b, at + 20), u32(b, at + 24), u32(b, at + 28));
                }
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        IpPrefix dstPrefix = new IpPrefix(dst != null ? dst : Wire.address(new byte[hostBytes(family)]), dstLen);
        return new Route(family, Byte.toUnsignedInt(b.get(p + 7)), dstPrefix, src != null ? new IpPrefix(src, srcLen) : null,
                gateway, oif, table, Byte.toUnsignedInt(b.get(p + 5)), Byte.toUnsignedInt(b.get(p + 6)), priority,
                prefsrc, b.getInt(p + 8), nexthops, pref, metrics, uid, Byte.toUnsignedInt(b.get(p + 3)), iif, via,
                realms, mark, expires, cacheInfo, ttlPropagate, encapType, nhid, layout.done());
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    /** 4 for the IPv4 families, 16 otherwise. */
    private static int hostBytes(int family) {
        return family == AF_INET || family == RTNL_FAMILY_IPMR ? 4 : 16;
    }

    /** {@code struct rtvia} (family, then the address), or null when its address is no IP address. */
    private static Route.Via via(NlReader r) {
        int n = r.valueLength() - 2;
        if (n != 4 && n != 16) {
            return null;
        }
        byte[] a = new byte[n];
        r.buffer().get(r.valueOffset() + 2, a);
        return new Route.Via(Short.toUnsignedInt(r.buffer().getShort(r.valueOffset())), Wire.address(a));
    }

    private static void putVia(NlWriter w, Route.Via via) {
        byte[] a = via.address().getAddress();
        ByteBuffer v = ByteBuffer.allocate(2 + a.length).order(java.nio.ByteOrder.nativeOrder());
        v.putShort((short) via.family()).put(a);
        w.attr(RTA_VIA, v.array());
    }

    /**
     * RTA_METRICS. The kernel ends RTAX_CC_ALGO with a NUL and iproute2 does not: the nest's layout
     * keeps which, so it comes back as it was sent.
     */
    private static RouteMetrics metrics(NlReader r) {
        Layout layout = new Layout();
        long[] v = new long[RTAX_FASTOPEN_NO_COOKIE + 1];
        java.util.Arrays.fill(v, -1);
        String congctl = null;
        while (r.next()) {
            int t = r.type();
            if (t == RTAX_CC_ALGO) {
                congctl = layout.string(r);
            } else if (t >= RTAX_LOCK && t <= RTAX_FASTOPEN_NO_COOKIE && r.valueLength() == 4) {
                v[t] = r.u32L();
            } else {
                layout.unknown(r);
                continue;
            }
            layout.known(r);
        }
        return new RouteMetrics(v[RTAX_LOCK], v[RTAX_MTU], v[RTAX_WINDOW], v[RTAX_RTT], v[RTAX_RTTVAR],
                v[RTAX_SSTHRESH], v[RTAX_CWND], v[RTAX_ADVMSS], v[RTAX_REORDERING], v[RTAX_HOPLIMIT],
                v[RTAX_INITCWND], v[RTAX_FEATURES], v[RTAX_RTO_MIN], v[RTAX_INITRWND], v[RTAX_QUICKACK], congctl,
                v[RTAX_FASTOPEN_NO_COOKIE], layout.done());
    }

    private static void putMetrics(NlWriter w, RouteMetrics m) {
        int nest = w.beginNestedPlain(RTA_METRICS);
        Layout.write(w, m.raw(), METRICS_ORDER, (out, type, recorded) -> {
            if (type == RTAX_CC_ALGO) {
                Layout.putString(out, m.raw(), RTAX_CC_ALGO, m.congctl(), false);   // ip: strlen
                return true;
            }
            if (type < RTAX_LOCK || type > RTAX_FASTOPEN_NO_COOKIE) {
                return false;
            }
            if (m.get(type) >= 0) {
                out.attrU32(type, (int) m.get(type));
            }
            return true;
        });
        w.endNested(nest);
    }

    /** RTA_MULTIPATH: one {@code struct rtnexthop} per path, each followed by its attributes. */
    private static List<Route.Nexthop> multipath(NlReader r, int family) {
        ByteBuffer b = r.buffer();
        int pos = r.valueOffset();
        int end = pos + r.valueLength();
        List<Route.Nexthop> out = new ArrayList<>();
        while (pos + RTNEXTHOP_SIZE <= end) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            if (len < RTNEXTHOP_SIZE || pos + len > end) {
                throw new NlDecodeException(r.path() + " > RTA_MULTIPATH: rtnexthop length " + len + " at " + pos);
            }
            NlReader a = new NlReader(b, pos + RTNEXTHOP_SIZE, pos + len, r.path() + " > RTA_MULTIPATH");
            Layout layout = new Layout();
            InetAddress gateway = null;
            Route.Via via = null;
            long realms = -1;
            while (a.next()) {
                switch (a.type()) {
                    case RTA_GATEWAY -> gateway = Wire.address(a, family);
                    case RTA_FLOW -> realms = a.u32L();
                    case RTA_VIA -> {
                        via = via(a);
                        if (via == null) {
                            layout.unknown(a);
                            continue;
                        }
                    }
                    default -> {
                        layout.unknown(a);
                        continue;
                    }
                }
                layout.known(a);
            }
            out.add(new Route.Nexthop(gateway, b.getInt(pos + 4), Byte.toUnsignedInt(b.get(pos + 3)) + 1,
                    Byte.toUnsignedInt(b.get(pos + 2)), via, realms, layout.done()));
            pos += (len + 3) & ~3;
        }
        if (pos != end) {
            throw new NlDecodeException(r.path() + " > RTA_MULTIPATH: " + (end - pos) + " bytes after the last rtnexthop");
        }
        return List.copyOf(out);
    }

    private static void putMultipath(NlWriter w, List<Route.Nexthop> hops) {
        int nest = w.beginNestedPlain(RTA_MULTIPATH);
        for (Route.Nexthop h : hops) {
            int start = w.size();
            w.u16(0).u8(h.flags()).u8(h.weight() - 1).u32(h.oif());
            Layout.write(w, h.raw(), NEXTHOP_ORDER, (out, type, recorded) -> {
                switch (type) {
                    case RTA_GATEWAY -> Wire.putAddress(out, RTA_GATEWAY, h.gateway());
                    case RTA_VIA -> {
                        if (h.via() != null) {
                            putVia(out, h.via());
                        }
                    }
                    case RTA_FLOW -> {
                        if (h.realms() >= 0) {
                            out.attrU32(RTA_FLOW, (int) h.realms());
                        }
                    }
                    default -> {
                        return false;
                    }
                }
                return true;
            });
            w.endNested(start);
        }
        w.endNested(nest);
    }

    /**
     * Writes {@code rt} as the body of a route message (after the nlmsghdr): the rtmsg, then the
     * attributes. A record read from the kernel comes out as the kernel sent it; one built by hand
     * as {@code ip route} sends it (a table above 255 in RTA_TABLE, the header's 0).
     */
    public static void encode(Route rt, NlWriter w) {
        RawAttributes raw = rt.raw();
        int srcLen = rt.src() != null ? rt.src().length() : raw.headerByte(2, 0);
        int table = raw.headerByte(4, Integer.compareUnsigned(rt.table(), 256) < 0 ? rt.table() : RT_TABLE_UNSPEC);
        w.u8(rt.family()).u8(rt.dst().length()).u8(srcLen).u8(rt.tos()).u8(table).u8(rt.protocol()).u8(rt.scope())
                .u8(rt.type()).u32(rt.flags());
        Layout.write(w, raw, REQUEST_ORDER, (out, type, recorded) -> {
            switch (type) {
                case RTA_DST -> {
                    if (recorded || rt.dst().length() > 0) {
                        out.attr(RTA_DST, rt.dst().address().getAddress());
                    }
                }
                case RTA_SRC -> {
                    if (rt.src() != null) {
                        out.attr(RTA_SRC, rt.src().address().getAddress());
                    }
                }
                case RTA_GATEWAY -> Wire.putAddress(out, RTA_GATEWAY, rt.gateway());
                case RTA_PREFSRC -> Wire.putAddress(out, RTA_PREFSRC, rt.prefsrc());
                case RTA_OIF -> u32(out, RTA_OIF, rt.oif(), recorded || rt.oif() != 0);
                case RTA_IIF -> u32(out, RTA_IIF, rt.iif(), recorded || rt.iif() != 0);
                case RTA_TABLE -> u32(out, RTA_TABLE, rt.table(), recorded || Integer.compareUnsigned(rt.table(), 256) >= 0);
                case RTA_PRIORITY -> u32(out, RTA_PRIORITY, rt.metric(), rt.metric() >= 0);
                case RTA_UID -> u32(out, RTA_UID, rt.uid(), rt.uid() >= 0);
                case RTA_FLOW -> u32(out, RTA_FLOW, rt.realms(), rt.realms() >= 0);
                case RTA_MARK -> u32(out, RTA_MARK, rt.mark(), rt.mark() >= 0);
                case RTA_EXPIRES -> u32(out, RTA_EXPIRES, rt.expires(), rt.expires() >= 0);
                case RTA_NH_ID -> u32(out, RTA_NH_ID, rt.nhid(), rt.nhid() >= 0);
                case RTA_PREF -> {
                    if (rt.pref() >= 0) {
                        out.attrU8(RTA_PREF, rt.pref());
                    }
                }
                case RTA_TTL_PROPAGATE -> {
                    if (rt.ttlPropagate() >= 0) {
                        out.attrU8(RTA_TTL_PROPAGATE, rt.ttlPropagate());
                    }
                }
                case RTA_ENCAP_TYPE -> {
                    if (rt.encapType() >= 0) {
                        out.attrU16(RTA_ENCAP_TYPE, rt.encapType());
                    }
                }
                case RTA_VIA -> {
                    if (rt.via() != null) {
                        putVia(out, rt.via());
                    }
                }
                case RTA_METRICS -> {
                    if (recorded || !rt.metrics().isEmpty()) {
                        putMetrics(out, rt.metrics());
                    }
                }
                case RTA_MULTIPATH -> {
                    if (recorded || !rt.nexthops().isEmpty()) {
                        putMultipath(out, rt.nexthops());
                    }
                }
                case RTA_CACHEINFO -> {
                    Route.CacheInfo c = rt.cacheInfo();
                    if (c != null) {
                        out.attr(RTA_CACHEINFO, Wire.u32s((int) c.clntref(), (int) c.lastuse(), c.expires(),
                                (int) c.error(), (int) c.used(), (int) c.id(), (int) c.ts(), (int) c.tsage()));
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Writes the body of {@code ip route add DST/LEN [via GW] [dev DEV]} for IPv4 (after the
     * nlmsghdr), byte for byte what {@link #encode} writes for the route {@code Routes} makes of
     * that line, from plain values: a batch encodes its common line without objects.
     *
     * @param w the writer
     * @param dst the destination, high byte first ({@link NlWriter#attrInet4})
     * @param prefixLength its length, 0..32
     * @param via whether a gateway is given
     * @param gateway the gateway, when {@code via}
     * @param oif the device's ifindex, 0 for none
     */
    public static void encodeIpv4Add(NlWriter w, int dst, int prefixLength, boolean via, int gateway, int oif) {
        w.u8(AF_INET).u8(prefixLength).u8(0).u8(0).u8(LinuxRoute.RT_TABLE_MAIN).u8(LinuxRoute.RTPROT_BOOT)
                .u8(via ? LinuxRoute.RT_SCOPE_UNIVERSE : LinuxRoute.RT_SCOPE_LINK).u8(LinuxRoute.RTN_UNICAST).u32(0);
        if (prefixLength > 0) {
            w.attrInet4(RTA_DST, dst);
        }
        if (via) {
            w.attrInet4(RTA_GATEWAY, gateway);
        }
        if (oif != 0) {
            w.attrU32(RTA_OIF, oif);
        }
    }

    private static void u32(NlWriter w, int type, long value, boolean write) {
        if (write) {
            w.attrU32(type, (int) value);
        }
    }
}
