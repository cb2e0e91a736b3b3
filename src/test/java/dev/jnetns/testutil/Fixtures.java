package dev.jnetns.testutil;

import dev.jnetns.Netns;
import java.util.List;

/** Namespaces populated with iproute2 for tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * Commands covering every verb of link, address, route, neighbour and rule, every device kind
     * and route type this kernel has: "JNETNS COMMAND|IP COMMAND" where the grammars differ;
     * {@code @PEER} names another (named) namespace.
     */
    public static final List<String> COMMANDS = List.of(
            "link add br0 type bridge",
            "link add v0 type veth peer name v1",
            "link add v2 mtu 1400 address 02:00:00:00:00:02 type veth peer name v3 mtu 1300 address 02:00:00:00:00:03",
            "link add x0 type veth peer name x1 netns @PEER",
            "link set v1 master br0",
            "link set v0 up",
            "link set dev v1 up",
            "link set br0 up",
            "link add mv0 link v0 type macvlan mode bridge",
            "link add mv1 link v0 type macvlan mode private",
            "link add mvt0 link v2 type macvtap mode vepa",
            "link add vx0 type vxlan id 42 dstport 4789 dev v0",
            "link add ifb7 type ifb",
            "link add tap0 type tap|tuntap add tap0 mode tap",
            "link set v2 mtu 9000",
            "link set v2 address 02:00:00:00:00:22",
            "link set mv1 name mv1x",
            "link set v3 alias \"peer three\"",
            "link set v3 txqueuelen 500",
            "link set v3 master br0",
            "link set v3 nomaster",
            "link set mv0 up",
            "link set ifb7 group 7",
            "link set ifb7 promisc on",
            "link set ifb7 arp off multicast off",
            "link set ifb7 allmulticast on",
            "link set ifb7 promisc off arp on",
            "addr add 198.18.0.1/24 dev v0",
            "addr add 198.18.1.1/32 peer 198.18.1.2 dev v0 label v0:p",
            "addr add 198.18.2.1/24 broadcast + dev v2",
            "addr add 198.18.4.1/24 brd 198.18.4.255 scope link dev v2",
            "addr add fd00::1/64 dev v0 nodad",
            "addr add fd00:2::1/64 dev v2 nodad noprefixroute",
            "addr del 198.18.2.1/24 dev v2",
            "addr replace 198.18.0.1/24 dev v0",
            "route add default via 198.18.0.254",
            "route add 198.18.10.0/24 via 198.18.0.2 metric 100",
            "route add 198.18.11.0/24 dev v0 table 100 proto static",
            "route add blackhole 198.18.12.0/24",
            "route add unreachable 198.18.13.0/24",
            "route add prohibit 198.18.14.0/24",
            "route add 198.18.15.0/24 nexthop via 198.18.0.2 weight 1 nexthop via 198.18.0.3 weight 2",
            "route add fd00:1::/64 via fd00::2",
            "route add 198.18.16.0/24 dev v0 src 198.18.0.1 scope link",
            "route add local 198.18.17.1 dev v0",
            "route add 198.18.18.0/24 via 198.18.0.9 onlink dev v0",
            "route replace 198.18.10.0/24 via 198.18.0.3 metric 100",
            "route del 198.18.12.0/24",
            "route add 198.18.19.0/24 via 198.18.0.2 table 1000",
            "route add 198.18.20.0/24 dev v0 mtu 1300",
            "route del default",
            "neigh add 198.18.0.7 lladdr 02:00:00:00:00:07 dev v0",
            "neigh add fd00::7 lladdr 02:00:00:00:00:08 dev v0 nud noarp",
            "neigh replace 198.18.0.7 lladdr 02:00:00:00:00:17 dev v0",
            "neigh add 198.18.0.8 lladdr 02:00:00:00:00:09 dev v0 router",
            "neigh del 198.18.0.8 dev v0",
            "rule add from 198.18.0.0/24 table 100 prio 1000",
            "rule add to 198.18.5.0/24 iif v0 table main prio 1001",
            "rule add fwmark 0x10/0xff blackhole prio 1002",
            "rule add not from 198.18.6.0/24 unreachable pref 1003",
            "rule del prio 1001",
            "addr flush dev v2",
            "link del mv1x",
            "link del ifb7",
            "link set dev v0 down",
            "link set dev v0 up");

    /** Runs {@link #COMMANDS} with ip in {@code ns}; {@code peer} names the namespace for @PEER. */
    public static void everything(Netns ns, String peer) {
        StringBuilder batch = new StringBuilder();
        for (String line : COMMANDS) {
            String[] parts = line.split("\\|");
            batch.append((parts.length > 1 ? parts[1] : parts[0]).replace("@PEER", peer)).append('\n');
        }
        Ip.batch(ns, batch.toString());
        settle(ns);
    }

    /**
     * Waits until carrier, operational and DAD states stop changing (the kernel's linkwatch and bridge
     * ports apply them asynchronously), at most 10 s: two reads of links, addresses and routes 500 ms apart agree.
     */
    public static void settle(Netns ns) {
        String before = "";
        for (int i = 0; i < 20; i++) {
            String now = Ip.run(ns, "-j", "link", "show") + Ip.run(ns, "-j", "addr", "show")
                    + Ip.run(ns, "-j", "route", "show", "table", "all");
            if (now.equals(before)) {
                return;
            }
            before = now;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("link states did not settle within 10 s");
    }

    /** A veth pair with one end in a bridge, a macvlan on a veth end, a tap, a vxlan; mixed MTUs, MACs, states. */
    public static void mixedLinks(Netns ns) {
        Ip.batch(ns, String.join("\n",
                "link add br0 type bridge",
                "link add v0 address 02:00:00:00:00:10 mtu 9000 type veth peer name v1 mtu 1400",
                "link set v1 master br0",
                "link add mv0 link v0 type macvlan mode bridge",
                "tuntap add tap0 mode tap",
                "link add vx0 type vxlan id 42 dstport 4789",
                "link set v0 up",
                "link set v1 up",
                "link set br0 up",
                "link set tap0 mtu 1280",
                "link set mv0 alias \"macvlan child\"",
                ""));
    }

    /**
     * Three bridges (one with defaults, one with every option this kernel takes away from its default,
     * one with STP) and four ports (one with every port option set), up where STP then runs.
     */
    public static void bridges(Netns ns) {
        Ip.batch(ns, String.join("\n",
                "link add br0 type bridge",
                "link add br1 type bridge forward_delay 400 hello_time 100 max_age 1200 ageing_time 1000 stp_state 1"
                        + " priority 100 group_fwd_mask 0x8 group_address 01:80:c2:00:00:0e no_linklocal_learn 1"
                        + " mcast_router 2 mcast_snooping 0 mcast_query_use_ifaddr 1 mcast_querier 1"
                        + " mcast_hash_elasticity 8 mcast_hash_max 1024 mcast_last_member_count 3"
                        + " mcast_startup_query_count 3 mcast_last_member_interval 200 mcast_membership_interval 30000"
                        + " mcast_querier_interval 30000 mcast_query_interval 15000 mcast_query_response_interval 2000"
                        + " mcast_startup_query_interval 4000 mcast_stats_enabled 1 mcast_igmp_version 3"
                        + " mcast_mld_version 2 nf_call_iptables 1 nf_call_ip6tables 1 nf_call_arptables 1",
                "link add br2 type bridge stp_state 1 priority 4096 ageing_time 0",
                "link add v0 type veth peer name v1",
                "link add v2 type veth peer name v3",
                "link add v4 type veth peer name v5",
                "link add v6 type veth peer name v7",
                "link set v0 master br1",
                "link set v2 master br1",
                "link set v4 master br0",
                "link set v6 master br2",
                "link set dev v0 type bridge_slave priority 7 cost 5 hairpin on guard on root_block on"
                        + " fastleave on learning off flood off mcast_flood off bcast_flood off mcast_to_unicast on"
                        + " proxy_arp on proxy_arp_wifi on mcast_router 2 neigh_suppress on group_fwd_mask 0x4"
                        + " vlan_tunnel off isolated on locked on backup_port v2",
                "link set dev v6 type bridge_slave cost 65535 priority 63 group_fwd_mask 0x4005",
                "link set br1 up",
                "link set br2 up",
                "link set v0 up",
                "link set v1 up",
                "link set v2 up",
                "link set v3 up",
                "link set v6 up",
                "link set v7 up"));
    }
}
