package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxRoute.RTAX_CC_ALGO;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FASTOPEN_NO_COOKIE;
import static dev.jnetns.uapi.LinuxRoute.RTAX_LOCK;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Route;
import dev.jnetns.RouteMetrics;
import dev.jnetns.RouteSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Turns a route the kernel reports back into the request that makes it again. */
public final class RouteSpecs {

    private RouteSpecs() {
    }

    /**
     * The spec of {@code r}: destination, gateway, device (named from {@code links}), metric, table,
     * protocol, scope, type, source, TOS, realms, IPv6 preference, nexthop object, nexthops (onlink
     * included), onlink and every metric.
     *
     * @param r the route
     * @param links the devices of its namespace
     * @return the spec
     */
    public static RouteSpec of(Route r, Collection<Link> links) {
        return of(r, index -> name(index, links));
    }

    /** Like {@link #of(Route, Collection)} with device names from {@code names} (ifindex → name). */
    static RouteSpec of(Route r, java.util.function.IntFunction<String> names) {
        return fromMap(toMap(r, names), dev -> dev);
    }

    /**
     * What {@link #of} copies from {@code r}, as JSON values (addresses as text, absent fields left
     * out): the form export writes and diff compares (through RouteForm). Metrics by RTAX number (RTAX_CC_ALGO's value a name);
     * metrics a newer kernel sends that RouteMetrics does not model are left out.
     */
    static Map<String, Object> toMap(Route r, java.util.function.IntFunction<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", (long) r.family());
        if (!r.isDefault()) {
            m.put("dst", r.dst().network().toString());
        }
        if (r.nhid() >= 0) {
            m.put("nhid", r.nhid());   // the object's gateway and device are reported too, but not to be sent with it
        } else {
            if (r.gateway() != null) {
                m.put("via", IpPrefix.format(r.gateway()));
            }
            if (r.oif() != 0) {
                m.put("dev", names.apply(r.oif()));
            }
            List<Object> hops = new ArrayList<>();
            for (Route.Nexthop n : r.nexthops()) {
                Map<String, Object> h = new LinkedHashMap<>();
                if (n.gateway() != null) {
                    h.put("via", IpPrefix.format(n.gateway()));
                }
                h.put("dev", names.apply(n.oif()));
                h.put("weight", (long) n.weight());
                h.put("onlink", (n.flags() & RTNH_F_ONLINK) != 0);
                hops.add(h);
            }
            if (!hops.isEmpty()) {
                m.put("nexthops", hops);
            }
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
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int t = RTAX_LOCK; t <= RTAX_FASTOPEN_NO_COOKIE; t++) {
            if (t != RTAX_CC_ALGO && r.metrics().get(t) >= 0) {
                metrics.put(String.valueOf(t), r.metrics().get(t));
            }
        }
        if (r.metrics().congctl() != null) {
            metrics.put(String.valueOf(RTAX_CC_ALGO), r.metrics().congctl());
        }
        if (!metrics.isEmpty()) {
            m.put("metrics", metrics);
        }
        if (r.tos() != 0) {
            m.put("tos", (long) r.tos());
        }
        if (r.realms() >= 0) {
            m.put("realms", List.of((long) r.realmFrom(), (long) r.realmTo()));
        }
        if (r.pref() >= 0) {
            m.put("pref", (long) r.pref());
        }
        return m;
    }

    /** The spec {@link #toMap} describes, each device name passed through {@code rename}. */
    @SuppressWarnings("unchecked")
    static RouteSpec fromMap(Map<String, Object> m, UnaryOperator<String> rename) {
        int family = number(m, "family").intValue();
        RouteSpec s = m.containsKey("dst") ? RouteSpec.to((String) m.get("dst")) : RouteSpec.defaultRoute().family(family);
        if (m.containsKey("nhid")) {
            s.nhid(number(m, "nhid").longValue());
        }
        if (m.containsKey("via")) {
            s.via(IpPrefix.parseAddress((String) m.get("via")));
        }
        if (m.containsKey("dev")) {
            s.dev(rename.apply((String) m.get("dev")));
        }
        for (Object o : (List<?>) m.getOrDefault("nexthops", List.of())) {
            Map<String, Object> h = (Map<String, Object>) o;
            s.nexthop(h.containsKey("via") ? IpPrefix.parseAddress((String) h.get("via")) : null,
                    rename.apply((String) h.get("dev")), number(h, "weight").intValue(), Boolean.TRUE.equals(h.get("onlink")));
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
        RouteMetrics n = RouteMetrics.NONE;
        String congctl = null;
        for (Map.Entry<String, Object> e : ((Map<String, Object>) m.getOrDefault("metrics", Map.of())).entrySet()) {
            if (e.getValue() instanceof String) {
                congctl = (String) e.getValue();   // RTAX_CC_ALGO, the one metric with a name for a value
            } else {
                n = n.with(Integer.parseInt(e.getKey()), ((Number) e.getValue()).longValue());
            }
        }
        s.metrics(new RouteMetrics(n.lock(), n.mtu(), n.window(), n.rtt(), n.rttvar(), n.ssthresh(), n.cwnd(), n.advmss(),
                n.reordering(), n.hoplimit(), n.initcwnd(), n.features(), n.rtoMin(), n.initrwnd(), n.quickack(), congctl,
                n.fastopenNoCookie(), n.raw()));
        if (m.containsKey("tos")) {
            s.tos(number(m, "tos").intValue());
        }
        if (m.containsKey("realms")) {
            List<?> realms = (List<?>) m.get("realms");
            s.realms(((Number) realms.get(0)).intValue(), ((Number) realms.get(1)).intValue());
        }
        if (m.containsKey("pref")) {
            s.pref(number(m, "pref").intValue());
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
