package dev.jnetns.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random single-namespace configurations of what a topology file manages, as {@code ip -batch}
 * lines: veth pairs, a bridge with ports, a macvlan, a vxlan, an ifb, with MTUs, MACs, aliases and
 * up states; IPv4 and IPv6 addresses with peers, labels, broadcasts, scopes, finite lifetimes and
 * flags; routes with protocols, scopes, metrics, tables, types, onlink gateways, route metrics,
 * IPv6 preferences and multipath (single-path included); rules; permanent and proxy neighbours. Also the {@link #mutation}s test (c)
 * makes behind a file's back.
 */
final class TopologyGen {
    private TopologyGen() {
    }

    /** One configuration: the ip lines that build it, and the devices it has (all up at the end). */
    record Config(List<String> lines, List<String> devices, List<String> addressed, boolean macvlan, boolean vxlan,
                  boolean bridge) {
        @Override
        public String toString() {
            return String.join("; ", lines);
        }
    }

    private static String mac(Random r) {
        return String.format("02:%02x:%02x:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256),
                r.nextInt(256), r.nextInt(256));
    }

    static Config config(Random r) {
        List<String> l = new ArrayList<>();
        List<String> devs = new ArrayList<>(List.of("v0", "v1"));
        l.add("link add v0 " + (r.nextBoolean() ? "mtu " + (1280 + r.nextInt(8000)) + " " : "")
                + (r.nextBoolean() ? "address " + mac(r) + " " : "") + "type veth peer name v1");
        if (r.nextBoolean()) {
            l.add("link add v2 type veth peer name v3");
            devs.addAll(List.of("v2", "v3"));
        }
        boolean bridge = r.nextBoolean();
        if (bridge) {
            l.add("link add br0 " + (r.nextBoolean() ? "address " + mac(r) + " " : "") + "type bridge");
            l.add("link set v1 master br0");
            devs.add("br0");
        }
        boolean macvlan = r.nextBoolean();
        if (macvlan) {
            String[] modes = {"bridge", "private", "vepa"};
            l.add("link add mv0 link v0 type macvlan mode " + modes[r.nextInt(modes.length)]);
            devs.add("mv0");
        }
        boolean vxlan = r.nextBoolean();
        if (vxlan) {
            l.add("link add vx0 type vxlan id " + r.nextInt(16777216) + " dstport " + (1024 + r.nextInt(60000))
                    + (r.nextBoolean() ? " dev v0" : "") + (r.nextBoolean() ? " remote 198.18.200." + (1 + r.nextInt(250)) : ""));
            devs.add("vx0");
        }
        if (r.nextBoolean()) {
            l.add("link add ifb0 type ifb");
            devs.add("ifb0");
        }
        for (String d : devs) {
            if (r.nextInt(3) == 0) {
                l.add("link set " + d + " alias \"" + d + " " + r.nextInt(100) + "\"");
            }
            l.add("link set " + d + " up");
        }
        l.add("link set lo up");
        List<String> addressed = new ArrayList<>();
        int n = 0;
        for (String d : List.of("v0", bridge ? "br0" : "v1")) {
            addressed.add(d);
            n++;
            l.add("addr add 198.18." + n + ".1/24 dev " + d + (r.nextBoolean() ? " broadcast 198.18." + n + ".255" : ""));
            if (r.nextBoolean()) {
                l.add("addr add 198.18." + (80 + n) + ".1/24 dev " + d + " noprefixroute");
            }
            if (r.nextBoolean()) {
                l.add("addr add 198.18." + (100 + n) + ".1/32 peer 198.18." + (100 + n) + ".2/32 dev " + d);
            }
            if (r.nextBoolean()) {
                l.add("addr add 198.18." + (50 + n) + ".1/24 dev " + d + " label " + d + ":" + r.nextInt(10)
                        + (r.nextBoolean() ? " scope link" : ""));
            }
            if (r.nextBoolean()) {
                l.add("addr add 198.18." + (70 + n) + ".1/24 dev " + d + " valid_lft " + (1000 + r.nextInt(5000))
                        + " preferred_lft " + (500 + r.nextInt(400)));
            }
            String[] v6flags = {"", " home", " mngtmpaddr"};
            l.add("addr add fd00:" + n + "::1/64 dev " + d + " nodad" + v6flags[r.nextInt(v6flags.length)]);
            if (r.nextBoolean()) {
                l.add("addr add fd00:" + (80 + n) + "::1/64 dev " + d + " nodad noprefixroute");
            }
        }
        String[] protos = {"", " proto static", " proto boot", " proto 99"};
        l.add("route add 198.18.10.0/24 via 198.18.1.2" + protos[r.nextInt(protos.length)]);
        if (r.nextBoolean()) {
            l.add("route add 198.18.16.0/24 via 198.18.2.2 metric " + r.nextInt(1000) + protos[r.nextInt(protos.length)]);
        }
        if (r.nextBoolean()) {
            l.add("route add 198.18.11.0/24 dev v0 scope " + (r.nextBoolean() ? "link" : "global")
                    + (r.nextBoolean() ? " mtu " + (1280 + r.nextInt(100)) : "") + (r.nextBoolean() ? " advmss 1200" : ""));
        }
        if (r.nextBoolean()) {
            l.add("route add 198.18.12.0/24 via 198.18.99.1 dev v0 onlink");
        }
        if (r.nextBoolean()) {
            String[] types = {"blackhole", "unreachable", "prohibit"};
            l.add("route add " + types[r.nextInt(types.length)] + " 198.18.13.0/24" + (r.nextBoolean() ? " table 100" : ""));
        }
        if (r.nextBoolean()) {
            l.add("route add 198.18.14.0/24 nexthop via 198.18.1.2 weight " + (1 + r.nextInt(5))
                    + " nexthop via 198.18.2.2 weight " + (1 + r.nextInt(5)));
        }
        if (r.nextBoolean()) {
            l.add("route add 198.18.15.0/24 nexthop via 198.18.1.3 dev v0");   // single path: a plain route
        }
        if (r.nextBoolean()) {
            l.add("route add default via 198.18.1.254" + (r.nextBoolean() ? " table 200" : ""));
        }
        if (r.nextBoolean()) {
            String[] prefs = {"low", "medium", "high"};
            l.add("route add fd00:10::/64 via fd00:1::2 pref " + prefs[r.nextInt(prefs.length)]
                    + (r.nextBoolean() ? " metric 77" : ""));
        }
        if (r.nextBoolean()) {
            l.add("route add fd00:11::/64 dev v0 proto static" + (r.nextBoolean() ? " mtu 1400" : ""));
        }
        if (r.nextBoolean()) {
            l.add("rule add from 198.18.1.0/24 table 100 prio " + (1000 + r.nextInt(100)));
        }
        if (r.nextBoolean()) {
            l.add("rule add fwmark 0x" + Integer.toHexString(1 + r.nextInt(255)) + (r.nextBoolean() ? "/0xff" : "")
                    + " blackhole prio 1200");
        }
        if (r.nextBoolean()) {
            l.add("rule add not from 198.18.7.0/24 iif v0 table 300 pref 1300");   // an empty table: falls through
        }
        if (r.nextBoolean()) {
            l.add("rule add to 198.18.6.0/24 unreachable pref 1301");
        }
        if (r.nextBoolean()) {
            l.add("neigh add 198.18.1.7 lladdr " + mac(r) + " dev v0");
        }
        if (r.nextBoolean()) {
            l.add("neigh add fd00:1::7 lladdr " + mac(r) + " dev v0 router");
        }
        if (r.nextBoolean()) {
            l.add("neigh add proxy 198.18.1.8 dev v0");
        }
        if (r.nextBoolean()) {
            l.add("neigh add proxy fd00:1::8 dev v0 router");
        }
        return new Config(l, devs, addressed, macvlan, vxlan, bridge);
    }

    /**
     * One managed attribute changed with ip (the lines to run), for test (c).
     *
     * @param r the random source
     * @param c the configuration it is made in
     * @return ip -batch lines
     */
    static List<String> mutation(Random r, Config c) {
        List<List<String>> all = new ArrayList<>();
        String d = c.devices().get(r.nextInt(c.devices().size()));
        String a = c.addressed().get(r.nextInt(c.addressed().size()));
        all.add(List.of("link set " + d + " mtu 1333"));
        all.add(List.of("link set " + d + " alias \"changed\""));
        all.add(List.of("link set " + d + " down"));
        if (!d.startsWith("ifb")) {   // an ifb's address cannot be changed (EOPNOTSUPP)
            all.add(List.of("link set " + d + " address 02:aa:bb:cc:dd:ee"));
        }
        all.add(List.of("addr add 198.18.33.3/24 dev " + a));
        all.add(List.of("addr del 198.18." + (c.addressed().indexOf(a) + 1) + ".1/24 dev " + a));
        int n = c.addressed().indexOf(a) + 1;
        all.add(List.of("addr change fd00:" + n + "::1/64 dev " + a));   // loses nodad and the other flags
        all.add(List.of("route change 198.18.10.0/24 via 198.18.1.2 proto 42"));
        all.add(List.of("route add 198.18.34.0/24 dev v0"));
        all.add(List.of("route del 198.18.10.0/24"));
        all.add(List.of("rule add from 198.18.9.0/24 table 300 prio 3000"));
        all.add(List.of("neigh add 198.18.1.9 lladdr 02:00:00:00:00:09 dev v0"));
        all.add(List.of("neigh replace 198.18.1.7 lladdr 02:00:00:00:00:0a dev v0"));
        all.add(List.of("neigh add proxy 198.18.1.9 dev v0 router"));
        if (c.bridge()) {
            all.add(List.of("link set v1 nomaster"));
        }
        if (c.macvlan()) {
            all.add(List.of("link del mv0", "link add mv0 link v0 type macvlan mode passthru", "link set mv0 up"));
        }
        if (c.vxlan()) {
            all.add(List.of("link del vx0", "link add vx0 type vxlan id 7 dstport 4789", "link set vx0 up"));
        }
        return all.get(r.nextInt(all.size()));
    }
}
