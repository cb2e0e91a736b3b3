package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxRoute.RTN_ANYCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_BLACKHOLE;
import static dev.jnetns.uapi.LinuxRoute.RTN_BROADCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RTN_MULTICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_NAT;
import static dev.jnetns.uapi.LinuxRoute.RTN_PROHIBIT;
import static dev.jnetns.uapi.LinuxRoute.RTN_THROW;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNREACHABLE;
import static dev.jnetns.uapi.LinuxRoute.RTN_XRESOLVE;
import static dev.jnetns.uapi.LinuxRoute.ICMPV6_ROUTER_PREF_HIGH;
import static dev.jnetns.uapi.LinuxRoute.ICMPV6_ROUTER_PREF_LOW;
import static dev.jnetns.uapi.LinuxRoute.ICMPV6_ROUTER_PREF_MEDIUM;
import static dev.jnetns.uapi.LinuxRoute.RTAX_ADVMSS;
import static dev.jnetns.uapi.LinuxRoute.RTAX_CC_ALGO;
import static dev.jnetns.uapi.LinuxRoute.RTAX_CWND;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FASTOPEN_NO_COOKIE;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURES;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURE_ECN;
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
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_PACKET;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Route;
import dev.jnetns.RouteMetrics;
import dev.jnetns.Routes;
import dev.jnetns.RouteSpec;
import dev.jnetns.model.RouteSpecs;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns route ...}: routes, as {@code ip route}. */
final class RouteCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] route [show] [table ID|all] [dev DEV] [proto P] [scope S] [type T] [metric N]\n"
            + "                       [via ADDR] [src ADDR] [[to] [root|match|exact] PREFIX|default]\n"
            + "       jnetns [-4|-6] route flush SELECTORS (those of show; at least one)\n"
            + "       jnetns [-4|-6] route save SELECTORS (those of show) > FILE\n"
            + "       jnetns route restore < FILE\n"
            + "       jnetns [-4|-6] route showdump < FILE\n"
            + "       jnetns route add|change|replace|append|prepend|del [TYPE] PREFIX|default [via GW] [dev DEV]\n"
            + "                    [src IP] [metric N] [table ID] [proto P] [scope S] [onlink] [tos TOS]\n"
            + "                    [realms REALM] [pref low|medium|high] [expires N] [METRIC [lock] VALUE]...\n"
            + "                    [nhid ID] [nexthop via GW dev DEV weight W [onlink] [realms REALM]]...\n"
            + "         METRIC := mtu | advmss | window | rtt | rttvar | ssthresh | cwnd | initcwnd | initrwnd |\n"
            + "                   hoplimit | reordering | congctl | features | quickack | fastopen_no_cookie | rto_min\n"
            + "         TYPE := unicast | local | broadcast | anycast | multicast | blackhole | unreachable |\n"
            + "                 prohibit | throw | nat\n"
            + "       jnetns [-4|-6] route get [to] ADDR [from PREFIX] [iif DEV] [oif DEV] [mark N] [tos TOS]\n"
            + "                    [uid N] [ipproto P] [sport N] [dport N] [vrf NAME] [as [to] ADDR] [notify]\n"
            + "                    [connected] [fibmatch]\n";

    /** ip's verbs in its order (iproute.c do_iproute). */
    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (Words.matches(verb, "add")) {
            modify(w, "add");
        } else if (Words.matches(verb, "change") || verb.equals("chg")) {
            modify(w, "change");
        } else if (Words.matches(verb, "replace")) {
            modify(w, "replace");
        } else if (Words.matches(verb, "prepend")) {
            modify(w, "prepend");
        } else if (Words.matches(verb, "append")) {
            modify(w, "append");
        } else if (Words.matches(verb, "test")) {
            throw new CommandFailed("\"ip route test\" is not implemented by jnetns");
        } else if (Words.matches(verb, "delete")) {
            modify(w, "del");
        } else if (isShow(verb)) {
            show(w);
        } else if (Words.matches(verb, "get")) {
            new RouteGet(top).run(w);
        } else if (Words.matches(verb, "flush")) {
            return flush(w);
        } else if (Words.matches(verb, "save")) {
            RouteSaves.save(top, w);
        } else if (Words.matches(verb, "restore")) {
            RouteSaves.restore(top);
        } else if (Words.matches(verb, "showdump")) {
            RouteSaves.showdump(top);
        } else {
            return null;
        }
        return 0;
    }

    /** The family of a listing: -4/-6, else IPv4 for one table (even with an IPv6 selector, as ip), both for all. */
    private int listFamily(RouteFilter f) {
        return top.family(f.table() == 0 ? 0 : AF_INET);
    }

    /** The ifindex of {@code dev} in {@code links} (0 for none); ip's "Cannot find device" when it does not exist. */
    static int index(List<Link> links, String dev) {
        if (dev == null) {
            return 0;
        }
        return links.stream().filter(l -> l.name().equals(dev)).findFirst()
                .orElseThrow(() -> new CommandFailed("Cannot find device \"" + dev + "\"")).index();
    }

    private void show(Words w) throws ErrnoException {
        RouteFilter f = RouteFilter.parse(w, top.family(0));
        int family = listFamily(f);
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int oif = index(links, f.dev());
        if (f.cached()) {
            throw new CommandFailed("route show cached: the route cache is not implemented by jnetns");
        }
        RoutePrinter p = top.routePrinter(links, f);
        PrintWriter out = top.out();
        Out o = top.printOut();
        if (top.json) {
            o.jsonWriter().beginArray();
        }
        PrinterThread<Route> printer = new PrinterThread<>(r -> {
            if (oif != 0 && r.oif() != oif || !f.keeps(r)) {
                return;
            }
            o.beginObject(null);
            p.print(r, o);
            o.endObject();
            if (o.length() >= 1 << 16) {
                o.drainTo(out);
            }
        });
        try {
            rtnl.routes().forEach(family, f.table(), printer);   // streamed: constant memory for any table
        } finally {
            printer.end();
        }
        printer.rethrow();
        if (top.json) {
            o.jsonWriter().endArray();
            o.drainTo(out);
            out.println();
        } else {
            o.drainTo(out);
        }
    }

    /**
     * {@code route flush SELECTORS}: deletes what show would list, listing again until nothing is
     * left, for at most 30 seconds (ip 6.1's route flush has no -loops limit); -s says the rounds,
     * -s -s also lists what each deletes (in text, -j or not). With {@code cache}: the IPv4 route
     * cache flushed (unless -6), and nothing deleted (the IPv6 exceptions are not listed).
     *
     * @return the exit code: 0, or 255 when 30 seconds did not do
     */
    private int flush(Words w) throws ErrnoException {
        if (!w.hasNext()) {
            throw new CommandFailed("\"ip route flush\" requires arguments.");
        }
        RouteFilter f = RouteFilter.parse(w, top.family(0));
        int family = listFamily(f);
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int oif = index(links, f.dev());
        PrintWriter out = top.out();
        if (f.cached()) {
            if (family != AF_INET6) {
                RouteCacheFlush.ipv4(top.netns());
                if (top.stats > 0) {
                    out.println("*** IPv4 routing cache is flushed.");
                }
            }
            if (family == AF_INET) {
                return 0;
            }
        }
        RoutePrinter p = top.routePrinter(links, f);
        long start = System.nanoTime();
        for (int round = 0;; round++) {
            List<Route> doomed = new ArrayList<>();
            // -0: ip's dump holds no route of that family; cached: the dump holds no cached route
            // (jnetns does not list the IPv6 exceptions), so either deletes nothing
            for (Route r : family == AF_PACKET || f.cached() ? List.<Route>of() : rtnl.routes().list(family, f.table())) {
                if ((oif == 0 || r.oif() == oif) && f.keeps(r) && !kernelUnreachable(r)) {
                    doomed.add(r);
                }
            }
            if (doomed.isEmpty()) {
                if (top.stats > 0) {
                    out.println(round == 0 && (!f.cached() || family == AF_INET6) ? "Nothing to flush."
                            : "*** Flush is complete after " + round + " round" + (round > 1 ? "s" : "") + " ***");
                }
                return 0;
            }
            for (Route r : doomed) {
                if (top.stats > 1) {
                    Out listed = Out.text().numeric(top.numeric);
                    p.print(r, listed);
                    out.print(listed);
                }
                try {
                    rtnl.routes().delete(RouteSpecs.of(r, links));
                } catch (ErrnoException e) {
                    if (!e.is(Errno.ESRCH) && !e.is(Errno.ENOENT)) {
                        throw e;   // gone with its device or prefix is fine
                    }
                }
            }
            if (System.nanoTime() - start > 30_000_000_000L) {
                out.println();
                out.println("*** Flush not completed after 30 seconds, " + doomed.size() + " entries remain ***");
                return Main.EXIT_ABORT;
            }
            if (top.stats > 0) {
                out.println();
                out.println("*** Round " + (round + 1) + ", deleting " + doomed.size() + " entries ***");
            }
        }
    }

    /** IPv6's unreachable default with metric 2^32-1, which ip's flush leaves alone. */
    private static boolean kernelUnreachable(Route r) {
        return r.family() == AF_INET6 && r.dst().length() == 0 && r.type() == RTN_UNREACHABLE
                && r.metric() == 0xffffffffL;
    }

    /**
     * Parses the ip route grammar into a spec as ip's iproute_modify reads it: the family follows
     * -4/-6, else the first address given, and every later address must be of it.
     */
    static RouteSpec parse(Words w, String verb, int family) {
        IpPrefix dst = null;
        boolean defaultRoute = false;
        Integer type = null;
        List<String[]> opts = new ArrayList<>();
        RouteMetrics m = RouteMetrics.NONE;
        boolean via = false;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("src")) {
                String v = w.value();
                family = Words.familyOf(Words.address(v, family));
                opts.add(new String[] {"src", v});
            } else if (word.equals("via")) {
                String v = w.value();
                if (via) {
                    throw Words.invalid("use nexthop syntax to specify multiple via", v);
                }
                via = true;
                family = Words.familyOf(Words.address(v, family));
                opts.add(new String[] {"via", v});
            } else if (Words.matches(word, "metric") || Words.matches(word, "priority") || word.equals("preference")) {
                String v = w.value();
                try {
                    Words.parseNumber("metric", v, 0xffffffffL);
                } catch (UsageException e) {
                    throw Words.invalid("\"metric\" value is invalid", v);
                }
                opts.add(new String[] {"metric", v});
            } else if (word.equals("scope")) {
                String v = w.value();
                Words.named(RtNames.SCOPES, v, "invalid \"scope\" value");
                opts.add(new String[] {"scope", v});
            } else if (word.equals("tos") || Words.matches(word, "dsfield")) {
                String v = w.value();
                Words.named(RtNames.DSFIELDS, v, "\"tos\" value is invalid");
                opts.add(new String[] {"tos", v});
            } else if (word.equals("expires")) {
                String v = w.value();
                opts.add(new String[] {"expires", String.valueOf(Words.u32(v, "\"expires\" value is invalid"))});
            } else if (word.equals("mtu")) {
                m = lockable(w, m, RTAX_MTU, "\"mtu\" value is invalid", 0xffffffffL);
            } else if (word.equals("hoplimit")) {
                m = lockable(w, m, RTAX_HOPLIMIT, "\"hoplimit\" value is invalid", 255);
            } else if (word.equals("advmss")) {
                m = lockable(w, m, RTAX_ADVMSS, "\"mss\" value is invalid", 0xffffffffL);
            } else if (Words.matches(word, "reordering")) {
                m = lockable(w, m, RTAX_REORDERING, "\"reordering\" value is invalid", 0xffffffffL);
            } else if (word.equals("rtt")) {
                m = time(w, m, RTAX_RTT, "\"rtt\" value is invalid", 8);
            } else if (word.equals("rto_min")) {
                String v = w.value();
                m = lock(m, RTAX_RTO_MIN).with(RTAX_RTO_MIN, rtt(v, "\"rto_min\" value is invalid", 1));
            } else if (Words.matches(word, "window")) {
                m = lockable(w, m, RTAX_WINDOW, "\"window\" value is invalid", 0xffffffffL);
            } else if (Words.matches(word, "cwnd")) {
                m = lockable(w, m, RTAX_CWND, "\"cwnd\" value is invalid", 0xffffffffL);
            } else if (Words.matches(word, "initcwnd")) {
                m = lockable(w, m, RTAX_INITCWND, "\"initcwnd\" value is invalid", 0xffffffffL);
            } else if (Words.matches(word, "initrwnd")) {
                m = lockable(w, m, RTAX_INITRWND, "\"initrwnd\" value is invalid", 0xffffffffL);
            } else if (Words.matches(word, "features")) {
                String v = w.value();
                if (!v.equals("ecn")) {
                    throw Words.invalid("\"features\" value not valid", v);
                }
                m = m.with(RTAX_FEATURES, RTAX_FEATURE_ECN);
            } else if (Words.matches(word, "quickack")) {
                m = m.with(RTAX_QUICKACK, bool(w.value(), "quickack"));
            } else if (Words.matches(word, "congctl")) {
                String v = w.value();
                if (v.equals("lock")) {
                    m = lock(m, RTAX_CC_ALGO);
                    v = w.value();
                }
                m = m.withCongctl(v);
            } else if (Words.matches(word, "rttvar")) {
                m = time(w, m, RTAX_RTTVAR, "\"rttvar\" value is invalid", 4);
            } else if (Words.matches(word, "ssthresh")) {
                m = lockable(w, m, RTAX_SSTHRESH, "\"ssthresh\" value is invalid", 0xffffffffL);
            } else if (Words.matches(word, "realms")) {
                String v = w.value();
                opts.add(new String[] {"realms", String.valueOf(realms(v))});
            } else if (word.equals("onlink")) {
                opts.add(new String[] {"onlink"});
            } else if (word.equals("nexthop")) {
                parseNexthops(w, opts, family);
            } else if (word.equals("nhid")) {   // exactly: ip takes no abbreviation of it
                String v = w.value();
                opts.add(new String[] {"nhid", String.valueOf(Words.u32(v, "\"id\" value is invalid\n"))});
            } else if (Words.matches(word, "protocol")) {
                String v = w.value();
                Words.named(RtNames.PROTOCOLS, v, "\"protocol\" value is invalid");
                opts.add(new String[] {"proto", v});
            } else if (Words.matches(word, "table")) {
                String v = w.value();
                Words.named(RtNames.TABLES, v, "\"table\" value is invalid");
                opts.add(new String[] {"table", v});
            } else if (word.equals("dev") || word.equals("oif")) {
                opts.add(new String[] {"dev", w.value()});
            } else if (word.equals("pref")) {
                String v = w.value();
                long pref = switch (v) {
                    case "low" -> ICMPV6_ROUTER_PREF_LOW;
                    case "medium" -> ICMPV6_ROUTER_PREF_MEDIUM;
                    case "high" -> ICMPV6_ROUTER_PREF_HIGH;
                    default -> Words.u32(v, "\"pref\" value is invalid");
                };
                if (pref > 255) {
                    throw Words.invalid("\"pref\" value is invalid", v);
                }
                opts.add(new String[] {"pref", String.valueOf(pref)});
            } else if (Words.matches(word, "fastopen_no_cookie")) {
                m = m.with(RTAX_FASTOPEN_NO_COOKIE, bool(w.value(), "fastopen_no_cookie"));
            } else {
                if (word.equals("to")) {
                    word = w.value();
                }
                Integer t = word.isEmpty() || word.charAt(0) < '0' || word.charAt(0) > '9' ? routeType(word) : null;
                if (t != null) {
                    type = t;
                    word = w.value();
                }
                if (Words.matches(word, "help")) {
                    throw new HelpShown(USAGE);
                }
                if (dst != null || defaultRoute) {
                    throw Words.garbage("to", word);
                }
                if (family != AF_PACKET && (word.equals("default") || word.equals("all") || word.equals("any"))) {
                    defaultRoute = true;   // of the family the other words give
                } else {
                    dst = Words.prefix(word, family);
                    family = Words.familyOf(dst.address());
                }
            }
        }
        if (dst == null && !defaultRoute) {
            throw new HelpShown(USAGE);
        }
        RouteSpec s = dst == null ? RouteSpec.defaultRoute() : RouteSpec.to(dst);
        if (type != null) {
            s.type(type);
        }
        if (family != 0) {
            s.family(family);
        }
        for (String[] o : opts) {
            switch (o[0]) {
                case "via": s.via(Words.inetAddress(o[1])); break;
                case "dev": s.dev(o[1]); break;
                case "src": s.src(Words.inetAddress(o[1])); break;
                case "metric": s.metric(Words.parseNumber(o[0], o[1], 0xffffffffL)); break;
                case "table": s.table(RtNames.TABLES.number(o[1])); break;
                case "proto": s.protocol(RtNames.PROTOCOLS.number(o[1])); break;
                case "scope": s.scope(RtNames.SCOPES.number(o[1])); break;
                case "tos": s.tos(RtNames.DSFIELDS.number(o[1])); break;
                case "expires": s.expires(Long.parseLong(o[1])); break;
                case "realms": s.realms((int) (Long.parseLong(o[1]) >>> 16), (int) (Long.parseLong(o[1]) & 0xffff)); break;
                case "pref": s.pref(Integer.parseInt(o[1])); break;
                case "onlink": s.onlink(); break;
                case "nhid": s.nhid(Long.parseLong(o[1])); break;
                default:
                    s.nexthop(o[1] == null ? null : Words.inetAddress(o[1]), o[2], Integer.parseInt(o[3]),
                            o[4] != null, Long.parseLong(o[5]));
            }
        }
        if (!m.isEmpty()) {
            s.metrics(m);
        }
        return s;
    }

    /** {@code nexthop via GW dev DEV weight W ...}, each path up to the next {@code nexthop}. */
    private static void parseNexthops(Words w, List<String[]> opts, int family) {
        while (true) {
            String via = null;
            String dev = null;
            int weight = 1;
            String onlink = null;
            String realms = "-1";
            while (w.hasNext() && !"nexthop".equals(w.peek())) {
                String k = w.next();
                switch (k) {
                    case "via" -> {
                        via = w.value();
                        Words.address(via, family);
                    }
                    case "dev" -> dev = w.value();
                    case "weight" -> {
                        String v = w.value();
                        long n;
                        try {
                            n = Words.parseNumber("weight", v, 256);
                        } catch (UsageException e) {
                            n = 0;
                        }
                        if (n < 1) {
                            throw Words.invalid("\"weight\" is invalid", v);
                        }
                        weight = (int) n;
                    }
                    case "onlink" -> onlink = k;
                    default -> {
                        if (!Words.matches(k, "realms")) {
                            throw new UsageException("Error: cannot parse nexthop \"" + k + "\"");
                        }
                        realms = String.valueOf(realms(w.value()));
                    }
                }
            }
            opts.add(new String[] {"nexthop", via, dev, String.valueOf(weight), onlink, realms});
            if (!w.hasNext()) {
                return;
            }
            w.next();   // the next "nexthop"
        }
    }

    /** {@code KEY [lock] N}: a u32 metric up to {@code max}, ip's invarg {@code why} for anything else. */
    private static RouteMetrics lockable(Words w, RouteMetrics m, int type, String why, long max) {
        String v = w.value();
        if (v.equals("lock")) {
            m = lock(m, type);
            v = w.value();
        }
        long n = Words.u32(v, why);
        if (n > max) {
            throw Words.invalid(why, v);
        }
        return m.with(type, n);
    }

    /** {@code rtt|rttvar [lock] TIME}: a plain number in the kernel's units, else ms times {@code units}. */
    private static RouteMetrics time(Words w, RouteMetrics m, int type, String why, long units) {
        String v = w.value();
        if (v.equals("lock")) {
            m = lock(m, type);
            v = w.value();
        }
        return m.with(type, rtt(v, why, units));
    }

    /** {@code m} with RTAX_LOCK's bit of {@code type} set. */
    private static RouteMetrics lock(RouteMetrics m, int type) {
        return m.with(RTAX_LOCK, Math.max(m.lock(), 0) | 1L << type);
    }

    /**
     * A time as ip's get_time_rtt reads it: a number (with a '.' a decimal fraction and exponent, else as strtoul
     * base 0) taken as is, or followed by s|sec|secs (times 1000) or ms|msec|msecs (any case) in ms,
     * which is then multiplied by {@code units}; as a u32.
     */
    private static long rtt(String v, String why, long units) {
        boolean hex = v.startsWith("0x") || v.startsWith("0X");
        int end = hex ? 2 : 0;
        while (end < v.length() && (hex ? Character.digit(v.charAt(end), 16) >= 0
                : v.charAt(end) >= '0' && v.charAt(end) <= '9' || v.charAt(end) == '.')) {
            end++;
        }
        if (!hex && v.indexOf('.') >= 0 && end < v.length() && (v.charAt(end) == 'e' || v.charAt(end) == 'E')) {
            int e = end + 1 < v.length() && (v.charAt(end + 1) == '+' || v.charAt(end + 1) == '-') ? end + 2 : end + 1;
            int digits = e;
            while (digits < v.length() && v.charAt(digits) >= '0' && v.charAt(digits) <= '9') {
                digits++;
            }
            end = digits > e ? digits : end;   // strtod's exponent
        }
        String number = v.substring(0, end);
        String unit = v.substring(end).toLowerCase(java.util.Locale.ROOT);
        double t;
        try {
            t = number.indexOf('.') >= 0 ? Double.parseDouble(number) : Words.u32(number, why);
        } catch (NumberFormatException e) {
            throw Words.invalid(why, v);
        }
        if (unit.isEmpty()) {
            return (long) t & 0xffffffffL;
        }
        if (unit.equals("s") || unit.equals("sec") || unit.equals("secs")) {
            t *= 1000;
        } else if (!unit.equals("ms") && !unit.equals("msec") && !unit.equals("msecs")) {
            throw Words.invalid(why, v);
        }
        return (long) t * units & 0xffffffffL;
    }

    /** {@code quickack|fastopen_no_cookie 0|1}, with ip's two messages. */
    private static long bool(String v, String key) {
        long n = Words.u32(v, "\"" + key + "\" value is invalid");
        if (n > 1) {
            throw Words.invalid("\"" + key + "\" value should be 0 or 1", v);
        }
        return n;
    }

    /**
     * {@code realms FROM/TO|TO|N} as ip's get_rt_realms_or_raw reads it: a u32 as is, else realm
     * names or numbers (from 0 when not given), as the RTA_FLOW u32 (from in the high half).
     */
    private static long realms(String v) {
        try {
            return Words.parseNumber("realms", v, 0xffffffffL);
        } catch (UsageException e) {
            // FROM/TO
        }
        int slash = v.indexOf('/');
        try {
            long from = slash < 0 ? 0 : RtNames.REALMS.number(v.substring(0, slash));
            String to = v.substring(slash + 1);
            return from << 16 | (to.isEmpty() ? 0 : RtNames.REALMS.number(to));
        } catch (IllegalArgumentException e) {
            throw Words.invalid("\"realm\" value is invalid", v);
        }
    }

    /**
     * The route type a word names as ip's rtnl_rtntype_a2n reads it, in its order (so "u" is
     * unreachable, "b" broadcast, "any" anycast); null for none.
     */
    private static Integer routeType(String word) {
        if (word.equals("local")) {
            return RTN_LOCAL;
        } else if (word.equals("nat")) {
            return RTN_NAT;
        } else if (Words.matches(word, "broadcast") || word.equals("brd")) {
            return RTN_BROADCAST;
        } else if (Words.matches(word, "anycast")) {
            return RTN_ANYCAST;
        } else if (Words.matches(word, "multicast")) {
            return RTN_MULTICAST;
        } else if (Words.matches(word, "prohibit")) {
            return RTN_PROHIBIT;
        } else if (Words.matches(word, "unreachable")) {
            return RTN_UNREACHABLE;
        } else if (Words.matches(word, "blackhole")) {
            return RTN_BLACKHOLE;
        } else if (Words.matches(word, "xresolve")) {
            return RTN_XRESOLVE;
        } else if (Words.matches(word, "unicast")) {
            return RTN_UNICAST;
        } else if (word.equals("throw")) {
            return RTN_THROW;
        }
        return null;
    }

    private void modify(Words w, String verb) throws ErrnoException {
        RouteSpec s = parse(w, verb, top.family(0));
        Rtnl rtnl = top.rtnl();
        switch (verb) {
            case "add": rtnl.routes().add(s); break;
            case "del": rtnl.routes().delete(s); break;
            case "change": rtnl.routes().change(s); break;
            case "append": rtnl.routes().append(s); break;
            case "prepend": rtnl.routes().prepend(s); break;
            default: rtnl.routes().replace(s); break;
        }
    }
}
