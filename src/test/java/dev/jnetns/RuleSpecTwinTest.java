package dev.jnetns;

import static dev.jnetns.uapi.LinuxRoute.RTPROT_STATIC;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.testutil.Ip;
import java.net.Inet4Address;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each rule option of the API ({@link RuleSpec}) leaves the kernel holding what the same
 * {@code ip rule add} leaves: one namespace gets the ip command, its twin the spec, and
 * {@code ip -d -j [-6] rule show} must agree; then the same for the delete.
 */
class RuleSpecTwinTest {
    private record Case(String ip, Supplier<RuleSpec> spec) {
    }

    private static final List<Case> CASES = List.of(
            new Case("rule add from 198.18.0.0/24 to 198.18.1.0/24 tos 0x10 fwmark 0x10/0xff table 4000 pref 100",
                    () -> RuleSpec.create().from(IpPrefix.parse("198.18.0.0/24")).to(IpPrefix.parse("198.18.1.0/24"))
                            .tos(0x10).fwmark(0x10, 0xff).table(4000).priority(100)),
            new Case("rule add ipproto udp sport 1000-2000 dport 53 uidrange 0-1000 protocol static table 6 pref 101",
                    () -> RuleSpec.create().ipProto(17).sport(1000, 2000).dport(53, 53).uidRange(0, 1000)
                            .protocol(RTPROT_STATIC).table(6).priority(101)),
            new Case("-6 rule add from fd00::/64 ipproto tcp sport 22 tun_id 153 not table 7 pref 102",
                    () -> RuleSpec.create().family(AF_INET6).from(IpPrefix.parse("fd00::/64")).ipProto(6).sport(22, 22)
                            .tunId(153).not().table(7).priority(102)),
            new Case("rule add table 5 suppress_prefixlength 8 suppress_ifgroup 7 realms 1/2 pref 103",
                    () -> RuleSpec.create().table(5).suppressPrefixLength(8).suppressIfGroup(7).realms(1, 2).priority(103)),
            new Case("rule add l3mdev pref 104", () -> RuleSpec.create().l3mdev().priority(104)),
            new Case("rule add nat 198.18.0.1 pref 105",
                    () -> RuleSpec.create().nat((Inet4Address) IpPrefix.parseAddress("198.18.0.1")).priority(105)),
            new Case("rule add goto 110 pref 106", () -> RuleSpec.create().gotoRule(110).priority(106)));

    private static String state(Netns ns) {
        return Ip.run(ns, "-d", "-j", "rule", "show") + Ip.run(ns, "-d", "-j", "-6", "rule", "show");
    }

    @TestFactory
    Stream<DynamicTest> every_option_leaves_what_ip_leaves() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.ip(), () -> {
            try (Netns byIp = Netns.create(); Netns byApi = Netns.create(); Rtnl rtnl = Rtnl.open(byApi)) {
                Ip.run(byIp, c.ip().split(" "));
                rtnl.rules().add(c.spec().get());
                assertEquals(state(byIp), state(byApi));
                rtnl.rules().delete(c.spec().get());
                Ip.run(byIp, c.ip().replaceFirst("rule add", "rule del").split(" "));
                assertEquals(state(byIp), state(byApi), "after delete");
            }
        }));
    }

    /** Every listed rule deleted as it came ({@link Rules#delete(Rule)}) leaves what {@code ip rule flush} leaves. */
    @Test
    void deleting_the_listed_rules_is_ip_rule_flush() throws Exception {
        try (Netns byIp = Netns.create(); Netns byApi = Netns.create(); Rtnl rtnl = Rtnl.open(byApi)) {
            for (Netns ns : List.of(byIp, byApi)) {
                for (Case c : CASES) {
                    Ip.run(ns, c.ip().split(" "));
                }
                Ip.run(ns, "rule", "add", "ipproto", "udp", "sport", "53", "table", "8", "pref", "101");   // same priority
            }
            Ip.run(byIp, "rule", "flush");
            Ip.run(byIp, "-6", "rule", "flush");
            for (int family : new int[] {AF_INET, AF_INET6}) {
                for (Rule r : rtnl.rules().list(family)) {
                    if (r.priority() >= 0) {
                        rtnl.rules().delete(r);
                    }
                }
            }
            assertEquals(state(byIp), state(byApi));
        }
    }

    /** ip without -6 sends AF_INET with an IPv6 prefix; the kernel refuses it, and so the API with headerFamily. */
    @Test
    void an_ipv6_prefix_in_an_ipv4_header_is_the_kernels_error() throws Exception {
        try (Netns ns = Netns.create(); Rtnl rtnl = Rtnl.open(ns)) {
            String before = state(ns);
            ErrnoException e = assertThrows(ErrnoException.class, () -> rtnl.rules().add(
                    RuleSpec.create().headerFamily(AF_INET).from(IpPrefix.parse("fd00::/64")).table(200)));
            assertEquals(22, e.errno());
            assertTrue(e.getMessage().endsWith("Invalid source address"), e.getMessage());
            assertEquals(before, state(ns));
            assertThrows(IllegalArgumentException.class,
                    () -> RuleSpec.create().family(AF_INET).from(IpPrefix.parse("fd00::/64")));
        }
    }
}
