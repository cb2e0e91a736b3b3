package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.testutil.CliProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code route|addr|rule save}, {@code restore} and {@code showdump} against ip in real namespaces:
 * a random-ish state built by ip is saved by both tools and the files compared byte for byte (but
 * for each message's nlmsg_seq and nlmsg_pid, the sequence number and port of the saving process's
 * socket, which differ between two runs of ip itself); each tool restores its own file into a
 * fresh namespace and the two states are compared as {@code ip -d -j} prints them; each tool shows
 * both files; bad input gets ip's message and exit code.
 */
class SaveRestoreTest {
    private static final String TAG = "jnetns-saves-t" + UUID.randomUUID().toString().substring(0, 6);
    private static final String SRC = TAG + "-src";
    private static final long SEED = Long.getLong("saves.seed", System.nanoTime());
    private static Path dir;
    private static final List<String> MADE = new ArrayList<>();

    /** One run: exit code, stdout bytes, stderr text. */
    record Run(int rc, byte[] out, String err) {
    }

    @BeforeAll
    static void build() throws IOException {
        dir = Files.createTempDirectory("saves");
        namespace(SRC);
        Random rnd = new Random(SEED);
        List<String> batch = new ArrayList<>();
        batch.add("address add 198.18.0.1/24 dev d0");
        batch.add("address add 198.18.0.9/24 dev d0 label d0:x");   // a secondary with a label
        batch.add("address add 198.18.1.1/24 peer 198.18.1.2 dev d1");
        batch.add("address add fd00::1/64 dev d0");
        batch.add("address add fd00:1::1/64 dev d1 noprefixroute");
        for (int i = 0; i < 6; i++) {
            int net = 10 + rnd.nextInt(200);
            batch.add("address add 198.19." + net + "." + (1 + rnd.nextInt(250)) + "/" + (24 + rnd.nextInt(8))
                    + " dev d" + rnd.nextInt(2) + (rnd.nextBoolean() ? " metric " + rnd.nextInt(1000) : ""));
        }
        for (int i = 0; i < 12; i++) {
            String prefix = "198.19." + (rnd.nextInt(250)) + ".0/24";
            String table = rnd.nextInt(3) == 0 ? " table " + (100 + rnd.nextInt(3)) : "";
            String metric = " metric " + rnd.nextInt(5000);
            switch (rnd.nextInt(5)) {
                case 0 -> batch.add("route replace " + prefix + " via 198.18.0." + (2 + rnd.nextInt(200)) + table + metric);
                case 1 -> batch.add("route replace " + prefix + " dev d0 src 198.18.0.1" + table + metric);
                case 2 -> batch.add("route replace " + (rnd.nextBoolean() ? "blackhole " : "unreachable ") + prefix
                        + table + metric);
                case 3 -> batch.add("route replace " + prefix + table + metric + " nexthop via 198.18.0.2 weight "
                        + (1 + rnd.nextInt(9)) + " nexthop via 198.18.1.2 dev d1");
                default -> batch.add("route replace " + prefix + " via 198.18.0.3 mtu " + (1280 + rnd.nextInt(200))
                        + " proto static" + table + metric);
            }
            batch.add("route replace fd00:" + Integer.toHexString(2 + rnd.nextInt(4000)) + "::/64 via fd00::"
                    + Integer.toHexString(2 + rnd.nextInt(200)) + metric);
        }
        batch.add("route add 198.18.0.9 dev d0 src 198.18.0.9");   // restored in ip's first pass
        batch.add("route add blackhole 198.19.255.0/24 table 100");   // one of each kind the saves select
        batch.add("route add 198.19.254.0/24 via 198.18.0.3 proto static mtu 1400");
        for (int i = 0; i < 5; i++) {
            int pref = 100 + rnd.nextInt(30000);
            batch.add("rule add from 198.19." + rnd.nextInt(250) + ".0/24 table " + (100 + rnd.nextInt(3)) + " pref " + pref);
            batch.add("-6 rule add to fd00:" + Integer.toHexString(rnd.nextInt(4000)) + "::/64 fwmark " + rnd.nextInt(100)
                    + " table 100 pref " + pref);
        }
        for (String line : batch) {
            List<String> cmd = new ArrayList<>(List.of("ip", "-n", SRC));
            cmd.addAll(Arrays.asList(line.split(" ")));
            Run r = run(cmd, null);
            assertEquals(0, r.rc, line + " (seed " + SEED + "): " + r.err);
        }
    }

    @AfterAll
    static void clean() {
        for (String ns : MADE) {
            run(List.of("ip", "netns", "del", ns), null);
        }
    }

    /** The commands that save, each as both tools run it. */
    private static final List<String> SAVES = List.of("route save", "route save table all", "-6 route save table all",
            "route save table 100", "route save dev d0", "route save proto static", "route save table all type blackhole",
            "-4 route save table all root 198.19.0.0/16", "addr save", "-6 addr save", "-4 addr save dev d1",
            "rule save", "-6 rule save");

    @Test
    void savesAsIp() {
        for (String save : SAVES) {
            Run ip = ip(SRC, save, null);
            Run ours = jnetns(SRC, save, null);
            String what = save + " (seed " + SEED + ")";
            assertEquals(0, ip.rc, what + ": " + ip.err);
            assertEquals(ip.rc, ours.rc, what + ": " + ours.err);
            assertEquals("", ours.err, what);
            assertTrue(ip.out.length > 4, what);
            assertArrayEquals(masked(ip.out), masked(ours.out), what);
        }
    }

    @Test
    void restoresAsIp() throws IOException {
        String[] objects = {"addr", "route", "rule", "-6 rule"};
        String viaIp = TAG + "-ip";
        String viaUs = TAG + "-us";
        namespace(viaIp);
        namespace(viaUs);
        for (String o : objects) {
            String save = o.equals("route") ? "route save table all" : o + " save";
            Path ipFile = file(o + "-ip", ip(SRC, save, null).out);
            Path ourFile = file(o + "-us", jnetns(SRC, save, null).out);
            String restore = o + " restore";
            Run a = ip(viaIp, restore, ipFile);
            Run b = jnetns(viaUs, restore, ourFile);
            assertEquals(a.rc, b.rc, restore + " (seed " + SEED + "): " + a.err + " / " + b.err);
            assertEquals(lines(a.err), lines(b.err), restore + ": as many records that exist (EEXIST) reported");
        }
        // a second restore finds every record there: ip goes on past each EEXIST
        Run again = jnetns(viaUs, "route restore", file("route-us", jnetns(SRC, "route save table all", null).out));
        assertEquals(ip(viaIp, "route restore", file("route-ip", ip(SRC, "route save table all", null).out)).rc,
                again.rc, again.err);
        for (String show : List.of("-d -j addr show", "-d -j route show table all", "-d -j -6 route show table all",
                "-d -j rule show", "-d -j -6 rule show")) {
            assertEquals(text(ip(viaIp, show, null).out), text(ip(viaUs, show, null).out), show + " (seed " + SEED + ")");
        }
    }

    @Test
    void showsDumpsAsIp() {
        Path routes = file("routes-show", jnetns(SRC, "route save table all", null).out);
        Path routesIp = file("routes-show-ip", ip(SRC, "route save table all", null).out);
        Path v6 = file("routes6-show", jnetns(SRC, "-6 route save table all", null).out);
        Path addrs = file("addrs-show", jnetns(SRC, "addr save", null).out);
        Path addrsIp = file("addrs-show-ip", ip(SRC, "addr save", null).out);
        for (String show : List.of("route showdump", "-6 route showdump", "-4 route showdump", "-d route showdump",
                "-j route showdump", "-o route showdump")) {
            for (Path f : List.of(routes, routesIp, v6)) {
                same(show, f);
            }
        }
        for (String show : List.of("addr showdump", "-j addr showdump", "-j -p addr showdump", "-o addr showdump",
                "-br addr showdump", "-br -o addr showdump", "-d -s addr showdump")) {
            for (Path f : List.of(addrs, addrsIp)) {
                same(show, f);
            }
        }
    }

    @Test
    void badInputAsIp() throws IOException {
        byte[] routes = ip(SRC, "route save table all", null).out;
        byte[] addrs = ip(SRC, "addr save", null).out;
        byte[] rules = ip(SRC, "rule save", null).out;
        Path empty = file("empty", new byte[0]);
        Path three = file("three", Arrays.copyOf(routes, 3));
        Path header = file("header", Arrays.copyOf(routes, 10));
        Path cut = file("cut", Arrays.copyOf(routes, 4 + 16 + 8));
        Path cutAddrs = file("cut-addrs", Arrays.copyOf(addrs, addrs.length - 2));
        Path cutRules = file("cut-rules", Arrays.copyOf(rules, 4 + 20));
        byte[] big = Arrays.copyOf(routes, 4 + 16);
        ByteBuffer.wrap(big).order(ByteOrder.nativeOrder()).putInt(4, 20000);
        Path malformed = file("malformed", big);
        Path routeFile = file("routes", routes);
        Path addrFile = file("addrs", addrs);
        Path ruleFile = file("rules", rules);
        String ns = TAG + "-bad-ip";
        String ours = TAG + "-bad-us";
        namespace(ns);
        namespace(ours);
        for (Path f : List.of(empty, three, header, cut, malformed, addrFile, ruleFile)) {
            sameFailure(ns, ours, "route showdump", f);
            sameFailure(ns, ours, "route restore", f);
        }
        for (Path f : List.of(empty, three, cutAddrs, malformed, routeFile, ruleFile)) {
            sameFailure(ns, ours, "addr showdump", f);
            sameFailure(ns, ours, "addr restore", f);
        }
        for (Path f : List.of(empty, three, cutRules, malformed, routeFile, addrFile)) {
            sameFailure(ns, ours, "rule restore", f);
        }
        sameFailure(ns, ours, "rule save x", null);
        sameFailure(ns, ours, "route save table foo", null);   // the magic is written first
        sameFailure(ns, ours, "route save table 199", null);   // no such table: the kernel refuses
        sameFailure(ns, ours, "route save dev nosuch", null);
        sameFailure(ns, ours, "addr save dev nosuch", null);
        sameFailure(ns, ours, "addr save to", null);
        assertEquals(ip(ns, "rule showdump", routeFile).rc, jnetns(ours, "rule showdump", routeFile).rc, "no rule showdump");
        // route restore reads its file once per pass: a pipe cannot be read again
        Run a = run(List.of("sh", "-c", "cat " + routeFile + " | ip -n " + ns + " route restore"), null);
        Run b = run(List.of("sh", "-c", "cat " + routeFile + " | " + String.join(" ", jnetnsCommand(ours, "route restore"))),
                null);
        assertEquals(a.rc, b.rc, b.err);
        assertEquals("jnetns: " + a.err, b.err);
        assertEquals(text(ip(ns, "-d -j route show table all", null).out),
                text(ip(ours, "-d -j route show table all", null).out), "the same routes restored");
        assertEquals(text(ip(ns, "-d -j addr show", null).out), text(ip(ours, "-d -j addr show", null).out),
                "the same addresses restored");
    }

    /** {@code cmd} run by ip in {@code ns} and by jnetns in {@code ours} (built alike) fails alike: exit code, stdout, the message after "jnetns: ". */
    private static void sameFailure(String ns, String ours, String cmd, Path stdin) {
        Run a = ip(ns, cmd, stdin);
        Run b = jnetns(ours, cmd, stdin);
        String what = cmd + (stdin == null ? "" : " < " + stdin.getFileName());
        assertTrue(a.rc != 0, what + " fails in ip");
        assertEquals(a.rc, b.rc, what + ": " + b.err);
        assertArrayEquals(a.out, b.out, what);
        // ip's own messages, after "jnetns: "; a kernel error in jnetns's words (the request, the errno, the extack)
        String first = a.err.lines().findFirst().orElse("");
        if (first.startsWith("RTNETLINK answers") || first.startsWith("Error: ipv")) {
            assertTrue(b.err.startsWith("jnetns: "), what + ": " + b.err);   // ip adds "Dump terminated" after a dump's
        } else {
            assertEquals("jnetns: " + first, b.err.lines().findFirst().orElse(""), what);
        }
    }

    private static void same(String show, Path f) {
        Run a = ip(SRC, show, f);
        Run b = jnetns(SRC, show, f);
        String what = show + " < " + f.getFileName();
        assertEquals(a.rc, b.rc, what + ": " + b.err);
        assertEquals(text(a.out), text(b.out), what);
        assertEquals("", b.err, what);
    }

    /** The file's messages with nlmsg_seq and nlmsg_pid zeroed (what differs between two runs of ip). */
    private static byte[] masked(byte[] file) {
        byte[] out = file.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
        int at = 4;
        while (at + 16 <= out.length) {
            int len = b.getInt(at);
            assertTrue(len >= 16, "message length " + len);
            Arrays.fill(out, at + 8, at + 16, (byte) 0);
            at += (len + 3) & ~3;
        }
        assertEquals(out.length, at, "whole messages");
        return out;
    }

    private static int lines(String s) {
        return (int) s.lines().count();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Path file(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A namespace like the others: lo up, veth d0/d1 up with fixed MACs, no DAD nor link-local addresses. */
    private static void namespace(String ns) {
        MADE.add(ns);
        for (String line : List.of("netns add " + ns,
                "netns exec " + ns + " sysctl -q -w net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0"
                        + " net.ipv6.conf.default.addr_gen_mode=1 net.ipv6.conf.all.addr_gen_mode=1"
                        + " net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.all.router_solicitations=0",
                "-n " + ns + " link set lo up",
                "-n " + ns + " link add d0 address 02:00:00:00:00:10 type veth peer name d1 address 02:00:00:00:00:11",
                "-n " + ns + " link set d0 up", "-n " + ns + " link set d1 up")) {
            List<String> cmd = new ArrayList<>(List.of("ip"));
            cmd.addAll(Arrays.asList(line.split(" ")));
            Run r = run(cmd, null);
            assertEquals(0, r.rc, line + ": " + r.err);
        }
    }

    private static Run ip(String ns, String args, Path stdin) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(Arrays.asList(args.split(" ")));
        return run(cmd, stdin);
    }

    private static Run jnetns(String ns, String args, Path stdin) {
        return run(jnetnsCommand(ns, args), stdin);
    }

    private static List<String> jnetnsCommand(String ns, String args) {
        List<String> words = new ArrayList<>(List.of("-n", ns));
        words.addAll(Arrays.asList(args.split(" ")));
        return CliProcess.builder(words.toArray(new String[0])).command();
    }

    /** Runs {@code cmd}, stdin from {@code stdin} (a file: ip's route restore seeks in it) or empty. */
    private static Run run(List<String> cmd, Path stdin) {
        try {
            Path out = Files.createTempFile(dir, "out", ".bin");
            Path err = Files.createTempFile(dir, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.redirectInput(stdin != null ? stdin.toFile() : new java.io.File("/dev/null"));
            int rc = pb.start().waitFor();
            Run r = new Run(rc, Files.readAllBytes(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
