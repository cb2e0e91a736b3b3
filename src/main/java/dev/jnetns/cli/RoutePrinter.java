package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxRoute.ICMPV6_ROUTER_PREF_HIGH;
import static dev.jnetns.uapi.LinuxRoute.ICMPV6_ROUTER_PREF_LOW;
import static dev.jnetns.uapi.LinuxRoute.ICMPV6_ROUTER_PREF_MEDIUM;
import static dev.jnetns.uapi.LinuxRoute.RTAX_CC_ALGO;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURES;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURE_ECN;
import static dev.jnetns.uapi.LinuxRoute.RTAX_HOPLIMIT;
import static dev.jnetns.uapi.LinuxRoute.RTAX_MAX;
import static dev.jnetns.uapi.LinuxRoute.RTAX_MTU;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTO_MIN;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTT;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTTVAR;
import static dev.jnetns.uapi.LinuxRoute.RTCF_BROADCAST;
import static dev.jnetns.uapi.LinuxRoute.RTCF_DIRECTDST;
import static dev.jnetns.uapi.LinuxRoute.RTCF_DIRECTSRC;
import static dev.jnetns.uapi.LinuxRoute.RTCF_DNAT;
import static dev.jnetns.uapi.LinuxRoute.RTCF_DOREDIRECT;
import static dev.jnetns.uapi.LinuxRoute.RTCF_FAST;
import static dev.jnetns.uapi.LinuxRoute.RTCF_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RTCF_MASQ;
import static dev.jnetns.uapi.LinuxRoute.RTCF_MULTICAST;
import static dev.jnetns.uapi.LinuxRoute.RTCF_NOTIFY;
import static dev.jnetns.uapi.LinuxRoute.RTCF_REDIRECTED;
import static dev.jnetns.uapi.LinuxRoute.RTCF_REJECT;
import static dev.jnetns.uapi.LinuxRoute.RTCF_SNAT;
import static dev.jnetns.uapi.LinuxRoute.RTCF_TPROXY;
import static dev.jnetns.uapi.LinuxRoute.RTA_METRICS;
import static dev.jnetns.uapi.LinuxRoute.RTA_MULTIPATH;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_CLONED;
import static dev.jnetns.uapi.LinuxRoute.RTN_MULTICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;
import static dev.jnetns.uapi.LinuxRoute.RTNL_FAMILY_IP6MR;
import static dev.jnetns.uapi.LinuxRoute.RTNL_FAMILY_IPMR;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_BOOT;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_UNIVERSE;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxParam.HZ;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Nexthop;
import dev.jnetns.Route;
import dev.jnetns.RouteMetrics;
import dev.jnetns.RtNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints routes as {@code ip route show|get} does (iproute2 6.1's print_route, field for field in
 * its order), in text and JSON through {@link Out}, with {@code -d}, {@code -s} and {@code -o}.
 */
final class RoutePrinter {
    /** RTAX_* names, as ip's mx_names. */
    private static final String[] METRIC_NAMES = {null, null, "mtu", "window", "rtt", "rttvar", "ssthresh", "cwnd",
        "advmss", "reordering", "hoplimit", "initcwnd", "features", "rto_min", "initrwnd", "quickack", "congctl",
        "fastopen_no_cookie"};
    /** RTCF_* cache flags in the order ip prints them, with their names. */
    private static final long[] CACHE_FLAGS = {RTCF_LOCAL, RTCF_REJECT, RTCF_MULTICAST, RTCF_BROADCAST, RTCF_DNAT,
        RTCF_SNAT, RTCF_MASQ, RTCF_DIRECTDST, RTCF_DIRECTSRC, RTCF_REDIRECTED, RTCF_DOREDIRECT, RTCF_FAST,
        RTCF_NOTIFY, RTCF_TPROXY};
    private static final String[] CACHE_FLAG_NAMES = {"local", "reject", "mc", "brd", "dst-nat", "src-nat", "masq",
        "dst-direct", "src-direct", "redirected", "redirect", "fastroute", "notify", "proxy"};

    private final Map<Integer, String> names = new HashMap<>();
    /** The devices, for the nexthop objects' ({@link #withNexthops}). */
    private final List<Link> links;
    /** The nexthop objects by id ({@link #withNexthops}), none by default. */
    private final Map<Integer, Nexthop> nexthops = new HashMap<>();
    /** The device named last and its name: a dump's routes mostly go through one device. */
    private int lastIndex;
    private String lastName = "*";
    private final RouteFilter filter;
    private final boolean details;
    private final int stats;
    /** ip's _SL_: where a route's own lines break ("\\" with -o). */
    private final String lineBreak;

    /**
     * @param links the namespace's devices, to name them
     * @param filter the {@code route show} selectors: a field one of them fixes is left out, as ip does
     * @param details {@code -d}: type, table, protocol and scope always
     * @param stats {@code -s}: cache use counters
     * @param oneline {@code -o}: a backslash where a route's lines break
     */
    RoutePrinter(List<Link> links, RouteFilter filter, boolean details, int stats, boolean oneline) {
        links.forEach(l -> names.put(l.index(), l.name()));
        this.links = links;
        this.filter = filter;
        this.details = details;
        this.stats = stats;
        this.lineBreak = oneline ? "\\" : "\n";
    }

    /** A printer of routes of every table with no selectors ({@code ip route get}, {@code ip monitor}). */
    RoutePrinter(List<Link> links) {
        this(links, RouteFilter.NONE, false, 0, false);
    }

    /** With -d, prints after each route through a nexthop object that object ({@code nh_info}), from {@code all}. */
    RoutePrinter withNexthops(List<Nexthop> all) {
        all.forEach(n -> nexthops.put(n.id(), n));
        return this;
    }

    /** Names devices as {@code names} has them: ip monitor's ll_map, which keeps a renamed device's first name. */
    RoutePrinter naming(Map<Integer, String> known) {
        names.putAll(known);
        lastIndex = 0;
        lastName = "*";
        return this;
    }

    private String dev(int index) {
        if (index != lastIndex) {
            String n = index == 0 ? "*" : names.get(index);
            lastName = n != null ? n : "if" + Integer.toUnsignedString(index);
            lastIndex = index;
        }
        return lastName;
    }

    /** One route's JSON object into {@code j} (the object opened by the caller). */
    void fields(Route r, Json j) {
        print(r, Out.over(j));
    }

    /** One route as text, newline included. */
    String text(Route r) {
        Out out = Out.text();
        print(r, out);
        return out.toString();
    }

    /** One route, text newline included; in JSON its members (the caller opens and closes its object). */
    void print(Route r, Out out) {
        boolean cloned = (r.flags() & RTM_F_CLONED) != 0;
        if (r.type() != RTN_UNICAST || details) {
            out.name("type", "%s ", RtNames.TYPES, r.type());
        }
        IpPrefix d = r.dst();
        if (d.length() == 0 && d.address().isAnyLocalAddress()) {
            out.string("dst", "%s ", "default");
        } else {
            out.prefix("dst", "%s ", d.address(), d.length());
        }
        if (r.src() != null) {
            out.prefix("from", "from %s ", r.src().address(), r.src().length());
        }
        if (r.nhid() >= 0) {
            out.number("nhid", "nhid %s ", r.nhid());
        }
        if (r.tos() != 0 && filter.tos() == null) {
            out.name("tos", "tos %s ", RtNames.DSFIELDS, r.tos());
        }
        if (r.gateway() != null && filter.via() == null) {
            out.address("gateway", "via %s ", r.gateway());
        }
        if (r.via() != null) {
            via(r.via(), out);
        }
        if (r.oif() != 0 && filter.dev() == null) {
            out.string("dev", "dev %s ", dev(r.oif()));
        }
        if (r.table() != 0 && (r.table() != RT_TABLE_MAIN || details) && filter.table() == 0) {
            out.name("table", "table %s ", RtNames.TABLES, r.table());
        }
        if (!cloned) {
            if ((r.protocol() != RTPROT_BOOT || details) && filter.proto() == null) {
                out.name("protocol", "proto %s ", RtNames.PROTOCOLS, r.protocol());
            }
            if ((r.scope() != RT_SCOPE_UNIVERSE || details) && filter.scope() == null) {
                out.name("scope", "scope %s ", RtNames.SCOPES, r.scope());
            }
        }
        if (r.prefsrc() != null && filter.src() == null) {
            out.address("prefsrc", "src %s ", r.prefsrc());
        }
        if (r.metric() >= 0 && filter.metric() == null) {
            out.number("metric", "metric %s ", r.metric());
        }
        flags(r.flags(), out);
        if (r.mark() > 0) {
            out.number("mark", null, r.mark());
            out.text(r.mark() >= 16 ? "mark 0x" + Long.toHexString(r.mark()) + " " : "mark " + r.mark() + " ");
        }
        if (r.realms() >= 0) {
            realms(r.realms(), out);
        }
        if (r.uid() >= 0) {
            out.number("uid", "uid %s ", r.uid());
        }
        if (r.family() == AF_INET && cloned) {
            cacheFlags(r.flags(), out);
        }
        if ((r.family() == AF_INET || r.family() == AF_INET6) && r.cacheInfo() != null) {
            cacheInfo(r.cacheInfo(), out);
        }
        if (!r.metrics().isEmpty() || r.raw().recorded(RTA_METRICS)) {
            metrics(r.metrics(), out);
        }
        if (r.iif() != 0) {
            out.string("iif", "iif %s ", dev(r.iif()));
        }
        if (r.pref() >= 0) {
            pref(r.pref(), out);
        }
        if (r.ttlPropagate() >= 0) {
            out.bool("ttl-propogate", null, r.ttlPropagate() != 0);
            out.text("ttl-propogate " + (r.ttlPropagate() != 0 ? "enabled" : "disabled"));
        }
        if (!r.nexthops().isEmpty() || r.raw().recorded(RTA_MULTIPATH)) {
            multipath(r, out);
        }
        Nexthop object = details && r.nhid() >= 0 ? nexthops.get((int) r.nhid()) : null;
        if (object != null) {
            nhInfo(object, out);
        }
        out.text("\n");
    }

    /** With -d, the nexthop object a route goes through, as ip's print_cache_nexthop_id (a line of its own even with -o). */
    private void nhInfo(Nexthop n, Out out) {
        if (out.json()) {
            Json j = out.jsonWriter().beginObject("nh_info");
            NexthopPrinter.fields(n, links, true, out.numeric(), j, new StringBuilder());
            j.endObject();
        } else {
            StringBuilder t = new StringBuilder("\n\tnh_info ");
            NexthopPrinter.fields(n, links, true, out.numeric(), null, t);
            out.text(t.toString());
        }
    }

    /** ip's print_rt_flags: a JSON array "flags" (always), in text each name and a space. */
    private static void flags(int flags, Out out) {
        out.beginArray("flags");
        if (flags != 0) {   // (no iterator for the usual none)
            for (String name : Route.flagNames(flags)) {
                out.string(null, "%s ", name);
            }
        }
        out.endArray();
    }

    /** RTA_VIA: {@code via inet6 ADDR}, JSON {@code "via": {"family": ..., "host": ...}}. */
    private static void via(Route.Via v, Out out) {
        String family = v.family() == AF_INET ? "inet" : v.family() == AF_INET6 ? "inet6" : "???";
        out.beginObject("via");
        out.string("family", "via %s ", family);
        out.address("host", "%s ", v.address());
        out.endObject();
    }

    /** RTA_FLOW: {@code realm TO} or {@code realms FROM/TO}; JSON {@code "flow": {"from": ..., "to": ...}}. */
    private static void realms(long flow, Out out) {
        int from = (int) (flow >>> 16);
        int to = (int) (flow & 0xffff);
        out.beginObject("flow");
        out.text(from != 0 ? "realms " : "realm ");
        if (from != 0) {
            out.name("from", "%s/", RtNames.REALMS, from);
        }
        out.name("to", "%s ", RtNames.REALMS, to);
        out.endObject();
    }

    /** The RTCF_* flags of an IPv4 cache entry: {@code cache <local,brd>}, JSON {@code "cache": ["local", ...]}. */
    private void cacheFlags(int flags, Out out) {
        long left = Integer.toUnsignedLong(flags) & ~0xffffL;
        List<String> set = new ArrayList<>();
        for (int i = 0; i < CACHE_FLAGS.length; i++) {
            if ((left & CACHE_FLAGS[i]) != 0) {
                left &= ~CACHE_FLAGS[i];
                set.add(CACHE_FLAG_NAMES[i]);
            }
        }
        out.beginArray("cache");
        out.text(lineBreak + "    cache ");
        if (!set.isEmpty() || left != 0) {
            out.text("<");
            for (int i = 0; i < set.size(); i++) {
                out.string(null, "%s", set.get(i));
                out.text(i + 1 < set.size() || left != 0 ? "," : "> ");
            }
            if (left != 0) {
                out.text(Long.toHexString(left) + ">");
            }
        }
        out.endArray();
    }

    /** ip's print_rta_cacheinfo: expiry (in seconds), error, and with -s the use counters. */
    private void cacheInfo(Route.CacheInfo c, Out out) {
        if (c.expires() != 0) {
            out.number("expires", "expires %ssec ", c.expires() / HZ);
        }
        if (c.error() != 0) {
            out.number("error", "error %s ", c.error());
        }
        if (stats > 0) {
            if (c.clntref() != 0) {
                out.number("users", "users %s ", c.clntref());
            }
            if (c.used() != 0) {
                out.number("used", "used %s ", c.used());
            }
            if (c.lastuse() != 0) {
                out.number("age", "age %ssec ", c.lastuse() / HZ);
            }
        }
        if (c.id() != 0) {
            out.string("ipid", null, "0x" + Long.toHexString(c.id()));
            out.text(String.format("ipid 0x%04x ", c.id()));
        }
        if (c.ts() != 0 || c.tsage() != 0) {
            out.string("ts", null, c.ts() == 0 ? "0" : "0x" + Long.toHexString(c.ts()));
            out.text("ts 0x" + Long.toHexString(c.ts()));
            out.number("tsage", "tsage %ssec ", c.tsage());
        }
    }

    /** ip's print_rta_metrics: {@code mtu lock 1400 rtt 10ms ...}, JSON {@code "metrics": [{"mtu": 1400, ...}]}. */
    private static void metrics(RouteMetrics m, Out out) {
        out.beginArray("metrics");
        out.beginObject(null);
        for (int i = RTAX_MTU; i <= RTAX_MAX; i++) {
            boolean locked = m.locked(i);
            if (!m.has(i) && !locked) {
                continue;
            }
            long val = i == RTAX_CC_ALGO ? 0 : Math.max(m.get(i), 0);
            if (i == RTAX_HOPLIMIT && val == 0xffffffffL) {
                continue;
            }
            out.text(METRIC_NAMES[i] + " ");
            if (locked) {
                out.text("lock ");
            }
            switch (i) {
                case RTAX_FEATURES -> {
                    if ((val & RTAX_FEATURE_ECN) != 0) {
                        out.nullValue("ecn", "ecn ", null);
                    }
                    if ((val & ~RTAX_FEATURE_ECN) != 0) {
                        out.string("features", "%s ", "0x" + Long.toHexString(val));
                    }
                }
                case RTAX_RTT, RTAX_RTTVAR, RTAX_RTO_MIN -> {
                    long ms = i == RTAX_RTT ? val / 8 : i == RTAX_RTTVAR ? val / 4 : val;
                    out.number(METRIC_NAMES[i], null, ms);
                    out.text((ms >= 1000 ? seconds(ms) : ms + "ms") + " ");
                }
                case RTAX_CC_ALGO -> out.string("congestion", "%s ", m.congctl() != null ? m.congctl() : "");
                default -> out.number(METRIC_NAMES[i], "%s ", val);
            }
        }
        out.endObject();
        out.endArray();
    }

    /** {@code %gs} of ms/1000: C's shortest form with 6 significant digits. */
    private static String seconds(long ms) {
        String s = String.format("%.6g", ms / 1e3);
        if (s.contains("e")) {
            return s + "s";
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s + "s";
    }

    private static void pref(int pref, Out out) {
        switch (pref) {
            case ICMPV6_ROUTER_PREF_LOW -> out.string("pref", "pref %s", "low");
            case ICMPV6_ROUTER_PREF_MEDIUM -> out.string("pref", "pref %s", "medium");
            case ICMPV6_ROUTER_PREF_HIGH -> out.string("pref", "pref %s", "high");
            default -> out.number("pref", "%s", pref);
        }
    }

    /** ip's print_rta_multipath: each path on a line of its own ({@code \tnexthop via ...}). */
    private void multipath(Route r, Out out) {
        boolean mfc = (r.flags() & RTM_F_CLONED) != 0 && r.type() == RTN_MULTICAST;
        int family = r.family() == RTNL_FAMILY_IPMR ? AF_INET : r.family() == RTNL_FAMILY_IP6MR ? AF_INET6 : r.family();
        out.beginArray("nexthops");
        boolean first = true;
        for (Route.Nexthop n : r.nexthops()) {
            out.beginObject(null);
            if (mfc) {
                out.text(first ? "Oifs: " : " ");
                first = false;
            } else {
                out.text(lineBreak + "\tnexthop ");
            }
            if (n.gateway() != null) {
                out.address("gateway", "via %s ", n.gateway());
            }
            if (n.via() != null) {
                via(n.via(), out);
            }
            if (n.realms() >= 0) {
                realms(n.realms(), out);
            }
            if (mfc) {
                out.string("dev", "%s", dev(n.oif()));
                if (n.weight() - 1 != 1) {
                    out.number("ttl", "(ttl>%s)", n.weight() - 1);
                }
                out.text(" ");
            } else {
                out.string("dev", "dev %s ", dev(n.oif()));
                if (family == AF_INET || family == AF_INET6) {
                    out.number("weight", "weight %s ", n.weight());
                }
            }
            flags(n.flags(), out);
            out.endObject();
        }
        out.endArray();
    }
}
