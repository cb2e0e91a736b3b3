package dev.jnetns.cli;

import dev.jnetns.Link;
import dev.jnetns.Monitor;
import dev.jnetns.NamespaceId;
import dev.jnetns.Neighbour;
import dev.jnetns.Netns;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.ErrnoException;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code jnetns [-t|-ts] [-4|-6] [-n NS]... [--all-netns] [-j] monitor [OBJECTS] [label]}: every
 * notification the kernel sends, printed as {@code ip monitor} prints it (iproute2 6.1's ipmonitor.c),
 * or as one JSON object per line; flushed as it comes, until SIGINT or SIGTERM.
 */
final class MonitorCommand extends CliCommand {
    static final String USAGE =
            "Usage: jnetns [-t|-ts] [-4|-6] [-n NS]... [--all-netns] [-j] monitor [all | OBJECTS] [label]\n"
            + "OBJECTS := link | address | route | neigh | netconf | rule | nsid   (none: all of them)\n"
            + "Text as ip monitor prints it; label (or all) heads each event [LINK], [ADDR], [ROUTE], [NEIGH],\n"
            + "[NETCONF], [RULE] or [NSID]; -t/-ts a timestamp as ip's. -4/-6: only that family's address,\n"
            + "route, rule, neighbour and netconf events. Several -n or --all-netns (every namespace under\n"
            + "/run/netns, following those named and deleted later): each event headed [NS]. -j: one JSON object\n"
            + "per line, the fields of the matching ip -j show record plus \"event\" (newlink, dellink, newaddr,\n"
            + "deladdr, newroute, delroute, newneigh, delneigh, newnetconf, delnetconf, newrule, delrule, newnsid,\n"
            + "delnsid), \"netns\" with several namespaces, \"timestamp\" with -t. Not implemented: mroute, prefix,\n"
            + "nexthop, stats, all-nsid, dev, file. A watcher that fails for good ends it (exit 2). After lost\n"
            + "notifications the state is dumped again, the difference printed, then \"Resynced\".\n";

    /** ip's prefix_banner ({@code label}, {@code all}). */
    private boolean banner;
    /** -4/-6: the family of the address, route, rule and neighbour events shown; 0 for all. */
    private int family;
    private boolean labelled;
    private final Map<String, Space> spaces = new HashMap<>();
    private boolean watchesLinks;
    /** Events held until the devices in {@link #awaited} are announced (see {@link #print}). */
    private final List<Monitor.Event> held = new ArrayList<>();
    /** The devices (label|ifindex) whose netconf entries came before them. */
    private final java.util.Set<String> awaited = new java.util.HashSet<>();

    /** What ip keeps of one namespace: its ll_map (index → device) and its netns map (nsid → name). */
    private static final class Space {
        final Map<Integer, Link> devices = new LinkedHashMap<>();
        /** The name first seen for each index: ip 6.1's ll_remember_index re-files a renamed device, keeps its name. */
        final Map<Integer, String> names = new HashMap<>();
        final Map<Integer, String> nsidNames = new HashMap<>();
        Rtnl rtnl;
    }

    @Override
    int call(List<String> words) throws Exception {
        Set<Monitor.Topic> topics = EnumSet.noneOf(Monitor.Topic.class);
        for (String w : words) {   // in ip's order (ipmonitor.c), so abbreviations pick what ip's pick
            Monitor.Topic t = null;
            if (Words.matches(w, "file")) {
                throw notImplemented(w);
            } else if (Words.matches(w, "label")) {
                banner = true;
            } else if (Words.matches(w, "link")) {
                t = Monitor.Topic.LINK;
            } else if (Words.matches(w, "address")) {
                t = Monitor.Topic.ADDRESS;
            } else if (Words.matches(w, "route")) {
                t = Monitor.Topic.ROUTE;
            } else if (Words.matches(w, "mroute") || Words.matches(w, "prefix")) {
                throw notImplemented(w);
            } else if (Words.matches(w, "neigh")) {
                t = Monitor.Topic.NEIGH;
            } else if (Words.matches(w, "netconf")) {
                t = Monitor.Topic.NETCONF;
            } else if (Words.matches(w, "rule")) {
                t = Monitor.Topic.RULE;
            } else if (Words.matches(w, "nsid")) {
                t = Monitor.Topic.NSID;
            } else if (Words.matches(w, "nexthop") || w.equals("stats")) {
                throw notImplemented(w);
            } else if (w.equals("all")) {
                banner = true;
            } else if (Words.matches(w, "all-nsid")) {
                throw notImplemented(w);
            } else if (Words.matches(w, "help")) {
                throw new HelpShown(USAGE);
            } else if (w.equals("dev")) {
                throw notImplemented(w);
            } else {
                throw new UsageException("Argument \"" + w + "\" is unknown, try \"jnetns monitor help\".");
            }
            if (t != null) {
                topics.add(t);
            }
        }
        if (topics.isEmpty()) {
            topics = EnumSet.allOf(Monitor.Topic.class);
        }
        watchesLinks = topics.contains(Monitor.Topic.LINK);
        labelled = top.allNetns || top.netnsList.size() > 1;
        family = top.family(0);
        Map<String, Netns> opened = new LinkedHashMap<>();
        try {
            if (!top.allNetns && top.netnsList.isEmpty()) {
                opened.put("", Netns.open("/proc/self/ns/net"));
            }
            for (String n : top.allNetns ? List.<String>of() : top.netnsList) {
                opened.put(n, Netns.open(n));
            }
            CountDownLatch done = new CountDownLatch(1);
            PrintWriter out = top.out();
            int[] rc = {0};
            java.util.function.Consumer<Monitor.Event> sink = e -> {
                if (print(out, e)) {
                    rc[0] = Main.EXIT_KERNEL;   // a watcher that failed for good ends the monitor
                    done.countDown();
                }
            };
            Monitor.Options options = new Monitor.Options(false, 0, true);
            try (Monitor m = top.allNetns ? Monitor.startNamed(topics, options, sink)
                    : Monitor.start(opened, topics, options, sink)) {
                Thread hook = new Thread(() -> {
                    m.close();
                    out.flush();
                    done.countDown();
                });
                Main.shutdownHooked = true;
                Runtime.getRuntime().addShutdownHook(hook);
                done.await();
                if (rc[0] != 0) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
            }
            return rc[0];
        } finally {
            opened.values().forEach(Netns::close);
            for (Space s : spaces.values()) {
                if (s.rtnl != null) {
                    s.rtnl.close();
                }
            }
        }
    }

    private static CommandFailed notImplemented(String word) {
        return new CommandFailed("\"ip monitor " + word + "\" is not implemented by jnetns");
    }

    /**
     * The namespace labelled {@code ns}, its devices and named namespaces listed on its first event
     * (ip's ll_init_map and netns_map_init; not before subscribing, which reading every namespace
     * under /run/netns would delay).
     */
    private Space space(String ns) {
        return spaces.computeIfAbsent(ns, k -> {
            Space s = new Space();
            try (Netns n = Netns.open(k.isEmpty() ? "/proc/self/ns/net" : k)) {
                s.rtnl = Rtnl.open(n);
                s.rtnl.links().list().forEach(l -> remember(s, l));
                s.nsidNames.putAll(JnetnsCommand.netnsNames(s.rtnl, null));
            } catch (ErrnoException e) {
                // gone already: names fall back to ifN
            }
            return s;
        });
    }

    /** ip's ll_index_to_name: the name the monitor knows, else the kernel's, else ifN. */
    private Link device(Space s, int index) {
        Link l = s.devices.get(index);
        if (l == null && s.rtnl != null && index != 0) {
            try {
                l = s.rtnl.links().find(index).orElse(null);
            } catch (ErrnoException e) {
                l = null;
            }
            if (l != null) {
                remember(s, l);
            }
        }
        return l;
    }

    private String devName(Space s, int index) {
        return device(s, index) != null ? s.names.get(index) : "if" + index;
    }

    private static void remember(Space s, Link l) {
        s.devices.put(l.index(), l);
        s.names.putIfAbsent(l.index(), l.name());
    }

    /** The devices an event's printer may name: those known, and {@code index}'s looked up. */
    private List<Link> devices(Space s, int... indexes) {
        for (int i : indexes) {
            device(s, i);
        }
        return new ArrayList<>(s.devices.values());
    }

    /**
     * Prints one event; true when it says a watcher failed. The kernel announces a new device's
     * netconf entries just before the device (and an nsid, say, may come between): while links are
     * watched, they and the events after them wait until every device they name is announced, and
     * take its name from that announcement, as ip, which asks the kernel at once, names them (a
     * lookup later could find the device renamed or gone). A resync or a failure lets them go.
     */
    private synchronized boolean print(PrintWriter out, Monitor.Event e) {
        if (e instanceof Monitor.LinkEvent l) {
            remember(space(e.netns()), l.link());   // forgotten again when it prints a removal
            awaited.remove(e.netns() + "|" + l.link().index());
        }
        if (watchesLinks && e instanceof Monitor.NetconfEvent n && n.change() == Monitor.Change.ADDED
                && n.netconf().ifindex() > 0 && !space(e.netns()).devices.containsKey(n.netconf().ifindex())) {
            awaited.add(e.netns() + "|" + n.netconf().ifindex());
        }
        held.add(e);
        if (!awaited.isEmpty() && !(e instanceof Monitor.Resynced) && !(e instanceof Monitor.Failed)) {
            return false;
        }
        awaited.clear();
        boolean failed = false;
        for (Monitor.Event h : held) {
            failed |= printNow(out, h);
        }
        held.clear();
        return failed;
    }

    /** Prints one event (none of another family than -4/-6 ask for); true when it says a watcher failed. */
    private boolean printNow(PrintWriter out, Monitor.Event e) {
        if (family != 0 && family != familyOf(e)) {
            return false;
        }
        Space s = space(e.netns());
        String stamp = timestamp();
        Out o;
        if (top.json) {
            Json j = top.json().beginObject();
            if (labelled) {
                j.put("netns", e.netns());
            }
            if (stamp != null) {
                j.put("timestamp", stamp);
            }
            o = Out.over(j).numeric(top.numeric);
            event(s, e, o);
            out.println(j.endObject());
        } else {
            out.print(stamp == null ? "" : top.timestampShort ? "[" + stamp + "] " : "Timestamp: " + stamp + "\n");
            if (labelled) {
                out.print("[" + e.netns() + "] ");
            }
            o = Out.text().numeric(top.numeric);
            event(s, e, o);
            out.print(o);
        }
        out.flush();
        return e instanceof Monitor.Failed;
    }

    /** ip's print_timestamp: now, as asctime and microseconds, or with -ts ISO 8601; null without -t. */
    private String timestamp() {
        if (top.timestamp == 0) {
            return null;
        }
        ZonedDateTime now = ZonedDateTime.now();
        int usec = now.getNano() / 1000;
        if (top.timestampShort) {
            return now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT))
                    + String.format(".%06d", usec);
        }
        LocalDateTime t = now.toLocalDateTime();
        return String.format(Locale.ROOT, "%s %s%3d %02d:%02d:%02d %d %d usec",
                t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT),
                t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getYear(), usec);
    }

    /** ip's "Deleted " (JSON: the event's name), after the banner as ip prints it. */
    private void head(Out o, String banner, String object, Monitor.Change change) {
        boolean deleted = change == Monitor.Change.REMOVED;
        o.string("event", null, (deleted ? "del" : "new") + object);
        if (this.banner) {
            o.text(banner);
        }
        if (deleted) {
            o.text("Deleted ");
        }
    }

    /** One event as ip's accept_msg prints it. */
    private void event(Space s, Monitor.Event e, Out o) {
        if (e instanceof Monitor.LinkEvent l) {
            head(o, "[LINK]", "link", l.change());
            Link link = l.link();
            if (l.change() == Monitor.Change.REMOVED) {
                s.devices.remove(link.index());   // ip's ll_remember_index
                s.names.remove(link.index());
            } else {
                remember(s, link);
            }
            List<Link> known = devices(s, link.linkIndex(), link.masterIndex());
            known.add(link);
            // link-netns NAME from ip's netns map only (as ip's get_name_from_nsid), else link-netnsid N
            LinkPrinter printer = new LinkPrinter(known, top.details, true, s.nsidNames, 0).naming(s.names);
            if (o.json()) {
                printer.print(link, o, true);   // the record of ip -j link show
            } else {
                printer.withoutQueueLength().print(link, o, false);   // the link line ip monitor prints
            }
            o.text("\n");
        } else if (e instanceof Monitor.AddressEvent a) {
            head(o, "[ADDR]", "addr", a.change());
            AddressPrinter.monitor(a.address(), devName(s, a.address().index()), o);
        } else if (e instanceof Monitor.RouteEvent r) {
            head(o, "[ROUTE]", "route", r.change());
            Route route = r.route();
            new RoutePrinter(devices(s, route.oif(), route.iif())).naming(s.names).print(route, o);
        } else if (e instanceof Monitor.NeighbourEvent n) {
            head(o, "[NEIGH]", "neigh", n.change());
            Neighbour neigh = n.neighbour();
            new NeighbourPrinter(devices(s, neigh.index()), true, false, false).naming(s.names).fields(neigh, o);
        } else if (e instanceof Monitor.RuleEvent r) {
            head(o, "[RULE]", "rule", r.change());
            new RulePrinter(top.details).fields(r.rule(), o);
        } else if (e instanceof Monitor.NsidEvent n) {
            head(o, "[NSID]", "nsid", n.change());
            nsid(s, n, o);
        } else if (e instanceof Monitor.NetconfEvent n) {
            head(o, "[NETCONF]", "netconf", n.change());
            NetconfPrinter.fields(n.netconf(), i -> devName(s, i), o);
        } else if (e instanceof Monitor.Resynced) {
            o.string("event", "Resynced\n", "resynced");
        } else if (e instanceof Monitor.Failed f) {
            o.string("event", null, "failed");
            o.string("error", "Failed: %s\n", f.error().getMessage());
        }
    }

    /** ip's print_nsid: the name of a namespace it knew is printed once (and forgotten), a new one's looked up. */
    private static void nsid(Space s, Monitor.NsidEvent n, Out o) {
        NamespaceId id = n.id();
        if (id.nsid() < 0) {
            o.text("nsid unassigned ");
        } else {
            o.number("nsid", "nsid %s ", id.nsid());
        }
        String name = s.nsidNames.remove(id.nsid());
        if (name == null && n.change() == Monitor.Change.ADDED && s.rtnl != null) {
            try {
                name = JnetnsCommand.netnsNames(s.rtnl, null).get(id.nsid());
            } catch (ErrnoException e) {
                name = null;
            }
            if (name != null) {
                s.nsidNames.put(id.nsid(), name);
            }
        }
        if (name != null) {
            o.string("name", "(iproute2 netns name: %s)", name);
        }
        o.text("\n");
    }

    /** The family of an address, route, rule or neighbour event; {@link #family} for any other (shown with -4 and -6). */
    private int familyOf(Monitor.Event e) {
        if (e instanceof Monitor.AddressEvent a) {
            return a.address().family();
        }
        if (e instanceof Monitor.RouteEvent r) {
            return r.route().family();
        }
        if (e instanceof Monitor.NeighbourEvent n) {
            return n.neighbour().family();
        }
        if (e instanceof Monitor.RuleEvent r) {
            return r.rule().family();
        }
        if (e instanceof Monitor.NetconfEvent n) {
            return n.netconf().family();
        }
        return family;
    }
}
