package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Fixtures;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every object and verb of the CLI run without privilege, inside a namespace of the test: as the
 * unprivileged user nobody, and as root without CAP_NET_ADMIN and CAP_SYS_ADMIN (setpriv). A
 * command that changes something fails with ip's exit code for it (1 for {@code netns add|del} and a
 * failed {@code -batch}, 2 otherwise) and one line naming the missing privilege, and
 * changes nothing (checked with ip as root); a command that only reads works as {@code ip} does
 * for the same user.
 */
class NonRootTest {
    private static final String TAG = "nr-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String NS = TAG + "-t";
    private static final String PEER = TAG + "-p";
    private static Path dir;
    private static Netns ns;
    private static Netns peer;

    /** The two ways of lacking privilege. */
    private static final Map<String, List<String>> USERS = Map.of(
            "nobody", List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"),
            "root without CAP_NET_ADMIN and CAP_SYS_ADMIN", List.of("setpriv", "--bounding-set=-net_admin,-sys_admin",
                    "--inh-caps=-net_admin,-sys_admin"));

    /** Commands that change something: each must be refused. */
    private static final List<String> CHANGES = List.of(
            "link add x0 type bridge", "link add x1 type veth peer name x2", "link add tap9 type tap",
            "link set v0 mtu 1400", "link set v0 down", "link set v0 name v9", "link del v1",
            "link move v0 netns " + PEER, "link set v1 netns " + PEER,
            "address add 198.18.9.1/24 dev v0", "address del 198.18.0.1/24 dev v0",
            "address replace 198.18.0.1/24 dev v0", "address flush dev v0",
            "route add 198.18.20.0/24 dev v0", "route del 198.18.10.0/24", "route replace 198.18.10.0/24 dev v0",
            "neigh add 198.18.0.9 lladdr 02:00:00:00:00:09 dev v0", "neigh del 198.18.0.7 dev v0",
            "neigh replace 198.18.0.7 lladdr 02:00:00:00:00:17 dev v0",
            "rule add from 198.18.0.0/24 table 100 prio 1000", "rule del prio 1001",
            "netns add " + TAG + "-new", "netns del " + PEER, "netns exec " + PEER + " true",
            "-n " + PEER + " link show", "-n " + PEER + " monitor", "netns export " + PEER,
            "apply @FILE", "diff @FILE", "destroy @FILE", "-batch @BATCH");

    /** The commands ip fails with exit 1, not 2, when refused (checked with ip 6.1 as both users). */
    private static final List<String> EXIT_1 = List.of("netns add ", "netns del ", "-batch ");

    /** Commands that only read the process's own namespace: each works as ip's does. */
    private static final List<String> READS = List.of(
            "link show", "address show", "route show", "route get 198.18.0.5", "neigh show", "rule show",
            "netns list", "netns identify", "version");

    @BeforeAll
    static void setUp() throws Exception {
        ns = Netns.createNamed(NS);
        peer = Netns.createNamed(PEER);
        ns.setSysctl("net.ipv6.conf.default.accept_dad", "0");   // no tentative link-local addresses turning final later
        ns.setSysctl("net.ipv6.conf.all.accept_dad", "0");
        Ip.batch(ns, String.join("\n", "link add v0 type veth peer name v1", "link set v0 up", "link set v1 up",
                "addr add 198.18.0.1/24 dev v0", "route add 198.18.10.0/24 via 198.18.0.2",
                "neigh add 198.18.0.7 lladdr 02:00:00:00:00:07 dev v0", "rule add to 198.18.5.0/24 table main prio 1001", ""));
        Fixtures.settle(ns);   // carrier and IPv6 link-local addresses come later: "nothing changed" must not see them
        dir = Files.createTempDirectory("jnetns-nonroot");
        // everything the child JVM reads, readable by nobody (the local Maven repository is not)
        Path cp = dir.resolve("cp");
        copyTree(Path.of(System.getProperty("jnetns.build.dir", "target")).resolve("classes"), cp.resolve("classes"));
        for (String e : System.getProperty("java.class.path").split(":")) {
            if (e.contains("/jna-") && e.endsWith(".jar")) {
                Files.copy(Path.of(e), cp.resolve("jna.jar"));
            }
        }
        Files.writeString(dir.resolve("t.json"), "{\"namespaces\": {\"" + PEER + "\": {\"links\": [{\"name\": \"lo\", \"mtu\": 1300}]},"
                + " \"" + TAG + "-new\": {}}}");
        Files.writeString(dir.resolve("batch"), "link add x3 type bridge\n");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        // where JNA unpacks its native library, writable by both users (as /tmp)
        Files.setPosixFilePermissions(Files.createDirectory(dir.resolve("tmp")), PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        ns.close();
        peer.close();
        Netns.delete(NS);
        Netns.delete(PEER);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** {@code jnetns ARGS} run by {@code user} inside the test namespace (killed after 60 s: exit 124). */
    private static Ip.Result jnetns(List<String> user, String args) {
        Path cp = dir.resolve("cp");
        List<String> cmd = new ArrayList<>(List.of("timeout", "60", "nsenter", "--net=" + ns.path()));
        cmd.addAll(user);
        cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                "-Duser.home=" + dir, "-Djna.tmpdir=" + dir.resolve("tmp"), "-Djava.io.tmpdir=" + dir.resolve("tmp")));
        String backend = System.getProperty("jnetns.backend", "");
        if (!backend.isEmpty()) {
            cmd.add("-Djnetns.backend=" + backend);
        }
        cmd.addAll(List.of("-cp", cp.resolve("classes/META-INF/versions/22") + ":" + cp.resolve("classes") + ":"
                + cp.resolve("jna.jar"), "dev.jnetns.cli.Main"));
        for (String a : args.split(" ")) {
            cmd.add(a.replace("@FILE", dir.resolve("t.json").toString()).replace("@BATCH", dir.resolve("batch").toString()));
        }
        return Ip.command(cmd, null);
    }

    /** {@code ip ARGS} run by {@code user} inside the test namespace. */
    private static Ip.Result ip(List<String> user, String args) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + ns.path()));
        cmd.addAll(user);
        cmd.add("ip");
        cmd.addAll(List.of(args.split(" ")));
        return Ip.command(cmd, null);
    }

    /** What root sees: both namespaces, the names under /run/netns. */
    private static String state() throws Exception {
        StringBuilder sb = new StringBuilder(String.join(",", Netns.names().stream().filter(n -> n.startsWith(TAG)).sorted().toList()));
        for (Netns n : List.of(ns, peer)) {
            sb.append(Ip.run(n, "-d", "link", "show")).append(Ip.run(n, "addr", "show")).append(Ip.run(n, "route", "show", "table", "all"))
                    .append(Ip.run(n, "neigh", "show")).append(Ip.run(n, "rule", "show"));
        }
        return sb.toString();
    }

    /** The output, or for {@code netns list} the lines of this test's namespaces. */
    private static String ours(String out) {
        return out.lines().anyMatch(l -> l.startsWith(TAG)) ? String.join("\n", out.lines().filter(l -> l.startsWith(TAG)).toList()) : out;
    }

    @TestFactory
    Stream<DynamicTest> every_change_is_refused_with_one_line_naming_the_privilege_and_changes_nothing() {
        return USERS.entrySet().stream().flatMap(u -> CHANGES.stream().map(c -> DynamicTest.dynamicTest(u.getKey() + ": " + c, () -> {
            String before = state();
            Ip.Result r = jnetns(u.getValue(), c);
            assertEquals(EXIT_1.stream().anyMatch(c::startsWith) ? 1 : 2, r.exitCode(), r.err());
            // one line, and after a batch's failure the line ip adds, "Command failed FILE:LINE"
            List<String> lines = r.err().lines().toList();
            assertEquals(c.startsWith("-batch") ? 2 : 1, lines.size(), r.err());
            assertTrue(lines.get(0).matches("jnetns: .*: needs (CAP_NET_ADMIN|CAP_SYS_ADMIN|root)( \\(rolled back\\))?"), r.err());
            assertEquals(before, state(), "nothing changed");
        })));
    }

    @TestFactory
    Stream<DynamicTest> every_read_works_as_ip_does_for_the_same_user() {
        return USERS.entrySet().stream().flatMap(u -> READS.stream().map(c -> DynamicTest.dynamicTest(u.getKey() + ": " + c, () -> {
            Ip.Result r = jnetns(u.getValue(), c);
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("", r.err());
            if (!c.equals("version") && !c.startsWith("netns identify")) {
                Ip.Result theirs = ip(u.getValue(), c);
                assertEquals(0, theirs.exitCode(), theirs.err());
                // other programs add and delete namespaces meanwhile: compare this test's own
                assertEquals(ours(theirs.out()), ours(r.out()), c);
            }
        })));
    }
}
