package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Route;
import dev.jnetns.RouteSpec;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.ErrnoException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns route ...}: routes, as {@code ip route}. */
final class RouteCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] route show [table ID|all] [dev DEV] [proto P] [scope S] [type T] [tos TOS]\n"
            + "                       [metric N] [via ADDR] [src ADDR] [[to] [root|match|exact] PREFIX|default]\n"
            + "       jnetns route add|del|replace [TYPE] PREFIX|default [via GW] [dev DEV] [src IP] [metric N]\n"
            + "                    [table ID] [proto P] [scope S] [onlink] [mtu N] [nexthop via GW dev DEV weight W]...\n"
            + "         TYPE := unicast | local | blackhole | unreachable | prohibit | throw\n"
            + "       jnetns route get ADDRESS\n";

    private static final int AF_INET = 2;
    private static final int RT_TABLE_MAIN = 254;

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (isShow(verb)) {
            show(w);
        } else if (change(verb) != null) {
            modify(w, change(verb));
        } else if (Words.matches(verb, "get")) {
            get(w);
        } else {
            return null;
        }
        return 0;
    }

    private void show(Words w) throws ErrnoException {
        RouteFilter f = RouteFilter.parse(w);
        int table = f.table();
        // like ip: a specific table (main by default) lists IPv4 unless -6 (even for an IPv6 selector); "all" both
        int family = top.family(table == 0 ? 0 : AF_INET);
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int oif = f.dev() == null ? 0 : LinkFilter.named(links, f.dev()).index();
        RoutePrinter p = new RoutePrinter(links, f, top.details, top.stats, top.oneline);
        PrintWriter out = top.out();
        Out o = top.json ? Out.json(top.pretty) : Out.text();
        if (top.json) {
            o.jsonWriter().beginArray();
        }
        rtnl.routes().forEach(family, table, r -> {   // streamed: constant memory for any table
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
        if (top.json) {
            o.jsonWriter().endArray();
            out.println(o);
        } else {
            out.print(o);
        }
    }

    private void get(Words w) throws ErrnoException {
        InetAddress dst = null;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("to")) {
                dst = IpPrefix.parseAddress(w.valueOf(word));
            } else if (dst == null) {
                dst = IpPrefix.parseAddress(word);
            } else {
                throw new UsageException("route get: unexpected \"" + word + "\"");
            }
        }
        if (dst == null) {
            throw new UsageException("route get: no address given");
        }
        Rtnl rtnl = top.rtnl();
        Route r = rtnl.routes().get(dst);
        RoutePrinter p = new RoutePrinter(rtnl.links().list(), RouteFilter.NONE, top.details, top.stats, top.oneline);
        Out o = top.json ? Out.json(top.pretty) : Out.text();
        if (top.json) {
            o.jsonWriter().beginArray();
        }
        o.beginObject(null);
        p.print(r, o);
        o.endObject();
        if (top.json) {
            o.jsonWriter().endArray();
            top.out().println(o);
        } else {
            top.out().print(o);
        }
    }

    /** Parses the ip route grammar into a spec. */
    static RouteSpec parse(Words w, String verb, int family) {
        RouteSpec s = null;
        Integer type = null;
        List<String[]> opts = new ArrayList<>();
        while (w.hasNext()) {
            String word = w.next();
            switch (word) {
                case "via": case "dev": case "src": case "metric": case "priority": case "preference": case "table":
                case "proto": case "protocol": case "scope": case "mtu":
                    opts.add(new String[] {word, w.valueOf(word)});
                    break;
                case "onlink":
                    opts.add(new String[] {word});
                    break;
                case "nexthop": {
                    String via = null;
                    String dev = null;
                    int weight = 1;
                    while (w.hasNext() && !"nexthop".equals(w.peek())) {
                        String k = w.next();
                        switch (k) {
                            case "via": via = w.valueOf(k); break;
                            case "dev": dev = w.valueOf(k); break;
                            case "weight": weight = (int) w.number(k, 256); break;
                            default: throw new UsageException("nexthop: unexpected \"" + k + "\"");
                        }
                    }
                    opts.add(new String[] {"nexthop", via, dev, String.valueOf(weight)});
                    break;
                }
                case "to":
                    s = RouteSpec.to(w.valueOf(word));
                    break;
                default:
                    if (s == null && type == null && isType(word)) {
                        type = RtNames.TYPES.number(word);
                    } else if (s == null) {
                        s = RouteSpec.to(word);
                    } else {
                        throw new UsageException("route " + verb + ": unexpected \"" + word + "\"");
                    }
            }
        }
        if (s == null) {
            throw new UsageException("route " + verb + ": no destination given");
        }
        if (type != null) {
            s.type(type);
        }
        if (family != 0) {
            s.family(family);
        }
        for (String[] o : opts) {
            switch (o[0]) {
                case "via": s.via(IpPrefix.parseAddress(o[1])); break;
                case "dev": s.dev(o[1]); break;
                case "src": s.src(IpPrefix.parseAddress(o[1])); break;
                case "metric": case "priority": case "preference": s.metric(Words.parseNumber(o[0], o[1], 0xffffffffL)); break;
                case "table": s.table(RtNames.TABLES.number(o[1])); break;
                case "proto": case "protocol": s.protocol(RtNames.PROTOCOLS.number(o[1])); break;
                case "scope": s.scope(RtNames.SCOPES.number(o[1])); break;
                case "mtu": s.mtu((int) Words.parseNumber(o[0], o[1], 0xffffffffL)); break;
                case "onlink": s.onlink(); break;
                default:
                    s.nexthop(o[1] == null ? null : IpPrefix.parseAddress(o[1]), o[2], Integer.parseInt(o[3]));
            }
        }
        return s;
    }

    private static boolean isType(String word) {
        switch (word) {
            case "unicast": case "local": case "broadcast": case "anycast": case "multicast": case "blackhole":
            case "unreachable": case "prohibit": case "throw": case "nat":
                return true;
            default:
                return false;
        }
    }

    private void modify(Words w, String verb) throws ErrnoException {
        RouteSpec s = parse(w, verb, top.family(0));
        Rtnl rtnl = top.rtnl();
        switch (verb) {
            case "add": rtnl.routes().add(s); break;
            case "del": rtnl.routes().delete(s); break;
            default: rtnl.routes().replace(s); break;
        }
    }
}
