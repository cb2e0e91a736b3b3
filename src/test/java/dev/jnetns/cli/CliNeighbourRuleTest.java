package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.rtnl.NeighbourCodecTest;
import dev.jnetns.rtnl.RuleCodecTest;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code neigh show}, {@code rule show} and {@code netns list-id} print what ip 6.1 prints, byte for
 * byte, in text, {@code -j} and {@code -j -p}, on namespaces holding every kind of neighbour entry
 * and a rule with every selector and action; and {@code rule add} with every selector leaves the
 * rules ip's own command leaves.
 */
class CliNeighbourRuleTest {
    private static final String[] FORMS = {"", "-j", "-j -p"};

    /** Neighbour shows: NUD filters, families, a device, proxies, -s, -br, -o. */
    private static final List<String> NEIGH_SHOWS = List.of("neigh show", "neigh", "neigh show nud all",
            "neigh show nud none", "neigh show nud noarp", "neigh show nud permanent", "neigh show nud stale nud reachable",
            "neigh show nud failed", "-4 neigh show", "-6 neigh show nud all", "neigh show dev v0", "neigh show dev v1",
            "neigh show proxy", "-6 neigh show proxy", "neigh show proxy dev v0", "-s neigh show", "-s neigh show nud all",
            "-s neigh show proxy", "-br neigh show", "-br neigh show nud all", "-br neigh show dev v0", "-o neigh show");

    private static final List<String> RULE_SHOWS = List.of("rule show", "rule", "-6 rule show", "-4 rule show",
            "-d rule show", "-6 -d rule show", "-o rule show");

    /**
     * The values {@code -s neigh} shows that change while nothing happens (the entry's ages in
     * seconds, its reference count and probes): the only parts compared loosely.
     */
    private static final UnaryOperator<String> AGES = s -> s
            .replaceAll(" ref \\d+", " ref *").replaceAll(" used \\d+/\\d+/\\d+", " used */*/*")
            .replaceAll("probes \\d+", "probes *")
            .replaceAll("\"(used|confirmed|updated|probes|refcnt)\": ?\\d+", "\"$1\":*");

    private static Netns ns;
    private static String name;
    private static String peer;

    @BeforeAll
    static void populate() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        name = "jnetns-test-nr-" + tag;
        peer = "jnetns-test-np-" + tag;
        ns = Netns.createNamed(name);
        Netns.createNamed(peer).close();
        Ip.batch(ns, NeighbourCodecTest.ENTRIES);
        RuleCodecTest.build(ns);
        Ip.run(ns, "netns", "set", peer, "7");
        Ip.run(ns, "netns", "set", name, "3");
        try (Netns p = Netns.open(peer)) {
            Ip.run(p, "netns", "set", name, "11");
        }
    }

    @AfterAll
    static void remove() throws Exception {
        ns.close();
        Netns.delete(name);
        Netns.delete(peer);
    }

    private static Stream<DynamicTest> compare(List<String> shows, UnaryOperator<String> tolerate) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String show : shows) {
            for (String form : FORMS) {
                List<String> args = new ArrayList<>(List.of("-n", name));
                args.addAll(words(form));
                args.addAll(words(show));
                String[] a = args.toArray(new String[0]);
                String what = "jnetns " + String.join(" ", a);
                tests.add(DynamicTest.dynamicTest(what, () -> Cli.assertSameAsIp(
                        () -> tolerate.apply(ip(a)), () -> tolerate.apply(Cli.ok(a)), what)));
            }
        }
        return tests.stream();
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    private static String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Ip.Result r = Ip.command(cmd, null);
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    @TestFactory
    Stream<DynamicTest> neighbour_shows_equal_ip() {
        return compare(NEIGH_SHOWS, AGES);
    }

    @TestFactory
    Stream<DynamicTest> rule_shows_equal_ip() {
        return compare(RULE_SHOWS, UnaryOperator.identity());
    }

    @TestFactory
    Stream<DynamicTest> netns_list_id_equals_ip() {
        return compare(List.of("netns list-id", "netns list-id target-nsid 7", "netns list"), UnaryOperator.identity());
    }

    @TestFactory
    Stream<DynamicTest> every_form_lists_the_entries_it_should() {
        // guards against the comparisons passing on empty output
        return Stream.of(
                DynamicTest.dynamicTest("neigh show nud all lists every entry but the proxies", () -> {
                    String out = Cli.ok("-n", name, "neigh", "show", "nud", "all");
                    for (String dst : List.of("198.18.0.10 ", "198.18.0.11 ", "198.18.0.16 ", "fd00::10 ", "extern_learn",
                            "proto bgp", "router", "managed")) {
                        assertTrue(out.contains(dst), dst + " in\n" + out);
                    }
                }),
                DynamicTest.dynamicTest("rule show has every selector", () -> {
                    String out = Cli.ok("-n", name, "rule", "show");
                    for (String s : List.of("tos 0x10", "fwmark 0x10/0xff", "iif v0 oif v1 lookup 5", "lookup [l3mdev-table]",
                            "uidrange 100-200", "ipproto tcp sport 80 dport 1000-2000", "suppress_prefixlength 0",
                            "suppress_ifgroup 3", "nop", "realms 3/4", "tun_id 77", "proto bgp", "blackhole",
                            "goto 200 [unresolved]", "from 0.0.0.0/8", "masquerade", "not from all to 198.18.1.0/24")) {
                        assertTrue(out.contains(s), s + " in\n" + out);
                    }
                }));
    }

    /** {@code rule add} lines of {@link RuleCodecTest#RULES} jnetns takes (all but the deprecated nat). */
    @TestFactory
    Stream<DynamicTest> rule_add_with_every_selector_leaves_what_ip_leaves() {
        return Stream.of(DynamicTest.dynamicTest("twin namespaces", () -> {
            try (Netns ours = Netns.create(); Netns theirs = Netns.create()) {
                int lines = 0;
                for (String line : RuleCodecTest.RULES.split("\n")) {
                    if (line.contains(" nat ")) {
                        continue;
                    }
                    List<String> words = new ArrayList<>(words(line));
                    Ip.run(theirs, words.toArray(new String[0]));
                    words.addAll(0, List.of("-n", ours.path()));
                    Cli.ok(words.toArray(new String[0]));
                    lines++;
                }
                for (String family : List.of("-4", "-6")) {
                    assertEquals(Ip.run(theirs, family, "-d", "-j", "rule", "show"),
                            Ip.run(ours, family, "-d", "-j", "rule", "show"), family + " rules after " + lines + " adds");
                }
                for (String line : RuleCodecTest.RULES.split("\n")) {
                    if (!line.contains(" nat ")) {
                        String[] del = line.replace("rule add", "rule del").split(" ");
                        Ip.run(theirs, del);
                        List<String> words = new ArrayList<>(Arrays.asList(del));
                        words.addAll(0, List.of("-n", ours.path()));
                        Cli.ok(words.toArray(new String[0]));
                    }
                }
                assertEquals(Ip.run(theirs, "-d", "-j", "rule", "show"), Ip.run(ours, "-d", "-j", "rule", "show"),
                        "rules after deleting them all again");
            }
        }));
    }
}
