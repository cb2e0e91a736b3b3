package dev.jnetns.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Makes a random namespace configuration out of {@code ip} commands, the same one for the same
 * seed: devices of every kind this kernel has (veth, also with its peer in another namespace,
 * bridge, macvlan, macvtap, vxlan, tun, tap, ifb) with kind options, bridge ports with port
 * options, device settings (alternative names too), IPv4 and IPv6 addresses with their flags and
 * lifetimes, routes of every type the kernel accepts (with tables, metrics, pref, realms, tos,
 * multipath, onlink, expires), rules with every selector and action, and permanent, dynamic and
 * proxy neighbours.
 *
 * <p>Commands are chosen to be valid for what came before them (a gateway in a connected subnet of
 * a device that is up, an MTU within the parent's, no IPv6 under 1280 bytes, ...); what the kernel
 * still refuses is counted by {@link Applied}. Never generated: route type {@code nat} (the kernel refuses it for any input,
 * "Invalid scope": the type was removed in 2.6), bridge {@code vlan_filtering} (this kernel is
 * built without it: EOPNOTSUPP even for 0), {@code addrgenmode stable_secret} (needs a sysctl set
 * first, which is not an ip command), vxlan {@code group} (a multicast group lies outside the test
 * ranges 198.18.0.0/15 and fd00::/8), bridge port states other than 0 (the kernel takes them only
 * once linkwatch has marked the port up, a moment after "up": refused or not by timing).
 */
final class ConfigGenerator {
    private final long seed;
    private final Random r;
    private final List<String> main = new ArrayList<>();
    private final List<String> peer = new ArrayList<>();
    private final List<Dev> devs = new ArrayList<>();
    private final List<String> local4 = new ArrayList<>();
    private final List<String> local6 = new ArrayList<>();
    private int nextSubnet;
    private int nextDestination;
    private int nextRulePref = 100;
    private int nextVni = 1;

    /** A device of the namespace under test, as the generator has configured it so far. */
    private static final class Dev {
        final String name;
        final String kind;
        int mtu = 1500;
        boolean up;
        boolean hasMacvlan;
        /** Has a passthru macvlan child: it takes the whole device, no other child may join. */
        boolean passthru;
        /** The device a macvlan or vxlan sits on, or null. */
        Dev lower;
        /** The other end of a veth pair in this namespace, or null. */
        Dev peer;
        /** Whether the other end of a veth pair is up (in either namespace). */
        boolean peerUp;
        /** Whether the other end of a veth pair is in the peer namespace. */
        boolean remotePeer;
        boolean stp;
        Dev master;
        /** Connected IPv4 subnets: the third octet S of 198.18.S.0/24 where this device is .1. */
        final List<Integer> subnets4 = new ArrayList<>();
        /** Connected IPv6 subnets: S of fd00:S::/64 where this device is ::1. */
        final List<Integer> subnets6 = new ArrayList<>();

        Dev(String name, String kind) {
            this.name = name;
            this.kind = kind;
        }

        boolean ether() {
            return !kind.equals("tun") && !kind.equals("lo");
        }

        boolean ipv6() {
            return mtu >= 1280;
        }

        boolean bridge() {
            return kind.equals("bridge");
        }
    }

    private ConfigGenerator(long seed) {
        this.seed = seed;
        this.r = new Random(seed);
    }

    /** The configuration of {@code seed}. */
    static Config generate(long seed) {
        return new ConfigGenerator(seed).build();
    }

    private Config build() {
        devs.add(new Dev("lo", "lo"));
        links();
        ports();
        settings();
        bridgeMtus();
        portOptions();
        addresses();
        routes();
        rules();
        neighbours();
        churn();
        return new Config(seed, List.copyOf(main), List.copyOf(peer));
    }

    // ---- devices -------------------------------------------------------------------------------

    private void links() {
        int n = between(1, 6);
        for (int i = 0; i < n; i++) {
            switch (weighted(4, 2, 2, 1, 3, 1, 1, 1)) {
                case 0 -> veth();
                case 1 -> bridge();
                case 2 -> macvlan(chance(0.5) ? "macvlan" : "macvtap");
                case 3 -> macvlan("macvtap");
                case 4 -> vxlan();
                case 5 -> tuntap("tap");
                case 6 -> tuntap("tun");
                default -> {
                    Dev d = new Dev(name("ifb"), "ifb");
                    add(d, "link add " + d.name + common() + " type ifb");
                }
            }
        }
    }

    private void veth() {
        Dev a = new Dev(name("ve"), "veth");
        String peerName = a.name + "p";
        boolean remote = chance(0.25);
        StringBuilder sb = new StringBuilder("link add ").append(a.name).append(common())
                .append(" type veth peer name ").append(peerName);
        if (chance(0.3)) {
            sb.append(" mtu ").append(oneOf(1280, 1400, 1500, 9000));
        }
        if (chance(0.3)) {
            sb.append(" address ").append(mac());
        }
        if (remote) {
            a.remotePeer = true;
            sb.append(" netns ").append(Config.PEER);
            if (chance(0.7)) {
                peer.add("link set " + peerName + " up");
                a.peerUp = true;
            }
        }
        add(a, sb.toString());
        a.mtu = mtuOf(sb.toString().substring(0, sb.indexOf(" type ")), 1500);
        if (!remote) {
            Dev b = new Dev(peerName, "veth");
            b.mtu = mtuOf(sb.substring(sb.indexOf(" type ")), 1500);
            devs.add(b);
            a.peer = b;
            b.peer = a;
        }
    }

    private void bridge() {
        Dev b = new Dev(name("br"), "bridge");
        StringBuilder sb = new StringBuilder("link add ").append(b.name).append(common()).append(" type bridge");
        bridgeOptions(sb, b);
        add(b, sb.toString());
    }

    private void bridgeOptions(StringBuilder sb, Dev b) {
        if (chance(0.4)) {
            b.stp = chance(0.5);
            sb.append(" stp_state ").append(b.stp ? 1 : 0);
        }
        option(sb, 0.3, " forward_delay " + between(200, 3000));
        option(sb, 0.3, " hello_time " + between(100, 1000));
        option(sb, 0.3, " max_age " + between(600, 4000));
        option(sb, 0.3, " ageing_time " + between(1000, 100000));
        option(sb, 0.3, " priority " + between(0, 65535));
        option(sb, 0.2, " group_fwd_mask " + pick("0x8", "0x4000", "0", "0x10"));
        option(sb, 0.2, " group_address 01:80:c2:00:00:0" + pick("0", "4", "d", "e", "f"));   // 1-3 are reserved
        option(sb, 0.2, " no_linklocal_learn " + between(0, 1));
        // this kernel is built without CONFIG_BRIDGE_VLAN_FILTERING: any vlan_filtering is EOPNOTSUPP,
        // and mcast_vlan_snooping 1 needs it
        option(sb, 0.1, " mcast_vlan_snooping 0");
        option(sb, 0.2, " vlan_protocol " + pick("802.1Q", "802.1ad"));
        option(sb, 0.2, " vlan_default_pvid " + between(0, 4094));
        option(sb, 0.2, " vlan_stats_enabled " + between(0, 1));
        option(sb, 0.2, " mcast_snooping " + between(0, 1));
        option(sb, 0.2, " mcast_router " + between(0, 2));
        option(sb, 0.2, " mcast_query_use_ifaddr " + between(0, 1));
        option(sb, 0.15, " mcast_querier " + between(0, 1));
        option(sb, 0.2, " mcast_hash_elasticity " + between(1, 32));
        option(sb, 0.2, " mcast_hash_max " + oneOf(512, 1024, 4096, 8192));
        option(sb, 0.2, " mcast_last_member_count " + between(1, 10));
        option(sb, 0.2, " mcast_startup_query_count " + between(1, 10));
        option(sb, 0.2, " mcast_last_member_interval " + between(10, 500));
        option(sb, 0.2, " mcast_membership_interval " + between(1000, 50000));
        option(sb, 0.2, " mcast_querier_interval " + between(1000, 50000));
        option(sb, 0.2, " mcast_query_interval " + between(1000, 50000));
        option(sb, 0.2, " mcast_query_response_interval " + between(100, 900));
        option(sb, 0.2, " mcast_startup_query_interval " + between(100, 5000));
        option(sb, 0.2, " mcast_stats_enabled " + between(0, 1));
        option(sb, 0.2, " mcast_igmp_version " + between(2, 3));
        option(sb, 0.2, " mcast_mld_version " + between(1, 2));
    }

    private void macvlan(String kind) {
        List<Dev> parents = devs(d -> d.ether() && !d.kind.equals("macvlan") && !d.kind.equals("macvtap")
                && !d.kind.equals("ifb") && d.master == null && !d.kind.equals("lo") && !d.passthru);
        if (parents.isEmpty()) {
            veth();
            parents = List.of(devs.get(devs.size() - 1));
        }
        Dev parent = pick(parents);
        Dev m = new Dev(name(kind.equals("macvlan") ? "mv" : "mt"), kind);
        String mode = pick("private", "vepa", "bridge", "bridge", "passthru", "source");
        if (mode.equals("passthru") && parent.hasMacvlan) {
            mode = "bridge";
        }
        StringBuilder sb = new StringBuilder("link add link ").append(parent.name).append(' ').append(m.name)
                .append(common(true)).append(" type ").append(kind).append(" mode ").append(mode);
        if (mode.equals("passthru")) {
            option(sb, 0.5, " flag nopromisc");
        } else if (mode.equals("source")) {
            option(sb, 0.3, " flag nodst");
        }
        option(sb, 0.3, " bcqueuelen " + between(0, 5000));
        parent.hasMacvlan = true;
        parent.passthru = mode.equals("passthru");
        m.lower = parent;
        m.mtu = Math.min(parent.mtu, 1500);
        add(m, sb.toString());
        if (mode.equals("source")) {
            if (chance(0.5)) {
                main.add("link set " + m.name + " type " + kind + " macaddr add " + mac());
            } else {
                main.add("link set " + m.name + " type " + kind + " macaddr set " + mac() + " " + mac());
            }
        }
    }

    private void vxlan() {
        Dev v = new Dev(name("vx"), "vxlan");
        StringBuilder sb = new StringBuilder("link add ").append(v.name).append(common()).append(" type vxlan");
        boolean external = chance(0.1);
        boolean six = chance(0.3);
        int before = sb.length();
        if (external) {
            sb.append(" external");
            option(sb, 0.3, " gbp");
        } else {
            sb.append(" id ").append(nextVni++ * 97 % 16777216);
            if (chance(0.7)) {
                sb.append(" remote ").append(six ? "fd00:ff::" + between(1, 999) : "198.19.255." + between(1, 254));
            }
        }
        // a distinct destination port for each vxlan: two with the same port and local address conflict
        sb.append(" dstport ").append(4789 + devs(d -> d.kind.equals("vxlan")).size());
        option(sb, 0.5, " local " + (six ? "fd00:fe::" + between(1, 999) : "198.19.254." + between(1, 254)));
        option(sb, 0.4, " ttl " + pick("auto", "inherit", String.valueOf(between(1, 255))));
        option(sb, 0.3, " tos " + pick("inherit", "0x10", "0x8"));
        if (!six) {
            option(sb, 0.3, " df " + pick("set", "unset", "inherit"));
        } else if (sb.indexOf("fd00:", before) >= 0) {   // a flow label needs an IPv6 remote or local
            option(sb, 0.3, " flowlabel " + between(0, 1048575));
        }
        List<Dev> under = devs(d -> d.ether() && !d.kind.equals("vxlan") && !d.kind.equals("lo"));
        if (!under.isEmpty() && chance(0.3)) {
            v.lower = pick(under);
            sb.append(" dev ").append(v.lower.name);
            v.mtu = Math.min(1500, v.lower.mtu - (six ? 70 : 50));
        }
        if (chance(0.3)) {
            int lo = between(1024, 40000);
            sb.append(" srcport ").append(lo).append(' ').append(lo + between(1, 20000));
        }
        option(sb, 0.4, chance(0.5) ? " nolearning" : " learning");
        option(sb, 0.2, " proxy");
        option(sb, 0.2, " rsc");
        option(sb, 0.2, " l2miss");
        option(sb, 0.2, " l3miss");
        option(sb, 0.3, " ageing " + between(0, 3600));
        option(sb, 0.3, " maxaddress " + between(0, 5000));
        if (six) {
            option(sb, 0.3, " udp6zerocsumtx");
            option(sb, 0.3, " udp6zerocsumrx");
        } else {
            option(sb, 0.3, chance(0.5) ? " noudpcsum" : " udpcsum");
        }
        option(sb, 0.15, " remcsumtx");
        option(sb, 0.15, " remcsumrx");
        add(v, sb.toString());
    }

    private void tuntap(String mode) {
        Dev t = new Dev(name(mode.equals("tap") ? "tp" : "tn"), mode);
        StringBuilder sb = new StringBuilder("tuntap add ").append(t.name).append(" mode ").append(mode);
        option(sb, 0.3, " user " + pick("0", "1", "65534", "1000"));
        option(sb, 0.3, " group " + pick("0", "1", "65534", "1000"));
        option(sb, 0.3, " pi");
        option(sb, 0.3, " vnet_hdr");
        option(sb, 0.3, " multi_queue");
        add(t, sb.toString());
    }

    /** Options any {@code link add} takes before {@code type}. */
    private String common() {
        return common(false);
    }

    /** Likewise; {@code sameQueues} for kinds that take no more receive queues than transmit queues (macvlan). */
    private String common(boolean sameQueues) {
        StringBuilder sb = new StringBuilder();
        option(sb, 0.15, " txqueuelen " + between(0, 5000));
        option(sb, 0.15, " address " + mac());
        if (chance(0.1)) {
            int q = between(1, 8);
            sb.append(" numtxqueues ").append(q).append(" numrxqueues ").append(sameQueues ? q : between(1, 8));
        }
        option(sb, 0.1, " gso_max_size " + between(1000, 65536));
        option(sb, 0.1, " gso_max_segs " + between(1, 65535));
        return sb.toString();
    }

    // ---- bridge ports --------------------------------------------------------------------------

    private void ports() {
        for (Dev br : devs(Dev::bridge)) {
            int n = between(0, 3);
            for (int i = 0; i < n; i++) {
                List<Dev> free = devs(d -> d.master == null && !d.hasMacvlan && !d.bridge() && d.lower != br
                        && (d.kind.equals("veth") || d.kind.equals("tap") || d.kind.equals("vxlan")
                        || d.kind.equals("macvlan")));
                if (free.isEmpty()) {
                    break;
                }
                Dev port = pick(free);
                port.master = br;
                main.add("link set " + port.name + " master " + br.name);
            }
        }
    }

    /** Port options, after the ports came up: the kernel sets a port's STP state only on a running port. */
    private void portOptions() {
        for (Dev port : devs(d -> d.master != null)) {
            StringBuilder sb = new StringBuilder();
            if (!port.master.stp && port.up && port.master.up) {
                    // other states need the port operationally up, which linkwatch sets a moment after
                // "up": they would be refused or not depending on timing
                option(sb, 0.3, " state 0");
            }
            option(sb, 0.4, " priority " + between(0, 63));
            option(sb, 0.4, " cost " + between(1, 65535));
            for (String flag : new String[] {"guard", "hairpin", "fastleave", "root_block", "learning", "flood",
                "proxy_arp", "proxy_arp_wifi", "mcast_flood", "bcast_flood", "mcast_to_unicast", "neigh_suppress",
                "vlan_tunnel", "isolated", "locked"}) {
                option(sb, 0.12, " " + flag + (chance(0.5) ? " on" : " off"));
            }
            option(sb, 0.2, " mcast_router " + between(0, 3));
            option(sb, 0.2, " group_fwd_mask " + pick("0", "0x8", "0x4000"));
            if (sb.length() > 0) {
                main.add("link set " + port.name + " type bridge_slave" + sb);
            }
        }
        for (Dev br : devs(Dev::bridge)) {
            if (chance(0.3)) {
                StringBuilder sb = new StringBuilder();
                bridgeOptions(sb, br);
                if (sb.length() > 0) {
                    main.add("link set " + br.name + " type bridge" + sb);
                }
            }
        }
    }

    // ---- device settings -----------------------------------------------------------------------

    private void settings() {
        for (Dev d : List.copyOf(devs)) {
            if (d.kind.equals("lo")) {
                if (chance(0.7)) {
                    up(d);
                }
                continue;
            }
            StringBuilder sb = new StringBuilder();
            if (chance(0.25) && !d.bridge()) {
                int max = d.lower == null ? d.kind.equals("ifb") ? 1500 : 65535
                        : d.kind.equals("vxlan") ? d.lower.mtu - 70 : d.lower.mtu;
                int[] fitting = IntStream.of(1000, 1280, 1400, 1450, 1500, 9000).filter(m -> m <= max).toArray();
                if (fitting.length > 0) {
                    d.mtu = oneOf(fitting);
                    sb.append(" mtu ").append(d.mtu);
                    for (Dev child : devs(c -> c.lower == d && !c.kind.equals("vxlan"))) {
                        child.mtu = Math.min(child.mtu, d.mtu);   // macvlan children follow their parent down
                    }
                }
            }
            if (d.ether() && !d.kind.equals("ifb")) {   // ifb cannot change its MAC (EOPNOTSUPP)
                option(sb, 0.2, " address " + mac());
            }
            option(sb, 0.2, " alias " + pick("uplink", "\"two words\"", "x-" + between(0, 99)));
            option(sb, 0.15, " group " + between(0, 20));
            option(sb, 0.15, " txqueuelen " + between(0, 3000));
            option(sb, 0.1, " promisc " + (chance(0.7) ? "on" : "off"));
            option(sb, 0.1, " arp " + (chance(0.7) ? "off" : "on"));
            option(sb, 0.1, " multicast " + (chance(0.7) ? "off" : "on"));
            option(sb, 0.1, " allmulticast " + (chance(0.7) ? "on" : "off"));
            if (d.ipv6()) {
                option(sb, 0.1, " addrgenmode " + pick("eui64", "none", "random"));
            }
            option(sb, 0.05, " gso_max_size " + between(1000, 65536));
            if (sb.length() > 0) {
                main.add("link set " + d.name + sb);
            }
            if (chance(0.1)) {
                main.add("link property add dev " + d.name + " altname " + d.name + "-alternative-name");
            }
            if (chance(0.8)) {
                up(d);
            }
        }
    }

    /** A bridge follows its ports' MTU: the smallest of them, 1500 without ports. */
    private void bridgeMtus() {
        for (Dev br : devs(Dev::bridge)) {
            br.mtu = devs(d -> d.master == br).stream().mapToInt(d -> d.mtu).min().orElse(1500);
        }
    }

    private void up(Dev d) {
        d.up = true;
        main.add("link set " + d.name + " up");
    }

    // ---- addresses -----------------------------------------------------------------------------

    private void addresses() {
        int n = between(0, 7);
        for (int i = 0; i < n; i++) {
            Dev d = pick(devs);
            if (chance(0.6) || !d.ipv6()) {
                address4(d);
            } else {
                address6(d);
            }
        }
    }

    private void address4(Dev d) {
        int s = nextSubnet++;
        StringBuilder sb = new StringBuilder("addr add ");
        boolean connected = true;
        if (chance(0.15)) {
            sb.append("198.18.").append(s).append(".1 peer 198.18.").append(s).append(".2/").append(oneOf(32, 24, 30));
            connected = false;
        } else {
            int len = oneOf(24, 24, 24, 25, 28, 30, 32);
            sb.append("198.18.").append(s).append(".1/").append(len);
            connected = len <= 28;
            if (chance(0.3)) {
                sb.append(" brd ").append(chance(0.5) ? "+" : "198.18." + s + ".255");
            }
        }
        if (chance(0.2) && d.name.length() <= 12) {
            sb.append(" label ").append(d.name).append(':').append(pick("a", "b1", "x"));
        }
        if (chance(0.15)) {
            sb.append(" scope ").append(pick("link", "host", "200"));
            connected = false;
        }
        option(sb, 0.2, " metric " + between(1, 5000));
        lifetimes(sb);
        if (chance(0.15)) {
            sb.append(" noprefixroute");
            connected = false;
        }
        sb.append(" dev ").append(d.name);
        main.add(sb.toString());
        local4.add("198.18." + s + ".1");
        if (connected && d.up) {
            d.subnets4.add(s);
        }
    }

    private void address6(Dev d) {
        int s = nextSubnet++;
        StringBuilder sb = new StringBuilder("addr add ");
        boolean connected = true;
        if (chance(0.15)) {
            sb.append("fd00:").append(Integer.toHexString(s)).append("::1 peer fd00:").append(Integer.toHexString(s))
                    .append("::2/128");
            connected = false;
        } else {
            int len = oneOf(64, 64, 64, 48, 56, 120, 128);
            sb.append("fd00:").append(Integer.toHexString(s)).append("::1/").append(len);
            connected = len == 64;
            option(sb, 0.2, len == 64 ? " mngtmpaddr" : "");
        }
        boolean nodad = chance(0.8);
        if (nodad) {
            sb.append(" nodad");
        }
        option(sb, 0.2, " home");
        option(sb, 0.15, " optimistic");
        option(sb, 0.2, " metric " + between(1, 5000));
        boolean deprecated = lifetimes(sb);
        if (chance(0.15)) {
            sb.append(" noprefixroute");
            connected = false;
        }
        sb.append(" dev ").append(d.name);
        main.add(sb.toString());
        if (nodad && d.up && !deprecated) {   // a route's src must be a usable address
            local6.add("fd00:" + Integer.toHexString(s) + "::1");
        }
        if (connected && d.up) {
            d.subnets6.add(s);
        }
    }

    /** Appends lifetimes (or not); true when the address is deprecated (preferred lifetime 0). */
    private boolean lifetimes(StringBuilder sb) {
        if (chance(0.25)) {
            int valid = between(60, 100000);
            int preferred = chance(0.2) ? 0 : between(0, valid);
            sb.append(" valid_lft ").append(valid).append(" preferred_lft ").append(preferred);
            return preferred == 0;
        }
        if (chance(0.05)) {
            sb.append(" valid_lft forever preferred_lft forever");
        }
        return false;
    }

    // ---- routes --------------------------------------------------------------------------------

    private void routes() {
        int n = between(0, 9);
        for (int i = 0; i < n; i++) {
            main.add(chance(0.4) ? route6() : route4());
        }
    }

    private String route4() {
        String dst = destination4();
        List<Dev> upDevs = devs(d -> d.up && !d.kind.equals("lo"));
        List<Dev> connected = devs(d -> !d.subnets4.isEmpty());
        if (upDevs.isEmpty()) {   // every other type needs a device that is up
            return "route add " + pick("blackhole", "unreachable", "prohibit", "throw") + " " + dst;
        }
        StringBuilder sb = new StringBuilder("route add ");
        String nexthops = "";
        switch (weighted(10, 1, 1, 2, 1, 1, 1, 1, 1)) {
            case 0 -> {
                sb.append(chance(0.2) ? "unicast " : "").append(dst);
                if (connected.size() > 0 && chance(0.25)) {
                    nexthops = " " + multipath4(connected);
                } else if (connected.size() > 0 && chance(0.6)) {
                    Dev d = pick(connected);
                    sb.append(" via ").append(gateway4(d)).append(" dev ").append(d.name);
                } else if (chance(0.3) && upDevs.stream().anyMatch(d -> d.master == null)) {
                    // not through a bridge port: its gateway is "invalid"
                    sb.append(" via 198.19.253.").append(between(1, 254)).append(" dev ")
                            .append(pick(devs(d -> d.up && !d.kind.equals("lo") && d.master == null)).name)
                            .append(" onlink");
                } else {
                    sb.append(" dev ").append(pick(upDevs).name);
                    option(sb, 0.3, " scope " + pick("link", "host"));
                }
                if (!local4.isEmpty() && chance(0.2)) {
                    sb.append(" src ").append(pick(local4));
                }
                metrics(sb);
            }
            case 1 -> sb.append("local 198.19.").append(nextDestination++ % 250).append('.').append(between(1, 254))
                    .append(" dev ").append(pick(upDevs).name);
            case 2 -> sb.append("broadcast 198.19.").append(nextDestination++ % 250).append(".255 dev ")
                    .append(pick(upDevs).name);
            case 3, 4, 5, 6 -> sb.append(pick("blackhole", "unreachable", "prohibit", "throw")).append(' ').append(dst);
            case 7 -> sb.append("multicast ").append(narrow(false)).append(" dev ").append(pick(upDevs).name);
            default -> sb.append("anycast ").append(narrow(false)).append(" dev ").append(pick(upDevs).name);
        }
        table(sb);
        option(sb, 0.3, " metric " + between(0, 100000));
        option(sb, 0.3, " proto " + pick("static", "boot", "dhcp", "99", "kernel", "bird"));
        option(sb, 0.15, " tos " + pick("0x10", "0x8", "0x4", "0x1c"));
        if (chance(0.15) && nexthops.isEmpty()) {   // with nexthops a realm goes on each hop, which ip cannot write
            sb.append(chance(0.5) ? " realm " + between(1, 255) : " realms " + between(1, 255) + "/" + between(1, 255));
        }
        return sb + nexthops;
    }

    private String multipath4(List<Dev> connected) {
        StringBuilder sb = new StringBuilder();
        int n = between(2, 3);
        for (int i = 0; i < n; i++) {
            Dev d = pick(connected);
            sb.append(i == 0 ? "" : " ").append("nexthop via ").append(gateway4(d)).append(" dev ").append(d.name);
            option(sb, 0.7, " weight " + between(1, 20));
        }
        return sb.toString();
    }

    private String route6() {
        String dst = destination6();
        List<Dev> upDevs = devs(d -> d.up && d.ipv6() && !d.kind.equals("lo"));
        List<Dev> connected = devs(d -> !d.subnets6.isEmpty() && d.ipv6() && !d.kind.equals("lo"));
        if (upDevs.isEmpty()) {   // every other type needs a device that is up
            return "route add " + pick("blackhole", "unreachable", "prohibit", "throw") + " " + dst;
        }
        StringBuilder sb = new StringBuilder("route add ");
        String nexthops = "";
        switch (weighted(10, 1, 2, 1, 1, 1)) {
            case 0 -> {
                sb.append(chance(0.2) ? "unicast " : "").append(dst);
                if (chance(0.25)) {
                    nexthops = " " + multipath6(upDevs, connected);
                } else if (!connected.isEmpty() && chance(0.5)) {
                    Dev d = pick(connected);
                    sb.append(" via ").append(gateway6(d)).append(" dev ").append(d.name);
                } else if (chance(0.5)) {
                    sb.append(" via fe80::").append(Integer.toHexString(between(1, 0xfff))).append(" dev ")
                            .append(pick(upDevs).name);
                } else {
                    sb.append(" dev ").append(pick(upDevs).name);
                }
                if (!local6.isEmpty() && chance(0.15)) {
                    sb.append(" src ").append(pick(local6));
                }
                metrics(sb);
                option(sb, 0.3, " pref " + pick("low", "medium", "high"));
                option(sb, 0.2, " expires " + between(100, 100000));
            }
            case 1 -> {
                sb.append("local fd01:").append(Integer.toHexString(nextDestination++)).append("::1 dev ")
                        .append(pick(upDevs).name);
            }
            case 2 -> sb.append(pick("blackhole", "unreachable", "prohibit", "throw")).append(' ').append(dst);
            case 3 -> sb.append("multicast ").append(narrow(true)).append(" dev ").append(pick(upDevs).name);
            default -> sb.append("anycast ").append(narrow(true)).append(" dev ").append(pick(upDevs).name);
        }
        table(sb);
        option(sb, 0.3, " metric " + between(1, 100000));
        option(sb, 0.3, " proto " + pick("static", "boot", "ra", "99", "zebra"));
        return sb + nexthops;
    }

    private String multipath6(List<Dev> upDevs, List<Dev> connected) {
        StringBuilder sb = new StringBuilder();
        int n = between(2, 3);
        for (int i = 0; i < n; i++) {
            String hop;
            if (!connected.isEmpty() && chance(0.5)) {
                Dev d = pick(connected);
                hop = "nexthop via " + gateway6(d) + " dev " + d.name;
            } else {
                hop = "nexthop via fe80::" + Integer.toHexString(between(1, 0xfff)) + " dev " + pick(upDevs).name;
            }
            sb.append(i == 0 ? "" : " ").append(hop);
            option(sb, 0.5, " weight " + between(1, 20));
        }
        return sb.toString();
    }

    private void metrics(StringBuilder sb) {
        option(sb, 0.2, " mtu " + (chance(0.4) ? "lock " : "") + between(1280, 9000));
        option(sb, 0.1, " window " + between(1, 100000));
        option(sb, 0.1, " rtt " + pick("10ms", "1s", "250ms", "3"));
        option(sb, 0.1, " rttvar " + pick("5ms", "2s", "100ms"));
        option(sb, 0.1, " ssthresh " + between(1, 1000));
        option(sb, 0.1, " cwnd " + between(1, 100));
        option(sb, 0.1, " advmss " + between(500, 8000));
        option(sb, 0.1, " reordering " + between(1, 100));
        option(sb, 0.1, " hoplimit " + between(1, 255));
        option(sb, 0.1, " initcwnd " + between(1, 100));
        option(sb, 0.1, " initrwnd " + between(1, 100));
        option(sb, 0.05, " features ecn");
        option(sb, 0.05, " quickack " + between(0, 1));
        option(sb, 0.05, " congctl " + (chance(0.3) ? "lock " : "") + pick("reno", "cubic"));
        option(sb, 0.05, " fastopen_no_cookie " + between(0, 1));
        option(sb, 0.05, " rto_min " + pick("10ms", "200ms"));
    }

    private void table(StringBuilder sb) {
        if (chance(0.4)) {
            sb.append(" table ").append(pick("main", "default", String.valueOf(between(1, 252)),
                    String.valueOf(between(256, 100000)), String.valueOf(between(1 << 20, Integer.MAX_VALUE))));
        }
    }

    private String destination4() {
        int d = nextDestination++;
        int len = oneOf(24, 24, 16, 28, 32, 8);
        return switch (len) {
            case 8 -> chance(0.5) ? "default" : "198.0.0.0/8";
            case 16 -> "198." + (20 + d % 200) + ".0.0/16";
            case 32 -> "198.19." + (d % 250) + "." + between(1, 254);
            default -> "198.19." + (d % 250) + "." + (len == 28 ? 16 * between(0, 15) : 0) + "/" + len;
        };
    }

    /**
     * A /24 or /64 destination for multicast and anycast routes: an anycast default route (it goes
     * to the local table) would make every later gateway "invalid".
     */
    private String narrow(boolean six) {
        int d = nextDestination++;
        return six ? "fd01:" + Integer.toHexString(d) + "::/64" : "198.19." + (d % 250) + ".0/24";
    }

    private String destination6() {
        int d = nextDestination++;
        int len = oneOf(64, 64, 48, 128, 56, 0);
        return switch (len) {
            case 0 -> "::/0";
            case 128 -> "fd01:" + Integer.toHexString(d) + "::" + Integer.toHexString(between(1, 0xffff));
            default -> "fd01:" + Integer.toHexString(d) + "::/" + len;
        };
    }

    private String gateway4(Dev d) {
        return "198.18." + pick(d.subnets4) + "." + between(2, 14);
    }

    private String gateway6(Dev d) {
        return "fd00:" + Integer.toHexString(pick(d.subnets6)) + "::" + Integer.toHexString(between(2, 0xffff));
    }

    // ---- rules ---------------------------------------------------------------------------------

    private void rules() {
        int n = between(0, 5);
        for (int i = 0; i < n; i++) {
            boolean six = chance(0.4);
            int pref = nextRulePref;
            nextRulePref += between(1, 500);
            StringBuilder sb = new StringBuilder(six ? "-6 rule add" : "rule add");
            if (chance(0.1)) {
                sb.append(" l3mdev");
            } else {
                option(sb, 0.15, " not");
                option(sb, 0.4, " from " + (six ? "fd00:" + between(1, 255) + "::/" + oneOf(32, 48, 64, 128)
                        : "198.18." + between(0, 255) + ".0/" + oneOf(16, 24, 32)));
                option(sb, 0.3, " to " + (six ? "fd01:" + between(1, 255) + "::/" + oneOf(32, 48, 64)
                        : "198.19." + between(0, 255) + ".0/" + oneOf(24, 28)));
                option(sb, 0.15, (six ? " dsfield " : " tos ") + pick("0x10", "0x8", "0x4"));
                option(sb, 0.2, " fwmark " + pick("0x10", "7", "0x1/0xff", "0x100/0xf00"));
                option(sb, 0.2, " iif " + (chance(0.7) ? pick(devs).name : "nosuch0"));
                option(sb, 0.2, " oif " + (chance(0.7) ? pick(devs).name : "nosuch1"));
                option(sb, 0.15, " uidrange " + between(0, 1000) + "-" + between(1000, 70000));
                boolean ports = chance(0.25);
                if (ports || chance(0.1)) {
                    sb.append(" ipproto ").append(ports ? pick("tcp", "udp", "6", "17") : pick("icmp", "47", "132"));
                }
                if (ports) {
                    option(sb, 0.6, " sport " + portRange());
                    option(sb, 0.6, " dport " + portRange());
                }
                action(sb, pref, six);
            }
            option(sb, 0.2, " protocol " + pick("static", "boot", "99", "kernel"));
            sb.append(chance(0.5) ? " pref " : chance(0.5) ? " priority " : " order ").append(pref);
            main.add(sb.toString());
        }
    }

    private void action(StringBuilder sb, int pref, boolean six) {
        switch (weighted(6, 1, 1, 1, 1, 1)) {
            case 0 -> {
                sb.append(chance(0.5) ? " table " : " lookup ")
                        .append(pick("main", "local", "default", String.valueOf(between(1, 252)),
                                String.valueOf(between(256, 100000))));
                option(sb, 0.2, " suppress_prefixlength " + between(0, 128));
                option(sb, 0.15, " suppress_ifgroup " + between(0, 20));
                if (!six) {
                    option(sb, 0.15, " realms " + (chance(0.5) ? between(1, 255) : between(1, 255) + "/" + between(1, 255)));
                }
            }
            case 1 -> sb.append(" goto ").append(pref + between(1, 2000));
            case 2 -> sb.append(" nop");
            case 3 -> sb.append(" blackhole");
            case 4 -> sb.append(" unreachable");
            default -> sb.append(" prohibit");
        }
    }

    private String portRange() {
        int lo = between(1, 60000);
        return chance(0.5) ? String.valueOf(lo) : lo + "-" + (lo + between(0, 5000));
    }

    // ---- neighbours ----------------------------------------------------------------------------

    private void neighbours() {
        List<Dev> arp = devs(d -> d.ether() && !d.kind.equals("lo"));
        if (arp.isEmpty()) {
            return;
        }
        int n = between(0, 5);
        for (int i = 0; i < n; i++) {
            Dev d = pick(arp);
            boolean six = chance(0.4) && d.ipv6();
            String addr = six ? "fd00:" + Integer.toHexString(between(0, nextSubnet + 2)) + "::" + Integer.toHexString(between(2, 0xffff))
                    : "198.18." + between(0, nextSubnet + 2) + "." + between(2, 254);
            StringBuilder sb = new StringBuilder("neigh add ");
            if (chance(0.2)) {
                sb.append("proxy ").append(addr);
                option(sb, 0.2, " router");
            } else {
                sb.append(addr).append(" lladdr ").append(mac());
                sb.append(" nud ").append(pick("permanent", "permanent", "noarp", "reachable", "stale", "delay", "probe"));
                option(sb, 0.2, " router");
                option(sb, 0.15, " extern_learn");
            }
            sb.append(" dev ").append(d.name);
            main.add(sb.toString());
        }
    }

    // ---- changes after the fact ----------------------------------------------------------------

    private void churn() {
        if (chance(0.2)) {
            List<Dev> up = devs(d -> d.up && !d.kind.equals("lo"));
            if (!up.isEmpty()) {
                main.add("link set " + pick(up).name + " down");
            }
        }
        if (chance(0.1)) {   // not a veth whose other end the peer namespace still configures
            List<Dev> all = devs(d -> !d.kind.equals("lo") && !d.remotePeer);
            if (!all.isEmpty()) {
                main.add("link del " + pick(all).name);
            }
        }
        if (chance(0.1) && !local4.isEmpty()) {
            main.add("route flush table main proto static");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void add(Dev d, String line) {
        devs.add(d);
        main.add(line);
    }

    private String name(String prefix) {
        int n = 0;
        while (true) {
            String candidate = prefix + n;
            if (devs.stream().noneMatch(d -> d.name.equals(candidate) || d.name.equals(candidate + "p"))) {
                return candidate;
            }
            n++;
        }
    }

    private static int mtuOf(String part, int dflt) {
        int at = part.indexOf(" mtu ");
        if (at < 0) {
            return dflt;
        }
        String rest = part.substring(at + 5);
        int end = rest.indexOf(' ');
        return Integer.parseInt(end < 0 ? rest : rest.substring(0, end));
    }

    private List<Dev> devs(Predicate<Dev> p) {
        return devs.stream().filter(p).collect(Collectors.toList());
    }

    private String mac() {
        StringBuilder sb = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            sb.append(':').append(String.format("%02x", r.nextInt(256)));
        }
        return sb.toString();
    }

    private void option(StringBuilder sb, double p, String text) {
        if (chance(p)) {
            sb.append(text);
        }
    }

    private boolean chance(double p) {
        return r.nextDouble() < p;
    }

    private int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    private int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }

    private int oneOf(int... options) {
        return options[r.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(r.nextInt(options.size()));
    }
}
