package dev.jnetns.cli;

import dev.jnetns.ErrnoException;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Route;
import dev.jnetns.RtNames;
import dev.jnetns.Routes;
import dev.jnetns.Rtnl;
import java.net.InetAddress;
import java.util.List;

/**
 * {@code ip route get [to] ADDR [from PREFIX] [iif DEV] [oif DEV] [mark N] [tos TOS] [uid N]
 * [ipproto P] [sport N] [dport N] [vrf NAME] [as [to] ADDR] [notify] [connected] [fibmatch]}: the
 * words as iproute2 6.1's iproute_get reads them (in its order, so abbreviations pick what ip's pick),
 * and the route the kernel answers, printed as ip prints it.
 */
final class RouteGet {
    private final JnetnsCommand top;
    private int family;
    private InetAddress dst;
    private IpPrefix from;
    private String iif;
    private String oif;
    private long mark;
    private boolean connected;
    private Routes.Lookup extra = Routes.Lookup.of(InetAddress.getLoopbackAddress());

    RouteGet(JnetnsCommand top) {
        this.top = top;
    }

    /** Reads the words, asks the kernel, prints its answer (with {@code connected}, as ip does, twice). */
    void run(Words w) throws ErrnoException {
        family = top.family(0);
        while (w.hasNext()) {
            word(w, w.next());
        }
        if (dst == null) {
            throw new CommandFailed("need at least a destination address");
        }
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        RouteCommand.index(links, iif);
        RouteCommand.index(links, oif);
        Routes.Lookup q = new Routes.Lookup(dst, from == null ? null : from.address(), null, null, 0, extra.uid(),
                extra.tos(), extra.fibmatch(), extra.ipproto(), extra.sport(), extra.dport(), extra.newDst(),
                extra.notifying());
        if (iif != null) {
            q = q.iif(iif);
        }
        if (oif != null) {
            q = q.oif(oif);
        }
        if (mark != 0) {
            q = q.mark(mark);
        }
        Route r = rtnl.routes().get(q);
        if (connected && from == null) {
            // ip prints the answer, checks it has a source, then asks again with the same request and
            // prints that answer too: after the JSON array, in text (its JSON writer is gone by then)
            print(links, r, top.json);
            if (r.prefsrc() == null && r.src() == null) {
                throw new UsageException("Failed to connect the route");
            }
            print(links, rtnl.routes().get(q), false);
        } else {
            print(links, r, top.json);
        }
    }

    /** One word of iproute_get, in its order. */
    private void word(Words w, String word) {
        if (word.equals("tos") || Words.matches(word, "dsfield")) {
            String v = w.value();
            extra = extra.tos(number(RtNames.DSFIELDS, v, "TOS value is invalid"));
        } else if (Words.matches(word, "from")) {
            String v = w.value();
            if (Words.matches(v, "help")) {
                throw new HelpShown(RouteCommand.USAGE);
            }
            from = Words.prefix(v, family);
            family = Words.familyOf(from.address());
        } else if (Words.matches(word, "iif")) {
            iif = w.value();
        } else if (Words.matches(word, "mark")) {
            mark = u32(w.value(), "invalid mark value");
        } else if (Words.matches(word, "oif") || word.equals("dev")) {
            oif = w.value();
        } else if (Words.matches(word, "notify")) {
            extra = extra.notifying(true);
        } else if (Words.matches(word, "connected")) {
            connected = true;
        } else if (Words.matches(word, "vrf")) {
            oif = vrf(w.value());
        } else if (Words.matches(word, "uid")) {
            extra = extra.uid(u32(w.value(), "invalid UID"));
        } else if (Words.matches(word, "fibmatch")) {
            extra = extra.fibmatch(true);
        } else if (word.equals("as")) {
            String v = w.value();
            if (v.equals("to")) {
                v = w.value();
            }
            InetAddress a = Words.address(v, family);
            family = Words.familyOf(a);
            extra = extra.as(a);
        } else if (Words.matches(word, "sport")) {
            extra = extra.sport(port(w.value(), "invalid sport"));
        } else if (Words.matches(word, "dport")) {
            extra = extra.dport(port(w.value(), "invalid dport"));
        } else if (Words.matches(word, "ipproto")) {
            extra = extra.ipproto(RuleWords.ipProto(w.value()));
        } else {
            if (word.equals("to")) {
                word = w.value();
            }
            if (Words.matches(word, "help")) {
                throw new HelpShown(RouteCommand.USAGE);
            }
            IpPrefix p = Words.prefix(word, family);
            family = Words.familyOf(p.address());
            dst = p.address();
        }
    }

    /** {@code vrf NAME}: ip's name_is_vrf, a device of kind vrf (then the output device). */
    private String vrf(String name) {
        try {
            Link l = top.rtnl().links().find(name).orElse(null);
            if (l != null && "vrf".equals(l.kind())) {
                return name;
            }
        } catch (ErrnoException | IllegalArgumentException e) {
            // not a device: as ip, an invalid VRF
        }
        throw Words.invalid("Invalid VRF", name);
    }

    /** ip's get_unsigned(base 0), its invarg {@code why} for anything else. */
    private static long u32(String v, String why) {
        try {
            return Words.parseNumber(why, v, 0xffffffffL);
        } catch (UsageException e) {
            throw Words.invalid(why, v);
        }
    }

    /** ip's get_be16(base 0): a port. */
    private static int port(String v, String why) {
        try {
            return (int) Words.parseNumber(why, v, 0xffff);
        } catch (UsageException e) {
            throw Words.invalid(why, v);
        }
    }

    private static int number(RtNames names, String text, String why) {
        try {
            return names.number(text);
        } catch (IllegalArgumentException e) {
            throw Words.invalid(why, text);
        }
    }

    /** The route as ip's print_route prints it, in an array of one with -j. */
    private void print(List<Link> links, Route r, boolean json) throws ErrnoException {
        RoutePrinter p = top.routePrinter(links, RouteFilter.NONE);
        Out o = (json ? Out.json(top.pretty) : Out.text()).numeric(top.numeric);
        if (json) {
            o.jsonWriter().beginArray();
        }
        o.beginObject(null);
        p.print(r, o);
        o.endObject();
        if (json) {
            o.jsonWriter().endArray();
            top.out().println(o);
        } else {
            top.out().print(o);
        }
    }
}
