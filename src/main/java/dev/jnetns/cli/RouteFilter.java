package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;

import dev.jnetns.IpPrefix;
import dev.jnetns.Route;
import dev.jnetns.RtNames;
import java.net.InetAddress;

/**
 * Which routes {@code route show} and {@code route flush} pick, as ip reads it (iproute.c):
 * {@code [table ID|all] [dev DEV] [proto P|all] [scope S|all] [type T] [tos TOS] [metric N]
 * [via ADDR] [src ADDR] [[to] [root|match|exact] PREFIX|default]}. A selector that fixes a field
 * also keeps ip from printing it (proto, scope, tos, metric, via, src; dev and table too).
 *
 * @param table the table, 0 for all
 * @param prefix the destination selector ({@code default}: the zero prefix, matched exactly), null for none
 * @param prefixMode "exact", "root" or "match" for {@code prefix}
 * @param cached {@code cached}/{@code cloned}: the route cache (not implemented)
 */
record RouteFilter(int table, String dev, Integer proto, Integer scope, Integer type, Integer tos, Long metric,
                   InetAddress via, InetAddress src, IpPrefix prefix, String prefixMode, boolean cached) {
    /** No selector, every table: what {@code route get} and {@code monitor} print with. */
    static final RouteFilter NONE = new RouteFilter(0, null, null, null, null, null, null, null, null, null, "exact",
            false);

    /** Reads the selector words of {@code route show|flush}, addresses of {@code family} (0: any). */
    static RouteFilter parse(Words w, int family) {
        int table = RT_TABLE_MAIN;
        String dev = null;
        Integer proto = null;
        Integer scope = null;
        Integer type = null;
        Integer tos = null;
        Long metric = null;
        InetAddress via = null;
        InetAddress src = null;
        IpPrefix prefix = null;
        boolean cached = false;
        String mode = "exact";
        while (w.hasNext()) {
            String word = w.next();
            if (Words.matches(word, "table")) {
                String t = w.value();
                if (t.equals("all")) {
                    table = 0;
                } else if (t.equals("cache")) {
                    cached = true;
                } else if (t.equals("help")) {
                    throw new HelpShown(RouteCommand.USAGE);
                } else {
                    table = number(RtNames.TABLES, t, "table id value is invalid");
                }
            } else if (Words.matches(word, "cached") || Words.matches(word, "cloned")) {
                cached = true;
            } else if (word.equals("tos") || Words.matches(word, "dsfield")) {
                tos = number(RtNames.DSFIELDS, w.value(), "TOS value is invalid");
            } else if (Words.matches(word, "protocol")) {
                String p = w.value();
                proto = p.equals("all") ? null : number(RtNames.PROTOCOLS, p, "invalid \"protocol\"");
            } else if (Words.matches(word, "scope")) {
                String sc = w.value();
                scope = sc.equals("all") ? null : number(RtNames.SCOPES, sc, "invalid \"scope\"");
            } else if (Words.matches(word, "type")) {
                type = number(RtNames.TYPES, w.value(), "node type value is invalid");
            } else if (word.equals("dev") || word.equals("oif")) {
                dev = w.value();
            } else if (Words.matches(word, "metric") || Words.matches(word, "priority") || word.equals("preference")) {
                String m = w.value();
                try {
                    metric = Words.parseNumber("metric", m, 0xffffffffL);
                } catch (UsageException e) {
                    throw Words.invalid("\"metric\" value is invalid", m);
                }
            } else if (word.equals("via")) {
                via = Words.prefix(w.value(), family).address();
            } else if (word.equals("src")) {
                src = Words.prefix(w.value(), family).address();
            } else {
                if (Words.matches(word, "to")) {
                    word = w.value();
                }
                if (Words.matches(word, "root") || Words.matches(word, "match")) {
                    mode = Words.matches(word, "root") ? "root" : "match";
                    word = w.value();
                } else if (Words.matches(word, "exact")) {
                    mode = "exact";
                    word = w.value();
                } else {
                    mode = "exact";
                }
                prefix = Words.prefix(word, family);
            }
        }
        return new RouteFilter(table, dev, proto, scope, type, tos, metric, via, src, prefix, mode, cached);
    }

    private static int number(RtNames names, String text, String why) {
        try {
            return names.number(text);
        } catch (IllegalArgumentException e) {
            throw Words.invalid(why, text);
        }
    }

    /** Whether {@code r} matches every selector but table and dev (which the dump itself applies). */
    boolean keeps(Route r) {
        return (proto == null || r.protocol() == proto) && (scope == null || r.scope() == scope)
                && (type == null || r.type() == type) && (tos == null || r.tos() == tos)
                && (metric == null || Math.max(r.metric(), 0) == metric) && (via == null || via.equals(r.gateway()))
                && (src == null || src.equals(r.prefsrc())) && (prefix == null || prefixMatches(r.dst()));
    }

    private boolean prefixMatches(IpPrefix dst) {
        switch (prefixMode) {
            case "root":
                return covers(prefix, dst);
            case "match":
                return covers(dst, prefix);
            default:
                return dst.length() == prefix.length() && covers(prefix, dst);
        }
    }

    /** Whether {@code outer} holds {@code inner}: same family, no longer, the same leading bits. */
    private static boolean covers(IpPrefix outer, IpPrefix inner) {
        return outer.address().getClass() == inner.address().getClass() && outer.length() <= inner.length()
                && new IpPrefix(inner.address(), outer.length()).network().equals(outer.network());
    }
}
