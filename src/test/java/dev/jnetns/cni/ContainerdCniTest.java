package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * containerd 1.6 (Debian's) runs containers on a jnetns conflist with {@code ctr run --cni}, which
 * drives the plugin through go-cni, the library containerd's CRI plugin uses for Kubernetes pods.
 * Everything runs in a throwaway network + mount + pid namespace ("inside") with a private /run,
 * /opt/cni/bin, /etc/cni/net.d and /var/lib/cni and a containerd of its own (config, root and state
 * under a temporary directory); a jnetns daemon serves the calls made inside. Checked like the
 * podman test: addresses, routes, traffic between two containers, and nothing left after they go,
 * once through the daemon and once with the shim running the plugin in-process.
 */
class ContainerdCniTest {
    private static final Path ROOTFS = Path.of("/var/cache/jnetns/bookworm-rootfs.tar");
    private static final String IMAGE = "localhost/jnetns-ctr-test:1";
    /** containerd's namespace for this run: also the parent cgroup runc makes. */
    private static final String NAMESPACE = "jnetns-ctr-" + ProcessHandle.current().pid();

    private static Path work;
    private static Process holder;
    private static long inside;   // the pid (in the host's pid namespace) of the shell holding the namespaces

    @BeforeAll
    static void startContainerd() throws Exception {
        for (String tool : List.of("containerd", "ctr", "runc", "unshare", "nsenter")) {
            assertEquals(0, Ip.command(List.of("sh", "-c", "command -v " + tool), null).exitCode(),
                    tool + " missing: apt-get install containerd runc util-linux");
        }
        assertTrue(Files.isRegularFile(ROOTFS), ROOTFS + " missing: run docker/bootstrap.sh rootfs");
        assertTrue(Files.isDirectory(Path.of("/etc/cni/net.d")), "/etc/cni/net.d missing (podman's package makes it)");
        Files.createDirectories(Path.of("/var/lib/cni"));   // bound over inside; podman's cache lives there anyway
        work = Files.createTempDirectory("jnetns-ctr");
        for (String d : List.of("net.d", "lib", "opt", "state-cni")) {
            Files.createDirectories(work.resolve(d));
        }
        CniRig.install(work.resolve("bin"));
        Files.writeString(work.resolve("config.toml"), String.join("\n",
                "version = 2",
                "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
                "root = \"" + work.resolve("root") + "\"",
                "state = \"" + work.resolve("state") + "\"",
                "[grpc]",
                "  address = \"" + work.resolve("containerd.sock") + "\"",
                "[plugins.\"io.containerd.internal.v1.opt\"]",
                "  path = \"" + work.resolve("opt") + "\"", ""));
        Path script = work.resolve("inside.sh");
        Files.writeString(script, String.join("\n",
                "set -eu",
                "W=" + work,
                "mount -t tmpfs jnetns-ctr-run /run   # containerd's fixed shim and fifo paths, runc's state",
                "mkdir -p /run/containerd",
                "mount --bind \"$W/net.d\" /etc/cni/net.d",
                "mount -t tmpfs jnetns-ctr-opt /opt",
                "mkdir -p /opt/cni/bin",
                "mount --bind \"$W/bin\" /opt/cni/bin",
                "mount --bind \"$W/lib\" /var/lib/cni",
                "ip link set lo up",
                "containerd --config \"$W/config.toml\" > \"$W/containerd.log\" 2>&1 &",
                String.join(" ", CniRig.java("cni-daemon", "--socket", work.resolve("cni.sock").toString()))
                        + " 2> \"$W/daemon.log\" &",
                "echo ready",
                "wait", ""));
        holder = new ProcessBuilder("unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc",
                "--propagation", "private", "sh", script.toString()).redirectErrorStream(true).start();
        String ready = new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
        assertEquals("ready\n", ready, "the inside shell did not start");
        inside = holder.children().findFirst().orElseThrow().pid();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run("ctr", "version").exitCode() != 0 || !Files.exists(work.resolve("cni.sock"))) {
            if (System.nanoTime() > end) {
                fail("containerd or the daemon did not start: " + Files.readString(work.resolve("containerd.log"))
                        + Files.readString(work.resolve("daemon.log")));
            }
            Thread.sleep(200);
        }
        importImage();
    }

    /** The OCI layout of the rootfs tarball (one uncompressed layer), streamed into ctr image import. */
    private static void importImage() throws Exception {
        Path blobs = Files.createDirectories(work.resolve("oci").resolve("blobs").resolve("sha256"));
        String layer = sha256(ROOTFS);
        Files.createLink(blobs.resolve(layer), ROOTFS);
        String config = blob(blobs, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/local/sbin:"
                + "/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"/bin/bash\"]},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"sha256:" + layer + "\"]}}");
        String manifest = blob(blobs, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + config
                + "\",\"size\":" + Files.size(blobs.resolve(config)) + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:" + layer + "\",\"size\":"
                + Files.size(ROOTFS) + "}]}");
        Files.writeString(work.resolve("oci").resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + manifest + "\",\"size\":"
                + Files.size(blobs.resolve(manifest)) + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
                + IMAGE + "\"}}]}");
        Files.writeString(work.resolve("oci").resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Ip.Result r = run("sh", "-c", "tar -C " + work.resolve("oci") + " -c oci-layout index.json blobs | ctr image import -");
        assertEquals(0, r.exitCode(), "ctr image import: " + r.out() + r.err());
    }

    private static String blob(Path blobs, String json) throws Exception {
        Path tmp = blobs.resolve("tmp");
        Files.writeString(tmp, json);
        String digest = sha256(tmp);
        Files.move(tmp, blobs.resolve(digest));
        return digest;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @AfterAll
    static void stopContainerd() throws Exception {
        if (holder != null) {
            run("sh", "-c", "for t in $(ctr task ls -q); do ctr task kill -s KILL $t; done; sleep 0.5;"
                    + " for c in $(ctr containers ls -q); do ctr task rm -f $c; ctr containers rm $c; done");
            long daemon = daemonPid();
            Ip.command(List.of("kill", "-TERM", String.valueOf(daemon)), null);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ProcessHandle.of(daemon).isPresent() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            boolean stopped = ProcessHandle.of(daemon).isEmpty();
            List<String> log = Files.readAllLines(work.resolve("daemon.log"));
            Ip.command(List.of("kill", "-KILL", String.valueOf(inside)), null);   // pid 1 there: all inside goes with it
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
            assertTrue(stopped, "the daemon stops on SIGTERM");
            assertTrue(log.get(log.size() - 1).endsWith("stopped (0 calls unfinished)"), String.join("\n", log));
        }
        try (Stream<Path> cgroups = Files.list(Path.of("/sys/fs/cgroup"))) {   // runc leaves the empty parent
            for (Path c : cgroups.map(c -> c.resolve(NAMESPACE)).filter(Files::isDirectory).toList()) {
                Files.deleteIfExists(c);   // cpu and cpuacct may be one hierarchy under two names
            }
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static long daemonPid() {
        return holder.descendants().filter(p -> p.info().arguments().map(a -> List.of(a).contains("cni-daemon"))
                .orElse(false)).findFirst().orElseThrow().pid();
    }

    /** A command inside (its namespaces), with containerd's address and namespace set. */
    private static Ip.Result run(String... cmd) {
        return Ip.command(inside(cmd), null);
    }

    private static List<String> inside(String... cmd) {
        List<String> c = new ArrayList<>(List.of("env", "CONTAINERD_ADDRESS=" + work.resolve("containerd.sock"),
                "CONTAINERD_NAMESPACE=" + NAMESPACE, "nsenter", "-t", String.valueOf(inside), "-n", "-m", "-p"));
        c.addAll(List.of(cmd));
        return c;
    }

    private static String ok(String... cmd) {
        Ip.Result r = run(cmd);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.out() + r.err());
        return r.out();
    }

    /** The conflist, bridge mode with tuning chained, served by the daemon or (no daemon there) in-process. */
    private static void network(Path socket) throws IOException {
        Files.writeString(work.resolve("net.d").resolve("10-jnetns.conflist"), "{\"cniVersion\":\"1.0.0\","
                + "\"name\":\"jnctr\",\"plugins\":[{\"type\":\"jnetns\",\"daemonSocket\":\"" + socket + "\",\"stateDir\":\""
                + work.resolve("state-cni") + "\",\"mode\":\"bridge\",\"bridge\":\"jnctr0\",\"ipam\":{\"type\":\"host-local\","
                + "\"ranges\":[[{\"subnet\":\"198.18.50.0/24\"}]],\"routes\":[{\"dst\":\"198.19.0.0/16\"}]}},"
                + "{\"type\":\"tuning\",\"mtu\":1400}]}");
    }

    /** ctr run --rm --cni in the background: it runs DEL itself once the task is gone. */
    private static Process container(String name) throws IOException {
        return new ProcessBuilder(inside("ctr", "run", "--rm", "--cni", IMAGE, name, "sleep", "600"))
                .redirectErrorStream(true).start();
    }

    /** eth0 inside container {@code name} as iproute2 there sees it, once its task runs (after every ADD). */
    private static Map<?, ?> eth0(String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ok("ctr", "task", "ls").lines().anyMatch(l -> l.startsWith(name + " ") && l.endsWith("RUNNING"))) {
            if (System.nanoTime() > end) {
                fail("container " + name + " did not come up: " + ok("ctr", "task", "ls"));
            }
            Thread.sleep(200);
        }
        String out = ok("ctr", "task", "exec", "--exec-id", "look", name, "ip", "-j", "addr", "show", "eth0");
        return (Map<?, ?>) ((List<?>) JsonText.parse(out)).get(0);
    }

    private static String inet(Map<?, ?> link) {
        return ((List<?>) link.get("addr_info")).stream().map(a -> (Map<?, ?>) a)
                .filter(a -> "inet".equals(a.get("family"))).map(a -> a.get("local") + "/" + a.get("prefixlen"))
                .findFirst().orElse("none");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"daemon", "in-process"})
    void two_containers_talk_over_a_jnetns_bridge_and_leave_nothing(String via) throws Exception {
        Path socket = via.equals("daemon") ? work.resolve("cni.sock") : work.resolve("no-daemon.sock");
        network(socket);
        long served = calls();
        Process a = container("a-" + via);
        Process b = container("b-" + via);
        Map<?, ?> ea = eth0("a-" + via);
        Map<?, ?> eb = eth0("b-" + via);
        String ipA = inet(ea);
        String ipB = inet(eb);
        assertTrue(ipA.startsWith("198.18.50.") && ipA.endsWith("/24"), ipA);
        assertTrue(ipB.startsWith("198.18.50.") && !ipB.equals(ipA), ipB);
        assertEquals(1400L, ea.get("mtu"), "tuning ran after jnetns");
        String routes = ok("ctr", "task", "exec", "--exec-id", "routes", "a-" + via, "ip", "route", "show");
        assertTrue(routes.contains("198.19.0.0/16 via 198.18.50.1 dev eth0"), routes);
        ok("ctr", "task", "exec", "--exec-id", "ping", "a-" + via, "ping", "-c", "1", "-W", "2", ipB.replace("/24", ""));
        ok("ping", "-c", "1", "-W", "2", ipA.replace("/24", ""));   // the bridge, inside's side, reaches it
        assertEquals(List.of("jnctr0"), bridges());

        for (String name : List.of("a-" + via, "b-" + via)) {
            ok("ctr", "task", "kill", "-s", "KILL", name);
        }
        for (Process p : List.of(a, b)) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ctr run --rm did not end");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.exitValue() == 137 || p.exitValue() == 0, "ctr run: " + p.exitValue() + " " + out);
        }
        assertEquals(List.of("lo"), devices(), "no host end, no bridge left inside");
        assertEquals("", ok("ctr", "containers", "ls", "-q"));
        assertEquals(List.of(), CniRig.leases(work.resolve("lib").resolve("networks").resolve("jnctr")));
        assertEquals(List.of(), CniRig.files(work.resolve("state-cni").resolve("jnctr")));
        assertEquals(List.of(), CniRig.files(work.resolve("lib").resolve("results")), "go-cni's cached results");
        assertEquals(via.equals("daemon") ? 4 : 0, calls() - served, "ADD and DEL of two containers by the daemon");
    }

    /** The calls of network jnctr the daemon inside logged. */
    private static long calls() throws IOException {
        return Files.readAllLines(work.resolve("daemon.log")).stream().filter(l -> l.contains(" net=jnctr ")).count();
    }

    private static List<String> devices() {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) JsonText.parse(ok("ip", "-j", "link", "show"))) {
            out.add((String) ((Map<?, ?>) o).get("ifname"));
        }
        return out;
    }

    private static List<String> bridges() {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) JsonText.parse(ok("ip", "-j", "link", "show", "type", "bridge"))) {
            out.add((String) ((Map<?, ?>) o).get("ifname"));
        }
        return out;
    }
}
