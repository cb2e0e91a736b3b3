package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.Ip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The daemon as a node runs it (jnetns cni-daemon, a child of the test JVM in the host's
 * namespaces) and the shim as runtimes start it (inside a throwaway "runtime" namespace): who is
 * served, what a bad request does, fifty calls at once, and a clean stop.
 */
class CniDaemonTest {
    @TempDir
    static Path daemonDir;
    private static DaemonProcess daemon;

    @TempDir
    Path dataDir;
    private Namespaces namespaces;
    private Netns runtime;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DaemonProcess.start(daemonDir.resolve("cni.sock"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.stop();
    }

    @BeforeEach
    void namespaces() throws Exception {
        namespaces = new Namespaces();
        runtime = namespaces.runtime;
    }

    @AfterEach
    void close() {
        namespaces.close();
    }

    private Netns container() throws Exception {
        return namespaces.container();
    }

    /** A veth-mode config with the given ipam section, served by {@code socket}. */
    private String config(Path socket, String ipam) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"jn-d\",\"type\":\"jnetns\",\"daemonSocket\":\"" + socket
                + "\",\"stateDir\":\"" + dataDir.resolve("state") + "\"," + ipam + "}";
    }

    private String staticConfig(String address) {
        return config(daemon.socket, "\"addresses\":[{\"address\":\"" + address + "/24\",\"gateway\":\"198.18.40.1\"}]");
    }

    /** The shim as a runtime starts it, inside {@code runtime}, with only CNI_* (and {@code prefix} before it). */
    private ProcessBuilder shim(String command, Netns ctr, String id, List<String> prefix) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "-i", "CNI_COMMAND=" + command, "CNI_CONTAINERID=" + id,
                "CNI_NETNS=" + ctr.path(), "CNI_IFNAME=eth0", "CNI_PATH=" + CniPluginTest.CNI_PATH, "/usr/bin/nsenter",
                "--net=" + runtime.path()));
        cmd.addAll(prefix);
        cmd.add(CniRig.shim().toString());
        return new ProcessBuilder(cmd);
    }

    private Ip.Result call(String command, Netns ctr, String id, String config, String... prefix) throws IOException {
        return Ip.command(shim(command, ctr, id, List.of(prefix)).command(), config);
    }

    private static Map<?, ?> ok(Ip.Result r) {
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return r.out().isBlank() ? Map.of() : (Map<?, ?>) JsonText.parse(r.out());
    }

    private List<String> records() throws IOException {
        return CniRig.files(dataDir.resolve("state").resolve("jn-d"));
    }

    private static long logged(String what) throws IOException {
        return daemon.log().stream().filter(l -> l.contains(what)).count();
    }

    @Test
    void the_socket_is_for_root_alone_and_a_second_daemon_does_not_take_it() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket)));
        assertEquals("root", Files.getOwner(daemon.socket).getName());
        Process second = new ProcessBuilder(CniRig.java("cni-daemon", "--socket", daemon.socket.toString()))
                .redirectErrorStream(true).start();
        String said = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, second.exitValue(), said);
        assertTrue(said.contains("a daemon answers at " + daemon.socket + " already"), said);
        Netns ctr = container();
        ok(call("ADD", ctr, "first", staticConfig("198.18.40.2")));
        ok(call("DEL", ctr, "first", staticConfig("198.18.40.2")));
    }

    @Test
    void a_caller_other_than_root_is_refused_and_nothing_changes() throws Exception {
        Netns ctr = container();
        Ip.Result r = call("ADD", ctr, "nobody", staticConfig("198.18.40.3"), "setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=+dac_override", "--ambient-caps=+dac_override");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        Map<?, ?> e = (Map<?, ?>) JsonText.parse(r.out());
        assertEquals(100L, e.get("code"));
        assertEquals("the jnetns CNI daemon serves uid 0 only, not uid 65534 (EPERM)", e.get("msg"));
        assertEquals(List.of("lo"), CniRig.devices(runtime));
        assertEquals(List.of("lo"), CniRig.devices(ctr));
        assertEquals(List.of(), records());
        assertEquals(1, logged("id=nobody"));
    }

    @Test
    void a_caller_in_another_mount_namespace_is_sent_back_and_served_in_process() throws Exception {
        Netns ctr = container();
        Map<?, ?> added = ok(call("ADD", ctr, "elsewhere", staticConfig("198.18.40.4"), "unshare", "--mount"));
        assertEquals("198.18.40.4/24", ((Map<?, ?>) ((List<?>) added.get("ips")).get(0)).get("address"));
        assertTrue(daemon.log().stream().anyMatch(l -> l.contains("id=elsewhere") && l.contains("sent back")),
                String.join("\n", daemon.log()));
        assertEquals(List.of("elsewhere:eth0"), records());
        CniRig.ping(runtime.path(), "198.18.40.4");
        ok(call("DEL", ctr, "elsewhere", staticConfig("198.18.40.4")));   // the daemon cleans what in-process made
        assertEquals(List.of("lo"), CniRig.devices(runtime));
        assertEquals(List.of("lo"), CniRig.devices(ctr));
        assertEquals(List.of(), records());
    }

    /**
     * Sends raw bytes as one connection (then, with {@code hangUp}, closes its sending side) and
     * reads what comes back until the daemon closes.
     */
    private static byte[] raw(byte[] request, boolean hangUp) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(daemon.socket));
            ch.write(ByteBuffer.wrap(request));
            if (hangUp) {
                ch.shutdownOutput();
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(4096);
            try {
                while (ch.read(b.clear()) > 0) {
                    got.write(b.array(), 0, b.position());
                }
            } catch (java.net.SocketException reset) {
                // closed with our bytes unread: a reset, not an answer
            }
            return got.toByteArray();
        }
    }

    private static byte[] framed(byte[] payload, int length) {
        return ByteBuffer.allocate(8 + payload.length).put("JNC1".getBytes(StandardCharsets.US_ASCII)).putInt(length)
                .put(payload).array();
    }

    @Test
    void bad_requests_are_logged_and_dropped_and_calls_go_on() throws Exception {
        long before = logged("bad request");
        byte[] nested = ("CNI_COMMAND=ADD\0CNI_CONTAINERID=deep\0CNI_IFNAME=eth0\0CNI_NETNS=/x\0CNI_PATH=/x\0\0"
                + "[".repeat(200_000)).getBytes(StandardCharsets.UTF_8);
        try (SocketChannel idle = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            idle.connect(UnixDomainSocketAddress.of(daemon.socket));   // says nothing while the others are served
            assertEquals(0, raw("hello, daemon\n".getBytes(StandardCharsets.US_ASCII), false).length);
            assertEquals(0, raw(framed(new byte[0], Integer.MAX_VALUE), false).length);
            assertEquals(0, raw(framed("CNI_".getBytes(StandardCharsets.US_ASCII), 100), true).length);
            assertEquals(0, raw(framed("NOEQUALSIGN\0\0{}".getBytes(StandardCharsets.US_ASCII), 15), false).length);
            assertEquals(0, raw(framed("A=1\0B=2".getBytes(StandardCharsets.US_ASCII), 7), false).length);
            byte[] deep = raw(framed(nested, nested.length), false);
            Map<?, ?> e = (Map<?, ?>) JsonText.parse(new String(deep, 13, deep.length - 13, StandardCharsets.UTF_8));
            assertEquals((long) CniException.DECODE, e.get("code"), e.toString());
            assertEquals('R', deep[4]);

            Netns ctr = container();
            ok(call("ADD", ctr, "after", staticConfig("198.18.40.5")));
            CniRig.ping(runtime.path(), "198.18.40.5");
            ok(call("DEL", ctr, "after", staticConfig("198.18.40.5")));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);   // the idle one is logged once it hangs up
        while (logged("bad request") - before < 6 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(6, logged("bad request") - before, String.join("\n", daemon.log()));
        assertTrue(daemon.process.isAlive());
    }

    @ParameterizedTest(name = "ipam {0}")
    @ValueSource(strings = {"host-local", "jnetns-host-local"})
    void fifty_concurrent_adds_get_distinct_addresses_and_fifty_dels_leave_nothing(String ipam) throws Exception {
        int n = 50;
        String conf = config(daemon.socket, "\"mode\":\"bridge\",\"bridge\":\"jnd50\",\"ipam\":{\"type\":\"" + ipam
                + "\",\"dataDir\":\"" + dataDir + "\",\"ranges\":[[{\"subnet\":\"198.18.41.0/24\"}]]}");
        List<Netns> ctrs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ctrs.add(container());
        }
        long served = logged(" net=jn-d ");
        List<String> addresses = new ArrayList<>();
        for (Ip.Result r : all("ADD", ctrs, conf)) {
            addresses.add((String) ((Map<?, ?>) ((List<?>) ok(r).get("ips")).get(0)).get("address"));
        }
        assertEquals(n, new HashSet<>(addresses).size(), addresses.toString());
        assertEquals(n, CniRig.leases(dataDir.resolve("jn-d")).size());
        assertEquals(n, records().size());
        assertEquals(n + 1, CniRig.devices(runtime).size() - 1, "the bridge and fifty host ends");
        CniRig.ping(ctrs.get(0).path(), addresses.get(n - 1).replace("/24", ""));

        for (Ip.Result r : all("DEL", ctrs, conf)) {
            ok(r);
        }
        assertEquals(List.of("lo"), CniRig.devices(runtime), "no host end, no bridge");
        for (Netns ctr : ctrs) {
            assertEquals(List.of("lo"), CniRig.devices(ctr));
        }
        assertEquals(List.of(), CniRig.leases(dataDir.resolve("jn-d")));
        assertEquals(List.of(), records());
        Ip.Result free = Ip.command(List.of("flock", "--nonblock", dataDir.resolve("jn-d").resolve("lock").toString(),
                "true"), null);
        assertEquals(0, free.exitCode(), "host-local's lock is free: " + free.err());
        assertEquals(2L * n, logged(" net=jn-d ") - served, "one log line per call");
    }

    /** One call per container, all started at once; their results in order. */
    private List<Ip.Result> all(String command, List<Netns> ctrs, String conf) throws Exception {
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < ctrs.size(); i++) {
            Process p = shim(command, ctrs.get(i), "many" + i, List.of()).start();
            running.add(p);
        }
        for (Process p : running) {
            p.getOutputStream().write(conf.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        List<Ip.Result> out = new ArrayList<>();
        for (Process p : running) {
            String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String e = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS));
            out.add(new Ip.Result(p.exitValue(), o, e));
        }
        return out;
    }

    @Test
    void sigterm_lets_running_calls_finish_then_the_socket_goes() throws Exception {
        Path socket = dataDir.resolve("stop.sock");
        DaemonProcess d = DaemonProcess.start(socket);
        List<Netns> ctrs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ctrs.add(container());
        }
        String conf = config(socket, "\"ipam\":{\"type\":\"host-local\",\"dataDir\":\"" + dataDir
                + "\",\"ranges\":[[{\"subnet\":\"198.18.42.0/24\"}]]}");
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < ctrs.size(); i++) {
            Process p = shim("ADD", ctrs.get(i), "stop" + i, List.of()).start();
            p.getOutputStream().write(conf.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            running.add(p);
        }
        Thread.sleep(20);
        d.stop();
        for (Process p : running) {   // served before the stop, or in-process after it
            assertTrue(p.waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(ctrs.size(), CniRig.leases(dataDir.resolve("jn-d")).size());
        for (int i = 0; i < ctrs.size(); i++) {
            ok(call("DEL", ctrs.get(i), "stop" + i, conf));
        }
        assertEquals(List.of("lo"), CniRig.devices(runtime));
        assertEquals(List.of(), CniRig.leases(dataDir.resolve("jn-d")));
        assertEquals(List.of(), records());
    }
}
