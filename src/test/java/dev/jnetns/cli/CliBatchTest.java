package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.CliProcess;
import dev.jnetns.testutil.Ip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -batch FILE}: ip's line syntax, stop at the first error, {@code -force} goes on. ip runs
 * the same file in a twin namespace built the same way: its exit code, its "Command failed" lines
 * and what it left are what jnetns must give.
 */
@ExtendWith(NetnsExtension.class)
class CliBatchTest {

    /** {@code ip [-force] -batch FILE} in {@code twin}. */
    private static Ip.Result ipBatch(Netns twin, boolean force, Path f) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + twin.path(), "ip"));
        if (force) {
            cmd.add("-force");
        }
        cmd.addAll(List.of("-batch", f.toString()));
        return Ip.command(cmd, null);
    }

    /** The lines of a batch's stderr that name the failed line ({@code Command failed FILE:N}). */
    private static List<String> failedLines(Ip.Result r) {
        return r.err().lines().filter(l -> l.startsWith("Command failed ")).toList();
    }

    @Test
    void a_batch_stops_at_the_first_error(Netns ns, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds");
        Files.writeString(f, "# a comment\n\nlink add v0 type veth peer name v1\nlink add v0 type veth peer name v1\n"
                + "link set v0 alias \"two words\"\n");
        try (Netns twin = Netns.create()) {
            Ip.Result ip = ipBatch(twin, false, f);
            var r = Cli.run("-n", ns.path(), "-batch", f.toString());
            assertEquals(List.of(ip.exitCode(), "jnetns: link add v0 type veth peer name v1: File exists (EEXIST)",
                    failedLines(ip)), List.of(r.exitCode(), r.err().lines().findFirst().orElse(""), failedLines(r)), ip.err());
            Cli.assertKernelReason(ip.err(), r.err().lines().findFirst().orElse(""), "line 4");
            assertEquals(List.of(false, false), List.of(Ip.run(twin, "link", "show", "v0").contains("alias"),
                    Ip.run(ns, "link", "show", "v0").contains("alias")), "line 5 did not run");
        }
    }

    @Test
    void force_goes_on_and_exits_non_zero(Netns ns, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds");
        Files.writeString(f, "link add v0 type veth peer name v1\nlink add v0 type bridge\nlink set v0 alias \"two words\"\n");
        try (Netns twin = Netns.create()) {
            Ip.Result ip = ipBatch(twin, true, f);
            var r = Cli.run("-n", ns.path(), "-force", "-b", f.toString());
            assertEquals(List.of(ip.exitCode(), failedLines(ip)), List.of(r.exitCode(), failedLines(r)), ip.err());
            assertTrue(Ip.run(twin, "link", "show", "v0").contains("alias two words"));
            assertTrue(Ip.run(ns, "link", "show", "v0").contains("alias two words"));
        }
    }

    @Test
    void pipelined_lines_keep_the_stop_at_first_error_semantics(Netns ns, @TempDir Path dir) throws Exception {
        try (Netns twin = Netns.create()) {
            for (Netns n : List.of(ns, twin)) {
                Ip.batch(n, "link add v0 type veth peer name v1\nlink set v0 up\nlink set v1 up\n");
                Ip.settled(() -> Ip.run(n, "link", "show"));   // routes say linkdown until the carrier comes
            }
            Path f = dir.resolve("cmds");
            Files.writeString(f, "addr add 198.18.0.1/24 dev v0\naddr add 198.18.0.1/24 dev v0\naddr add 198.18.0.3/24 dev v0\n"
                    + "route add 198.18.9.0/24 via 198.18.0.2\n");
            for (boolean force : new boolean[] {false, true}) {
                Ip.Result ip = ipBatch(twin, force, f);
                var r = force ? Cli.run("-n", ns.path(), "-force", "-batch", f.toString())
                        : Cli.run("-n", ns.path(), "-batch", f.toString());
                assertEquals(List.of(ip.exitCode(), failedLines(ip)), List.of(r.exitCode(), failedLines(r)),
                        "-force " + force + ": " + ip.err());
                // what ip left (IPv4: the link-local addresses come from the veths' random hardware addresses)
                for (String[] show : new String[][] {{"-4", "-o", "addr", "show", "dev", "v0"}, {"route", "show"}}) {
                    assertEquals(Ip.run(twin, show), Ip.run(ns, show), "-force " + force + ": " + String.join(" ", show));
                }
                String addrs = Ip.run(ns, "addr", "show", "dev", "v0");
                assertEquals(force, addrs.contains("198.18.0.3/24"), "line 3 went out with line 2 but is undone: " + addrs);
            }
        }
    }

    @Test
    void a_long_run_of_lines_that_all_fail_reports_each_failure_as_ip(Netns ns, @TempDir Path dir) throws Exception {
        // every request of a pipelined datagram fails: the kernel queues an error reply for each,
        // which once overflowed the receive buffer (ENOBUFS on line 1 instead of ip's EEXIST)
        StringBuilder lines = new StringBuilder("link set lo up\n");
        for (int i = 0; i < 2000; i++) {
            lines.append("route add 198.18.").append(i / 250).append('.').append(i % 250).append("/32 dev lo\n");
        }
        Path f = dir.resolve("cmds");
        Files.writeString(f, lines.toString());
        try (Netns twin = Netns.create()) {
            Ip.batch(ns, lines.toString());
            Ip.batch(twin, lines.toString());
            Ip.Result ip = ipBatch(twin, false, f);
            var r = Cli.run("-n", ns.path(), "-batch", f.toString());
            assertEquals(List.of(ip.exitCode(), "jnetns: route add 198.18.0.0 dev lo: File exists (EEXIST)", failedLines(ip)),
                    List.of(r.exitCode(), r.err().lines().findFirst().orElse(""), failedLines(r)), ip.err());
            Cli.assertKernelReason(ip.err(), r.err().lines().findFirst().orElse(""), "line 2");
            Ip.Result ipForced = ipBatch(twin, true, f);
            var forced = Cli.run("-n", ns.path(), "-force", "-batch", f.toString());
            assertEquals(ipForced.exitCode(), forced.exitCode());
            assertEquals(2000, failedLines(ipForced).size(), ipForced.err());
            assertEquals(failedLines(ipForced), failedLines(forced), "every line's failure, in order, as ip -force reports them");
            assertEquals(2000, forced.err().lines().filter(l -> l.endsWith(": File exists (EEXIST)")).count(), forced.err());
        }
    }

    @Test
    void a_syntax_error_stops_even_with_force(Netns ns, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds");
        Files.writeString(f, "link frob\nlink add v0 type veth peer name v1\n");
        try (Netns twin = Netns.create()) {
            Ip.Result ip = ipBatch(twin, true, f);
            var r = Cli.run("-n", ns.path(), "-force", "-batch", f.toString());
            Cli.assertFailsAsIp(ip, r, "link frob");   // ip's exit(-1), with no "Command failed" line
            assertEquals(List.of(1L, 1L), List.of(Ip.run(twin, "-o", "link", "show").lines().count(),
                    Ip.run(ns, "-o", "link", "show").lines().count()), "line 2 did not run");
        }
    }

    @Test
    void a_line_sees_the_devices_the_lines_before_it_made(Netns ns, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds");
        Files.writeString(f, "link add v0 type veth peer name v1\nlink add mv0 link v0 type macvlan\n"
                + "link add mv1 link v1 type macvlan mode bridge\n");
        var r = Cli.run("-n", ns.path(), "-batch", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        String links = Ip.run(ns, "-o", "link", "show");
        assertTrue(links.contains(" mv0@v0:") && links.contains(" mv1@v1:"), links);
    }

    @Test
    void force_runs_the_lines_around_a_failing_one(Netns ns, @TempDir Path dir) throws Exception {
        try (Netns twin = Netns.create()) {
            Ip.batch(ns, "link add v0 type veth peer name v1\n");
            Ip.batch(twin, "link add v0 type veth peer name v1\n");
            Path f = dir.resolve("cmds");
            Files.writeString(f, "addr add 198.18.0.1/24 dev v0\naddr add 198.18.0.2/24 dev nope\n"
                    + "addr add 198.18.0.3/24 dev v0\n");
            Ip.Result ip = ipBatch(twin, true, f);
            var r = Cli.run("-n", ns.path(), "-force", "-batch", f.toString());
            assertEquals(List.of(ip.exitCode(), "jnetns: " + ip.err()), List.of(r.exitCode(), r.err()));
            assertEquals(Ip.run(twin, "-4", "-o", "addr", "show", "dev", "v0"), Ip.run(ns, "-4", "-o", "addr", "show", "dev", "v0"));
            String addrs = Ip.run(ns, "addr", "show", "dev", "v0");
            assertTrue(addrs.contains("198.18.0.1/24") && addrs.contains("198.18.0.3/24"), addrs);
        }
    }

    @Test
    void a_file_that_cannot_be_opened_is_reported_as_ip_reports_it(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("plain"), "");
        for (Path f : List.of(dir.resolve("missing"), dir.resolve("plain").resolve("x"))) {
            Ip.Result ip = Ip.command(List.of("ip", "-batch", f.toString()), null);
            var r = Cli.run("-batch", f.toString());
            assertEquals(List.of(ip.exitCode(), "jnetns: " + ip.err()), List.of(r.exitCode(), r.err()), f.toString());
        }
    }

    /**
     * jnetns's own rule, so its own exit code here: ip sends the bytes as they are (the kernel makes
     * a device named 0xff 0xfe, exit 0); jnetns, whose words are strings, refuses the line.
     */
    @Test
    void a_line_that_is_not_utf8_is_refused_not_mangled(Netns ns, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds");
        Files.write(f, new byte[] {'l', 'i', 'n', 'k', ' ', 'a', 'd', 'd', ' ', (byte) 0xff, (byte) 0xfe, ' ', 't', 'y',
            'p', 'e', ' ', 'b', 'r', 'i', 'd', 'g', 'e', '\n'});
        var r = Cli.run("-n", ns.path(), "-force", "-batch", f.toString());
        assertEquals(1, r.exitCode());
        assertEquals("jnetns: line 1 is not valid UTF-8\nCommand failed " + f + ":1\n", r.err());
        assertEquals(1, Ip.run(ns, "-o", "link", "show").lines().count(), "nothing made");
        var arg = Cli.run("-n", ns.path(), "link", "add", "x\uFFFDy", "type", "bridge");
        assertEquals(1, arg.exitCode());
        assertTrue(arg.err().contains("not valid UTF-8"), arg.err());
    }

    @Test
    void stdin_batches_share_one_handle_and_print_json(Netns ns) {
        var r = CliProcess.run("link add v0 type veth peer name v1\naddr add 198.18.0.1/24 dev v0\naddr show dev v0\n",
                "-n", ns.path(), "-j", "-batch", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Ip.run(ns, "-j", "addr", "show", "dev", "v0"), r.out());
    }

    /**
     * A run of {@code netns add} lines (made on one helper thread) with ip's outcome: a duplicate
     * fails its own line with ip's message, without -force the lines after it do not run, with it
     * they do; the same batch through ip and jnetns, each with its own names.
     */
    @Test
    void a_run_of_netns_adds_stops_and_goes_on_as_ip(@TempDir Path dir) throws Exception {
        for (boolean force : new boolean[] {false, true}) {
            Map<String, String> outcome = netnsBatch(dir, force, p -> "netns add " + p + "-a\nnetns add " + p
                    + "-a\nnetns add " + p + "-b\nnetns del " + p + "-a\n");
            assertEquals(outcome.get("ip"), outcome.get("jnetns"), "-force " + force);
            assertTrue(outcome.get("ip").contains("File exists") && outcome.get("ip").contains(force ? "[-b]" : "[-a]"),
                    outcome.get("ip"));
        }
    }

    /**
     * A run of {@code netns del} lines long enough to be removed by several threads, with a missing
     * name in it, with ip's outcome: without -force the lines after it do not run, with it they do.
     */
    @Test
    void a_run_of_netns_deletions_stops_and_goes_on_as_ip(@TempDir Path dir) throws Exception {
        for (boolean force : new boolean[] {false, true}) {
            Map<String, String> outcome = netnsBatch(dir, force, p -> {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 20; i++) {
                    b.append("netns add ").append(p).append(String.format("-%02d%n", i));
                }
                for (int i = 0; i < 20; i++) {
                    b.append(i == 18 ? "netns del " + p + "-x\n" : "").append("netns del ").append(p)
                            .append(String.format("-%02d%n", i));
                }
                return b.toString();
            });
            assertEquals(outcome.get("ip"), outcome.get("jnetns"), "-force " + force);
            assertTrue(outcome.get("ip").contains("No such file") && outcome.get("ip").endsWith(force ? "[]" : "[-18, -19]"),
                    outcome.get("ip"));
        }
    }

    /**
     * Runs the batch {@code lines} makes for a name prefix through ip and jnetns, each with its own
     * prefix; returns each one's exit code, messages and the namespaces of its prefix left, by tool.
     */
    private static Map<String, String> netnsBatch(Path dir, boolean force, java.util.function.Function<String, String> lines)
            throws Exception {
        String tag = "jnetns-t" + Long.toHexString(System.nanoTime() & 0xffffff);
        Map<String, String> outcome = new LinkedHashMap<>();
        for (String tool : new String[] {"ip", "jnetns"}) {
            String p = tag + "-" + tool;
            Path f = dir.resolve(tool + (force ? "-force" : ""));
            Files.writeString(f, lines.apply(p));
            try {
                String[] args = force ? new String[] {"-force", "-batch", f.toString()} : new String[] {"-batch", f.toString()};
                Ip.Result r;
                if (tool.equals("ip")) {
                    List<String> cmd = new ArrayList<>(List.of("ip"));
                    cmd.addAll(List.of(args));
                    r = Ip.command(cmd, null);
                } else {
                    r = Cli.run(args);
                }
                outcome.put(tool, r.exitCode() + "\n" + r.err().replace(p, "P").replace(f.toString(), "F")
                        .replace("jnetns: ", "") + left(p));
            } finally {
                for (String n : Netns.names()) {
                    if (n.startsWith(p + "-")) {
                        Netns.delete(n);
                    }
                }
            }
        }
        return outcome;
    }

    /** The namespaces named {@code p-SUFFIX}, as their sorted suffixes ("-a" ...). */
    private static List<String> left(String p) throws Exception {
        List<String> left = new ArrayList<>();
        for (String n : Netns.names()) {
            if (n.startsWith(p + "-")) {
                left.add(n.substring(p.length()));
            }
        }
        Collections.sort(left);
        return left;
    }
}
