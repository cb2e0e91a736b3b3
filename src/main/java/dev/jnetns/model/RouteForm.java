package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxRoute.RTN_ANYCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_BROADCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RTN_MULTICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_NAT;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_BOOT;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_HOST;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_LINK;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_UNIVERSE;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.IpPrefix;
import dev.jnetns.Route;
import dev.jnetns.RtNames;
import dev.jnetns.model.Topology.NexthopDecl;
import dev.jnetns.model.Topology.RouteDecl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The one normal form in which a declared route and a live one are compared, and from which
 * {@code netns export} writes a route: the map of {@link RouteSpecs#toMap} with every default
 * filled in as {@code ip route add} fills it (table main, proto boot, ip's scope rule, metric 0 or
 * 1024 for IPv6, IPv6 pref medium), a single-path multipath route written as a plain one (the
 * kernel reports it so); {@link #same} compares the paths of a multipath route in any order.
 */
final class RouteForm {
    /** The {@code "metrics"} names of a route, as {@code ip route} spells them, by RTAX number. */
    static final List<String> METRICS = List.of("", "lock", "mtu", "window", "rtt", "rttvar", "ssthresh", "cwnd",
            "advmss", "reordering", "hoplimit", "initcwnd", "features", "rto_min", "initrwnd", "quickack", "congctl",
            "fastopen_no_cookie");
    /** The IPv6 {@code "pref"} names by number. */
    static final List<String> PREFS = List.of("medium", "high", "", "low");

    private RouteForm() {
    }

    /** The normal form of a live route, devices named by {@code names}. */
    static Map<String, Object> of(Route r, IntFunction<String> names) {
        return normal(RouteSpecs.toMap(r, names));
    }

    /** The normal form of a declared route. */
    static Map<String, Object> of(RouteDecl d) {
        Map<String, Object> m = new LinkedHashMap<>();
        int family = family(d);
        m.put("family", (long) family);
        if (!d.dst().equals("default")) {
            IpPrefix p = IpPrefix.parse(d.dst()).network();
            if (p.length() > 0) {
                m.put("dst", p.toString());
            }
        }
        if (d.via() != null) {
            m.put("via", IpPrefix.format(IpPrefix.parseAddress(d.via())));
        }
        if (d.dev() != null) {
            m.put("dev", d.dev());
        }
        List<Object> hops = new ArrayList<>();
        for (NexthopDecl n : d.nexthops()) {
            Map<String, Object> h = new LinkedHashMap<>();
            if (n.via() != null) {
                h.put("via", IpPrefix.format(IpPrefix.parseAddress(n.via())));
            }
            if (n.dev() != null) {
                h.put("dev", n.dev());
            }
            h.put("weight", (long) (n.weight() == null ? 1 : n.weight()));
            h.put("onlink", Boolean.TRUE.equals(n.onlink()));
            hops.add(h);
        }
        if (!hops.isEmpty()) {
            m.put("nexthops", hops);
        }
        if (d.metric() != null) {
            m.put("metric", d.metric());
        }
        int type = d.type() != null ? RtNames.TYPES.number(d.type()) : RTN_UNICAST;
        boolean localTable = type == RTN_LOCAL || type == RTN_BROADCAST || type == RTN_NAT || type == RTN_ANYCAST;
        m.put("table", (long) (d.table() != null ? d.table() : localTable ? RT_TABLE_LOCAL : RT_TABLE_MAIN));
        m.put("protocol", (long) (d.proto() != null ? RtNames.PROTOCOLS.number(d.proto()) : RTPROT_BOOT));
        int scope;
        if (d.scope() != null) {
            scope = RtNames.SCOPES.number(d.scope());
        } else if (family == AF_INET6) {
            scope = RT_SCOPE_UNIVERSE;
        } else if (type == RTN_LOCAL || type == RTN_NAT) {
            scope = RT_SCOPE_HOST;
        } else if (type == RTN_BROADCAST || type == RTN_MULTICAST || type == RTN_ANYCAST) {
            scope = RT_SCOPE_LINK;
        } else if (type == RTN_UNICAST && d.via() == null && d.nexthops().isEmpty()) {
            scope = RT_SCOPE_LINK;
        } else {
            scope = RT_SCOPE_UNIVERSE;
        }
        m.put("scope", (long) scope);
        m.put("type", (long) type);
        if (d.src() != null) {
            m.put("src", IpPrefix.format(IpPrefix.parseAddress(d.src())));
        }
        if (Boolean.TRUE.equals(d.onlink())) {
            m.put("onlink", Boolean.TRUE);
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        d.metrics().forEach((name, v) -> metrics.put(String.valueOf(METRICS.indexOf(name)), v));
        if (!metrics.isEmpty()) {
            m.put("metrics", metrics);
        }
        if (d.tos() != null && d.tos() != 0) {
            m.put("tos", (long) d.tos());
        }
        if (d.pref() != null) {
            m.put("pref", (long) PREFS.indexOf(d.pref()));
        }
        return normal(m);
    }

    /** The family a declared route is of: its destination's, else its gateways' or source's, else IPv4. */
    static int family(RouteDecl d) {
        if (!d.dst().equals("default")) {
            return IpPrefix.parse(d.dst()).family();
        }
        List<String> addrs = new ArrayList<>();
        addrs.add(d.via());
        addrs.add(d.src());
        d.nexthops().forEach(n -> addrs.add(n.via()));
        for (String a : addrs) {
            if (a != null) {
                return a.contains(":") ? AF_INET6 : AF_INET;
            }
        }
        return AF_INET;
    }

    /** Defaults the kernel reports filled in, one path as a plain route, paths in order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normal(Map<String, Object> in) {
        Map<String, Object> m = new LinkedHashMap<>(in);
        boolean v6 = ((Number) m.get("family")).intValue() == AF_INET6;
        List<Map<String, Object>> hops = (List<Map<String, Object>>) m.remove("nexthops");
        if (hops != null && hops.size() == 1) {
            Map<String, Object> h = hops.get(0);
            if (h.containsKey("via")) {
                m.put("via", h.get("via"));
            }
            if (h.get("dev") != null) {
                m.put("dev", h.get("dev"));
            }
            if (Boolean.TRUE.equals(h.get("onlink"))) {
                m.put("onlink", Boolean.TRUE);
            }
        } else if (hops != null) {
            List<Map<String, Object>> kept = new ArrayList<>();
            hops.forEach(h -> kept.add(new java.util.TreeMap<>(h)));
            m.put("nexthops", kept);   // in the kernel's order, which export keeps; same() compares them as a set
        }
        if (!m.containsKey("metric")) {
            m.put("metric", v6 ? 1024L : 0L);
        }
        m.put("metric", ((Number) m.get("metric")).longValue());
        if (v6) {
            m.putIfAbsent("pref", 0L);
        }
        Map<String, Object> metrics = (Map<String, Object>) m.get("metrics");
        if (metrics != null) {
            Map<String, Object> sorted = new java.util.TreeMap<>(Comparator.comparingInt(Integer::parseInt));
            metrics.forEach((k, v) -> sorted.put(k, v instanceof Number ? (Object) ((Number) v).longValue() : v));
            m.put("metrics", new LinkedHashMap<>(sorted));
        }
        // the order of keys must not matter either
        return new java.util.TreeMap<>(m);
    }

    /**
     * Whether a live route is a declared one. A device the file leaves out (a route or paths with
     * a gateway only) is the kernel's choice and not compared; everything else is.
     */
    @SuppressWarnings("unchecked")
    static boolean same(Map<String, Object> live, Map<String, Object> want) {
        Map<String, Object> m = new java.util.TreeMap<>(live);
        Map<String, Object> w = new java.util.TreeMap<>(want);
        if (!want.containsKey("dev")) {
            m.remove("dev");
        }
        List<Map<String, Object>> wantHops = (List<Map<String, Object>>) want.get("nexthops");
        List<Map<String, Object>> hops = (List<Map<String, Object>>) m.get("nexthops");
        if (wantHops != null && hops != null) {
            boolean anyDev = wantHops.stream().noneMatch(h -> h.containsKey("dev"));
            List<Map<String, Object>> bare = new ArrayList<>();
            for (Map<String, Object> h : hops) {
                Map<String, Object> c = new java.util.TreeMap<>(h);
                if (anyDev) {
                    c.remove("dev");
                }
                bare.add(c);
            }
            bare.sort(Comparator.comparing(Object::toString));
            m.put("nexthops", bare);
            List<Map<String, Object>> sorted = new ArrayList<>(wantHops);
            sorted.sort(Comparator.comparing(Object::toString));
            w.put("nexthops", sorted);
        }
        return m.equals(w);
    }

    /** The kernel's identity of a route: family, destination, table, metric and TOS. */
    static List<Object> key(Map<String, Object> m) {
        return List.of(m.get("family"), String.valueOf(m.get("dst")), m.get("table"), m.get("metric"),
                m.getOrDefault("tos", 0L));
    }

    /** A normal form as a file writes it: what differs from the defaults {@link #of(RouteDecl)} fills in. */
    @SuppressWarnings("unchecked")
    static RouteDecl decl(Map<String, Object> m) {
        boolean v6 = ((Number) m.get("family")).intValue() == AF_INET6;
        String dst = m.containsKey("dst") ? (String) m.get("dst") : v6 ? "::/0" : "default";
        List<NexthopDecl> hops = new ArrayList<>();
        for (Map<String, Object> h : (List<Map<String, Object>>) m.getOrDefault("nexthops", List.of())) {
            long w = ((Number) h.get("weight")).longValue();
            hops.add(new NexthopDecl((String) h.get("via"), (String) h.get("dev"), w == 1 ? null : (int) w,
                    Boolean.TRUE.equals(h.get("onlink")) ? Boolean.TRUE : null));
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("metrics", Map.of())).forEach((k, v) ->
                metrics.put(METRICS.get(Integer.parseInt(k)), v));
        RouteDecl bare = new RouteDecl(dst, (String) m.get("via"), (String) m.get("dev"), null, null,
                (String) m.get("src"), null, null, List.copyOf(hops), null, m.containsKey("onlink") ? Boolean.TRUE : null,
                metrics, null, null);
        Map<String, Object> defaults = of(bare);
        long metric = ((Number) m.get("metric")).longValue();
        long table = ((Number) m.get("table")).longValue();
        int type = ((Number) m.get("type")).intValue();
        int proto = ((Number) m.get("protocol")).intValue();
        int scope = ((Number) m.get("scope")).intValue();
        long tos = ((Number) m.getOrDefault("tos", 0L)).longValue();
        long pref = ((Number) m.getOrDefault("pref", -1L)).longValue();
        RouteDecl typed = new RouteDecl(dst, bare.via(), bare.dev(), null, null, bare.src(),
                type != RTN_UNICAST ? RtNames.TYPES.name(type) : null, null, bare.nexthops(), null, bare.onlink(),
                metrics, null, null);
        Map<String, Object> typedDefaults = of(typed);
        return new RouteDecl(dst, bare.via(), bare.dev(),
                metric != ((Number) defaults.get("metric")).longValue() ? metric : null,
                table != ((Number) typedDefaults.get("table")).longValue() ? (Integer) (int) table : null,
                bare.src(), typed.type(), proto != RTPROT_BOOT ? RtNames.PROTOCOLS.name(proto) : null, bare.nexthops(),
                scope != ((Number) typedDefaults.get("scope")).longValue() ? RtNames.SCOPES.name(scope) : null,
                bare.onlink(), metrics, tos != 0 ? (Integer) (int) tos : null,
                v6 && pref > 0 ? PREFS.get((int) pref) : null);
    }
}
