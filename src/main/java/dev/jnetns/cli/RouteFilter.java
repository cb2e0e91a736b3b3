package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.Links;
import dev.jnetns.Route;
import dev.jnetns.RtNames;
import dev.jnetns.uapi.LinuxRoute;
import java.net.InetAddress;

/**
 * Which routes {@code route show} lists, as ip reads it: {@code [table ID|all] [dev DEV] [proto P]
 * [scope S] [type T] [tos TOS] [metric N] [via ADDR] [src ADDR] [[to] [root|match|exact] PREFIX|default]}.
 * A selector that fixes a field also keeps ip from printing it (proto, scope, tos, metric, via,
 * src; dev and table too).
 *
 * @param table the table, 0 for all
 * @param prefix the destination selector, null for none or for {@code default} (then {@code defaultRoute})
 * @param prefixMode "exact", "root" or "match" for {@code prefix}
 */
record RouteFilter(int table, String dev, Integer proto, Integer scope, Integer type, Integer tos, Long metric,
                   InetAddress via, InetAddress src, IpPrefix prefix, String prefixMode, boolean defaultRoute) {
    /** No selector, every table: what {@code route get} and {@code monitor} print with. */
    static final RouteFilter NONE = new RouteFilter(0, null, null, null, null, null, null, null, null, null, "exact",
            false);

    /** Reads the selector words of {@code route show}; anything else is a usage error. */
    static RouteFilter parse(Words w) {
        int table = LinuxRoute.RT_TABLE_MAIN;
        String dev = null;
        Integer proto = null;
        Integer scope = null;
        Integer type = null;
        Integer tos = null;
        Long metric = null;
        InetAddress via = null;
        InetAddress src = null;
        IpPrefix prefix = null;
        boolean defaultRoute = false;
        String mode = "exact";
        while (w.hasNext()) {
            String word = w.next();
            switch (word) {
                case "table" -> {
                    String t = w.valueOf(word);
                    table = t.equals("all") ? 0 : RtNames.TABLES.number(t);
                }
                case "dev", "oif" -> dev = Links.checkName(w.valueOf(word));
                case "proto", "protocol" -> proto = RtNames.PROTOCOLS.number(w.valueOf(word));
                case "scope" -> scope = RtNames.SCOPES.number(w.valueOf(word));
                case "type" -> type = RtNames.TYPES.number(w.valueOf(word));
                case "tos", "dsfield" -> tos = RtNames.DSFIELDS.number(w.valueOf(word));
                case "metric", "priority", "preference" -> metric = Words.parseNumber(word, w.valueOf(word), 0xffffffffL);
                case "via" -> via = IpPrefix.parseAddress(w.valueOf(word));
                case "src" -> src = IpPrefix.parseAddress(w.valueOf(word));
                case "to" -> { }   // the prefix follows
                case "root", "match", "exact" -> {
                    mode = word;
                    prefix = prefix(w.valueOf(word));
                }
                case "default" -> defaultRoute = true;
                default -> {
                    if (prefix != null || defaultRoute) {
                        throw new UsageException("route show: unexpected \"" + word + "\"");
                    }
                    prefix = prefix(word);
                }
            }
        }
        return new RouteFilter(table, dev, proto, scope, type, tos, metric, via, src, prefix, mode, defaultRoute);
    }

    /** A prefix, or an address as its host prefix. */
    private static IpPrefix prefix(String text) {
        if (text.contains("/")) {
            return IpPrefix.parse(text);
        }
        InetAddress a = IpPrefix.parseAddress(text);
        return new IpPrefix(a, IpPrefix.bits(a));
    }

    /** Whether {@code r} matches every selector but table and dev (which the dump itself applies). */
    boolean keeps(Route r) {
        return (proto == null || r.protocol() == proto) && (scope == null || r.scope() == scope)
                && (type == null || r.type() == type) && (tos == null || r.tos() == tos)
                && (metric == null || Math.max(r.metric(), 0) == metric) && (via == null || via.equals(r.gateway()))
                && (src == null || src.equals(r.prefsrc())) && (prefix == null || prefixMatches(r.dst()))
                && (!defaultRoute || r.dst().length() == 0);
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
