package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.CliProcess;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code jnetns monitor} beside {@code ip monitor} (iproute2 6.1): both watch one namespace while a
 * scripted sequence of changes (src/test/resources/monitor/changes.batch and a few around it: links,
 * addresses, routes, neighbours, rules, an nsid) runs, and print the same lines. The one field
 * allowed to differ is named: the timestamp of -t and -ts (the time each program printed the event),
 * which must have ip's format and be within {@link #CLOCK_SLACK} of ip's for the same event.
 * {@code -j monitor} (jnetns's own: ip 6.1 prints text under -j) prints one object per line, the
 * record of the matching {@code ip -j ... show} plus "event".
 */
class CliMonitorTest {
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(5);
    private static final String OBJECTS = "link address route neigh netconf rule nsid";
    private static final Pattern LONG_STAMP =
            Pattern.compile("^Timestamp: (\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}) (\\d{1,6}) usec$");
    private static final Pattern SHORT_STAMP =
            Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)\\.(\\d{6})\\] ");

    /** One run's outputs: ip's and jnetns's lines, from the first marker jnetns saw (excluded) to the end marker. */
    private record Outputs(List<String> ip, List<String> jnetns, int changes) {
    }

    /** A netconf line: {@code [Deleted ]inet|inet6|mpls DEV ...}, after a stripped timestamp or none. */
    private static final Pattern NETCONF = Pattern.compile("^(TIME)?(Deleted )?(inet6?|mpls) (\\S+) (.*)$");

    /**
     * ip's lines, where ip named the device of a netconf line {@code ifN} and jnetns named it:
     * the one tolerated difference. ip names a new device's netconf entry by asking the kernel
     * when the line comes, just before the kernel announces the device, and that lookup sometimes
     * finds nothing yet (ip 6.1 printed {@code inet if4 ...} for a new ifb in one run of three);
     * jnetns waits for the announcement. Everything else on the line must be equal.
     */
    private static List<String> newDeviceNames(List<String> ip, List<String> ours) {
        List<String> out = new ArrayList<>(ip);
        for (int i = 0; i < Math.min(ip.size(), ours.size()); i++) {
            Matcher a = NETCONF.matcher(ip.get(i));
            Matcher b = NETCONF.matcher(ours.get(i));
            if (a.matches() && b.matches() && a.group(4).matches("if\\d+") && !b.group(4).equals(a.group(4))
                    && Objects.equals(a.group(2), b.group(2)) && a.group(3).equals(b.group(3))
                    && a.group(5).equals(b.group(5))) {
                out.set(i, ours.get(i));
            }
        }
        return out;
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static void sh(String... cmd) {
        Ip.Result r = Ip.command(List.of(cmd), null);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.err());
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    private static void await(Path p, Predicate<String> line, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (lines(p).stream().anyMatch(line)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " never came; " + p + ": " + lines(p));
    }

    /**
     * Runs ip's and jnetns's monitor with {@code options} on a new namespace, waits until jnetns prints
     * (rules added every 200 ms until one shows: its start-up), makes the changes, ends with a last
     * rule both must print, and returns their lines between.
     */
    private static Outputs run(String... options) throws Exception {
        String ns = "jnetns-test-mon-" + tag();
        String other = ns + "-b";
        Path ipOut = Files.createTempFile("ip-monitor", ".txt");
        Path jOut = Files.createTempFile("jnetns-monitor", ".txt");
        List<String> batch = lines(Path.of("src/test/resources/monitor/changes.batch"));
        sh("ip", "netns", "add", ns);
        sh("ip", "netns", "add", other);
        Process ip = null;
        Process jnetns = null;
        try {
            sh("ip", "-n", ns, "link", "set", "lo", "up");
            List<String> args = new ArrayList<>(List.of("-n", ns));
            args.addAll(List.of(options));
            args.add("monitor");
            args.addAll(List.of(OBJECTS.split(" ")));
            List<String> ipCmd = new ArrayList<>(List.of("ip"));
            ipCmd.addAll(args);
            ip = new ProcessBuilder(ipCmd).redirectOutput(ipOut.toFile()).redirectErrorStream(true).start();
            jnetns = CliProcess.builder(args.toArray(String[]::new)).redirectOutput(jOut.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int markers = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines(jOut).stream().noneMatch(l -> l.contains("from 198.18.255."))) {
                assertTrue(System.nanoTime() < deadline, "jnetns monitor printed nothing in 30 s");
                markers++;
                sh("ip", "-n", ns, "rule", "add", "pref", String.valueOf(30000 + markers), "from",
                        "198.18.255." + markers, "lookup", "200");
                Thread.sleep(200);
            }
            int pause = indexOfPause(batch);
            runBatch(ns, batch.subList(0, pause));
            // ip names a device in a netconf or address line by asking the kernel as it prints the
            // line (and keeps that name: iproute2 6.1's cache does not take a rename): a rename
            // right after would race with ip's lookup, so both print everything before it first
            Predicate<String> down = l -> l.contains(": mb0: <BROADCAST,NOARP> mtu 1500 qdisc pfifo_fast state DOWN");
            await(ipOut, down, "ip's mb0 down");
            await(jOut, down, "jnetns's mb0 down");
            runBatch(ns, batch.subList(pause + 1, batch.size()));
            // netconf: a change of one setting, and forwarding of all, which the kernel applies to every device
            sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv4.conf.lo.rp_filter=2",
                    "net.ipv6.conf.default.proxy_ndp=1", "net.ipv4.conf.all.forwarding=1", "net.ipv6.conf.lo.forwarding=1");
            sh("ip", "-n", ns, "-6", "rule", "add", "from", "fd00:40::/64", "table", "100", "pref", "1003");
            sh("ip", "-n", ns, "-6", "rule", "del", "pref", "1003");
            sh("ip", "-n", ns, "link", "add", "mn0", "type", "veth", "peer", "name", "mn1", "netns", other);
            sh("ip", "-n", ns, "link", "del", "mn0");
            // Both look the name of a new nsid up under /run/netns when they print it (ip's
            // netns_get_name): the name must still be there then, so wait for both to print it.
            await(ipOut, l -> l.contains("nsid "), "ip's nsid");
            await(jOut, l -> l.contains("nsid "), "jnetns's nsid");
            sh("ip", "netns", "del", other);   // the nsid goes with it, later: the kernel cleans up in a worker
            await(ipOut, l -> l.contains("Deleted nsid "), "ip's deleted nsid");
            await(jOut, l -> l.contains("Deleted nsid "), "jnetns's deleted nsid");
            sh("ip", "-n", ns, "rule", "add", "pref", "29999", "from", "198.18.254.1", "lookup", "200");
            await(ipOut, l -> l.contains("from 198.18.254.1 "), "ip's end marker");
            await(jOut, l -> l.contains("from 198.18.254.1 "), "jnetns's end marker");
            List<String> j = lines(jOut);
            String first = j.stream().filter(l -> l.contains("from 198.18.255.")).findFirst().orElseThrow();
            String marker = first.substring(first.indexOf("from 198.18.255."));
            return new Outputs(between(lines(ipOut), marker), between(j, marker), batch.size() - 1 + 7);
        } finally {
            for (Process p : new Process[] {ip, jnetns}) {
                if (p != null) {
                    p.destroy();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
            Ip.command(List.of("ip", "netns", "del", other), null);
            sh("ip", "netns", "del", ns);
            Files.deleteIfExists(ipOut);
            Files.deleteIfExists(jOut);
        }
    }

    /** The index of the batch's "# (pause)" line: the changes before it are printed before the rest run. */
    private static int indexOfPause(List<String> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).startsWith("# (pause)")) {
                return i;
            }
        }
        throw new AssertionError("no '# (pause)' line in changes.batch");
    }

    private static void runBatch(String ns, List<String> lines) {
        Ip.Result r = Ip.command(List.of("ip", "-n", ns, "-batch", "-"), String.join("\n", lines) + "\n");
        assertEquals(0, r.exitCode(), "the scripted changes: " + r.err());
    }

    /** The lines after the one holding {@code marker}, up to the end marker's (included). */
    private static List<String> between(List<String> lines, String marker) {
        int end = lines.size();
        while (end > 0 && !lines.get(end - 1).contains("from 198.18.254.1 ")) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (lines.get(i).contains(marker)) {
                return lines.subList(i + 1, end);
            }
        }
        throw new AssertionError("no " + marker + " in " + lines);
    }

    @Test
    void text_is_ip_monitors_line_for_line() throws Exception {
        Outputs o = run();
        assertTrue(o.changes() >= 50, "changes: " + o.changes());
        assertTrue(o.ip().size() > 100, "ip printed " + o.ip().size() + " lines");
        assertEquals(String.join("\n", newDeviceNames(o.ip(), o.jnetns())), String.join("\n", o.jnetns()));
    }

    @Test
    void minus_t_prints_ips_timestamps() throws Exception {
        compareStamped(run("-t"), LONG_STAMP, DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT));
    }

    @Test
    void minus_ts_prints_ips_short_timestamps() throws Exception {
        compareStamped(run("-ts"), SHORT_STAMP, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /**
     * The lines equal with each timestamp (the time-varying field) replaced by TIME, every event
     * stamped, and each of jnetns's stamps within {@link #CLOCK_SLACK} of ip's for the same line.
     */
    private static void compareStamped(Outputs o, Pattern stamp, DateTimeFormatter format) {
        List<String> ip = new ArrayList<>();
        List<String> jn = new ArrayList<>();
        List<LocalDateTime> ipTimes = new ArrayList<>();
        List<LocalDateTime> jTimes = new ArrayList<>();
        strip(o.ip(), stamp, format, ip, ipTimes);
        strip(o.jnetns(), stamp, format, jn, jTimes);
        assertTrue(ipTimes.size() > 50, "ip stamped " + ipTimes.size() + " events");
        assertEquals(String.join("\n", newDeviceNames(ip, jn)), String.join("\n", jn));
        assertEquals(ipTimes.size(), jTimes.size(), "as many timestamps");
        for (int i = 0; i < ipTimes.size(); i++) {
            Duration d = Duration.between(ipTimes.get(i), jTimes.get(i)).abs();
            assertTrue(d.compareTo(CLOCK_SLACK) < 0, "event " + i + ": ip " + ipTimes.get(i) + ", jnetns " + jTimes.get(i));
        }
    }

    private static void strip(List<String> lines, Pattern stamp, DateTimeFormatter format, List<String> out,
            List<LocalDateTime> times) {
        for (String l : lines) {
            Matcher m = stamp.matcher(l);
            if (m.find()) {
                times.add(LocalDateTime.parse(m.group(1), format).plusNanos(Long.parseLong(m.group(2)) * 1000));
                out.add("TIME" + l.substring(m.end()));
            } else {
                out.add(l);
            }
        }
    }

    @Test
    void minus_j_prints_one_object_per_line_shaped_as_ip_minus_j_show() throws Exception {
        String ns = "jnetns-test-monj-" + tag();
        Path jOut = Files.createTempFile("jnetns-monitor", ".json");
        sh("ip", "netns", "add", ns);
        Process jnetns = null;
        try {
            jnetns = CliProcess.builder("-n", ns, "-j", "monitor").redirectOutput(jOut.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int markers = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines(jOut).stream().noneMatch(l -> l.contains("198.18.255."))) {
                assertTrue(System.nanoTime() < deadline, "jnetns -j monitor printed nothing in 30 s");
                markers++;
                sh("ip", "-n", ns, "rule", "add", "pref", String.valueOf(30000 + markers), "from",
                        "198.18.255." + markers, "lookup", "200");
                Thread.sleep(200);
            }
            Ip.Result r = Ip.command(List.of("ip", "-n", ns, "-batch", "-"),
                    "link add jm0 type veth peer name jm1\nlink set jm1 up\nlink set jm0 mtu 1400\n"
                    + "link set jm0 up\naddr add 198.18.60.1/24 dev jm0\n"
                    + "route add 198.18.61.0/24 via 198.18.60.2 metric 7\n"
                    + "neigh add 198.18.60.9 lladdr 02:00:00:00:00:09 dev jm0\n"
                    + "rule add from 198.18.62.0/24 table 100 pref 1000\nrule del pref 1000\n"
                    + "link add jm2 type ifb\nlink del jm2\n");
            assertEquals(0, r.exitCode(), r.err());
            sh("ip", "-n", ns, "rule", "add", "pref", "29999", "from", "198.18.254.1", "lookup", "200");
            await(jOut, l -> l.contains("198.18.254.1"), "the end marker");
            List<Map<String, Object>> events = new ArrayList<>();
            for (String l : lines(jOut)) {
                Object o = JsonText.parse(l);   // each line one object
                assertTrue(o instanceof Map && ((Map<?, ?>) o).containsKey("event"), "an object with an event: " + l);
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                events.add(m);
            }
            assertEquals(showRecord(ns, "newlink", "link", "show", "dev", "jm0"), lastOf(events, "newlink", "ifname", "jm0"));
            assertEquals(showRecord(ns, "newlink", "link", "show", "dev", "jm1"), lastOf(events, "newlink", "ifname", "jm1"));
            assertEquals(showRecord(ns, "newroute", "route", "show", "198.18.61.0/24"),
                    lastOf(events, "newroute", "dst", "198.18.61.0/24"));
            assertEquals(showRecord(ns, "newneigh", "neigh", "show", "198.18.60.9"),
                    lastOf(events, "newneigh", "dst", "198.18.60.9"));
            Map<String, Object> rule = new LinkedHashMap<>(Map.of("event", "delrule"));
            rule.putAll(ruleAdded(events));
            assertEquals(rule, lastOf(events, "delrule", "src", "198.18.62.0"), "the deleted rule as it was added");
            Map<String, Object> address = new LinkedHashMap<>(Map.of("event", "newaddr"));
            Map<String, Object> link = showRecord(ns, "x", "addr", "show", "dev", "jm0");
            address.put("index", link.get("ifindex"));
            address.put("dev", "jm0");
            for (Object a : (List<?>) link.get("addr_info")) {
                if ("198.18.60.1".equals(((Map<?, ?>) a).get("local"))) {
                    ((Map<?, ?>) a).forEach((k, v) -> address.put((String) k, v));
                }
            }
            assertEquals(address, lastOf(events, "newaddr", "local", "198.18.60.1"),
                    "the addr_info member of ip -j addr show, with index and dev");
            assertEquals("ether", lastOf(events, "dellink", "ifname", "jm2").get("link_type"), "a deleted device's record");
        } finally {
            if (jnetns != null) {
                jnetns.destroy();
                jnetns.waitFor(10, TimeUnit.SECONDS);
            }
            sh("ip", "netns", "del", ns);
            Files.deleteIfExists(jOut);
        }
    }

    private static Map<String, Object> ruleAdded(List<Map<String, Object>> events) {
        Map<String, Object> r = new LinkedHashMap<>(lastOf(events, "newrule", "src", "198.18.62.0"));
        r.remove("event");
        assertEquals(1000L, ((Number) r.get("priority")).longValue(), r.toString());
        return r;
    }

    private static Map<String, Object> lastOf(List<Map<String, Object>> events, String event, String key, String value) {
        Map<String, Object> found = null;
        for (Map<String, Object> e : events) {
            if (event.equals(e.get("event")) && value.equals(String.valueOf(e.get(key)))) {
                found = e;
            }
        }
        assertTrue(found != null, "no " + event + " with " + key + " " + value + " in " + events);
        return found;
    }

    /** The one record {@code ip -n NS -j ARGS} prints, "event" first. */
    private static Map<String, Object> showRecord(String ns, String event, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns, "-j"));
        cmd.addAll(List.of(args));
        Ip.Result r = Ip.command(cmd, null);
        List<?> list = (List<?>) JsonText.parse(r.out());
        assertEquals(1, list.size(), String.join(" ", cmd) + ": " + r.out());
        Map<String, Object> o = new LinkedHashMap<>(Map.of("event", event));
        ((Map<?, ?>) list.get(0)).forEach((k, v) -> o.put((String) k, v));
        return o;
    }
}
