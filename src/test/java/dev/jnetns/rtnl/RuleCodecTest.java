package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.IpPrefix;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.Rule;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import dev.jnetns.uapi.LinuxFibRules;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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

    /** -1 (absent) or 0 to {@code max}: absent one time in 8, the ends 0 and {@code max} more often than the rest. */
    private static long absentOr(Random r, long max) {
        return switch (r.nextInt(16)) {
            case 0, 1 -> -1;
            case 2 -> 0;
            case 3 -> max;
            default -> r.nextLong(max);
        };
    }

    private static IpPrefix prefix(Random r, boolean six) {
        return r.nextInt(10) < 4 ? null : new IpPrefix(Gen.address(r, six), r.nextInt((six ? 128 : 32) + 1));
    }

    private static String name(Random r) {
        return r.nextInt(10) < 6 ? null : Gen.name(r, 15);
    }

    /** Null half the time, else a range of {@code 0..max} to {@code 0..max}. */
    private static Rule.Range range(Random r, long max) {
        return r.nextBoolean() ? null : new Rule.Range(r.nextLong(max + 1), r.nextLong(max + 1));
    }

    /** A random rule: either family, every selector and action present or not, unmodelled attributes. */
    static Rule randomRule(Random r) {
        boolean six = r.nextBoolean();
        long u32 = 0xffffffffL;
        return new Rule(six ? 10 : 2, absentOr(r, u32), prefix(r, six), prefix(r, six), name(r), name(r),
                absentOr(r, u32), absentOr(r, u32), r.nextInt() & Integer.MAX_VALUE, r.nextInt(256), r.nextInt(),
                r.nextInt(257) - 1, r.nextInt(256), absentOr(r, u32), absentOr(r, u32), absentOr(r, Long.MAX_VALUE),
                absentOr(r, u32), absentOr(r, u32), r.nextInt(257) - 1, range(r, u32), r.nextInt(257) - 1,
                range(r, 0xffff), range(r, 0xffff), Gen.unmodelledAttributes(r, LinuxFibRules.FRA_PAD));
    }

    @Test
    void a_record_written_and_read_back_is_the_same() {
        Property.check("rule round trip", 500, RuleCodecTest::randomRule, rule -> {
            byte[] first = CODEC.encode(rule);
            Rule back = CODEC.decode(first);
            assertEquals(rule, back, () -> Gen.differences(rule, back));
            assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(CODEC.encode(back)),
                    "written again from what was read");
        });
    }
}
