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

    /** One path of a multipath route ({@code nexthop via GW dev DEV weight W [onlink] [realms R]}); realms -1 for none. */
    record NexthopSpec(InetAddress gateway, String dev, int weight, boolean onlink, long realms) {
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
     * @throws IllegalArgumentException when {@link #family(int)} gave another family
     */
    public RouteSpec via(InetAddress gateway) {
        requireFamily("via", gateway);
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
        requireFamily("src", prefsrc);
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
        this.metric = Ranges.check("metric", metric, 0, 0xffffffffL);
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
     * @throws IllegalArgumentException outside 0..255 (rtm_protocol is a byte)
     */
    public RouteSpec protocol(int protocol) {
        this.protocol = Ranges.u8("protocol", protocol);
        return this;
    }

    /**
     * {@code scope S} (RT_SCOPE_*).
     *
     * @param scope an RT_SCOPE_* number (0..255)
     * @return this spec
     * @throws IllegalArgumentException outside 0..255 (rtm_scope is a byte)
     */
    public RouteSpec scope(int scope) {
        this.scope = Ranges.u8("scope", scope);
        return this;
    }

    /**
     * The route type (RTN_*): unicast, local, blackhole, unreachable, prohibit …
     *
     * @param type an RTN_* number (0..255)
     * @return this spec
     * @throws IllegalArgumentException outside 0..255 (rtm_type is a byte)
     */
    public RouteSpec type(int type) {
        this.type = Ranges.u8("type", type);
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
        this.tos = Ranges.u8("tos", tos);
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
        this.realms = Ranges.check("realms from", from, 0, 0xffff) << 16 | Ranges.check("realms to", to, 0, 0xffff);
        return this;
    }

    /**
     * {@code pref low|medium|high}: the IPv6 router preference (ICMPV6_ROUTER_PREF_*: 3, 0, 1).
     *
     * @param pref an ICMPV6_ROUTER_PREF_* number (0..255)
     * @return this spec
     * @throws IllegalArgumentException outside 0..255 (RTA_PREF is a byte)
     */
    public RouteSpec pref(int pref) {
        this.pref = Ranges.u8("pref", pref);
        return this;
    }

    /**
     * {@code expires SECONDS}: an IPv6 route the kernel removes after that time.
     *
     * @param seconds the lifetime in seconds
     * @return this spec
     */
    public RouteSpec expires(long seconds) {
        this.expires = Ranges.check("expires", seconds, 0, 0xffffffffL);
        return this;
    }

    /**
     * {@code nhid ID}: the route goes through nexthop object {@code ID} ({@code ip nexthop}).
     *
     * @param id the nexthop object's id (0 is sent as ip sends it: no object has it, the kernel
     *     refuses it with ENODEV)
     * @return this spec
     */
    public RouteSpec nhid(long id) {
        this.nhid = Ranges.check("nhid", id, 0, 0xffffffffL);
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
        return nexthop(gateway, dev, weight, onlink, -1);
    }

    /**
     * {@code nexthop via GW dev DEV weight W [onlink] [realms FROM/TO]}: one path of a multipath route.
     *
     * @param gateway the gateway's address
     * @param dev the device's name
     * @param weight the path's weight, 1..256
     * @param onlink true for {@code onlink}
     * @param realms the path's RTA_FLOW (source realm in the high 16 bits, destination in the low), -1 for none
     * @return this spec
     */
    public RouteSpec nexthop(InetAddress gateway, String dev, int weight, boolean onlink, long realms) {
        Ranges.check("nexthop weight", weight, 1, 256);
        Ranges.check("nexthop realms", realms, -1, 0xffffffffL);
        requireFamily("nexthop via", gateway);
        nexthops.add(new NexthopSpec(gateway, dev == null ? null : Links.checkName(dev), weight, onlink, realms));
        return this;
    }

    /**
     * {@code -4} / {@code -6}: the family, when nothing else gives it (a default blackhole, say).
     *
     * @param family the address family: AF_INET (2) or AF_INET6 (10)
     * @return this spec
     * @throws IllegalArgumentException outside 0..255, or when the destination (or, for a default route,
     *     the gateway or source given so far) is of another family
     */
    public RouteSpec family(int family) {
        Ranges.u8("family", family);
        int given = addressFamily();
        if (given != 0 && given != family) {
            throw new IllegalArgumentException("family " + family + " contradicts the route's addresses (family "
                    + given + "): " + this);
        }
        this.family = family;
        return this;
    }

    /** Refuses an address of another family than {@link #family(int)} gave. */
    private void requireFamily(String what, InetAddress a) {
        if (family != null && a != null && Inet.family(a) != family) {
            throw new IllegalArgumentException(what + " " + Inet.format(a) + " contradicts family " + family);
        }
    }

    /** AF_INET or AF_INET6, from the destination, the gateway, the source or {@link #family(int)}. */
    int effectiveFamily() {
        int given = addressFamily();
        return given != 0 ? given : family != null ? family : LinuxSocket.AF_INET;
    }

    /** The family of the destination, else the gateway, a path's gateway or the source; 0 when none gives one. */
    private int addressFamily() {
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
        return prefsrc != null ? Inet.family(prefsrc) : 0;
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
