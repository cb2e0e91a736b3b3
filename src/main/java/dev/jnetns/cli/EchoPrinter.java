package dev.jnetns.cli;

import dev.jnetns.Address;
import dev.jnetns.Echoed;
import dev.jnetns.Link;
import dev.jnetns.Nexthop;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ip -echo}: a change of {@code link}, {@code address}, {@code route}, {@code rule} or
 * {@code nexthop} asks the kernel for the object it made, changed or deleted, and prints it as
 * {@code ip monitor} prints its notification (iproute2 6.1's rtnl_echo_talk: the first reply to the
 * request, "Deleted " before a deleted one; in JSON one array of one object, the object of a route,
 * rule or nexthop nested in it as ip nests it, and {@code [{}]} when the kernel echoes nothing).
 */
final class EchoPrinter {
    /** The verbs of each object whose change ip sends through rtnl_echo_talk (abbreviated as ip allows). */
    private static final Map<String, List<String>> VERBS = Map.of(
            "link", List.of("add", "change", "set", "replace", "delete"),
            "address", List.of("add", "change", "chg", "replace", "delete"),
            "route", List.of("add", "change", "chg", "replace", "prepend", "append", "delete"),
            "rule", List.of("add", "delete"),
            "nexthop", List.of("add", "replace", "delete"));

    private EchoPrinter() {
    }

    /** Whether {@code ip -echo OBJECT VERB ...} prints what the kernel echoes. */
    static boolean echoes(String object, List<String> words) {
        List<String> verbs = VERBS.get(object);
        return verbs != null && !words.isEmpty() && !ObjectCommand.isShow(words.get(0))
                && verbs.stream().anyMatch(v -> Words.matches(words.get(0), v));
    }

    /** Runs {@code command} with -echo's requests, then prints the first object the kernel echoed. */
    static int run(JnetnsCommand top, Callable<Integer> command) throws Exception {
        List<Echoed> echoed = new ArrayList<>();
        Rtnl rtnl = top.rtnl();
        rtnl.echo(echoed::add);
        int rc;
        try {
            rc = command.call();
        } finally {
            rtnl.echo(null);
        }
        if (rc == 0) {
            print(top, rtnl, echoed.isEmpty() ? null : echoed.get(0));
        }
        return rc;
    }

    private static void print(JnetnsCommand top, Rtnl rtnl, Echoed e) throws Exception {
        Json j = top.json ? top.json().beginArray().beginObject() : null;
        if (e != null && e.object() instanceof Nexthop n) {
            NexthopCommand printer = new NexthopCommand();   // its records open their own object, as ip's
            printer.top = top;
            printer.records(rtnl.links().list(), List.of(n), j, e.deleted());
        } else if (e != null) {
            boolean nested = !(e.object() instanceof Link) && !(e.object() instanceof Address);
            if (nested && j != null) {
                j.beginObject();   // print_route and print_rule open one more, as print_nexthop does
            }
            Out o = (j != null ? Out.over(j) : Out.text()).numeric(top.numeric);
            if (e.deleted()) {
                o.bool("deleted", null, true);
                o.text("Deleted ");
            }
            object(top, rtnl, e.object(), o);
            if (j == null) {
                String text = o.toString();
                top.out().print(top.oneline && text.endsWith("\n") ? LinkPrinter.oneline(text) : text);
            } else if (nested) {
                j.endObject();
            }
        }
        if (j != null) {
            top.out().println(j.endObject().endArray());
        }
    }

    /** The object as the monitor prints it (ip's print_linkinfo, print_addrinfo, print_route, print_rule). */
    private static void object(JnetnsCommand top, Rtnl rtnl, Object object, Out o) throws Exception {
        List<Link> links = new ArrayList<>(rtnl.links().list());
        if (object instanceof Link link) {
            links.removeIf(l -> l.index() == link.index());
            links.add(link);
            // as ip monitor: print_linkinfo without ip link's do_link (no mode, no qlen); -br without a line end
            LinkPrinter printer = new LinkPrinter(links, top.details, true, JnetnsCommand.netnsNames(rtnl, links), 0);
            if (top.brief) {
                printer.brief(link, o, false);
            } else {
                printer.withoutQueueLength().print(link, o, false);
                o.text("\n");
            }
        } else if (object instanceof Address a) {
            String dev = links.stream().filter(l -> l.index() == a.index()).map(Link::name).findFirst()
                    .orElse("if" + a.index());
            if (top.brief) {
                AddressPrinter.brief(a, o);
            } else {
                AddressPrinter.monitor(a, dev, o);
            }
        } else if (object instanceof Route r) {
            new RoutePrinter(links, RouteFilter.NONE, top.details, top.stats, false).print(r, o);
        } else if (object instanceof Rule r) {
            new RulePrinter(top.details).fields(r, o);
        }
    }
}
