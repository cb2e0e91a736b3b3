package dev.jnetns.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code link move} carries every attribute of addresses and routes, and permanent neighbours (issue 12), checked with
 * {@code ip -d -j} through {@link MoveOracle}: what the source and the target show after the move
 * is what the views before it compute, time-varying fields named there.
 */
@ExtendWith(NetnsExtension.class)
class MoveLosslessTest {
    private Netns peer;

    @BeforeEach
    void peerNamespace() throws Exception {
        peer = Netns.create();
    }

    @AfterEach
    void closePeer() {
        peer.close();
    }

    /** Veth ends v0, w0, x0 in {@code ns} (198.18.0-2.1, fd00:0-2::1), their peers (.2) up in the peer namespace. */
    private void devices(Netns ns, Rtnl rtnl) throws Exception {
        noDad(ns);
        int i = 0;
        for (String d : List.of("v0", "w0", "x0")) {
            rtnl.links().add(dev.jnetns.LinkSpec.veth(d, d + "p").peerNetns(peer));
            Ip.batch(peer, "link set " + d + "p up\naddr add 198.18." + i + ".2/24 dev " + d + "p\naddr add fd00:" + i
                    + "::2/64 dev " + d + "p nodad\n");
            Ip.batch(ns, "link set " + d + " up\naddr add 198.18." + i + ".1/24 dev " + d + "\naddr add fd00:" + i
                    + "::1/64 dev " + d + " nodad\n");
            i++;
        }
    }

    /** No DAD in {@code ns}: link-local addresses are not tentative for a second after each "up". */
    private static Netns noDad(Netns ns) throws Exception {
        ns.setSysctl("net.ipv6.conf.all.accept_dad", "0");
        ns.setSysctl("net.ipv6.conf.default.accept_dad", "0");
        return ns;
    }

    /** Moves {@code dev} with the CLI and checks both namespaces against the views before. */
    private static void moveAndCheck(Netns src, Netns dst, String dev) throws Exception {
        Thread.sleep(1200);   // carrier and link-local addresses after "up" settle first
        MoveOracle.View s = MoveOracle.of(src);
        MoveOracle.View t = MoveOracle.of(dst);
        long start = System.nanoTime();
        Ip.Result r = Cli.run("-n", src.path(), "link", "move", dev, "netns", dst.path());
        assertEquals(0, r.exitCode(), r.err());
        settle(MoveOracle.source(s, dev), src, MoveOracle.target(t, s, dev), dst, dev, start);
    }

    private static void settle(MoveOracle.View es, Netns src, MoveOracle.View et, Netns dst, String dev, long start)
            throws InterruptedException {
        List<String> diffs = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 30; attempt++) {
            long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
            diffs.clear();
            MoveOracle.diff(es, MoveOracle.of(src), dev, seconds).forEach(d -> diffs.add("source: " + d));
            MoveOracle.diff(et, MoveOracle.of(dst), dev, seconds).forEach(d -> diffs.add("target: " + d));
            if (diffs.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(String.join("\n", diffs));
    }

    @Test
    void realm_tos_metrics_pref_expires_and_address_flags_survive(Netns src, Rtnl rtnl) throws Exception {
        devices(src, rtnl);
        Ip.batch(src, String.join("\n",
                "addr add 198.18.9.1/24 dev v0 label v0:extra metric 77 valid_lft 5000 preferred_lft 4000",
                "addr add 198.18.10.1 peer 198.18.10.2/32 dev v0",
                "addr add fd00:9::1/64 dev v0 nodad home mngtmpaddr valid_lft 6000 preferred_lft 0",
                "addr add fd00:10::1/64 dev v0 nodad noprefixroute",
                "route add 198.18.20.0/24 via 198.18.0.2 dev v0 tos 0x10 realms 3/4 proto 99 table 100"
                        + " mtu lock 1300 window 1000 rtt 10ms rttvar 5ms advmss 1200 hoplimit 9 initcwnd 7 congctl reno",
                "route add 198.18.21.0/24 dev v0 scope link realm 6 metric 50",
                "route add 198.18.22.0/24 via 198.19.250.1 dev v0 onlink",
                "route add fd00:20::/64 via fd00::2 dev v0 pref high expires 600 metric 9",
                "route add fd00:21::/64 dev v0 pref low table 200 mtu 1400",
                ""));
        try (Netns dst = noDad(Netns.create())) {
            moveAndCheck(src, dst, "v0");
            String routes = Ip.run(dst, "route", "show", "table", "all") + Ip.run(dst, "-6", "route", "show", "table", "all");
            assertTrue(routes.contains("198.18.20.0/24 tos 0x10 via 198.18.0.2 dev v0 table 100 proto openr realms 3/4"
                    + " mtu lock 1300 window 1000 rtt 10ms rttvar 5ms advmss 1200 hoplimit 9 initcwnd 7 congctl reno"), routes);
            assertTrue(routes.contains("198.18.21.0/24 dev v0 scope link metric 50 realm 6"), routes);
            assertTrue(routes.contains("198.18.22.0/24 via 198.19.250.1 dev v0 onlink"), routes);
            assertTrue(routes.matches("(?s).*fd00:20::/64 via fd00::2 dev v0 metric 9 expires \\d+sec pref high.*"), routes);
            assertTrue(routes.contains("fd00:21::/64 dev v0 table 200 metric 1024 mtu 1400 pref low"), routes);
            String addrs = Ip.run(dst, "addr", "show", "dev", "v0");
            assertTrue(addrs.contains("inet6 fd00:9::1/64 scope global nodad home deprecated dynamic mngtmpaddr"), addrs);
            assertTrue(addrs.contains("inet6 fd00:10::1/64 scope global nodad noprefixroute"), addrs);
            assertTrue(addrs.contains("inet 198.18.9.1/24 metric 77 scope global dynamic v0:extra"), addrs);
            assertTrue(addrs.contains("inet 198.18.10.1 peer 198.18.10.2/32 scope global v0"), addrs);
        }
    }

    @Test
    void permanent_and_proxy_neighbours_go_with_the_device(Netns src, Rtnl rtnl) throws Exception {
        devices(src, rtnl);
        Ip.batch(src, String.join("\n",
                "neigh add 198.18.0.240 lladdr 02:00:00:00:00:f0 dev v0 nud permanent",
                "neigh add fd00::1:5 lladdr 02:00:00:00:01:05 dev v0 nud permanent router",
                "neigh add 198.18.1.240 lladdr 02:00:00:00:01:f0 dev w0 nud permanent",
                "neigh add proxy 198.18.0.241 dev v0",
                "neigh add proxy fd00::1:6 dev v0",
                "neigh add proxy 198.18.1.241 dev w0",
                ""));
        try (Netns dst = noDad(Netns.create())) {
            moveAndCheck(src, dst, "v0");
            String target = Ip.run(dst, "neigh", "show", "nud", "permanent");
            assertTrue(target.contains("198.18.0.240 dev v0 lladdr 02:00:00:00:00:f0 PERMANENT"), target);
            assertTrue(target.contains("fd00::1:5 dev v0 lladdr 02:00:00:00:01:05 router PERMANENT"), target);
            String source = Ip.run(src, "neigh", "show", "nud", "permanent");
            assertEquals("198.18.1.240 dev w0 lladdr 02:00:00:00:01:f0 PERMANENT", source.strip(), source);
            // proxy entries too (the kernel flushes them as well)
            assertEquals("198.18.0.241 dev v0 proxy \nfd00::1:6 dev v0 proxy \n", Ip.run(dst, "neigh", "show", "proxy"));
            assertEquals("198.18.1.241 dev w0 proxy \n", Ip.run(src, "neigh", "show", "proxy"));
        }
    }

    @Test
    void a_multipath_route_is_split_between_the_namespaces(Netns src, Rtnl rtnl) throws Exception {
        devices(src, rtnl);
        Ip.batch(src, String.join("\n",
                "route add 198.18.50.0/24 table 100 nexthop via 198.18.0.2 dev v0 weight 2"
                        + " nexthop via 198.18.1.2 dev w0 weight 3 nexthop via 198.18.2.2 dev x0 weight 4",
                "route add 198.18.51.0/24 nexthop via 198.18.0.2 dev v0 realms 1/2 nexthop via 198.18.1.2 dev w0 onlink",
                "route add fd00:50::/64 nexthop via fd00::2 dev v0 weight 5 nexthop via fd00:1::2 dev w0 weight 6",
                ""));
        try (Netns dst = noDad(Netns.create())) {
            moveAndCheck(src, dst, "v0");
            String source = Ip.run(src, "route", "show", "table", "all") + Ip.run(src, "-6", "route", "show");
            assertTrue(source.contains("198.18.50.0/24 table 100 \n\tnexthop via 198.18.1.2 dev w0 weight 3 \n"
                    + "\tnexthop via 198.18.2.2 dev x0 weight 4"), source);
            assertTrue(source.contains("198.18.51.0/24 via 198.18.1.2 dev w0 onlink"), source);
            assertTrue(source.contains("fd00:50::/64 via fd00:1::2 dev w0 metric 1024 pref medium"), source);
            String target = Ip.run(dst, "route", "show", "table", "all") + Ip.run(dst, "-6", "route", "show");
            assertTrue(target.contains("198.18.50.0/24 via 198.18.0.2 dev v0 table 100"), target);
            assertTrue(target.contains("198.18.51.0/24 via 198.18.0.2 dev v0 realms 1/2"), target);
            assertTrue(target.contains("fd00:50::/64 via fd00::2 dev v0 metric 1024 pref medium"), target);
        }
    }

    @Test
    void a_move_that_cannot_carry_a_route_exits_non_zero_and_changes_nothing(Netns src, Rtnl rtnl) throws Exception {
        devices(src, rtnl);
        Ip.batch(src, String.join("\n",
                "route add 198.18.60.0/24 via 198.18.0.2 dev v0 metric 5",
                "route add 198.18.61.0/24 nexthop via 198.18.0.2 dev v0 nexthop via 198.18.1.2 dev w0",
                "route add fd00:60::/64 via fd00::2 dev v0 expires 900",
                "neigh add 198.18.0.240 lladdr 02:00:00:00:00:f0 dev v0 nud permanent",
                ""));
        try (Netns dst = noDad(Netns.create())) {
            // the target routes 198.18.60.0/24 metric 5 already: v0's route cannot join it
            Ip.batch(dst, "link add d0 type veth peer name d1\nlink set d0 up\nlink set d1 up\n"
                    + "route add 198.18.60.0/24 dev d0 metric 5\n");
            Thread.sleep(1200);
            MoveOracle.View s = MoveOracle.of(src);
            MoveOracle.View t = MoveOracle.of(dst);
            long start = System.nanoTime();
            Ip.Result r = Cli.run("-n", src.path(), "link", "move", "v0", "netns", dst.path());
            assertNotEquals(0, r.exitCode(), r.out());
            assertTrue(r.err().contains("cannot carry route 198.18.60.0/24 via 198.18.0.2 dev v0")
                    && r.err().contains("File exists"), r.err());
            settle(s, src, t, dst, "v0", start);
        }
    }

    @Test
    void a_dead_path_of_a_route_to_split_is_refused_before_anything_moves(Netns src, Rtnl rtnl) throws Exception {
        devices(src, rtnl);
        Ip.batch(src, "route add 198.18.70.0/24 nexthop via 198.18.0.2 dev v0 nexthop via 198.18.1.2 dev w0\n"
                + "link set w0 down\n");
        try (Netns dst = noDad(Netns.create())) {
            Thread.sleep(1200);
            MoveOracle.View s = MoveOracle.of(src);
            MoveOracle.View t = MoveOracle.of(dst);
            long start = System.nanoTime();
            Ip.Result r = Cli.run("-n", src.path(), "link", "move", "v0", "netns", dst.path());
            assertNotEquals(0, r.exitCode(), r.out());
            assertTrue(r.err().contains("cannot carry route 198.18.70.0/24") && r.err().contains("w0 is dead"), r.err());
            settle(s, src, t, dst, "v0", start);
        }
    }

    @Test
    void the_journal_keeps_every_record_byte_for_byte(Netns src, Rtnl rtnl) throws Exception {
        devices(src, rtnl);
        Ip.batch(src, String.join("\n",
                "addr add fd00:9::1/64 dev v0 nodad home valid_lft 6000 preferred_lft 10",
                "route add 198.18.20.0/24 via 198.18.0.2 dev v0 tos 0x10 realms 3/4 rtt 10ms congctl reno",
                "route add 198.18.61.0/24 nexthop via 198.18.0.2 dev v0 nexthop via 198.18.1.2 dev w0",
                "route add fd00:20::/64 via fd00::2 dev v0 pref high expires 600",
                "neigh add fd00::1:5 lladdr 02:00:00:00:01:05 dev v0 nud permanent router",
                ""));
        CarriedConfig c = CarriedConfig.capture(rtnl, "v0");
        String text = MoveJournal.format(c);
        CarriedConfig back = MoveJournal.parse(text);
        assertEquals(c, back, "the journal's record reads back as captured");
        assertEquals(text, MoveJournal.format(back), "and writes the same bytes again");
        assertTrue(c.routes().size() >= 4 && c.addresses().size() >= 2 && c.neighbours().size() == 1,
                "routes, addresses and the neighbour were captured: " + c);
    }
}
