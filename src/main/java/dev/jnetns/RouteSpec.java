package dev.jnetns;

import dev.jnetns.uapi.LinuxRoute;
import dev.jnetns.uapi.LinuxSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A route to add, replace or delete. Mirrors {@code ip route add [TYPE] PREFIX|default [tos TOS]
 * [via GW] [dev DEV] [src IP] [metric N] [table ID] [proto P] [scope S] [realms [FROM/]TO] [onlink]
 * [mtu N] [METRIC VALUE]... [pref low|medium|high] [expires SECONDS] [nhid ID] [nexthop ...]}.
 * Unset fields take iproute2's defaults (table main, proto boot, type unicast, scope link for a
 * route with no gateway, universe otherwise).
 */
public final class RouteSpec {
    final IpPrefix dst;          // null: default route of the family the other fields imply
    InetAddress gateway;
    String dev;
    InetAddress prefsrc;
    Long metric;
    Integer table;
    Integer protocol;
    Integer scope;
    Integer type;
    boolean onlink;
    RouteMetrics metrics = RouteMetrics.NONE;
    int tos;
    long realms = -1;
    int pref = -1;
    long expires = -1;
    long nhid = -1;
    final List<NexthopSpec> nexthops = new ArrayList<>();
    Integer family;

    /** One path of a multipath route ({@code nexthop via GW dev DEV weight W [onlink]}). */
    record NexthopSpec(InetAddress gateway, String dev, int weight, boolean onlink) {
    }

    private RouteSpec(IpPrefix dst) {
        this.dst = dst;
    }

    /**
     * A route to {@code prefix}: "198.18.1.0/24", "fd00:1::/64", "198.18.1.1" (a host) or "default".
     *
     * @param prefix the destination
     * @return the spec
     */
    public static RouteSpec to(String prefix) {
        return prefix.equals("default") || prefix.equals("all") || prefix.equals("any")
                ? new RouteSpec(null) : new RouteSpec(IpPrefix.parse(prefix));
    }

    /**
     * A route to {@code prefix}.
     *
     * @param prefix the destination
     * @return the spec
     */
    public static RouteSpec to(IpPrefix prefix) {
        return new RouteSpec(prefix);
    }

    /**
     * The default route; its family follows the gateway (IPv4 when nothing says otherwise).
     *
     * @return the spec
     */
    public static RouteSpec defaultRoute() {
        return new RouteSpec(null);
    }

    /**
     * {@code via GW}.
     *
     * @param gateway the gateway's address
     * @return this spec
     */
    public RouteSpec via(InetAddress gateway) {
        this.gateway = gateway;
        return this;
    }

    /**
     * {@code dev DEV}.
     *
     * @param dev the device's name
     * @return this spec
     */
    public RouteSpec dev(String dev) {
        this.dev = Links.checkName(dev);
        return this;
    }

    /**
     * {@code src IP}: the preferred source address.
     *
     * @param prefsrc the source address
     * @return this spec
     */
    public RouteSpec src(InetAddress prefsrc) {
        this.prefsrc = prefsrc;
        return this;
    }

    /**
     * {@code metric N}.
     *
     * @param metric the metric (priority), lower first
     * @return this spec
     */
    public RouteSpec metric(long metric) {
        if (metric < 0 || metric > 0xffffffffL) {
            throw new IllegalArgumentException("invalid metric " + metric);
        }
        this.metric = metric;
        return this;
    }

    /**
     * {@code table ID} (254 main, 255 local, any other id up to 2^32-1).
     *
     * @param table the table id
     * @return this spec
     */
    public RouteSpec table(int table) {
        this.table = table;
        return this;
    }

    /**
     * {@code proto P} (RTPROT_*: 2 kernel, 3 boot, 4 static …).
     *
     * @param protocol who adds it: an RTPROT_* number (0..255)
     * @return this spec
     */
    public RouteSpec protocol(int protocol) {
        this.protocol = protocol;
        return this;
    }

    /**
     * {@code scope S} (RT_SCOPE_*).
     *
     * @param scope an RT_SCOPE_* number
     * @return this spec
     */
    public RouteSpec scope(int scope) {
        this.scope = scope;
        return this;
    }

    /**
     * The route type (RTN_*): unicast, local, blackhole, unreachable, prohibit …
     *
     * @param type an RTN_* number
     * @return this spec
     */
    public RouteSpec type(int type) {
        this.type = type;
        return this;
    }

    /**
     * {@code onlink}: the gateway is on the link even though no prefix says so.
     *
     * @return this spec
     */
    public RouteSpec onlink() {
        this.onlink = true;
        return this;
    }

    /**
     * {@code mtu N}: the path MTU metric.
     *
     * @param mtu the MTU in bytes
     * @return this spec
     */
    public RouteSpec mtu(int mtu) {
        this.metrics = metrics.with(LinuxRoute.RTAX_MTU, Integer.toUnsignedLong(mtu));
        return this;
    }

    /**
     * All metrics at once ({@code mtu lock 1400 window 1000 rtt 10ms congctl cubic ...}), replacing
     * any set before; rtt and rttvar in the kernel's units (see {@link RouteMetrics}).
     *
     * @param metrics the metrics
     * @return this spec
     */
    public RouteSpec metrics(RouteMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /**
     * {@code tos TOS}: the TOS / DS field the route matches (0..255).
     *
     * @param tos the TOS byte, 0..255
     * @return this spec
     */
    public RouteSpec tos(int tos) {
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("invalid tos " + tos);
        }
        this.tos = tos;
        return this;
    }

    /**
     * {@code realms FROM/TO} ({@code realm TO} with {@code from} 0): the route's realms, 0..65535 each.
     *
     * @param from the source realm
     * @param to the destination realm
     * @return this spec
     */
    public RouteSpec realms(int from, int to) {
        if (from < 0 || from > 0xffff || to < 0 || to > 0xffff) {
            throw new IllegalArgumentException("invalid realms " + from + "/" + to);
        }
        this.realms = ((long) from << 16) | to;
        return this;
    }

    /**
     * {@code pref low|medium|high}: the IPv6 router preference (ICMPV6_ROUTER_PREF_*: 3, 0, 1).
     *
     * @param pref an ICMPV6_ROUTER_PREF_* number
     * @return this spec
     */
    public RouteSpec pref(int pref) {
        this.pref = pref;
        return this;
    }

    /**
     * {@code expires SECONDS}: an IPv6 route the kernel removes after that time.
     *
     * @param seconds the lifetime in seconds
     * @return this spec
     */
    public RouteSpec expires(long seconds) {
        if (seconds < 0 || seconds > 0xffffffffL) {
            throw new IllegalArgumentException("invalid expires " + seconds);
        }
        this.expires = seconds;
        return this;
    }

    /**
     * {@code nhid ID}: the route goes through nexthop object {@code ID} ({@code ip nexthop}).
     *
     * @param id the nexthop object's id
     * @return this spec
     */
    public RouteSpec nhid(long id) {
        if (id < 1 || id > 0xffffffffL) {
            throw new IllegalArgumentException("invalid nhid " + id);
        }
        this.nhid = id;
        return this;
    }

    /**
     * {@code nexthop via GW dev DEV weight W}: one path of a multipath route.
     *
     * @param gateway the gateway's address
     * @param dev the device's name
     * @param weight the path's weight, 1..256
     * @return this spec
     */
    public RouteSpec nexthop(InetAddress gateway, String dev, int weight) {
        return nexthop(gateway, dev, weight, false);
    }

    /**
     * {@code nexthop via GW dev DEV weight W [onlink]}: one path of a multipath route.
     *
     * @param gateway the gateway's address
     * @param dev the device's name
     * @param weight the path's weight, 1..256
     * @param onlink true for {@code onlink}
     * @return this spec
     */
    public RouteSpec nexthop(InetAddress gateway, String dev, int weight, boolean onlink) {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("invalid nexthop weight " + weight + " (1..256)");
        }
        nexthops.add(new NexthopSpec(gateway, dev == null ? null : Links.checkName(dev), weight, onlink));
        return this;
    }

    /**
     * {@code -4} / {@code -6}: the family, when nothing else gives it (a default blackhole, say).
     *
     * @param family the address family: AF_INET (2) or AF_INET6 (10)
     * @return this spec
     */
    public RouteSpec family(int family) {
        this.family = family;
        return this;
    }

    /** AF_INET or AF_INET6, from the destination, the gateway, the source or {@link #family(int)}. */
    int effectiveFamily() {
        if (dst != null) {
            return dst.family();
        }
        if (gateway != null) {
            return Inet.family(gateway);
        }
        for (NexthopSpec n : nexthops) {
            if (n.gateway() != null) {
                return Inet.family(n.gateway());
            }
        }
        if (prefsrc != null) {
            return Inet.family(prefsrc);
        }
        return family != null ? family : LinuxSocket.AF_INET;
    }

    /** The destination, {@code 0.0.0.0/0} or {@code ::/0} for a default route. */
    IpPrefix effectiveDst() {
        return dst != null ? dst : new IpPrefix(Inet.any(effectiveFamily()), 0);
    }

    int effectiveType() {
        return type != null ? type : LinuxRoute.RTN_UNICAST;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != null && type != LinuxRoute.RTN_UNICAST) {
            sb.append(RtNames.TYPES.name(type)).append(' ');
        }
        sb.append(dst == null ? "default" : dst.length() == IpPrefix.bits(dst.address()) ? Inet.format(dst.address()) : dst.toString());
        if (gateway != null) {
            sb.append(" via ").append(Inet.format(gateway));
        }
        if (dev != null) {
            sb.append(" dev ").append(dev);
        }
        if (table != null) {
            sb.append(" table ").append(RtNames.TABLES.name(table));
        }
        if (metric != null) {
            sb.append(" metric ").append(metric);
        }
        for (NexthopSpec n : nexthops) {
            sb.append(" nexthop");
            if (n.gateway() != null) {
                sb.append(" via ").append(Inet.format(n.gateway()));
            }
            if (n.dev() != null) {
                sb.append(" dev ").append(n.dev());
            }
            sb.append(" weight ").append(n.weight());
            if (n.onlink()) {
                sb.append(" onlink");
            }
        }
        return sb.toString();
    }
}
