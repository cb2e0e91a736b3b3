package dev.jnetns.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random configurations of a source namespace for {@code link move}, made of {@code ip} commands
 * (and per-device sysctls): veth pairs (both ends in the source, or the other end in a peer
 * namespace with addresses the gateways use), ifb, a macvlan on a veth end, a bridge with a port;
 * IPv4 and IPv6 addresses with labels, peers, flags (nodad, home, mngtmpaddr, noprefixroute),
 * metrics and lifetimes (deprecated ones too); permanent neighbours of both families (IPv6 ones
 * {@code router} too); routes through them in several tables with every
 * attribute a move must carry (metric, proto, scope, tos, realms, metrics, pref, expires, onlink),
 * multipath routes across devices, and a few devices set down at the end.
 *
 * <p>Never generated, because a move cannot keep them by construction: route {@code src} on an
 * IPv6 route (the moved address is tentative again while DAD runs, and the kernel refuses a
 * tentative source), addrgenmode {@code random} (a new link-local address each time the device
 * comes up), a route whose {@code src} is another device's address.
 */
final class MoveConfigs {
    /** The name of the peer namespace as the lines of the configuration refer to it. */
    static final String PEER = "PEER";

    /** One configuration: lines for {@code ip -batch} in the source and in the peer namespace, sysctls of the source. */
    record Config(long seed, List<String> source, List<String> peer, List<String> sysctls, List<String> devices) {
        @Override
        public String toString() {
            return "seed " + seed + ": source " + source + "; peer " + peer + "; sysctls " + sysctls;
        }
    }

    private final Random r;
    private final List<String> src = new ArrayList<>();
    private final List<String> peer = new ArrayList<>();
    private final List<String> sysctls = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    /** Devices with a connected subnet: name and subnet number S (198.18.S.0/24, fd00:S::/64, gateway .2 / ::2). */
    private final List<String> routed = new ArrayList<>();
    private final List<Integer> subnets = new ArrayList<>();
    private int next = 1;
    private int dst = 100;

    private MoveConfigs(long seed) {
        this.r = new Random(seed);
    }

    static Config generate(long seed) {
        MoveConfigs g = new MoveConfigs(seed);
        g.build();
        return new Config(seed, List.copyOf(g.src), List.copyOf(g.peer), List.copyOf(g.sysctls), List.copyOf(g.devices));
    }

    private void build() {
        int n = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            if (k < 4) {
                vethRemote();
            } else if (k < 7) {
                vethLocal();
            } else if (k < 8) {
                String d = "ifb" + i;
                src.add("link add " + d + " type ifb");
                device(d, true);
            } else if (k < 9) {
                String parent = vethLocal();
                String m = "mv" + i;
                src.add("link add link " + parent + " name " + m + " type macvlan mode " + pick("bridge", "private", "vepa"));
                device(m, true);
            } else {
                String b = "br" + i;
                src.add("link add " + b + " type bridge");
                src.add("link set " + b + " up");
                devices.add(b);
                String port = vethLocal();
                src.add("link set " + port + " master " + b);
            }
        }
        for (int i = 0; i < routed.size(); i++) {
            routes(routed.get(i), subnets.get(i));
        }
        multipath();
        src.add("route add blackhole 198.18." + dst++ + ".0/24");
        for (int i = 0; i < routed.size(); i++) {
            if (chance(0.1)) {
                src.add("link set " + routed.get(i) + " down");
                neighbours(routed.get(i), subnets.get(i));   // "down" flushed them: a device down can have some too
            }
        }
    }

    private String vethRemote() {
        String a = "ve" + next;
        String b = a + "p";
        src.add("link add " + a + mtu() + " type veth peer name " + b + " netns " + PEER);
        int s = next++;
        peer.add("link set " + b + " up");
        peer.add("addr add 198.18." + s + ".2/24 dev " + b);
        peer.add("addr add fd00:" + s + "::2/64 dev " + b + " nodad");
        device(a, s);
        return a;
    }

    private String vethLocal() {
        String a = "vl" + next;
        String b = a + "p";
        src.add("link add " + a + mtu() + " type veth peer name " + b);
        int s = next++;
        device(a, s);
        device(b, true);
        return a;
    }

    private String mtu() {
        return chance(0.3) ? " mtu " + pick("1280", "1400", "9000") : "";
    }

    /** A device with subnet {@code s}: up, sysctls, addresses, permanent neighbours. */
    private void device(String d, int s) {
        devices.add(d);
        sysctl(d);
        src.add("link set " + d + " up");
        routed.add(d);
        subnets.add(s);
        addresses(d, s);
        neighbours(d, s);
    }

    /** A device with an address of its own subnet or none. */
    private void device(String d, boolean up) {
        if (chance(0.5)) {
            device(d, next++);
            return;
        }
        devices.add(d);
        sysctl(d);
        if (up) {
            src.add("link set " + d + " up");
        }
    }

    private void sysctl(String d) {
        if (chance(0.3)) {
            sysctls.add("net.ipv4.conf." + d + ".rp_filter=" + r.nextInt(3));
        }
        if (chance(0.2)) {
            sysctls.add("net.ipv6.conf." + d + ".addr_gen_mode=1");
        }
        if (chance(0.2)) {
            sysctls.add("net.ipv6.conf." + d + ".forwarding=1");
        }
        if (chance(0.2)) {
            sysctls.add("net.ipv4.neigh." + d + ".base_reachable_time_ms=" + (10000 + r.nextInt(50000)));
        }
    }

    private void addresses(String d, int s) {
        StringBuilder a = new StringBuilder("addr add 198.18." + s + ".1/24");
        option(a, 0.3, " brd +");
        option(a, 0.3, " label " + d + ":" + r.nextInt(10));
        option(a, 0.2, " metric " + (1 + r.nextInt(500)));
        lifetimes(a);
        src.add(a + " dev " + d);
        if (chance(0.4)) {
            src.add("addr add 198.18." + s + "." + (10 + r.nextInt(200)) + "/24 dev " + d
                    + (chance(0.5) ? " label " + d + ":s" : ""));
        }
        if (chance(0.2)) {
            int p = 200 + s;
            src.add("addr add 198.19." + p + ".1 peer 198.19." + p + ".2/32 dev " + d);
        }
        StringBuilder six = new StringBuilder("addr add fd00:" + s + "::1/64 dev " + d);
        option(six, 0.9, " nodad");
        option(six, 0.2, " home");
        option(six, 0.2, " mngtmpaddr");
        option(six, 0.1, " noprefixroute");
        option(six, 0.2, " metric " + (1 + r.nextInt(500)));
        lifetimes(six);
        src.add(six.toString());
        if (chance(0.3)) {
            src.add("addr add fd00:" + s + "::" + Integer.toHexString(16 + r.nextInt(4000)) + "/64 dev " + d + " nodad");
        }
    }

    /** Permanent neighbours on {@code d} at addresses of subnet {@code s} that no device has. */
    private void neighbours(String d, int s) {
        if (chance(0.3)) {
            src.add("neigh add 198.18." + s + "." + (240 + r.nextInt(10)) + " lladdr " + mac() + " dev " + d + " nud permanent");
        }
        if (chance(0.3)) {
            src.add("neigh add fd00:" + s + "::1:" + Integer.toHexString(1 + r.nextInt(200)) + " lladdr " + mac() + " dev " + d
                    + " nud permanent" + (chance(0.5) ? " router" : ""));
        }
    }

    /** A random locally administered unicast MAC. */
    private String mac() {
        StringBuilder sb = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            sb.append(String.format(":%02x", r.nextInt(256)));
        }
        return sb.toString();
    }

    private void lifetimes(StringBuilder sb) {
        if (chance(0.3)) {
            int valid = 1000 + r.nextInt(5000);
            // a preferred lifetime that ends during the test would make the address deprecated meanwhile
            sb.append(" valid_lft ").append(valid).append(" preferred_lft ").append(chance(0.3) ? 0 : 600 + r.nextInt(valid - 600));
        }
    }

    private void routes(String d, int s) {
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder("route add 198.18." + dst++ + ".0/24");
            if (chance(0.15)) {
                sb.append(" via 198.19.250.").append(1 + r.nextInt(250)).append(" dev ").append(d).append(" onlink");
            } else if (chance(0.7)) {
                sb.append(" via 198.18.").append(s).append(".2 dev ").append(d);
            } else {
                sb.append(" dev ").append(d).append(" scope link");
            }
            option(sb, 0.3, " table " + pick("100", "200", "main"));
            option(sb, 0.3, " metric " + (1 + r.nextInt(1000)));
            option(sb, 0.3, " proto " + pick("static", "boot", "99", "ra"));
            option(sb, 0.2, " tos " + pick("0x10", "0x08", "0x04"));
            option(sb, 0.2, chance(0.5) ? " realm " + (1 + r.nextInt(255)) : " realms " + (1 + r.nextInt(9)) + "/" + (1 + r.nextInt(9)));
            option(sb, 0.2, " src 198.18." + s + ".1");
            metrics(sb);
            src.add(sb.toString());
        }
        int m = r.nextInt(3);
        for (int i = 0; i < m; i++) {
            StringBuilder sb = new StringBuilder("route add fd00:" + Integer.toHexString(0x100 + dst++) + "::/64");
            sb.append(chance(0.8) ? " via fd00:" + s + "::2" : "").append(" dev ").append(d);
            option(sb, 0.4, " pref " + pick("high", "low", "medium"));
            option(sb, 0.3, " expires " + (100 + r.nextInt(5000)));
            option(sb, 0.3, " table " + pick("100", "200"));
            option(sb, 0.3, " metric " + (1 + r.nextInt(1000)));
            option(sb, 0.2, " proto " + pick("static", "99"));
            metrics(sb);
            src.add(sb.toString());
        }
    }

    private void metrics(StringBuilder sb) {
        option(sb, 0.2, " mtu " + (chance(0.5) ? "lock " : "") + (1300 + r.nextInt(200)));
        option(sb, 0.15, " window " + (1000 + r.nextInt(10000)));
        option(sb, 0.15, " rtt " + (1 + r.nextInt(200)) + "ms");
        option(sb, 0.1, " rttvar " + (1 + r.nextInt(100)) + "ms");
        option(sb, 0.15, " advmss " + (500 + r.nextInt(900)));
        option(sb, 0.1, " hoplimit " + (1 + r.nextInt(255)));
        option(sb, 0.1, " initcwnd " + (1 + r.nextInt(50)));
        option(sb, 0.1, " congctl reno");
    }

    /** Multipath routes across two or three routed devices, both families. */
    private void multipath() {
        if (routed.size() < 2) {
            return;
        }
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            boolean six = chance(0.4);
            StringBuilder sb = new StringBuilder(six ? "route add fd00:" + Integer.toHexString(0x100 + dst++) + "::/64"
                    : "route add 198.18." + dst++ + ".0/24");
            if (!six) {
                option(sb, 0.3, " table " + pick("100", "200"));
                option(sb, 0.3, " metric " + (1 + r.nextInt(1000)));
            } else {
                option(sb, 0.3, " metric " + (1 + r.nextInt(1000)));
                option(sb, 0.3, " pref " + pick("high", "low"));
            }
            List<Integer> which = new ArrayList<>();
            for (int k = 0; k < routed.size(); k++) {
                which.add(k);
            }
            java.util.Collections.shuffle(which, r);
            int hops = Math.min(routed.size(), 2 + r.nextInt(2));
            for (int h = 0; h < hops; h++) {
                int k = which.get(h);
                int s = subnets.get(k);
                sb.append(" nexthop via ").append(six ? "fd00:" + s + "::2" : "198.18." + s + ".2")
                        .append(" dev ").append(routed.get(k));
                option(sb, 0.5, " weight " + (1 + r.nextInt(10)));
                if (!six) {
                    option(sb, 0.2, " realms " + (1 + r.nextInt(9)) + "/" + (1 + r.nextInt(9)));
                }
            }
            src.add(sb.toString());
        }
    }

    private boolean chance(double p) {
        return r.nextDouble() < p;
    }

    private void option(StringBuilder sb, double p, String text) {
        if (chance(p)) {
            sb.append(text);
        }
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }
}
