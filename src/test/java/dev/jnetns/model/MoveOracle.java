package dev.jnetns.model;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code ip -d -j} shows of a namespace (links, addresses and permanent neighbours by device,
 * routes of every table and both families), what a move of one device must leave in the source and the target, computed from
 * the views before it, and the comparison of the two with the time-varying fields named one by one:
 * <ul>
 * <li>{@code ifindex} of the moved device (the target may give it another);</li>
 * <li>{@code link}, {@code link_index}, {@code link_netnsid}: how the moved device and the devices
 *     that refer to it (a veth's other end, a macvlan's lower) name each other, which changes form
 *     when they are in different namespaces; and in the flags of those devices {@code M-DOWN}, which
 *     ip derives by looking the other device's ifindex up in its own namespace, whichever device
 *     has that index there, and their {@code operstate} LOWERLAYERDOWN against DOWN, which the
 *     kernel derives the same way (a device without carrier is LOWERLAYERDOWN when the ifindex of
 *     its link names a device of its own namespace);</li>
 * <li>the bridge timers of {@code ip -d} ({@code hello_timer}, {@code tcn_timer},
 *     {@code topology_change_timer}, {@code gc_timer} of a bridge; {@code hold_timer},
 *     {@code message_age_timer}, {@code forward_delay_timer} of a port): running clocks;</li>
 * <li>{@code valid_life_time}, {@code preferred_life_time} of an address with lifetimes, and a
 *     route's {@code expires}: counting down, so at most the value before and at least that minus
 *     the seconds the move took (and one more for rounding).</li>
 * </ul>
 * Everything else must be equal: the same keys with the same values.
 */
final class MoveOracle {
    private static final long FOREVER = 4294967295L;
    private static final Set<String> REFERENCE = Set.of("link", "link_index", "link_netnsid");
    private static final Set<String> TIMERS = Set.of("hello_timer", "tcn_timer", "topology_change_timer", "gc_timer",
            "hold_timer", "message_age_timer", "forward_delay_timer");

    private MoveOracle() {
    }

    /** One namespace as ip shows it. */
    record View(Map<String, Map<String, Object>> links, Map<String, List<Map<String, Object>>> addrs,
                Map<String, List<Map<String, Object>>> neighs, List<Map<String, Object>> routes) {
    }

    /**
     * {@code ip -d -j link show}, {@code ip -j addr show}, {@code ip -j neigh show nud permanent} (by
     * device, by address: the order of a dump is the kernel's hash order), {@code ip -d -j -4|-6 route
     * show table all} of {@code ns}.
     */
    static View of(Netns ns) {
        Map<String, Map<String, Object>> links = new TreeMap<>();
        for (Map<String, Object> l : json(ns, "-d", "-j", "link", "show")) {
            links.put((String) l.get("ifname"), l);
        }
        Map<String, List<Map<String, Object>>> addrs = new TreeMap<>();
        for (Map<String, Object> l : json(ns, "-j", "addr", "show")) {
            addrs.put((String) l.get("ifname"), maps(l.getOrDefault("addr_info", List.of())));
        }
        Map<String, List<Map<String, Object>>> neighs = new TreeMap<>();
        for (Map<String, Object> n : json(ns, "-j", "neigh", "show", "nud", "permanent")) {
            neighs.computeIfAbsent((String) n.get("dev"), d -> new ArrayList<>()).add(n);
        }
        neighs.values().forEach(l -> l.sort(Comparator.comparing(n -> (String) n.get("dst"))));
        List<Map<String, Object>> routes = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (Map<String, Object> r : json(ns, "-d", "-j", family, "route", "show", "table", "all")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("(family)", family);   // a default route of either family has the same "dst"
                m.putAll(r);
                routes.add(m);
            }
        }
        return new View(links, addrs, neighs, routes);
    }

    private static List<Map<String, Object>> json(Netns ns, String... args) {
        return maps(JsonText.parse(Ip.run(ns, args)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        return (List<Map<String, Object>>) o;
    }

    /** Whether the route goes through {@code dev} on every path. */
    static boolean wholly(Map<String, Object> r, String dev) {
        return hops(r) == null ? dev.equals(r.get("dev")) : hops(r).stream().allMatch(h -> dev.equals(h.get("dev")));
    }

    /** Whether some but not all of the route's paths go through {@code dev}. */
    static boolean mixed(Map<String, Object> r, String dev) {
        return hops(r) != null && !wholly(r, dev) && hops(r).stream().anyMatch(h -> dev.equals(h.get("dev")));
    }

    private static List<Map<String, Object>> hops(Map<String, Object> r) {
        return r.containsKey("nexthops") ? maps(r.get("nexthops")) : null;
    }

    /**
     * The route with only the paths through ({@code through}) or not through {@code dev}; one path
     * left is a plain route as ip shows it: the path's fields on the route, its flags added to the
     * route's, no weight.
     */
    static Map<String, Object> part(Map<String, Object> r, String dev, boolean through) {
        List<Map<String, Object>> kept = hops(r).stream().filter(h -> dev.equals(h.get("dev")) == through).toList();
        Map<String, Object> out = new LinkedHashMap<>(r);
        if (kept.size() > 1) {
            out.put("nexthops", kept);
            if ("-4".equals(r.get("(family)"))) {
                // An IPv4 multipath route is linkdown itself when all its paths are (fib_create_info
                // counts them when the route is made; the move makes the kept part anew).
                Set<Object> flags = new LinkedHashSet<>((List<?>) out.getOrDefault("flags", List.of()));
                flags.remove("linkdown");
                if (kept.stream().allMatch(h -> ((List<?>) h.getOrDefault("flags", List.of())).contains("linkdown"))) {
                    flags.add("linkdown");
                }
                out.put("flags", new ArrayList<>(flags));
            }
            return out;
        }
        out.remove("nexthops");
        Map<String, Object> h = kept.get(0);
        for (Map.Entry<String, Object> e : h.entrySet()) {
            if (e.getKey().equals("flags")) {
                Set<Object> flags = new LinkedHashSet<>((List<?>) out.getOrDefault("flags", List.of()));
                flags.addAll((List<?>) e.getValue());
                out.put("flags", new ArrayList<>(flags));
            } else if (!e.getKey().equals("weight")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * The source after {@code dev} left it: without the device, its addresses, its neighbours and its
     * routes; split routes keep their other paths.
     */
    static View source(View s, String dev) {
        Map<String, Map<String, Object>> links = new TreeMap<>(s.links());
        links.remove(dev);
        Map<String, List<Map<String, Object>>> addrs = new TreeMap<>(s.addrs());
        addrs.remove(dev);
        Map<String, List<Map<String, Object>>> neighs = new TreeMap<>(s.neighs());
        neighs.remove(dev);
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Map<String, Object> r : s.routes()) {
            if (mixed(r, dev)) {
                routes.add(part(r, dev, false));
            } else if (!wholly(r, dev)) {
                routes.add(r);
            }
        }
        return new View(links, addrs, neighs, routes);
    }

    /**
     * The target after {@code dev} came from {@code s}: what it had, plus the device, its addresses,
     * its neighbours, its routes and its paths of split routes.
     */
    static View target(View t, View s, String dev) {
        Map<String, Map<String, Object>> links = new TreeMap<>(t.links());
        links.put(dev, s.links().get(dev));
        Map<String, List<Map<String, Object>>> addrs = new TreeMap<>(t.addrs());
        addrs.put(dev, s.addrs().getOrDefault(dev, List.of()));
        Map<String, List<Map<String, Object>>> neighs = new TreeMap<>(t.neighs());
        if (s.neighs().containsKey(dev)) {
            neighs.put(dev, s.neighs().get(dev));
        }
        List<Map<String, Object>> routes = new ArrayList<>(t.routes());
        for (Map<String, Object> r : s.routes()) {
            if (mixed(r, dev)) {
                routes.add(part(r, dev, true));
            } else if (wholly(r, dev)) {
                routes.add(r);
            }
        }
        return new View(links, addrs, neighs, routes);
    }

    /**
     * The routes that {@code dev}'s move from {@code s} would add to {@code t} where {@code t} has
     * a route of the same family, table, destination, TOS and metric already (the kernel refuses a
     * second one), by destination: a move that must be refused.
     */
    static List<String> clashes(View t, View s, String dev) {
        Set<String> have = new LinkedHashSet<>();
        t.routes().forEach(r -> have.add(clashKey(r)));
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : s.routes()) {
            if ((mixed(r, dev) || wholly(r, dev)) && !"kernel".equals(r.get("protocol")) && have.contains(clashKey(r))) {
                out.add((String) r.get("dst"));
            }
        }
        return out;
    }

    private static String clashKey(Map<String, Object> r) {
        return r.get("(family)") + " " + r.getOrDefault("table", "main") + " " + r.get("dst") + " "
                + r.getOrDefault("tos", "0") + " " + r.getOrDefault("metric", 0L);
    }

    /**
     * The differences of {@code actual} from {@code expected}, one a line (empty when none), with
     * the time-varying fields tolerated as the class says; {@code moved} is the moved device (with
     * its ifindex {@code movedIndex} before), {@code seconds} how long the move took.
     */
    static List<String> diff(View expected, View actual, String moved, long seconds) {
        List<String> out = new ArrayList<>();
        if (!expected.links().keySet().equals(actual.links().keySet())) {
            out.add("devices: expected " + expected.links().keySet() + ", got " + actual.links().keySet());
        }
        for (String name : expected.links().keySet()) {
            Map<String, Object> e = expected.links().get(name);
            Map<String, Object> a = actual.links().get(name);
            if (a == null) {
                continue;
            }
            Set<String> skip = new LinkedHashSet<>();
            if (name.equals(moved)) {
                skip.add("ifindex");
                skip.addAll(REFERENCE);
            }
            if (moved.equals(e.get("link")) || moved.equals(a.get("link"))
                    || e.containsKey("link_netnsid") != a.containsKey("link_netnsid")) {
                skip.addAll(REFERENCE);   // refers to the moved device, which changed namespace
            }
            if (skip.contains("link")) {
                e = withoutMdown(e);
                a = withoutMdown(a);
            }
            e = withoutTimers(e);
            a = withoutTimers(a);
            compare("link " + name, e, a, skip, seconds, out);
        }
        for (String name : expected.addrs().keySet()) {
            List<Map<String, Object>> e = expected.addrs().get(name);
            List<Map<String, Object>> a = actual.addrs().getOrDefault(name, List.of());
            if (e.size() != a.size()) {
                out.add("addresses of " + name + ": expected " + e + ", got " + a);
                continue;
            }
            for (int i = 0; i < e.size(); i++) {
                compare("address " + i + " of " + name, e.get(i), a.get(i), Set.of(), seconds, out);
            }
        }
        if (!expected.neighs().keySet().equals(actual.neighs().keySet())) {
            out.add("devices with permanent neighbours: expected " + expected.neighs().keySet() + ", got "
                    + actual.neighs().keySet());
        }
        for (String name : expected.neighs().keySet()) {
            List<Map<String, Object>> e = expected.neighs().get(name);
            List<Map<String, Object>> a = actual.neighs().getOrDefault(name, List.of());
            if (e.size() != a.size()) {
                out.add("permanent neighbours of " + name + ": expected " + e + ", got " + a);
                continue;
            }
            for (int i = 0; i < e.size(); i++) {
                compare("neighbour " + e.get(i).get("dst") + " of " + name, e.get(i), a.get(i), Set.of(), seconds, out);
            }
        }
        List<Map<String, Object>> e = sorted(expected.routes());
        List<Map<String, Object>> a = sorted(actual.routes());
        List<String> es = e.stream().map(MoveOracle::key).toList();
        List<String> as = a.stream().map(MoveOracle::key).toList();
        if (!es.equals(as)) {
            List<String> missing = new ArrayList<>(es);
            as.forEach(missing::remove);
            List<String> extra = new ArrayList<>(as);
            es.forEach(extra::remove);
            out.add("routes missing: " + missing + "; routes not expected: " + extra);
        } else {
            for (int i = 0; i < e.size(); i++) {
                compare("route " + es.get(i), e.get(i), a.get(i), Set.of(), seconds, out);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTimers(Map<String, Object> link) {
        if (!(link.get("linkinfo") instanceof Map<?, ?> info)) {
            return link;
        }
        Map<String, Object> i = new LinkedHashMap<>((Map<String, Object>) info);
        for (String data : List.of("info_data", "info_slave_data")) {
            if (i.get(data) instanceof Map<?, ?> d) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) d);
                m.keySet().removeAll(TIMERS);
                i.put(data, m);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(link);
        out.put("linkinfo", i);
        return out;
    }

    private static Map<String, Object> withoutMdown(Map<String, Object> link) {
        Map<String, Object> m = new LinkedHashMap<>(link);
        if ("LOWERLAYERDOWN".equals(m.get("operstate"))) {
            m.put("operstate", "DOWN");
        }
        if (m.get("flags") instanceof List<?> flags) {
            m.put("flags", flags.stream().filter(f -> !"M-DOWN".equals(f)).toList());
        }
        return m;
    }

    /** A route without its countdown: what identifies it. */
    private static String key(Map<String, Object> r) {
        Map<String, Object> m = new TreeMap<>(r);
        m.remove("expires");
        return m.toString();
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> routes) {
        List<Map<String, Object>> out = new ArrayList<>(routes);
        out.sort(Comparator.comparing(MoveOracle::key));
        return out;
    }

    private static void compare(String what, Map<String, Object> e, Map<String, Object> a, Set<String> skip,
                                long seconds, List<String> out) {
        Set<String> keys = new LinkedHashSet<>(e.keySet());
        keys.addAll(a.keySet());
        for (String k : keys) {
            if (skip.contains(k)) {
                continue;
            }
            Object ev = e.get(k);
            Object av = a.get(k);
            if (k.equals("valid_life_time") || k.equals("preferred_life_time") || k.equals("expires")) {
                if (!countsDown(ev, av, seconds)) {
                    out.add(what + ": " + k + " " + ev + " became " + av + " in " + seconds + " s");
                }
            } else if (!Objects.equals(ev, av)) {
                out.add(what + ": " + k + " expected " + ev + ", got " + av);
            }
        }
    }

    /** Forever stays forever; a countdown is at most what it was and has not run faster than the clock (+1 s rounding). */
    private static boolean countsDown(Object before, Object after, long seconds) {
        if (!(before instanceof Long b) || !(after instanceof Long a)) {
            return Objects.equals(before, after);
        }
        if (b == FOREVER) {
            return a == FOREVER;
        }
        return a <= b && a >= b - seconds - 1;
    }
}
