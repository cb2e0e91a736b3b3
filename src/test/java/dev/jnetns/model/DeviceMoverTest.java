package dev.jnetns.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code link move}: a device changes namespace with its configuration, or not at all. */
@ExtendWith(NetnsExtension.class)
class DeviceMoverTest {

    private Netns peer;

    @org.junit.jupiter.api.BeforeEach
    void peerNamespace() throws Exception {
        peer = Netns.create();
    }

    @org.junit.jupiter.api.AfterEach
    void closePeer() {
        peer.close();
    }

    /** v0 with addresses and routes of every sort; its peer v1 (198.18.0.2) lives in a third namespace. */
    void configure(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(dev.jnetns.LinkSpec.veth("v0", "v1").mtu(1400).peerMtu(1400).peerNetns(peer));
        Ip.batch(peer, "link set v1 up\naddr add 198.18.0.2/24 dev v1\naddr add fd00::2/64 dev v1 nodad\n");
        Ip.batch(ns, String.join("\n",
                "link set v0 alias carried",
                "link set v0 up",
                "addr add 198.18.0.1/24 dev v0",
                "addr add fd00::1/64 dev v0 nodad",
                "route add 198.18.20.0/24 via 198.18.0.2 dev v0",
                "route add 198.18.21.0/24 dev v0 metric 50",
                "route add 198.18.22.0/24 via 198.18.0.2 dev v0 table 100",
                "route add fd00:9::/64 via fd00::2 dev v0",
                "route add 198.18.23.0/24 via 198.18.0.2 dev v0 tos 0x10 realms 3/4 mtu lock 1300 rtt 10ms congctl reno",
                "route add fd00:10::/64 via fd00::2 dev v0 pref high hoplimit 9",
                ""));
    }

    private static String routesOfV0(Netns ns) {
        return Ip.run(ns, "route", "show", "table", "all", "dev", "v0").lines()
                .filter(l -> !l.contains("proto kernel") && !l.startsWith("local") && !l.startsWith("multicast")
                        && !l.startsWith("broadcast") && !l.startsWith("fe80"))
                .sorted().toList().toString();
    }

    @Test
    void the_device_arrives_with_addresses_routes_mtu_and_state(Netns src, Rtnl rtnl) throws Exception {
        configure(src, rtnl);
        String routes = routesOfV0(src);
        try (Netns dst = Netns.create(); Rtnl to = Rtnl.open(dst)) {
            Ip.Result r = Cli.run("-n", src.path(), "link", "move", "v0", "netns", dst.path());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(rtnl.links().find("v0").isEmpty(), "the source no longer has it");
            String link = Ip.run(dst, "link", "show", "v0");
            assertTrue(link.contains("mtu 1400") && link.contains(",UP,") && link.contains("alias carried"), link);
            String addrs = Ip.run(dst, "addr", "show", "dev", "v0");
            assertTrue(addrs.contains("inet 198.18.0.1/24") && addrs.contains("inet6 fd00::1/64"), addrs);
            assertEquals(routes, routesOfV0(dst));
            assertTrue(routes.contains("198.18.22.0/24 via 198.18.0.2 table 100") && routes.contains("metric 50")
                    && routes.contains("fd00:9::/64 via fd00::2")
                    && routes.contains("198.18.23.0/24 tos 0x10 via 198.18.0.2 realms 3/4 mtu lock 1300 rtt 10ms congctl reno")
                    && routes.contains("fd00:10::/64 via fd00::2 metric 1024 hoplimit 9 pref high"), routes);
            Ip.Result ping = Ip.command(java.util.List.of("nsenter", "--net=" + dst.path(), "ping", "-c", "1", "-W", "2",
                    "198.18.0.2"), null);
            assertEquals(0, ping.exitCode(), "ping from the moved device to its old peer: " + ping.out() + ping.err());
        }
    }

    @Test
    void a_name_clash_in_the_target_is_reported_before_anything_moves(Netns src, Rtnl rtnl) throws Exception {
        configure(src, rtnl);
        try (Netns dst = Netns.create(); Rtnl to = Rtnl.open(dst)) {
            Ip.run(dst, "link", "add", "v0", "type", "veth", "peer", "name", "x1");
            ErrnoException e = assertThrows(ErrnoException.class, () -> DeviceMover.move(rtnl, to, "v0"));
            assertEquals(Errno.EEXIST, e.errnoName());
            assertTrue(Ip.run(src, "addr", "show", "dev", "v0").contains("198.18.0.1/24"));
        }
    }

    @Test
    void a_failure_after_the_move_brings_the_device_back_configured(Netns src, Rtnl rtnl) throws Exception {
        configure(src, rtnl);
        String routes = routesOfV0(src);
        try (Netns dst = Netns.create(); Rtnl to = Rtnl.open(dst)) {
            // the target already routes 198.18.21.0/24 metric 50: adding v0's route there fails
            Ip.batch(dst, "link add d0 type veth peer name d1\nlink set d0 up\nroute add 198.18.21.0/24 dev d0 metric 50\n");
            ErrnoException e = assertThrows(ErrnoException.class, () -> DeviceMover.move(rtnl, to, "v0"));
            assertEquals(Errno.EEXIST, e.errnoName(), e.getMessage());
            assertTrue(to.links().find("v0").isEmpty(), "not left in the target");
            String addrs = Ip.run(src, "addr", "show", "dev", "v0");
            assertTrue(addrs.contains("198.18.0.1/24") && addrs.contains("fd00::1/64") && addrs.contains(",UP,"), addrs);
            assertEquals(routes, routesOfV0(src));
        }
    }
}
