package dev.jnetns;

import dev.jnetns.rtnl.RouteMessage;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A route as the kernel reports it ({@code ip route show}). Immutable.
 *
 * @param family AF_INET or AF_INET6
 * @param type RTN_* (1 unicast, 2 local, 6 blackhole …)
 * @param dst the destination prefix (length 0 for default)
 * @param src the source-routing prefix ({@code from}), or null
 * @param gateway the gateway ({@code via}), or null
 * @param oif ifindex of the output device, 0 when none
 * @param table the table id (254 main, 255 local)
 * @param protocol RTPROT_* (2 kernel, 3 boot, 4 static)
 * @param scope RT_SCOPE_*
 * @param metric the priority ({@code metric}), -1 when not reported
 * @param prefsrc the preferred source ({@code src}), or null
 * @param flags RTNH_F_* and RTM_F_* bits
 * @param nexthops the nexthops of a multipath route, empty otherwise
 * @param pref IPv6 router preference (0 medium, 1 high, 3 low), -1 when not reported
 * @param metrics RTAX_* values (2 = mtu …)
 * @param uid the uid of an {@code ip route get} answer, -1 otherwise
 */
public record Route(int family, int type, IpPrefix dst, IpPrefix src, InetAddress gateway, int oif, int table,
                    int protocol, int scope, long metric, InetAddress prefsrc, int flags, List<Nexthop> nexthops,
                    int pref, Map<Integer, Integer> metrics, long uid) {

    /**
     * One path of a multipath route.
     *
     * @param gateway the gateway, or null
     * @param oif ifindex of the device
     * @param weight 1..256
     * @param flags RTNH_F_* bits
     */
    public record Nexthop(InetAddress gateway, int oif, int weight, int flags) {
        /** The flags as {@code ip route} names them ("onlink", "dead" …). */
        public List<String> flagNames() {
            return Route.flagNames(flags);
        }
    }

    private static final int[] FLAG_BITS = {1, 4, 2, 8, 64, 0x100, 16, 32};
    private static final String[] FLAG_NAMES = {"dead", "onlink", "pervasive", "offload", "trap", "notify",
        "linkdown", "unresolved"};

    static Route of(RouteMessage m) {
        InetAddress dst = m.dst() != null ? Inet.of(m.dst()) : Inet.any(m.family());
        List<Nexthop> hops = new ArrayList<>();
        for (RouteMessage.Nexthop n : m.nexthops()) {
            hops.add(new Nexthop(Inet.of(n.gateway()), n.ifindex(), n.hops() + 1, n.flags()));
        }
        return new Route(m.family(), m.type(), new IpPrefix(dst, m.dstLen()),
                m.src() != null ? new IpPrefix(Inet.of(m.src()), m.srcLen()) : null, Inet.of(m.gateway()), m.oif(),
                m.table(), m.protocol(), m.scope(), m.priority(), Inet.of(m.prefsrc()), m.flags(), List.copyOf(hops),
                m.pref(), m.metrics(), m.uid());
    }

    /** True for a default route (destination length 0). */
    public boolean isDefault() {
        return dst.length() == 0;
    }

    /** The flags as {@code ip route} names them: "onlink", "linkdown" …; unknown bits are left out. */
    public List<String> flagNames() {
        return flagNames(flags);
    }

    static List<String> flagNames(int flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                out.add(FLAG_NAMES[i]);
            }
        }
        return out;
    }
}
