package dev.jnetns.model;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Route;
import dev.jnetns.RouteSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Turns a route the kernel reports back into the request that makes it again. */
final class RouteSpecs {
    private static final int RTNH_F_ONLINK = 4;
    private static final int RTAX_MTU = 2;

    private RouteSpecs() {
    }

    /**
     * The spec of {@code r}: destination, gateway, device (named from {@code links}), metric, table,
     * protocol, scope, type, source, nexthops, onlink and the MTU metric.
     */
    static RouteSpec of(Route r, Collection<Link> links) {
        return of(r, index -> name(index, links));
    }

    /** Like {@link #of(Route, Collection)} with device names from {@code names} (ifindex → name). */
    static RouteSpec of(Route r, java.util.function.IntFunction<String> names) {
        return fromMap(toMap(r, names), dev -> dev);
    }

    /**
     * What {@link #of} copies from {@code r}, as JSON values (addresses as text, absent fields left
     * out): the form a move journal keeps.
     */
    static Map<String, Object> toMap(Route r, java.util.function.IntFunction<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", (long) r.family());
        if (!r.isDefault()) {
            m.put("dst", r.dst().network().toString());
        }
        if (r.gateway() != null) {
            m.put("via", IpPrefix.format(r.gateway()));
        }
        if (r.oif() != 0) {
            m.put("dev", names.apply(r.oif()));
        }
        if (r.metric() > 0) {
            m.put("metric", r.metric());
        }
        m.put("table", (long) r.table());
        m.put("protocol", (long) r.protocol());
        m.put("scope", (long) r.scope());
        m.put("type", (long) r.type());
        if (r.prefsrc() != null) {
            m.put("src", IpPrefix.format(r.prefsrc()));
        }
        if ((r.flags() & RTNH_F_ONLINK) != 0) {
            m.put("onlink", Boolean.TRUE);
        }
        Integer mtu = r.metrics().get(RTAX_MTU);
        if (mtu != null) {
            m.put("mtu", (long) mtu);
        }
        List<Object> hops = new ArrayList<>();
        for (Route.Nexthop n : r.nexthops()) {
            Map<String, Object> h = new LinkedHashMap<>();
            if (n.gateway() != null) {
                h.put("via", IpPrefix.format(n.gateway()));
            }
            h.put("dev", names.apply(n.oif()));
            h.put("weight", (long) n.weight());
            hops.add(h);
        }
        if (!hops.isEmpty()) {
            m.put("nexthops", hops);
        }
        return m;
    }

    /** The spec {@link #toMap} describes, each device name passed through {@code rename}. */
    static RouteSpec fromMap(Map<String, Object> m, UnaryOperator<String> rename) {
        int family = number(m, "family").intValue();
        RouteSpec s = m.containsKey("dst") ? RouteSpec.to((String) m.get("dst")) : RouteSpec.defaultRoute().family(family);
        if (m.containsKey("via")) {
            s.via(IpPrefix.parseAddress((String) m.get("via")));
        }
        if (m.containsKey("dev")) {
            s.dev(rename.apply((String) m.get("dev")));
        }
        if (m.containsKey("metric")) {
            s.metric(number(m, "metric").longValue());
        }
        s.table(number(m, "table").intValue()).protocol(number(m, "protocol").intValue())
                .scope(number(m, "scope").intValue()).type(number(m, "type").intValue());
        if (m.containsKey("src")) {
            s.src(IpPrefix.parseAddress((String) m.get("src")));
        }
        if (m.containsKey("onlink")) {
            s.onlink();
        }
        if (m.containsKey("mtu")) {
            s.mtu(number(m, "mtu").intValue());
        }
        for (Object o : (List<?>) m.getOrDefault("nexthops", List.of())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> h = (Map<String, Object>) o;
            s.nexthop(h.containsKey("via") ? IpPrefix.parseAddress((String) h.get("via")) : null,
                    rename.apply((String) h.get("dev")), number(h, "weight").intValue());
        }
        return s;
    }

    static Number number(Map<String, Object> m, String key) {
        return (Number) m.get(key);
    }

    static String name(int index, Collection<Link> links) {
        for (Link l : links) {
            if (l.index() == index) {
                return l.name();
            }
        }
        throw new IllegalStateException("no device with ifindex " + index);
    }
}
