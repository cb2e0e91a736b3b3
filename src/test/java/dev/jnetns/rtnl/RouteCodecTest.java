package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ROUTE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxRoute.RTAX_CC_ALGO;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURES;
import static dev.jnetns.uapi.LinuxRoute.RTAX_LOCK;
import static dev.jnetns.uapi.LinuxRoute.RTAX_MTU;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTT;
import static dev.jnetns.uapi.LinuxRoute.RTA_DST;
import static dev.jnetns.uapi.LinuxRoute.RTA_IIF;
import static dev.jnetns.uapi.LinuxRoute.RTA_MARK;
import static dev.jnetns.uapi.LinuxRoute.RTA_SRC;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_CLONED;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_LOOKUP_TABLE;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;
import static dev.jnetns.uapi.LinuxRoute.RTN_BLACKHOLE;
import static dev.jnetns.uapi.LinuxRoute.RTN_BROADCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RTN_MULTICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_PROHIBIT;
import static dev.jnetns.uapi.LinuxRoute.RTN_THROW;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNREACHABLE;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWROUTE;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.IpPrefix;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.Route;
import dev.jnetns.RouteMetrics;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import dev.jnetns.testutil.RouteFixtures;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Route messages: every one the kernel sends for a namespace holding routes of every type, table,
 * metric and nexthop shape comes back byte for byte, and so do its {@code route get} answers;
 * generated records (unknown attributes included) survive write-then-read.
 */
class RouteCodecTest {

    @Test
    void every_route_message_of_the_kernel_is_written_back_byte_for_byte() throws Exception {
        try (Netns ns = Netns.create()) {
            RouteFixtures.build(ns);
            Ip.batch(ns, String.join("\n", RouteFixtures.OBJECT_LINES));
            List<Route> decoded = new ArrayList<>();
            for (RoundTrip.Captured c : RoundTrip.capture(ns)) {
                if (RoundTrip.check(c) && c.type() == RTM_NEWROUTE) {
                    decoded.add(decode(c.body()));
                }
            }
            Set<Integer> types = new HashSet<>();
            Set<Integer> families = new HashSet<>();
            Set<Integer> tables = new HashSet<>();
            decoded.forEach(r -> {
                types.add(r.type());
                families.add(r.family());
                tables.add(r.table());
            });
            assertEquals(Set.of(RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, 4, RTN_MULTICAST, RTN_BLACKHOLE,
                    RTN_UNREACHABLE, RTN_PROHIBIT, RTN_THROW), types, "route types seen");
            assertEquals(Set.of(AF_INET, AF_INET6), families);
            assertTrue(tables.containsAll(Set.of(7, 100, 254, 255, 1000, 5000)), "tables seen: " + tables);
            // what ip set is what the record holds
            Route metrics = find(decoded, "198.18.13.0/24");
            assertEquals(1400, metrics.metrics().mtu());
            assertTrue(metrics.metrics().locked(RTAX_MTU));
            assertEquals(10, metrics.metrics().rttMillis());
            assertEquals(5, metrics.metrics().rttvarMillis());
            assertEquals("cubic", metrics.metrics().congctl());
            assertEquals(1, metrics.metrics().features());
            assertEquals(20, metrics.metrics().rtoMin());
            assertEquals((3L << 16) | 4, find(decoded, "198.18.6.0/24").realms());
            assertEquals(2, decoded.stream().filter(r -> r.tos() == 0x10 || r.tos() == 0x20).count(), "TOS routes");
            Route multipath = find(decoded, "198.18.20.0/24");
            assertEquals(List.of(3, 5), multipath.nexthops().stream().map(Route.Nexthop::weight).toList());
            assertEquals(RTNH_F_ONLINK, multipath.nexthops().get(0).flags() & RTNH_F_ONLINK);
            assertEquals((1L << 16) | 2, find(decoded, "198.18.26.0/24").nexthops().get(0).realms());
            assertEquals(1, find(decoded, "fd00:5::/64").pref());
            assertTrue(find(decoded, "fd00:5::/64").cacheInfo().expires() > 0, "IPv6 expiry in the cache info");
            assertEquals(3, find(decoded, "fd00:6::/64").pref());
            assertEquals(AF_INET6, find(decoded, "198.18.22.0/24").via().family());
            assertEquals(1, find(decoded, "198.18.30.0/24").nhid());
            Route encap = find(decoded, "198.18.31.0/24");
            assertTrue(encap.encapType() > 0 && !encap.raw().isEmpty(), "the tunnel kept: " + encap.raw());
            assertEquals(IpPrefix.parse("fd00:41::/64"), find(decoded, "fd00:40::/64").src());
        }
    }

    @Test
    void route_get_answers_are_written_back_byte_for_byte() throws Exception {
        try (Netns ns = Netns.create()) {
            RouteFixtures.build(ns);
            int v0 = Integer.parseInt(Ip.run(ns, "-j", "link", "show", "v0").replaceAll(".*\"ifindex\":(\\d+).*\\s*", "$1"));
            List<Route> questions = List.of(
                    question(AF_INET, "198.18.0.2", null, 0, 0),
                    question(AF_INET, "198.18.0.1", null, 0, 0),
                    question(AF_INET, "198.18.13.9", "198.18.0.1", 0, 0),
                    question(AF_INET, "198.18.0.1", "198.18.0.2", v0, 7),
                    question(AF_INET6, "fd00::2", null, 0, 0),
                    question(AF_INET6, "fd00:5::9", "fd00::1", 0, 0),
                    question(AF_INET6, "fd00::1", null, 0, 3));
            try (NlSocket s = ns.call(() -> NlSocket.open(NETLINK_ROUTE, "route codec test"))) {
                for (Route q : questions) {
                    List<RoundTrip.Captured> answer = s.execute("route get " + q, (w, seq) -> {
                        w.beginMessage(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_ACK, seq);
                        RouteCodec.encode(q, w);
                        w.endMessage();
                    }, RoundTrip::capture);
                    assertEquals(1, answer.size());
                    assertTrue(RoundTrip.check(answer.get(0)));
                    Route r = decode(answer.get(0).body());
                    assertEquals(q.dst().address(), r.dst().address());
                    if (q.family() == AF_INET) {
                        assertEquals(RTM_F_CLONED, r.flags() & RTM_F_CLONED, "an IPv4 answer is a cache entry");
                        assertNotNull(r.cacheInfo());
                    }
                    if (q.mark() > 0 && q.family() == AF_INET) {   // IPv6 answers do not repeat it
                        assertEquals(q.mark(), r.mark());
                    }
                }
            }
            // the kernel merges local into main until a rule needs them apart; ip then prints "table local"
            assertEquals(RT_TABLE_MAIN, lookUp(ns, question(AF_INET, "198.18.0.1", null, 0, 0)).table());
            Ip.run(ns, "rule", "add", "from", "198.18.99.0/24", "table", "100");
            assertEquals(RT_TABLE_LOCAL, lookUp(ns, question(AF_INET, "198.18.0.1", null, 0, 0)).table());
        }
    }

    /** An {@code ip route get} request: IPv4 ones ask for the table (RTM_F_LOOKUP_TABLE) as ip does. */
    private static Route question(int family, String to, String from, int iif, long mark) {
        InetAddress dst = IpPrefix.parseAddress(to);
        return new Route(family, 0, new IpPrefix(dst, IpPrefix.bits(dst)),
                from == null ? null : IpPrefix.parse(from), null, 0, 0, 0, 0, -1, null,
                family == AF_INET ? RTM_F_LOOKUP_TABLE : 0, List.of(), -1, RouteMetrics.NONE, -1, 0, iif, null, -1,
                mark == 0 ? -1 : mark, -1, null, -1, -1, -1, RawAttributes.NONE);
    }

    private static Route lookUp(Netns ns, Route q) throws Exception {
        try (NlSocket s = ns.call(() -> NlSocket.open(NETLINK_ROUTE, "route codec test"))) {
            return s.execute("route get", (w, seq) -> {
                w.beginMessage(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_ACK, seq);
                RouteCodec.encode(q, w);
                w.endMessage();
            }, RouteCodec::decode).get(0);
        }
    }

    @Test
    void a_request_built_by_hand_is_written_in_ip_order() {
        InetAddress dst = IpPrefix.parseAddress("198.18.0.2");
        Route q = question(AF_INET, "198.18.0.2", "198.18.0.1", 3, 7);
        NlWriter w = new NlWriter();
        w.beginMessage(RTM_GETROUTE, 0, 1);
        RouteCodec.encode(q, w);
        w.endMessage();
        List<Integer> order = new ArrayList<>();
        NlMessage.each(w.bytes(), m -> {
            dev.jnetns.netlink.NlReader r = dev.jnetns.netlink.NlReader.of(m, 12, "test");
            while (r.next()) {
                order.add(r.type());
            }
        });
        assertEquals(List.of(RTA_DST, RTA_SRC, RTA_IIF, RTA_MARK), order);
        assertEquals(dst, decode(body(q)).dst().address());
    }

    private static Route find(List<Route> all, String dst) {
        IpPrefix p = IpPrefix.parse(dst);
        return all.stream().filter(r -> r.dst().equals(p)).findFirst()
                .orElseThrow(() -> new AssertionError("no route to " + dst + " in " + all));
    }

    // --- generated records ---

    private static long u32OrAbsent(Random r) {
        return r.nextInt(4) == 0 ? -1 : Gen.u32(r);
    }

    private static Route.Via via(Random r) {
        return r.nextInt(3) != 0 ? null : new Route.Via(r.nextBoolean() ? AF_INET : AF_INET6,
                Gen.address(r, r.nextBoolean()));
    }

    /** Metrics with every RTAX_* present or not, lock bits, a congestion control name, unknown metrics. */
    static RouteMetrics randomMetrics(Random r) {
        if (r.nextBoolean()) {
            return RouteMetrics.NONE;
        }
        long[] v = new long[17];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextBoolean() ? -1 : Gen.u32(r);
        }
        return new RouteMetrics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], r.nextBoolean() ? Gen.name(r, 15) : null, v[16], Gen.unknownAttributes(r, 100));
    }

    /**
     * A random route record: either family, every optional field present or not, metrics, up to three
     * nexthops (each with its own unknown attributes), cache information, unknown attributes.
     */
    static Route randomRoute(Random r) {
        boolean six = r.nextBoolean();
        int bits = six ? 128 : 32;
        int dstLen = r.nextInt(bits + 1);
        IpPrefix dst = new IpPrefix(dstLen == 0 ? Wire.address(new byte[bits / 8]) : Gen.address(r, six), dstLen);
        IpPrefix src = r.nextBoolean() ? null : new IpPrefix(Gen.address(r, six), r.nextInt(bits + 1));
        List<Route.Nexthop> hops = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            hops.add(new Route.Nexthop(r.nextBoolean() ? Gen.address(r, six) : null, r.nextInt(), 1 + r.nextInt(256),
                    r.nextInt(256), via(r), u32OrAbsent(r), Gen.unknownAttributes(r, 100)));
        }
        Route.CacheInfo cache = r.nextBoolean() ? null : new Route.CacheInfo(Gen.u32(r), Gen.u32(r), r.nextInt(),
                Gen.u32(r), Gen.u32(r), Gen.u32(r), Gen.u32(r), Gen.u32(r));
        return new Route(six ? AF_INET6 : AF_INET, r.nextInt(256), dst, src,
                r.nextBoolean() ? Gen.address(r, six) : null, r.nextInt(), r.nextInt(), r.nextInt(256), r.nextInt(256),
                u32OrAbsent(r), r.nextBoolean() ? Gen.address(r, six) : null, r.nextInt(), List.copyOf(hops),
                r.nextInt(257) - 1, randomMetrics(r), u32OrAbsent(r), r.nextInt(256), r.nextInt(), via(r),
                u32OrAbsent(r), u32OrAbsent(r), u32OrAbsent(r), cache, r.nextInt(257) - 1, r.nextInt(0x10001) - 1,
                u32OrAbsent(r), Gen.unknownAttributes(r, 100));
    }

    @Test
    void a_record_written_and_read_back_is_the_same() {
        Property.check("route round trip", 500, RouteCodecTest::randomRoute, r -> {
            byte[] first = body(r);
            Route back = decode(first);
            assertEquals(r, back, () -> Gen.differences(r, back));
            assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(body(back)),
                    "written again from what was read");
        });
    }

    @Test
    void metric_names_reach_their_components() {
        RouteMetrics m = RouteMetrics.NONE.with(RTAX_MTU, 1400).with(RTAX_RTT, 80).with(RTAX_FEATURES, 1)
                .with(RTAX_LOCK, 1 << RTAX_MTU);
        assertEquals(1400, m.mtu());
        assertEquals(10, m.rttMillis());
        assertTrue(m.locked(RTAX_MTU));
        assertTrue(!m.has(RTAX_CC_ALGO) && m.has(RTAX_FEATURES) && !m.isEmpty());
        assertTrue(RouteMetrics.NONE.with(RTAX_MTU, 1400).with(RTAX_MTU, -1).isEmpty());
    }

    /** The message body (after the nlmsghdr) the codec writes for {@code r}. */
    private static byte[] body(Route r) {
        NlWriter w = new NlWriter();
        w.beginMessage(RTM_NEWROUTE, 0, 1);
        RouteCodec.encode(r, w);
        w.endMessage();
        byte[] b = new byte[w.size() - 16];
        w.bytes().get(16, b);
        return b;
    }

    private static Route decode(byte[] body) {
        NlWriter w = new NlWriter();
        w.beginMessage(RTM_NEWROUTE, 0, 1).raw(body).endMessage();
        Route[] out = new Route[1];
        NlMessage.each(w.bytes(), m -> out[0] = RouteCodec.decode(m));
        return out[0];
    }
}
