package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.CliProcess;
import dev.jnetns.testutil.Fixtures;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code jnetns apply}, {@code link move} and {@code -batch} at random moments;
 * afterwards the same input converges: apply (or destroy) of the same file, the same move, the same
 * batch with -force, leaves exactly what a run that was never killed leaves, and nothing else (no
 * namespace, device, address, route, journal). Seeded: the seed is printed and
 * {@code -Djnetns.seed=N} repeats it; {@code -Djnetns.crash.kills=N} sets the kills per command
 * (bench/crash.sh runs many).
 */
class CrashTest {
    static final int KILLS = Integer.getInteger("jnetns.crash.kills", 50);
    private static final long SEED = Long.getLong("jnetns.seed", System.nanoTime() & 0x7fffffff);
    private static final String TAG = "crash" + Integer.toHexString(new Random().nextInt(0x10000));

    /** Three namespaces as examples/router.json, with this run's names. */
    private static String topology() {
        String r = TAG + "-r";
        String a = TAG + "-a";
        String b = TAG + "-b";
        return ("{\"namespaces\": {"
                + "\"R\": {\"sysctl\": {\"net.ipv4.ip_forward\": \"1\"}, \"links\": ["
                + "{\"name\": \"r-a\", \"kind\": \"veth\", \"peer\": {\"name\": \"a-r\", \"netns\": \"A\"}, \"up\": true, \"mtu\": 1400, \"addresses\": [\"198.18.1.1/24\", \"fd00:1::1/64 nodad\"]},"
                + "{\"name\": \"r-b\", \"kind\": \"veth\", \"peer\": {\"name\": \"b-r\", \"netns\": \"B\"}, \"up\": true, \"addresses\": [\"198.18.2.1/24\"]},"
                + "{\"name\": \"br0\", \"kind\": \"bridge\", \"up\": true, \"addresses\": [\"198.18.3.1/24\"]},"
                + "{\"name\": \"lo\", \"up\": true}]},"
                + "\"A\": {\"links\": [{\"name\": \"a-r\", \"up\": true, \"addresses\": [\"198.18.1.2/24\"]}],"
                + " \"routes\": [{\"dst\": \"default\", \"via\": \"198.18.1.1\"}, {\"dst\": \"198.18.9.0/24\", \"via\": \"198.18.1.1\", \"metric\": 7}]},"
                + "\"B\": {\"links\": [{\"name\": \"b-r\", \"up\": true, \"mtu\": 1300, \"addresses\": [\"198.18.2.2/24\"]}],"
                + " \"routes\": [{\"dst\": \"default\", \"via\": \"198.18.2.1\"}]}}}")
                .replace("\"R\"", "\"" + r + "\"").replace("\"A\"", "\"" + a + "\"").replace("\"B\"", "\"" + b + "\"");
    }

    private static List<String> spaces() {
        return List.of(TAG + "-r", TAG + "-a", TAG + "-b");
    }

    /** What ip sees in each namespace: devices, addresses, routes, without what differs between runs. */
    private static String state(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            try (Netns ns = Netns.open(n)) {
                sb.append(n).append('\n').append(links(Ip.run(ns, "-o", "link", "show")))
                        .append(Ip.run(ns, "-o", "addr", "show").replaceAll("(?m)^\\d+: ", "").replaceAll("(?m)^.* fe80::.*$\n?", ""))
                        .append(Ip.run(ns, "route", "show", "table", "all"))
                        .append(Ip.run(ns, "-6", "route", "show", "table", "all")).append(Ip.run(ns, "netns", "list-id").isEmpty());
            } catch (Exception e) {
                throw new AssertionError("cannot read " + n, e);
            }
        }
        return stable(sb.toString());
    }

    /** {@link #state} once the namespaces are quiet (links, addresses and routes stop changing). */
    private static String settledState(List<String> names) {
        for (String n : names) {
            try (Netns ns = Netns.open(n)) {
                Fixtures.settle(ns);
            } catch (IOException e) {
                throw new AssertionError("cannot open " + n, e);
            }
        }
        return state(names);
    }

    /**
     * {@link #state}, read again once the namespaces are quiet when it is not {@code expected}: the
     * kernel adds a device's IPv6 link-local (fe80::/64) and multicast (ff00::/8) routes some time
     * after the device comes up, so a state read right after an apply may not have them yet.
     */
    private static String stateAsExpected(List<String> names, String expected) {
        String now = state(names);
        return now.equals(expected) ? now : settledState(names);
    }

    /**
     * Without what two correct runs differ in: random MACs (and the IPv6 link-local addresses made
     * from them), interface indexes, carrier and operational state (the kernel sets them later).
     */
    private static String stable(String text) {
        return text.replaceAll("(?m)^.*fe80::[0-9a-f:]+[0-9a-f](?!::/64).*$\n?", "")
                .replaceAll(" fe80::\\S+", "").replaceAll("([0-9a-f]{2}:){5}[0-9a-f]{2}", "MAC")
                .replaceAll("@[\\w-]+", "").replaceAll("(?m) +$", "");
    }

    /** Each device of {@code ip -o link show} as name, admin flags, MTU, master and alias. */
    private static String links(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.lines().toList()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d+: ([^:@]+)[^<]*<([^>]*)> mtu (\\d+)(.*)$").matcher(line);
            assertTrue(m.find(), line);
            String flags = String.join(",", java.util.Arrays.stream(m.group(2).split(","))
                    .filter(f -> !f.equals("LOWER_UP") && !f.equals("NO-CARRIER") && !f.equals("M-DOWN")).toList());
            java.util.regex.Matcher master = java.util.regex.Pattern.compile(" master (\\S+)").matcher(m.group(4));
            java.util.regex.Matcher alias = java.util.regex.Pattern.compile("alias (.*)$").matcher(m.group(4));
            sb.append(m.group(1)).append(' ').append(flags).append(" mtu ").append(m.group(3))
                    .append(master.find() ? " master " + master.group(1) : "").append(alias.find() ? " alias " + alias.group(1) : "")
                    .append('\n');
        }
        return sb.toString();
    }

    /** Runs the CLI and kills it with SIGKILL {@code afterMillis} after start (or lets it end first). */
    private static void killAfter(long afterMillis, String stdin, String... args) throws Exception {
        Process p = CliProcess.start(args);
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(afterMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();   // SIGKILL
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    /** Milliseconds a complete run of {@code args} takes. */
    private static long duration(String... args) {
        long t = System.nanoTime();
        Ip.Result r = CliProcess.run(null, args);
        assertEquals(0, r.exitCode(), r.err());
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
    }

    private static void assertNothingLeft() throws Exception {
        for (String n : Netns.names()) {
            assertFalse(n.startsWith(TAG), "left behind: /run/netns/" + n);
        }
    }

    @Test
    void apply_killed_at_random_moments_then_apply_or_destroy_converges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, topology());
        long full = duration("apply", file.toString());
        String reference = settledState(spaces());
        assertEquals(0, CliProcess.run(null, "destroy", file.toString()).exitCode());
        long start = duration("version");
        Random random = new Random(SEED);
        System.out.println("CrashTest apply: seed " + SEED + " (-Djnetns.seed=" + SEED + "), " + KILLS + " kills in "
                + start + ".." + full + " ms");
        try {
            for (int k = 0; k < KILLS; k++) {
                long at = start / 2 + (long) (random.nextDouble() * (full + 100 - start / 2));
                String where = "seed " + SEED + " kill " + k + " at " + at + " ms";
                killAfter(at, null, "apply", file.toString());
                if (k % 4 == 3) {
                    // a bare file as an apply killed between creating it and mounting the namespace leaves it
                    Path bare = Netns.RUN_DIR.resolve(TAG + "-a");
                    if (!Netns.exists(TAG + "-a")) {
                        Files.deleteIfExists(bare);
                        Files.createFile(bare);
                    }
                }
                if (random.nextBoolean()) {
                    Ip.Result again = CliProcess.run(null, "apply", file.toString());
                    assertEquals(0, again.exitCode(), where + ": apply after the kill: " + again.err());
                    Ip.Result diff = CliProcess.run(null, "diff", file.toString());
                    assertEquals(0, diff.exitCode(), where + ": drift after apply: " + diff.out() + diff.err());
                    assertEquals(reference, stateAsExpected(spaces(), reference), where);
                }
                Ip.Result destroy = CliProcess.run(null, "destroy", file.toString());
                assertEquals(0, destroy.exitCode(), where + ": destroy after the kill: " + destroy.err());
                assertNothingLeft();
            }
        } finally {
            CliProcess.run(null, "destroy", file.toString());
        }
    }

    /** A device with addresses (v4, v6, a label), routes through it (two tables, multipath), MTU, alias, MAC, up. */
    private static final String MOVED = String.join("\n",
            "link add v0 mtu 1400 address 02:00:00:00:aa:01 type veth peer name v1",
            "link set v0 alias \"moved device\"",
            "link set v0 up",
            "link set v1 up",
            "addr add 198.18.5.1/24 dev v0",
            "addr add 198.18.6.1/24 dev v0 label v0:x",
            "addr add fd00:5::1/64 dev v0 nodad",
            "route add 198.18.50.0/24 via 198.18.5.2 metric 5",
            "route add 198.18.51.0/24 dev v0 table 100",
            "route add 198.18.52.0/24 nexthop via 198.18.5.2 weight 1 nexthop via 198.18.5.3 weight 2",
            "route add fd00:50::/64 via fd00:5::2",
            "");

    @Test
    void link_move_killed_at_random_moments_then_the_same_move_converges() throws Exception {
        String from = TAG + "-mf";
        String to = TAG + "-mt";
        try (Netns src = Netns.createNamed(from); Netns dst = Netns.createNamed(to)) {
            Ip.batch(dst, "link add keep0 type veth peer name keep1\n");
            Ip.batch(src, MOVED);
            long full = duration("-n", from, "link", "move", "v0", "netns", to);
            String reference = movedState(dst);
            long start = duration("version");
            Random random = new Random(SEED + 1);
            System.out.println("CrashTest link move: seed " + SEED + ", " + KILLS + " kills in " + start + ".." + full + " ms");
            for (int k = 0; k < KILLS; k++) {
                Ip.run(dst, "link", "del", "v0");
                Ip.batch(src, MOVED);
                long at = start / 2 + (long) (random.nextDouble() * (full + 100 - start / 2));
                String where = "seed " + SEED + " kill " + k + " at " + at + " ms";
                killAfter(at, null, "-n", from, "link", "move", "v0", "netns", to);
                boolean done = Ip.exec(src, "link", "show", "v0").exitCode() != 0 && journals(from).isEmpty();
                if (!done) {
                    Ip.Result again = CliProcess.run(null, "-n", from, "link", "move", "v0", "netns", to);
                    assertEquals(0, again.exitCode(), where + ": the same move after the kill: " + again.err());
                }
                assertEquals(reference, movedState(dst), where);
                assertTrue(Ip.exec(src, "link", "show", "v0").exitCode() != 0, where + ": v0 is still in the source");
                assertEquals(List.of(), journals(from), where + ": a journal is left");
            }
        } finally {
            Netns.delete(from);
            Netns.delete(to);
        }
    }

    /** v0 in the target: its flags, MTU, alias, MAC, addresses and the routes through it (what a move must carry). */
    private static String movedState(Netns ns) {
        return links(Ip.run(ns, "-o", "link", "show", "v0")) + Ip.run(ns, "-o", "link", "show", "v0").replaceAll(".*link/ether (\\S+).*", "$1")
                + Ip.run(ns, "-o", "addr", "show", "dev", "v0").replaceAll("^\\d+: ", "").replaceAll("(?m)^\\d+: ", "")
                    .replaceAll("valid_lft.*", "").replaceAll("(?m)^.*fe80::.*$\n?", "")
                + Ip.run(ns, "route", "show", "table", "all", "dev", "v0").replaceAll("(?m)^.*fe80::.*$\n?", "")
                + Ip.run(ns, "route", "show", "198.18.52.0/24") + Ip.run(ns, "-6", "route", "show", "fd00:50::/64");
    }

    private static List<String> journals(String source) throws Exception {
        Path dir = Path.of("/run/jnetns/move");
        long inode = Netns.inodeOf(Netns.RUN_DIR.resolve(source));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(inode + "-")).toList();
        }
    }

    @Test
    void batch_killed_at_random_moments_then_the_same_batch_with_force_converges(@TempDir Path dir) throws Exception {
        String name = TAG + "-bt";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append("link add b").append(i).append(" type veth peer name c").append(i).append('\n')
                    .append("link set b").append(i).append(" up mtu ").append(1300 + i).append('\n')
                    .append("addr add 198.18.").append(100 + i).append(".1/24 dev b").append(i).append('\n')
                    .append("route add 198.19.").append(i).append(".0/24 via 198.18.").append(100 + i).append(".2\n");
        }
        Path batch = dir.resolve("batch");
        Files.writeString(batch, lines.toString());
        try (Netns ns = Netns.createNamed(name)) {
            long full = duration("-n", name, "-batch", batch.toString());
            String reference = settledState(List.of(name));
            long start = duration("version");
            Random random = new Random(SEED + 2);
            System.out.println("CrashTest -batch: seed " + SEED + ", " + KILLS + " kills in " + start + ".." + full + " ms");
            for (int k = 0; k < KILLS; k++) {
                Ip.command(List.of("nsenter", "--net=" + ns.path(), "ip", "-force", "-batch", "-"), flush());
                long at = start / 2 + (long) (random.nextDouble() * (full + 100 - start / 2));
                String where = "seed " + SEED + " kill " + k + " at " + at + " ms";
                killAfter(at, null, "-n", name, "-batch", batch.toString());
                Ip.Result again = CliProcess.run(null, "-force", "-n", name, "-batch", batch.toString());
                assertTrue(again.exitCode() == 0 || again.err().contains("(EEXIST)"), where + ": " + again.err());
                assertEquals(reference, stateAsExpected(List.of(name), reference), where);
            }
        } finally {
            Netns.delete(name);
        }
    }

    /** ip -batch lines that delete every device the batch makes (absent ones fail, ignored with -force). */
    private static String flush() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("link del b").append(i).append('\n');
        }
        return sb.toString();
    }

    static {
        try {
            Files.createDirectories(Netns.RUN_DIR);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
