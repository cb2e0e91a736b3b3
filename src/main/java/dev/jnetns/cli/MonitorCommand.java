package dev.jnetns.cli;

import dev.jnetns.Address;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Monitor;
import dev.jnetns.Netns;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.ErrnoException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code jnetns [-n NS]... [--all-netns] [-j] monitor [link] [address] [route] [neigh]}: one line (or
 * one JSON object) per event, flushed as it happens, until SIGINT or SIGTERM.
 */
final class MonitorCommand extends CliCommand {
    static final String USAGE =
            "Usage: jnetns [-n NS]... [--all-netns] [-j] monitor [link] [address] [route] [neigh] [all]\n"
            + "Lost notifications are recovered: the state is dumped again, the difference printed, then \"Resynced\".\n";

    private final Map<String, List<Link>> linkCache = new HashMap<>();
    private final Map<String, Rtnl> handles = new HashMap<>();
    private boolean labelled;

    @Override
    int call(List<String> words) throws Exception {
        Set<Monitor.Topic> topics = EnumSet.noneOf(Monitor.Topic.class);
        for (String w : words) {
            if (w.equals("all")) {
                topics.addAll(EnumSet.allOf(Monitor.Topic.class));
            } else if (Words.matches(w, "link")) {
                topics.add(Monitor.Topic.LINK);
            } else if (Words.matches(w, "address")) {
                topics.add(Monitor.Topic.ADDRESS);
            } else if (Words.matches(w, "route")) {
                topics.add(Monitor.Topic.ROUTE);
            } else if (Words.matches(w, "neighbour") || Words.matches(w, "neighbor")) {
                topics.add(Monitor.Topic.NEIGH);
            } else {
                throw new UsageException("monitor: unknown object \"" + w + "\"");
            }
        }
        if (topics.isEmpty()) {
            topics = EnumSet.allOf(Monitor.Topic.class);
        }
        Map<String, Netns> spaces = new LinkedHashMap<>();
        List<String> wanted = top.allNetns ? Netns.names() : top.netnsList;
        labelled = top.allNetns || wanted.size() > 1;
        try {
            if (wanted.isEmpty()) {
                spaces.put("", Netns.open("/proc/self/ns/net"));
            }
            for (String n : wanted) {
                spaces.put(n, Netns.open(n));
            }
            for (Map.Entry<String, Netns> e : spaces.entrySet()) {
                handles.put(e.getKey(), Rtnl.open(e.getValue()));
            }
            CountDownLatch done = new CountDownLatch(1);
            PrintWriter out = top.out();
            try (Monitor m = Monitor.start(spaces, topics, Monitor.Options.DEFAULT, e -> print(out, e))) {
                Thread hook = new Thread(() -> {
                    m.close();
                    out.flush();
                    done.countDown();
                });
                Runtime.getRuntime().addShutdownHook(hook);
                done.await();
            }
            return 0;
        } finally {
            spaces.values().forEach(Netns::close);
            for (Rtnl r : handles.values()) {
                r.close();
            }
        }
    }

    private String dev(String ns, int index) {
        for (int attempt = 0; attempt < 2; attempt++) {
            for (Link l : known(ns)) {
                if (l.index() == index) {
                    return l.name();
                }
            }
            linkCache.remove(ns);   // a device this listing predates: list again once
        }
        return "if" + index;
    }

    private synchronized void print(PrintWriter out, Monitor.Event e) {
        String ns = e.netns();
        String event;
        String type;
        Object obj;
        if (e instanceof Monitor.LinkEvent) {
            Monitor.LinkEvent l = (Monitor.LinkEvent) e;
            linkCache.remove(ns);
            event = l.change().name().toLowerCase();
            type = "link";
            obj = l.link();
        } else if (e instanceof Monitor.AddressEvent) {
            event = ((Monitor.AddressEvent) e).change().name().toLowerCase();
            type = "address";
            obj = ((Monitor.AddressEvent) e).address();
        } else if (e instanceof Monitor.RouteEvent) {
            event = ((Monitor.RouteEvent) e).change().name().toLowerCase();
            type = "route";
            obj = ((Monitor.RouteEvent) e).route();
        } else if (e instanceof Monitor.NeighbourEvent) {
            event = ((Monitor.NeighbourEvent) e).change().name().toLowerCase();
            type = "neigh";
            obj = ((Monitor.NeighbourEvent) e).neighbour();
        } else if (e instanceof Monitor.Resynced) {
            event = "resynced";
            type = null;
            obj = null;
        } else {
            event = "failed";
            type = null;
            obj = ((Monitor.Failed) e).error().getMessage();
        }
        if (top.json) {
            Json j = top.json().beginObject();
            if (labelled) {
                j.put("netns", ns);
            }
            j.put("event", event);
            if (type != null) {
                j.put("type", type);
                j.beginObject("data");
                data(ns, obj, j);
                j.endObject();
            } else if (obj != null) {
                j.put("error", (String) obj);
            }
            out.println(j.endObject());
        } else {
            String prefix = (labelled ? "[" + ns + "] " : "") + (event.equals("removed") ? "Deleted " : "");
            if (type == null) {
                out.println(prefix + (obj == null ? "Resynced" : "Failed: " + obj));
            } else {
                out.print(prefix + text(ns, obj));
            }
        }
        out.flush();
    }

    /** The devices of {@code ns}, listed once and again after link events. */
    private List<Link> known(String ns) {
        return linkCache.computeIfAbsent(ns, k -> {
            try {
                return handles.get(k).links().list();
            } catch (ErrnoException e) {
                return List.of();   // names fall back to ifN
            }
        });
    }

    /** The ip -j fields of one object. */
    private void data(String ns, Object obj, Json j) {
        if (obj instanceof Link) {
            new LinkPrinter(known(ns), false, true, Map.of(), 0).print((Link) obj, Out.over(j), true);
        } else if (obj instanceof Address) {
            Address a = (Address) obj;
            j.put("ifindex", a.index()).put("dev", dev(ns, a.index()));
            j.put("family", a.family() == 2 ? "inet" : "inet6").put("local", IpPrefix.format(a.local()));
            j.put("prefixlen", a.prefixLength()).put("scope", RtNames.SCOPES.name(a.scope()));
            if (a.label() != null) {
                j.put("label", a.label());
            }
        } else if (obj instanceof dev.jnetns.Route) {
            new RoutePrinter(known(ns)).fields((dev.jnetns.Route) obj, j);
        } else {
            new NeighbourPrinter(known(ns), true, false, false).fields((dev.jnetns.Neighbour) obj, Out.over(j));
        }
    }

    private String text(String ns, Object obj) {
        if (obj instanceof Link) {
            Out out = Out.text();
            new LinkPrinter(known(ns), false, true, Map.of(), 0).print((Link) obj, out, true);
            return out + "\n";
        }
        if (obj instanceof Address) {
            Address a = (Address) obj;
            return a.index() + ": " + dev(ns, a.index()) + "    " + (a.family() == 2 ? "inet " : "inet6 ")
                    + a.prefix() + " scope " + RtNames.SCOPES.name(a.scope()) + (a.label() != null ? " " + a.label() : "")
                    + "\n";
        }
        if (obj instanceof dev.jnetns.Route) {
            return new RoutePrinter(known(ns)).text((dev.jnetns.Route) obj);
        }
        return Out.text().records(List.of((dev.jnetns.Neighbour) obj), new NeighbourPrinter(known(ns), true, false, false)::fields);
    }
}
