package dev.jnetns;

import static dev.jnetns.uapi.LinuxRoute.ICMPV6_ROUTER_PREF_HIGH;
import static dev.jnetns.uapi.LinuxRoute.RTAX_ADVMSS;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURES;
import static dev.jnetns.uapi.LinuxRoute.RTAX_FEATURE_ECN;
import static dev.jnetns.uapi.LinuxRoute.RTAX_LOCK;
import static dev.jnetns.uapi.LinuxRoute.RTAX_MTU;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTT;
import static dev.jnetns.uapi.LinuxRoute.RTAX_RTTVAR;
import static dev.jnetns.uapi.LinuxRoute.RTAX_WINDOW;
import static dev.jnetns.uapi.LinuxRoute.RTN_BLACKHOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.Ip;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each route option of the API ({@link RouteSpec}) leaves the kernel holding what the same
 * {@code ip route add} leaves: one namespace gets the ip command, its twin the spec, and
 * {@code ip -d -j route show table all} must agree (the remaining lifetime of an expiring route aside).
 */
class RouteSpecTwinTest {
    private static final String SETUP = String.join("\n",
            "link add v0 type veth peer name v1", "link set v0 up", "link set v1 up",
            "addr add 198.18.0.1/24 dev v0", "addr add fd00::1/64 dev v0 nodad",
            "nexthop add id 7 via 198.18.0.2 dev v0");

    private record Case(String ip, Supplier<RouteSpec> spec) {
    }

    private static final List<Case> CASES = List.of(
            new Case("route add 198.18.5.0/24 via 198.18.0.2 tos 0x10",
                    () -> RouteSpec.to("198.18.5.0/24").via(IpPrefix.parseAddress("198.18.0.2")).tos(0x10)),
            new Case("route add 198.18.6.0/24 via 198.18.0.2 realms 3/4",
                    () -> RouteSpec.to("198.18.6.0/24").via(IpPrefix.parseAddress("198.18.0.2")).realms(3, 4)),
            new Case("route add 198.18.7.0/24 via 198.18.0.2 mtu lock 1400 window 1000 rtt 10ms rttvar 5ms advmss 1300 features ecn",
                    () -> RouteSpec.to("198.18.7.0/24").via(IpPrefix.parseAddress("198.18.0.2")).metrics(RouteMetrics.NONE
                            .with(RTAX_LOCK, 1 << RTAX_MTU).with(RTAX_MTU, 1400).with(RTAX_WINDOW, 1000)
                            .with(RTAX_RTT, 80).with(RTAX_RTTVAR, 20).with(RTAX_ADVMSS, 1300)
                            .with(RTAX_FEATURES, RTAX_FEATURE_ECN))),
            new Case("route add fd00:5::/64 via fd00::2 pref high expires 300",
                    () -> RouteSpec.to("fd00:5::/64").via(IpPrefix.parseAddress("fd00::2")).pref(ICMPV6_ROUTER_PREF_HIGH)
                            .expires(300)),
            new Case("route add 198.18.8.0/24 nhid 7", () -> RouteSpec.to("198.18.8.0/24").nhid(7)),
            new Case("route add 198.18.9.0/24 nexthop via 198.18.0.2 dev v0 weight 3 onlink nexthop via 198.18.0.3 dev v0",
                    () -> RouteSpec.to("198.18.9.0/24").nexthop(IpPrefix.parseAddress("198.18.0.2"), "v0", 3, true)
                            .nexthop(IpPrefix.parseAddress("198.18.0.3"), "v0", 1)),
            new Case("route add blackhole 198.18.10.0/24 table 4000 metric 9",
                    () -> RouteSpec.to("198.18.10.0/24").type(RTN_BLACKHOLE).table(4000).metric(9)));

    /** The routes ip -j shows, but the kernel's link-local and multicast ones (made in whatever order the links come up). */
    private static String state(Netns ns) {
        List<?> routes = (List<?>) JsonText.parse(Ip.run(ns, "-d", "-j", "route", "show", "table", "all")
                .replaceAll("\"expires\":\\d+", "\"expires\":0"));
        return routes.stream().filter(r -> !String.valueOf(((Map<?, ?>) r).get("dst")).matches("fe80:.*|ff00::/8"))
                .toList().toString();
    }

    /** Waits (5 s at most) for the kernel's local route of fd00::1, which it adds on its own after the address. */
    private static void settled(Netns ns) throws InterruptedException {
        for (int i = 0; i < 50 && !Ip.run(ns, "-6", "route", "show", "table", "local").contains("local fd00::1 "); i++) {
            Thread.sleep(100);
        }
    }

    @TestFactory
    Stream<DynamicTest> every_option_leaves_what_ip_leaves() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.ip(), () -> {
            try (Netns byIp = Netns.create(); Netns byApi = Netns.create(); Rtnl rtnl = Rtnl.open(byApi)) {
                Ip.batch(byIp, SETUP);
                Ip.batch(byApi, SETUP);
                settled(byIp);
                settled(byApi);
                Ip.batch(byIp, c.ip());
                rtnl.routes().add(c.spec().get());
                assertEquals(state(byIp), state(byApi));
                rtnl.routes().delete(c.spec().get());
                Ip.batch(byIp, c.ip().replaceFirst("route add", "route del"));
                assertEquals(state(byIp), state(byApi), "after delete");
            }
        }));
    }
}
