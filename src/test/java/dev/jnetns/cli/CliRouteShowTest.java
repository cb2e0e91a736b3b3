package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.IpPrefix;
import dev.jnetns.Netns;
import dev.jnetns.Route;
import dev.jnetns.Routes;
import dev.jnetns.Rtnl;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.RouteFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code route show} and {@code route get} print what ip 6.1 prints, byte for byte, in text,
 * {@code -j}, {@code -j -p}, {@code -d}, {@code -s} and {@code -o}, on a namespace holding routes of
 * every type, table, metric and nexthop shape ({@link RouteFixtures}). The only fields allowed to
 * differ are the ones the kernel moves between two reads: the remaining lifetime of an expiring
 * IPv6 route ({@code expires Nsec}) and the age of a cache entry ({@code age Nsec}).
 */
class CliRouteShowTest {
    private static final List<String> SHOWS = List.of(
            "route show", "route show table all", "-4 route show table all", "-6 route show table all",
            "-6 route show", "route show table 7", "-6 route show table 7", "route show table 1000",
            "route show table 5000", "-6 route show table 5000", "route show table local", "-6 route show table local",
            "route show dev v2", "route show table all proto static", "route show table all scope link",
            "route show table all type multicast", "route show tos 0x10", "route show table all metric 7",
            "-6 route show metric 5", "route show via 198.18.0.2", "route show src 198.18.0.1",
            "route show root 198.18.6.0/24", "route show match 198.18.6.200",
            "route get 198.18.0.2", "route get 198.18.0.1", "route get 198.18.13.77", "route get 198.18.20.1",
            "route get 198.18.6.130", "route get fd00::2", "route get fd00::1", "route get fd00:5::9",
            "route get fd00:20::1", "route get fd00:6::1");
    private static final List<String> FORMS = List.of("", "-j", "-j -p", "-d", "-d -j", "-s", "-s -j", "-o",
            "-d -s -o");

    private static Netns ns;

    @BeforeAll
    static void build() throws Exception {
        ns = Netns.create();
        RouteFixtures.build(ns);
        ns.setSysctl("net.ipv4.ip_forward", "1");   // route get ... iif: a forwarded packet
    }

    @AfterAll
    static void remove() throws Exception {
        ns.close();
    }

    /** Only the time-varying fields named above are replaced. */
    private static String timeless(String out) {
        return out.replaceAll("expires -?\\d+sec", "expires Nsec").replaceAll("\"expires\":-?\\d+", "\"expires\":N")
                .replaceAll("age \\d+sec", "age Nsec").replaceAll("\"age\":\\d+", "\"age\":N");
    }

    private static DynamicTest same(String form, String command) {
        List<String> args = new ArrayList<>();
        for (String part : (form + " " + command).trim().split(" ")) {
            args.add(part);
        }
        List<String> ours = new ArrayList<>(List.of("-n", ns.path()));
        ours.addAll(args);
        String what = String.join(" ", args);
        return DynamicTest.dynamicTest(what, () -> Cli.assertSameAsIp(
                () -> timeless(Ip.run(ns, args.toArray(new String[0]))),
                () -> timeless(Cli.ok(ours.toArray(new String[0]))), what));
    }

    @TestFactory
    Stream<DynamicTest> every_show_and_get_equals_ip_in_every_form() {
        return SHOWS.stream().flatMap(show -> FORMS.stream().map(form -> same(form, show)));
    }

    /**
     * A listing long enough to be printed on its own thread ({@link PrinterThread}: several
     * batches): the fixture's routes and 3 000 more of several shapes and tables, in order and
     * filtered as ip lists them.
     */
    @TestFactory
    Stream<DynamicTest> a_long_listing_printed_on_its_own_thread_equals_ip() throws Exception {
        Netns many = Netns.create();
        StringBuilder b = new StringBuilder(String.join("\n", RouteFixtures.LINES)).append('\n');
        for (int i = 0; i < 1000; i++) {
            b.append(String.format("route add 198.19.%d.%d via 198.18.0.2 metric %d%n", i / 250, i % 250, i % 7));
            b.append(String.format("route add table 100 198.19.%d.%d/31 dev v2 proto %d%n", 8 + i / 125, 2 * (i % 125),
                    i % 4 == 0 ? 99 : 4));
            b.append(String.format("route add fd00:100::%x/128 via fd00::2 dev v0%n", i));
        }
        Ip.batch(many, b.toString());
        List<DynamicTest> tests = new ArrayList<>();
        for (String show : List.of("route show", "route show table all", "-6 route show", "route show dev v2 table all",
                "route show table 100 proto 99")) {
            for (String form : List.of("", "-j", "-d -s -o")) {
                List<String> args = new ArrayList<>(List.of((form + " " + show).trim().split(" ")));
                List<String> ours = new ArrayList<>(List.of("-n", many.path()));
                ours.addAll(args);
                String what = String.join(" ", args);
                tests.add(DynamicTest.dynamicTest(what, () -> Cli.assertSameAsIp(
                        () -> timeless(Ip.run(many, args.toArray(new String[0]))),
                        () -> timeless(Cli.ok(ours.toArray(new String[0]))), what)));
            }
        }
        return tests.stream().onClose(many::close);
    }

    @TestFactory
    Stream<DynamicTest> route_get_answers_carry_what_ip_shows() {
        return Stream.of(
                DynamicTest.dynamicTest("IPv6: from :: (a host, no /128)", () -> assertTrue(
                        Cli.ok("-n", ns.path(), "route", "get", "fd00::2").startsWith("fd00::2 from :: dev v0 "))),
                DynamicTest.dynamicTest("IPv4: uid and the cache line", () -> assertTrue(
                        Cli.ok("-n", ns.path(), "route", "get", "198.18.0.2").matches("(?s).* uid \\d+ \n    cache \n"))),
                DynamicTest.dynamicTest("rtt in ms, realms, IPv6 expiry", () -> {
                    String all = Cli.ok("-n", ns.path(), "route", "show", "table", "all");
                    assertTrue(all.contains(" rtt 10ms rttvar 5ms ") && all.contains(" realms 3/4 ")
                            && all.contains(" tos 0x10 ") && all.matches("(?s).* expires \\d+sec pref high\n.*"), all);
                }));
    }

    @TestFactory
    Stream<DynamicTest> route_get_names_table_local_once_a_rule_splits_the_tables() throws Exception {
        Ip.run(ns, "rule", "add", "from", "198.18.99.0/24", "table", "100", "pref", "500");
        List<DynamicTest> out = new ArrayList<>();
        for (String form : FORMS) {
            out.add(same(form, "route get 198.18.0.1"));
            out.add(same(form, "route get 198.18.0.2"));
        }
        out.add(DynamicTest.dynamicTest("the answer names table local", () -> assertTrue(
                Cli.ok("-n", ns.path(), "route", "get", "198.18.0.1").contains(" table local "))));
        out.add(DynamicTest.dynamicTest("rule removed", () -> Ip.run(ns, "rule", "del", "pref", "500")));
        return out.stream();
    }

    /**
     * The selectors of {@code ip route get} through {@link Routes#get(Routes.Lookup)}, printed by the
     * same printer as {@code route get} ({@code from}, {@code iif}, {@code oif}, {@code mark},
     * {@code uid}, {@code fibmatch}).
     */
    @TestFactory
    Stream<DynamicTest> route_get_with_selectors_prints_as_ip() {
        List<String[]> cases = List.of(
                new String[] {"198.18.13.5 from 198.18.0.1", "from", "198.18.0.1"},
                new String[] {"198.18.13.5 from 198.18.1.7 iif v2", "from+iif", "198.18.1.7", "v2"},
                new String[] {"198.18.0.9 oif v0", "oif", "v0"},
                new String[] {"198.18.0.9 mark 7", "mark", "7"},
                new String[] {"198.18.0.9 mark 100", "mark", "100"},
                new String[] {"198.18.0.9 uid 1000", "uid", "1000"},
                new String[] {"198.18.13.5 fibmatch", "fibmatch"},
                new String[] {"198.18.20.9 fibmatch", "fibmatch"},
                new String[] {"fd00:5::9 from fd00::1", "from", "fd00::1"},
                new String[] {"fd00::9 oif v0", "oif", "v0"},
                new String[] {"fd00:20::9 fibmatch", "fibmatch"});
        List<DynamicTest> out = new ArrayList<>();
        for (String[] c : cases) {
            for (String form : List.of("", "-j", "-d", "-s", "-o")) {
                String what = (form + " route get " + c[0]).trim();
                out.add(DynamicTest.dynamicTest(what, () -> {
                    Function<Routes.Lookup, Routes.Lookup> selector = selector(c);
                    List<String> ipArgs = new ArrayList<>(List.of(form.isEmpty() ? new String[0] : form.split(" ")));
                    ipArgs.addAll(List.of("route", "get"));
                    ipArgs.addAll(List.of(c[0].split(" ")));
                    Cli.assertSameAsIp(() -> timeless(Ip.run(ns, ipArgs.toArray(new String[0]))),
                            () -> timeless(ours(form, selector.apply(Routes.Lookup.of(IpPrefix.parseAddress(c[0].split(" ")[0]))))),
                            what);
                }));
            }
        }
        return out.stream();
    }

    private static Function<Routes.Lookup, Routes.Lookup> selector(String[] c) {
        return switch (c[1]) {
            case "from" -> q -> q.from(IpPrefix.parseAddress(c[2]));
            case "from+iif" -> q -> q.from(IpPrefix.parseAddress(c[2])).iif(c[3]);
            case "oif" -> q -> q.oif(c[2]);
            case "mark" -> q -> q.mark(Long.parseLong(c[2]));
            case "uid" -> q -> q.uid(Long.parseLong(c[2]));
            default -> q -> q.fibmatch(true);
        };
    }

    /** What jnetns prints for {@code q} in {@code form}, through the route printer. */
    private static String ours(String form, Routes.Lookup q) {
        try (Rtnl rtnl = Rtnl.open(ns)) {
            Route r = rtnl.routes().get(q);
            boolean json = form.contains("-j");
            RoutePrinter p = new RoutePrinter(rtnl.links().list(), RouteFilter.NONE, form.contains("-d"),
                    form.contains("-s") ? 1 : 0, form.contains("-o"));
            Out o = json ? Out.json(false) : Out.text();
            if (json) {
                o.jsonWriter().beginArray();
            }
            o.beginObject(null);
            p.print(r, o);
            o.endObject();
            if (json) {
                o.jsonWriter().endArray();
                return o + "\n";
            }
            return o.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
