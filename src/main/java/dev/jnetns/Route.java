package dev.jnetns;

import static dev.jnetns.uapi.LinuxRoute.RTM_F_NOTIFY;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_OFFLOAD;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_OFFLOAD_FAILED;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_TRAP;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_DEAD;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_LINKDOWN;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_OFFLOAD;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_PERVASIVE;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_TRAP;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_UNRESOLVED;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A route as the kernel reports it ({@code ip route show}, {@code ip route get}), every attribute
 * of its RTM_NEWROUTE message included. Immutable. Absent numbers are -1 (devices 0), absent
 * objects null.
 *
 * @param family AF_INET or AF_INET6 (RTNL_FAMILY_IPMR/IP6MR for multicast forwarding entries)
 * @param type RTN_* (1 unicast, 2 local, 6 blackhole …)
 * @param dst the destination prefix (length 0 for default)
 * @param src the source-routing prefix ({@code from}, RTA_SRC), or null
 * @param gateway the gateway ({@code via}, RTA_GATEWAY), or null
 * @param oif ifindex of the output device ({@code dev}), 0 when none
 * @param table the table id ({@code table}: RTA_TABLE, else the header's; 254 main, 255 local)
 * @param protocol RTPROT_* ({@code proto}: 2 kernel, 3 boot, 4 static)
 * @param scope RT_SCOPE_* ({@code scope})
 * @param metric the priority ({@code metric}, RTA_PRIORITY), -1 when absent
 * @param prefsrc the preferred source ({@code src}, RTA_PREFSRC), or null
 * @param flags RTNH_F_* and RTM_F_* bits (and the RTCF_* cache flags of an IPv4 {@code route get})
 * @param nexthops the nexthops of a multipath route (RTA_MULTIPATH), empty otherwise
 * @param pref IPv6 router preference ({@code pref}: 0 medium, 1 high, 3 low), -1 when absent
 * @param metrics the RTAX_* metrics ({@code mtu}, {@code rtt} …), {@link RouteMetrics#NONE} when absent
 * @param uid the uid of an {@code ip route get} answer (RTA_UID), -1 when absent
 * @param tos the TOS / DS field the route matches ({@code tos}), 0 for any
 * @param iif ifindex of the input device ({@code iif}, RTA_IIF), 0 when none
 * @param via a gateway of another family ({@code via inet6 ADDR}, RTA_VIA), or null
 * @param realms RTA_FLOW: the source realm in the high 16 bits, the destination realm in the low 16
 *     ({@code realm}/{@code realms}), -1 when absent
 * @param mark the fwmark of an {@code ip route get} answer (RTA_MARK), -1 when absent
 * @param expires seconds until the route expires as requested (RTA_EXPIRES, {@code expires}), -1 when absent
 * @param cacheInfo the cache information (RTA_CACHEINFO: expiry, use, error), or null
 * @param ttlPropagate RTA_TTL_PROPAGATE (1 enabled, 0 disabled), -1 when absent
 * @param encapType LWTUNNEL_ENCAP_* of a lightweight tunnel (RTA_ENCAP_TYPE; its RTA_ENCAP is in {@code raw}),
 *     -1 when absent
 * @param nhid the nexthop object used ({@code nhid}, RTA_NH_ID), -1 when absent
 * @param raw what the message held beyond these fields (see {@link RawAttributes})
 */
public record Route(int family, int type, IpPrefix dst, IpPrefix src, InetAddress gateway, int oif, int table,
                    int protocol, int scope, long metric, InetAddress prefsrc, int flags, List<Nexthop> nexthops,
                    int pref, RouteMetrics metrics, long uid, int tos, int iif, Via via, long realms, long mark,
                    long expires, CacheInfo cacheInfo, int ttlPropagate, int encapType, long nhid,
                    RawAttributes raw) {

    /**
     * One path of a multipath route ({@code nexthop via GW dev DEV weight W onlink}).
     *
     * @param gateway the gateway, or null
     * @param oif ifindex of the device
     * @param weight 1..256
     * @param flags RTNH_F_* bits
     * @param via a gateway of another family (RTA_VIA), or null
     * @param realms RTA_FLOW of this path ({@code realms}), -1 when absent
     * @param raw what the path held beyond these fields
     */
    public record Nexthop(InetAddress gateway, int oif, int weight, int flags, Via via, long realms,
                          RawAttributes raw) {
        /**
         * A path with a gateway and/or a device, no other attribute.
         *
         * @param gateway the gateway, or null
         * @param oif the device's ifindex
         * @param weight the weight, 1..256
         * @param flags RTNH_F_* bits
         */
        public Nexthop(InetAddress gateway, int oif, int weight, int flags) {
            this(gateway, oif, weight, flags, null, -1, RawAttributes.NONE);
        }

        /** {@return the flags as {@code ip route} names them ("onlink", "dead" …)} */
        public List<String> flagNames() {
            return Route.flagNames(flags);
        }
    }

    /**
     * A gateway given with its own family (RTA_VIA: an IPv4 route through an IPv6 neighbour).
     *
     * @param family AF_INET or AF_INET6
     * @param address the gateway
     */
    public record Via(int family, InetAddress address) {
    }

    /**
     * {@code struct rta_cacheinfo}: times in clock ticks (USER_HZ, {@code LinuxParam.HZ} a second).
     *
     * @param clntref references ({@code users} with -s)
     * @param lastuse ticks since last use ({@code age} with -s)
     * @param expires ticks until the route expires, 0 for never ({@code expires Nsec})
     * @param error the route's error ({@code error})
     * @param used times used ({@code used} with -s)
     * @param id the IP id ({@code ipid})
     * @param ts the timestamp ({@code ts})
     * @param tsage its age in seconds ({@code tsage})
     */
    public record CacheInfo(long clntref, long lastuse, int expires, long error, long used, long id, long ts,
                            long tsage) {
    }

    private static final int[] FLAG_BITS = {RTNH_F_DEAD, RTNH_F_ONLINK, RTNH_F_PERVASIVE, RTNH_F_OFFLOAD,
        RTNH_F_TRAP, RTM_F_NOTIFY, RTNH_F_LINKDOWN, RTNH_F_UNRESOLVED, RTM_F_OFFLOAD, RTM_F_TRAP,
        RTM_F_OFFLOAD_FAILED};
    private static final String[] FLAG_NAMES = {"dead", "onlink", "pervasive", "offload", "trap", "notify",
        "linkdown", "unresolved", "rt_offload", "rt_trap", "rt_offload_failed"};

    /** {@return true for a default route (destination length 0)} */
    public boolean isDefault() {
        return dst.length() == 0;
    }

    /**
     * {@return this route without its cache information (expiry and use counters move on their own):
     * what a monitor compares} Written afresh, in {@code ip}'s order.
     */
    public Route withoutCacheInfo() {
        return new Route(family, type, dst, src, gateway, oif, table, protocol, scope, metric, prefsrc, flags,
                nexthops, pref, metrics, uid, tos, iif, via, realms, mark, expires, null, ttlPropagate, encapType, nhid,
                raw.withoutLayout());
    }

    /** {@return the source realm of {@code realms FROM/TO}, 0 when none} */
    public int realmFrom() {
        return realms < 0 ? 0 : (int) (realms >>> 16);
    }

    /** {@return the destination realm ({@code realm TO}), 0 when none} */
    public int realmTo() {
        return realms < 0 ? 0 : (int) (realms & 0xffff);
    }

    /**
     * {@return the flags as {@code ip route} names them, in its order: "onlink", "linkdown" …; unknown bits are left out}
     */
    public List<String> flagNames() {
        return flagNames(flags);
    }

    /**
     * {@return RTNH_F_* and RTM_F_* bits as {@code ip route} names them, in its order}
     *
     * @param flags RTNH_F_* bits
     */
    public static List<String> flagNames(int flags) {
        if (flags == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                out.add(FLAG_NAMES[i]);
            }
        }
        return out;
    }

    /**
     * As {@code ip route} writes it, devices by index:
     * {@code 198.18.1.0/24 via 198.18.0.2 dev if3 table 100 proto static metric 5}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != RTN_UNICAST) {
            sb.append(RtNames.TYPES.name(type)).append(' ');
        }
        sb.append(dst.length() == 0 ? "default" : dst.length() == IpPrefix.bits(dst.address())
                ? Inet.format(dst.address()) : dst.toString());
        if (src != null) {
            sb.append(" from ").append(src);
        }
        if (gateway != null) {
            sb.append(" via ").append(Inet.format(gateway));
        }
        if (oif != 0) {
            sb.append(" dev if").append(oif);
        }
        sb.append(" table ").append(RtNames.TABLES.name(table));
        sb.append(" proto ").append(RtNames.PROTOCOLS.name(protocol));
        sb.append(" scope ").append(RtNames.SCOPES.name(scope));
        if (prefsrc != null) {
            sb.append(" src ").append(Inet.format(prefsrc));
        }
        if (metric >= 0) {
            sb.append(" metric ").append(metric);
        }
        for (String f : flagNames()) {
            sb.append(' ').append(f);
        }
        for (Nexthop n : nexthops) {
            sb.append(" nexthop");
            if (n.gateway() != null) {
                sb.append(" via ").append(Inet.format(n.gateway()));
            }
            sb.append(" dev if").append(n.oif()).append(" weight ").append(n.weight());
        }
        return sb.toString();
    }
}
