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
import dev.jnetns.testutil.RouteFixtures;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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
            try (NlSocket s = ns.call(() -> NlSocket.open(NETLINK_ROUTE))) {
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
        try (NlSocket s = ns.call(() -> NlSocket.open(NETLINK_ROUTE))) {
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

    @Provide
    Arbitrary<Route> routes() {
        return Arbitraries.of(AF_INET, AF_INET6).flatMap(family -> {
            int len = family == AF_INET ? 4 : 16;
            Arbitrary<InetAddress> addr = Arbitraries.bytes().array(byte[].class).ofSize(len).map(Wire::address);
            Arbitrary<InetAddress> maybe = addr.injectNull(0.5);
            Arbitrary<IpPrefix> dst = Arbitraries.integers().between(0, len * 8).flatMap(n -> n == 0
                    ? Arbitraries.just(new IpPrefix(Wire.address(new byte[len]), 0)) : addr.map(a -> new IpPrefix(a, n)));
            Arbitrary<IpPrefix> src = Combinators.combine(addr, Arbitraries.integers().between(0, len * 8))
                    .as(IpPrefix::new).injectNull(0.6);
            Arbitrary<Long> u32 = Arbitraries.longs().between(-1, 0xffffffffL).edgeCases(e -> e.add(-1L));
            Arbitrary<Route.Via> via = Combinators.combine(Arbitraries.of(AF_INET, AF_INET6), Arbitraries.of(4, 16))
                    .flatAs((f, n) -> Arbitraries.bytes().array(byte[].class).ofSize(n)
                            .map(b -> new Route.Via(f, Wire.address(b)))).injectNull(0.7);
            Arbitrary<Route.Nexthop> hop = Combinators.combine(maybe, Arbitraries.integers(),
                    Arbitraries.integers().between(1, 256), Arbitraries.integers().between(0, 255), via, u32,
                    unknown(0.7)).as(Route.Nexthop::new);
            Arbitrary<Route.CacheInfo> cache = u32.list().ofSize(8).map(v -> new Route.CacheInfo(Math.max(v.get(0), 0),
                    Math.max(v.get(1), 0), v.get(2).intValue(), Math.max(v.get(3), 0), Math.max(v.get(4), 0),
                    Math.max(v.get(5), 0), Math.max(v.get(6), 0), Math.max(v.get(7), 0))).injectNull(0.5);
            Arbitrary<List<Object>> head = Combinators.combine(Arbitraries.integers().between(0, 255), dst, src, maybe,
                    Arbitraries.integers(), Arbitraries.longs().between(0, 0xffffffffL).map(Long::intValue),
                    Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255))
                    .as((type, d, s, gw, oif, table, proto, scope) -> Arrays.<Object>asList(type, d, s, gw, oif, table,
                            proto, scope));
            Arbitrary<List<Object>> middle = Combinators.combine(u32, maybe, Arbitraries.integers(),
                    hop.list().ofMaxSize(3), Arbitraries.integers().between(-1, 255), metrics(), u32,
                    Arbitraries.integers().between(0, 255))
                    .as((metric, prefsrc, flags, hops, pref, mx, uid, tos) -> Arrays.<Object>asList(metric, prefsrc,
                            flags, hops, pref, mx, uid, tos));
            Arbitrary<List<Object>> tail = Combinators.combine(Arbitraries.integers(), via, u32, u32, u32, cache,
                    Arbitraries.integers().between(-1, 255), Arbitraries.integers().between(-1, 0xffff))
                    .as((iif, v, realms, mark, expires, ci, ttl, encap) -> Arrays.<Object>asList(iif, v, realms, mark,
                            expires, ci, ttl, encap));
            return Combinators.combine(head, middle, tail, u32, unknown(0.5)).as((h, m, t, nhid, raw) -> {
                @SuppressWarnings("unchecked")
                List<Route.Nexthop> hops = (List<Route.Nexthop>) m.get(3);
                return new Route(family, (Integer) h.get(0), (IpPrefix) h.get(1), (IpPrefix) h.get(2),
                        (InetAddress) h.get(3), (Integer) h.get(4), (Integer) h.get(5), (Integer) h.get(6),
                        (Integer) h.get(7), (Long) m.get(0), (InetAddress) m.get(1), (Integer) m.get(2), hops,
                        (Integer) m.get(4), (RouteMetrics) m.get(5), (Long) m.get(6), (Integer) m.get(7),
                        (Integer) t.get(0), (Route.Via) t.get(1), (Long) t.get(2), (Long) t.get(3), (Long) t.get(4),
                        (Route.CacheInfo) t.get(5), (Integer) t.get(6), (Integer) t.get(7), nhid, raw);
            });
        });
    }

    /** Metrics with every RTAX_* present or not, lock bits, a congestion control name, unknown metrics. */
    private static Arbitrary<RouteMetrics> metrics() {
        Arbitrary<Long> u32 = Arbitraries.longs().between(-1, 0xffffffffL).injectDuplicates(0.3);
        Arbitrary<RouteMetrics> some = Combinators.combine(u32.list().ofSize(17),
                Arbitraries.strings().alpha().ofMaxLength(15).injectNull(0.6), unknown(0.7))
                .as((v, congctl, raw) -> new RouteMetrics(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5),
                        v.get(6), v.get(7), v.get(8), v.get(9), v.get(10), v.get(11), v.get(12), v.get(13), v.get(14),
                        congctl, v.get(16), raw));
        return Arbitraries.oneOf(Arbitraries.just(RouteMetrics.NONE), some);
    }

    /** Attributes of types no codec knows (100 and up), as a newer kernel might send. */
    private static Arbitrary<RawAttributes> unknown(double noneProbability) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(12).list().ofMinSize(1).ofMaxSize(2)
                .map(RoundTrip::unknownAttributes).injectNull(noneProbability).map(r -> r == null ? RawAttributes.NONE : r);
    }

    @Property(tries = 300)
    void a_record_written_and_read_back_is_the_same(@ForAll("routes") Route r) {
        RoundTrip.assertWrittenAndReadBack(r, RouteCodecTest::body, RouteCodecTest::decode);
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
