package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;

import dev.jnetns.Link;
import dev.jnetns.Route;
import dev.jnetns.RouteSpec;
import java.util.Collection;

/** Turns a route the kernel reports back into the request that makes it again. */
public final class RouteSpecs {

    private RouteSpecs() {
    }

    /**
     * The spec of {@code r}: destination, gateway, device (named from {@code links}), metric, table,
     * protocol, scope, type, source, TOS, realms, IPv6 preference, nexthop object, nexthops (onlink
     * included), onlink and every metric.
     */
    public static RouteSpec of(Route r, Collection<Link> links) {
        return of(r, index -> name(index, links));
    }

    /** Like {@link #of(Route, Collection)} with device names from {@code names} (ifindex → name). */
    static RouteSpec of(Route r, java.util.function.IntFunction<String> names) {
        RouteSpec s = r.isDefault() ? RouteSpec.defaultRoute().family(r.family()) : RouteSpec.to(r.dst().network());
        if (r.nhid() >= 0) {
            s.nhid(r.nhid());   // the object's gateway and device are reported too, but not to be sent with it
        } else {
            if (r.gateway() != null) {
                s.via(r.gateway());
            }
            if (r.oif() != 0) {
                s.dev(names.apply(r.oif()));
            }
            for (Route.Nexthop n : r.nexthops()) {
                s.nexthop(n.gateway(), names.apply(n.oif()), n.weight(), (n.flags() & RTNH_F_ONLINK) != 0);
            }
        }
        if (r.metric() > 0) {
            s.metric(r.metric());
        }
        s.table(r.table()).protocol(r.protocol()).scope(r.scope()).type(r.type());
        if (r.prefsrc() != null) {
            s.src(r.prefsrc());
        }
        if ((r.flags() & RTNH_F_ONLINK) != 0) {
            s.onlink();
        }
        s.metrics(r.metrics());
        if (r.tos() != 0) {
            s.tos(r.tos());
        }
        if (r.realms() >= 0) {
            s.realms(r.realmFrom(), r.realmTo());
        }
        if (r.pref() >= 0) {
            s.pref(r.pref());
        }
        return s;
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
