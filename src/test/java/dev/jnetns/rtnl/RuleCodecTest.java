package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.IpPrefix;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.Rule;
import dev.jnetns.testutil.Ip;
import dev.jnetns.uapi.LinuxFibRules;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Rule messages: the kernel's come back byte for byte; generated records survive write-then-read. */
public class RuleCodecTest {
    private static final RoundTrip.RecordCodec<Rule> CODEC =
            new RoundTrip.RecordCodec<>(LinuxRtnetlink.RTM_NEWRULE, RuleCodec::encode, RuleCodec::decode);

    /**
     * A rule with every selector and every action of {@code ip rule add}, both families (the kernel
     * takes {@code l3mdev} without a VRF device; it drops {@code realms} from IPv6 rules; {@code nat}
     * is the old NAT action; {@code iif v0 oif v1} are detached where those devices do not exist).
     */
    public static final String RULES = String.join("\n",
            "rule add from 198.18.0.0/24 table 100 pref 100",
            "rule add not to 198.18.1.0/24 lookup 1000 pref 101",
            "rule add tos 0x10 lookup main pref 102",
            "rule add fwmark 0x10/0xff lookup 5 pref 103",
            "rule add fwmark 0x1/0 lookup 5 pref 104",
            "rule add fwmark 7 lookup 5 pref 105",
            "rule add iif v0 oif v1 lookup 5 pref 106",
            "rule add l3mdev pref 107",
            "rule add uidrange 100-200 lookup 5 pref 108",
            "rule add ipproto tcp sport 80 dport 1000-2000 lookup 5 pref 109",
            "rule add ipproto 200 sport 1-2 dport 53 lookup 5 pref 110",
            "rule add lookup main suppress_prefixlength 0 pref 111",
            "rule add lookup main suppress_ifgroup 3 pref 112",
            "rule add nop pref 113",
            "rule add realms 3/4 lookup 5 pref 114",
            "rule add realms 9 lookup 5 pref 115",
            "rule add tun_id 77 lookup 5 pref 116",
            "rule add protocol bgp lookup 5 pref 117",
            "rule add blackhole pref 118",
            "rule add unreachable pref 119",
            "rule add prohibit pref 120",
            "rule add goto 200 pref 121",
            "rule add goto 118 pref 1",
            "rule add from 0.0.0.0/8 lookup 5 pref 122",
            "rule add nat 198.18.0.1 pref 123",
            "rule add from 198.18.0.7 to 198.18.1.7 pref 124",
            "rule add protocol kernel lookup 7 pref 125",
            "-6 rule add from fd00::/64 table 100 pref 100",
            "-6 rule add not to fd00:1::/64 lookup 1000 pref 101",
            "-6 rule add tos 0x20 lookup main pref 102",
            "-6 rule add fwmark 0x10/0xff lookup 5 pref 103",
            "-6 rule add iif lo lookup 5 pref 106",
            "-6 rule add l3mdev pref 107",
            "-6 rule add uidrange 100-200 lookup 5 pref 108",
            "-6 rule add ipproto udp sport 80 dport 1000-2000 lookup 5 pref 109",
            "-6 rule add lookup main suppress_prefixlength 0 suppress_ifgroup 5 pref 111",
            "-6 rule add nop pref 113",
            "-6 rule add tun_id 77 lookup 5 pref 116",
            "-6 rule add blackhole pref 118",
            "-6 rule add goto 200 pref 121",
            "-6 rule add from fd00::1 to fd00::2 lookup 5 pref 124");

    @Test
    void every_rule_message_of_the_kernel_is_written_back_byte_for_byte() throws Exception {
        try (Netns ns = Netns.create()) {
            build(ns);
            Map<String, Rule> seen = new TreeMap<>();
            for (RoundTrip.Captured c : RoundTrip.capture(ns)) {
                if (c.type() == LinuxRtnetlink.RTM_NEWRULE && RoundTrip.check(c)) {
                    Rule r = CODEC.decode(RoundTrip.message(c));
                    seen.put(r.family() + "/" + r.priority(), r);
                }
            }
            Rule uid = seen.get("2/108");
            assertEquals(new Rule.Range(100, 200), uid.uidRange());
            Rule ports = seen.get("2/109");
            assertEquals(List.of(6, new Rule.Range(80, 80), new Rule.Range(1000, 2000)),
                    List.of(ports.ipProto(), ports.sport(), ports.dport()));
            assertEquals(0x10, seen.get("2/102").tos());
            assertEquals(1, seen.get("2/107").l3mdev());
            assertEquals(0, seen.get("2/107").table());
            assertEquals(0L, seen.get("2/111").suppressPrefixLength());
            assertEquals(3L, seen.get("2/112").suppressIfGroup());
            assertEquals(3L << 16 | 4, seen.get("2/114").realms());
            assertEquals(77L, seen.get("2/116").tunId());
            assertEquals(186, seen.get("2/117").protocol());
            assertEquals(1000, seen.get("2/101").table());
            assertTrue(seen.get("2/101").inverted());
            assertEquals(200L, seen.get("2/121").gotoTarget());
            assertEquals(LinuxFibRules.FR_ACT_NOP, seen.get("2/113").action());
            assertEquals(new IpPrefix(InetAddress.getByName("198.18.0.7"), 32), seen.get("2/124").src());
            assertEquals(LinuxFibRules.FIB_RULE_IIF_DETACHED | LinuxFibRules.FIB_RULE_OIF_DETACHED,
                    seen.get("2/106").flags());
            assertEquals(0x20, seen.get("10/102").tos());
            assertEquals(1, seen.get("10/107").l3mdev());
            assertEquals(5L, seen.get("10/111").suppressIfGroup());
            assertEquals(new IpPrefix(InetAddress.getByName("fd00::"), 64), seen.get("10/100").src());
            assertTrue(seen.size() >= 45, "rules checked: " + seen.keySet());
        }
    }

    /** Makes {@link #RULES} in {@code ns} with ip (the "-6" lines in a batch of ip -6), devices v0 and v1 absent. */
    public static void build(Netns ns) {
        StringBuilder v4 = new StringBuilder();
        StringBuilder v6 = new StringBuilder();
        for (String line : RULES.split("\n")) {
            (line.startsWith("-6 ") ? v6.append(line.substring(3)) : v4.append(line)).append('\n');
        }
        Ip.batch(ns, v4.toString());
        Ip.Result r = Ip.command(List.of("nsenter", "--net=" + ns.path(), "ip", "-6", "-batch", "-"), v6.toString());
        assertEquals(0, r.exitCode(), "ip -6 -batch: " + r.err());
    }

    @Provide
    Arbitrary<Rule> rules() {
        return Arbitraries.of(true, false).flatMap(six -> {
            int bits = six ? 128 : 32;
            Arbitrary<IpPrefix> prefix = Combinators.combine(
                    Arbitraries.bytes().array(byte[].class).ofSize(bits / 8).map(Wire::address),
                    Arbitraries.integers().between(0, bits)).as(IpPrefix::new).injectNull(0.4);
            Arbitrary<String> name = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(15).injectNull(0.6);
            Arbitrary<Long> u32 = Arbitraries.longs().between(-1, 0xffffffffL);
            Arbitrary<Integer> u8 = Arbitraries.integers().between(-1, 255);
            Arbitrary<Rule.Range> uids = Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL),
                    Arbitraries.longs().between(0, 0xffffffffL)).as(Rule.Range::new).injectNull(0.5);
            Arbitrary<Rule.Range> ports = Combinators.combine(Arbitraries.longs().between(0, 0xffff),
                    Arbitraries.longs().between(0, 0xffff)).as(Rule.Range::new).injectNull(0.5);
            return Combinators.combine(
                    Combinators.combine(u32, prefix, prefix, name, name, u32, u32,
                            Arbitraries.integers().between(0, Integer.MAX_VALUE)).as(java.util.Arrays::<Object>asList),
                    Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers(), u8,
                            Arbitraries.integers().between(0, 255), u32, u32,
                            Arbitraries.longs().between(-1, Long.MAX_VALUE), u32).as(java.util.Arrays::<Object>asList),
                    Combinators.combine(u32, u8, uids, u8, ports, ports, NeighbourCodecTest.unknown(LinuxFibRules.FRA_PAD))
                            .as(java.util.Arrays::<Object>asList))
                    .as((a, b, c) -> new Rule(six ? 10 : 2, (Long) a.get(0), (IpPrefix) a.get(1), (IpPrefix) a.get(2),
                            (String) a.get(3), (String) a.get(4), (Long) a.get(5), (Long) a.get(6), (Integer) a.get(7),
                            (Integer) b.get(0), (Integer) b.get(1), (Integer) b.get(2), (Integer) b.get(3),
                            (Long) b.get(4), (Long) b.get(5), (Long) b.get(6), (Long) b.get(7), (Long) c.get(0),
                            (Integer) c.get(1), (Rule.Range) c.get(2), (Integer) c.get(3), (Rule.Range) c.get(4),
                            (Rule.Range) c.get(5), (RawAttributes) c.get(6)));
        });
    }

    @Property(tries = 300)
    void a_record_written_and_read_back_is_the_same(@ForAll("rules") Rule r) {
        CODEC.assertRoundTrip(r);
    }
}
