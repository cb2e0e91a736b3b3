package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.testutil.CliProcess;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Named namespaces: jnetns and iproute2 see, enter and delete each other's. */
class NetnsLifecycleTest {
    private final String name = "jnetns-test-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeLeftovers() throws Exception {
        if (Files.exists(Netns.RUN_DIR.resolve(name))) {
            Netns.delete(name);
        }
    }

    private static List<String> ipNames() {
        return Ip.command(List.of("ip", "netns", "list"), null).out().lines()
                .map(l -> l.replaceFirst(" \\(id: \\d+\\)$", "")).toList();
    }

    private static String ipExec(String ns, String... cmd) {
        List<String> c = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(cmd));
        Ip.Result r = Ip.command(c, null);
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    @Test
    void ip_sees_enters_and_deletes_what_jnetns_made() throws Exception {
        try (Netns ns = Netns.createNamed(name)) {
            assertTrue(ipNames().contains(name));
            assertTrue(Netns.names().contains(name));
            assertEquals("net:[" + ns.inode() + "]\n", ipExec(name, "readlink", "/proc/self/ns/net"));
        }
        Ip.Result del = Ip.command(List.of("ip", "netns", "del", name), null);
        assertEquals(0, del.exitCode(), del.err());
        assertFalse(Netns.names().contains(name));
        assertFalse(Files.exists(Netns.RUN_DIR.resolve(name)));
    }

    @Test
    void jnetns_sees_enters_and_deletes_what_ip_made() throws Exception {
        assertEquals(0, Ip.command(List.of("ip", "netns", "add", name), null).exitCode());
        assertTrue(Netns.names().contains(name));
        String ipInode = ipExec(name, "readlink", "/proc/self/ns/net");
        try (Netns ns = Netns.open(name)) {
            assertEquals("net:[" + ns.inode() + "]\n", ipInode);
        }
        Ip.Result viaCli = CliProcess.run(null, "netns", "exec", name, "readlink", "/proc/self/ns/net");
        assertEquals(0, viaCli.exitCode(), viaCli.err());
        assertEquals(ipInode, viaCli.out());
        Netns.delete(name);
        assertFalse(ipNames().contains(name));
        assertFalse(mounted(name));
    }

    @Test
    void exec_runs_with_the_namespace_sysfs_and_passes_stdio_and_exit_code() {
        Ip.Result add = CliProcess.run(null, "netns", "add", name);
        assertEquals(0, add.exitCode(), add.err());
        Ip.Result links = CliProcess.run(null, "netns", "exec", name, "ip", "-o", "link", "show");
        assertEquals(0, links.exitCode(), links.err());
        assertEquals(1, links.out().lines().count(), links.out());
        assertTrue(links.out().startsWith("1: lo: "), links.out());
        Ip.Result sys = CliProcess.run(null, "netns", "exec", name, "ls", "/sys/class/net");
        assertEquals("lo\n", sys.out());
        Ip.Result io = CliProcess.run("hello\n", "netns", "exec", name, "sh", "-c", "read l; echo got $l; echo oops >&2; exit 7");
        assertEquals(7, io.exitCode());
        assertEquals("got hello\n", io.out());
        assertEquals("oops\n", io.err());
        Ip.Result missing = CliProcess.run(null, "netns", "exec", name, "/nonexistent/cmd");
        assertEquals(1, missing.exitCode(), "as ip's");
        assertEquals("exec of \"/nonexistent/cmd\" failed: No such file or directory\n", missing.err());
        Ip.Result del = CliProcess.run(null, "netns", "del", name);
        assertEquals(0, del.exitCode(), del.err());
        assertFalse(Files.exists(Netns.RUN_DIR.resolve(name)));
    }

    @Test
    void list_ids_and_nsid_set_match_ip() throws Exception {
        try (Netns ns = Netns.createNamed(name); Netns home = Netns.current(); Rtnl rtnl = Rtnl.open()) {
            assertEquals(-1, rtnl.nsid(ns));
            Ip.Result set = CliProcess.run(null, "netns", "set", name, "4711");
            assertEquals(0, set.exitCode(), set.err());
            assertEquals(4711, rtnl.nsid(ns));
            assertTrue(rtnl.nsids().contains(4711));
            assertEquals(Ip.command(List.of("ip", "-j", "netns", "list"), null).out().trim(),
                    CliProcess.run(null, "-j", "netns", "list").out().trim());
            assertEquals(Ip.command(List.of("ip", "-j", "netns", "list-id"), null).out().trim(),
                    CliProcess.run(null, "-j", "netns", "list-id").out().trim());
            Ip.Result again = CliProcess.run(null, "netns", "set", name, "4712");
            assertEquals(2, again.exitCode());
            assertTrue(again.err().contains("(EEXIST)") || again.err().contains("nsid"), again.err());
        }
    }

    @Test
    void identify_and_pids() throws Exception {
        try (Netns ns = Netns.createNamed(name)) {
            Process p = ns.start(new ProcessBuilder("sleep", "30"));
            try {
                assertEquals(List.of(p.pid()), ns.pids());
                assertEquals(List.of(name), Netns.identify(p.pid()));
                Ip.Result ip = Ip.command(List.of("ip", "netns", "pids", name), null);
                assertEquals(p.pid() + "\n", ip.out());
                assertEquals(ip.out(), CliProcess.run(null, "netns", "pids", name).out());
                assertEquals(name + "\n", CliProcess.run(null, "netns", "identify", String.valueOf(p.pid())).out());
            } finally {
                p.destroy();
                p.waitFor();
            }
            assertEquals(List.of(), Netns.identify(ProcessHandle.current().pid()));
        }
    }

    @Test
    void sysctls_are_per_namespace_and_read_whole() throws Exception {
        String hostForward = Ip.command(List.of("cat", "/proc/sys/net/ipv4/ip_forward"), null).out().trim();
        try (Netns ns = Netns.createNamed(name)) {
            // a new namespace starts from the host's IPv4 settings (devconf_inherit_init_net 0): flip it
            String initial = ns.sysctl("net.ipv4.ip_forward");
            assertEquals(hostForward, initial);
            String flipped = initial.equals("0") ? "1" : "0";
            ns.setSysctl("net.ipv4.ip_forward", flipped);
            assertEquals(flipped, ns.sysctl("net.ipv4.ip_forward"));
            assertEquals(flipped + "\n", ipExec(name, "cat", "/proc/sys/net/ipv4/ip_forward"));
            assertEquals(ipExec(name, "cat", "/proc/sys/net/core/somaxconn").trim(), ns.sysctl("net.core.somaxconn"));
            assertTrue(ns.sysctl("net.core.somaxconn").length() > 1, "the whole value, not its first byte");
            ErrnoException missing = assertThrows(ErrnoException.class, () -> ns.sysctl("net.ipv4.no_such_key"));
            assertTrue(missing.is(Errno.ENOENT), missing.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ns.sysctl("../../etc/passwd"));
        }
        assertEquals(hostForward, Ip.command(List.of("cat", "/proc/sys/net/ipv4/ip_forward"), null).out().trim());
    }

    @Test
    void bad_names_are_usage_errors_and_create_nothing() throws IOException {
        List<String> before = listRun();
        for (String bad : List.of("", ".", "..", "a/b", "../escape", "x".repeat(256))) {
            Ip.Result r = CliProcess.run(null, "netns", "add", bad);
            assertEquals(255, r.exitCode(), "netns add '" + bad + "' (ip's exit(-1)): " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("jnetns: Invalid netns name \"" + bad + "\"\n", r.err());
        }
        assertThrows(IllegalArgumentException.class, () -> Netns.createNamed("nul\0byte"));
        assertEquals(List.of(), made(before), "nothing made under /run for a bad name");
        Ip.Result missing = CliProcess.run(null, "netns", "del", name);
        assertEquals(1, missing.exitCode(), "as ip's");
        assertEquals("jnetns: Cannot remove namespace file \"/run/netns/" + name
                + "\": No such file or directory\n", missing.err());
        Ip.Result noNs = CliProcess.run(null, "-n", name, "link", "show");
        assertEquals(255, noNs.exitCode());
        assertEquals(1, noNs.err().lines().count());
        Ip.Result twice = CliProcess.run(null, "netns", "add", name);
        assertEquals(0, twice.exitCode());
        Ip.Result exists = CliProcess.run(null, "netns", "add", name);
        assertEquals(1, exists.exitCode());
        assertEquals("jnetns: Cannot create namespace file \"/run/netns/" + name + "\": File exists\n",
                exists.err());
    }

    /**
     * What is under /run and /run/netns now and was not in {@code before}, apart from namespaces
     * other programs (other tests, the CI's own containers) mounted meanwhile: the one thing
     * tolerated is a new namespace file directly under /run/netns, never a plain file, a
     * directory, or anything elsewhere under /run.
     */
    private static List<String> made(List<String> before) throws IOException {
        List<String> made = new java.util.ArrayList<>();
        for (String p : listRun()) {
            Path path = Path.of(p);
            boolean othersNamespace = path.getParent().equals(Netns.RUN_DIR) && NetnsDir.onNsfs(path);
            if (!before.contains(p) && Files.exists(path) && !othersNamespace) {
                made.add(p);
            }
        }
        return made;
    }

    private static List<String> listRun() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/run"))) {
            List<String> top = new java.util.ArrayList<>(s.map(Path::toString).sorted().toList());
            if (Files.isDirectory(Netns.RUN_DIR)) {
                try (Stream<Path> n = Files.list(Netns.RUN_DIR)) {
                    n.map(Path::toString).sorted().forEach(top::add);
                }
            }
            return top;
        }
    }

    private static boolean mounted(String nsName) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(l -> l.contains("/run/netns/" + nsName + " "));
    }

    @Test
    void a_thousand_create_delete_cycles_leave_no_file_mount_or_fd() throws Exception {
        long fdsBefore = openFds();
        for (int i = 0; i < 1000; i++) {
            String n = name + "-" + i;
            try (Netns ns = Netns.createNamed(n)) {
                assertTrue(ns.inode() > 0);
            }
            Netns.delete(n);
        }
        try (Stream<Path> s = Files.list(Netns.RUN_DIR)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(name)).toList());
        }
        assertEquals(List.of(), Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(name)).toList());
        assertEquals(fdsBefore, openFds());
    }

    /** Descriptors of this JVM that hold a network namespace (what a leaked handle would be). */
    private static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.filter(p -> {
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    return target.startsWith("net:[") || target.startsWith("/run/netns/");
                } catch (IOException e) {
                    return false;   // closed meanwhile
                }
            }).count();
        }
    }
}
