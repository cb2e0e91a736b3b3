package dev.jnetns.testutil;

import dev.jnetns.Netns;
import java.util.List;

/**
 * A namespace holding routes of every type this kernel takes, both families, several tables
 * (one above 255), every metric, preferences, realms, TOS, multipath with weights and per-path
 * onlink, expiry, a nexthop object and a lightweight tunnel: built with {@code ip}.
 */
public final class RouteFixtures {
    private RouteFixtures() {
    }

    /** The {@code ip -batch} lines, after two veth pairs v0/v1 and v2/v3 with addresses. */
    public static final List<String> LINES = List.of(
            "link add v0 type veth peer name v1",
            "link set v0 up",
            "link set v1 up",
            "link add v2 type veth peer name v3",
            "link set v2 up",
            "link set v3 up",
            "addr add 198.18.0.1/24 dev v0",
            "addr add fd00::1/64 dev v0 nodad",
            "addr add 198.18.1.1/24 dev v2",
            "addr add fd00:1::1/64 dev v2 nodad",
            "route add 198.18.5.0/24 via 198.18.0.2 realm 5",
            "route add 198.18.6.0/24 via 198.18.0.2 realms 3/4",
            "route add 198.18.6.128/25 via 198.18.0.2 realms 3/0",
            "route add 198.18.7.0/24 tos 0x10 via 198.18.0.2",
            "route add 198.18.7.0/24 tos 0x20 via 198.18.0.3",
            "route add multicast 239.1.0.0/16 dev v0",
            "route add anycast 198.18.10.1 dev v0",
            "route add table 1000 198.18.11.0/24 dev v0",
            "route add table 100 198.18.11.0/24 via 198.18.0.9 metric 7 proto static",
            "route add 198.18.13.0/24 via 198.18.0.2 rtt 10ms rttvar 5ms mtu lock 1400 window 1000 ssthresh 10 "
                    + "cwnd 10 advmss 1300 reordering 3 hoplimit 10 initcwnd 10 initrwnd 10 features ecn quickack 1 "
                    + "congctl cubic fastopen_no_cookie 1 rto_min 20ms",
            "route add 198.18.14.0/24 via 198.18.0.2 rtt 2s rttvar 1500ms rto_min 1s congctl lock reno",
            "route add fd00:5::/64 via fd00::2 pref high expires 300",
            "route add fd00:6::/64 via fd00::2 pref low",
            "route add fd00:7::/64 dev v0 metric 5 mtu 1300 hoplimit 7",
            "route add throw 198.18.15.0/24",
            "route add blackhole 198.18.16.0/24",
            "route add unreachable 198.18.17.0/24",
            "route add prohibit 198.18.18.0/24",
            "route add blackhole fd00:8::/64",
            "route add unreachable fd00:9::/64",
            "route add prohibit fd00:10::/64",
            "route add throw fd00:11::/64",
            "route add multicast ff0e::/16 dev v0",
            "route add local 198.18.40.1 dev v0",
            "route add broadcast 198.18.40.255 dev v0",
            "route add 198.18.20.0/24 nexthop via 198.18.0.2 dev v0 weight 3 onlink nexthop via 198.18.1.3 dev v2 weight 5",
            "route add fd00:20::/64 nexthop via fd00::2 dev v0 weight 2 nexthop via fd00:1::2 dev v2",
            "route add 198.18.21.0/24 via 198.18.0.2 dev v0 onlink",
            "route add 198.18.22.0/24 via inet6 fe80::1 dev v0",
            "route add table 5000 default via 198.18.1.2",
            "route add table 5000 fd00:30::/64 dev v2 proto 99",
            "route add 198.18.23.0/24 dev v0 scope host src 198.18.0.1",
            "route add fd00:40::/64 from fd00:41::/64 dev v0",
            "route add table 7 198.18.25.0/24 dev v0 proto ospf scope 200",
            "route add table 7 198.18.26.0/24 nexthop via 198.18.0.2 realms 1/2 nexthop via 198.18.0.3 realm 4",
            "route add table 7 default via fd00::2 metric 9 pref high");

    /** A nexthop object and a route through it; an IP lightweight tunnel (what {@code -d} and encap print). */
    public static final List<String> OBJECT_LINES = List.of(
            "nexthop add id 1 via 198.18.0.2 dev v0",
            "route add 198.18.30.0/24 nhid 1",
            "route add 198.18.31.0/24 encap ip id 1 dst 198.18.0.9 dev v0");

    /** Builds {@link #LINES} in {@code ns}. */
    public static void build(Netns ns) {
        Ip.batch(ns, String.join("\n", LINES));
    }
}
