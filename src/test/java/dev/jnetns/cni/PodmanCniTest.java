package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * podman 4 with its CNI backend runs containers on jnetns networks, one per mode. podman itself
 * runs inside a throwaway namespace (its "host" side is that namespace) with config, storage and
 * network configs of its own under a temporary directory; the image is the project's cached
 * Debian rootfs (docker/bootstrap.sh rootfs). The plugin is this build's shim: most networks name a
 * daemon started here, one names none, so that the shim runs the plugin in-process (also for the DEL
 * that conmon's cleanup process sends with an almost empty environment).
 */
class PodmanCniTest {
    private static final Path ROOTFS = Path.of("/var/cache/jnetns/bookworm-rootfs.tar");
    private static final String IMAGE = "localhost/jnetns-podman-test";

    private static Path work;
    private static Netns runtime;
    private static DaemonProcess daemon;

    @BeforeAll
    static void setUp() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "podman missing: apt-get install podman");
        assertTrue(Files.isRegularFile(ROOTFS), ROOTFS + " missing: run docker/bootstrap.sh rootfs");
        work = Files.createTempDirectory("jnetns-podman");
        Path bin = work.resolve("bin");
        CniRig.install(bin);
        Files.createDirectories(work.resolve("net.d"));
        daemon = DaemonProcess.start(work.resolve("cni.sock"));
        Files.writeString(work.resolve("containers.conf"), String.join("\n",
                "[containers]",
                "default_ulimits = [\"nofile=20000:20000\", \"nproc=32768:32768\"]",
                "[network]",
                "network_backend = \"cni\"",
                "cni_plugin_dirs = [\"" + bin + "\", \"/usr/lib/cni\"]",
                "network_config_dir = \"" + work.resolve("net.d") + "\"",
                "[engine]",
                "tmp_dir = \"" + work.resolve("tmp") + "\"", ""));
        Files.writeString(work.resolve("storage.conf"), "[storage]\ndriver = \"overlay\"\ngraphroot = \""
                + work.resolve("storage") + "\"\nrunroot = \"" + work.resolve("run") + "\"\n");
        runtime = Netns.create();
        podman("import", "-q", ROOTFS.toString(), IMAGE);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (runtime != null) {
            podman("rm", "-af", "-t", "0");
            podman("rmi", "-af");
            runtime.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs podman in the runtime namespace with this test's config; fails the test when it fails. */
    private static String podman(String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "CONTAINERS_CONF=" + work.resolve("containers.conf"),
                "CONTAINERS_STORAGE_CONF=" + work.resolve("storage.conf"), "nsenter", "--net=" + runtime.path(),
                "podman"));
        cmd.addAll(List.of(args));
        Ip.Result r = Ip.command(cmd, null);
        assertEquals(0, r.exitCode(), "podman " + String.join(" ", args) + ": " + r.out() + r.err());
        return r.out();
    }

    /** A conflist whose jnetns plugin is served by the daemon. */
    private static void network(String name, String plugin) throws IOException {
        network(name, plugin, daemon.socket);
    }

    /** A conflist whose jnetns plugin names {@code socket} as its daemon (the first plugin is jnetns). */
    private static void network(String name, String plugin, Path socket) throws IOException {
        Files.writeString(work.resolve("net.d").resolve(name + ".conflist"), "{\"cniVersion\":\"1.0.0\",\"name\":\""
                + name + "\",\"plugins\":[" + CniRig.toDaemon(plugin, socket).replaceFirst(",", ",\"stateDir\":\""
                + work.resolve("state") + "\",") + "]}");
    }

    private static String ipam(String subnet) {
        return "\"ipam\":{\"type\":\"host-local\",\"dataDir\":\"" + work.resolve("ipam") + "\",\"ranges\":[[{\"subnet\":\""
                + subnet + "\"}]]}";
    }

    /** Starts a container on {@code net}; returns podman's view of its attachment plus its namespace path. */
    private static Map<?, ?> start(String name, String net) {
        podman("run", "-d", "--name", name, "--network", net, IMAGE, "sleep", "300");
        Map<?, ?> c = (Map<?, ?>) ((List<?>) JsonText.parse(podman("inspect", name))).get(0);
        Map<?, ?> settings = (Map<?, ?>) c.get("NetworkSettings");
        Map<?, ?> attachment = (Map<?, ?>) ((Map<?, ?>) settings.get("Networks")).get(net);
        return Map.of("ip", attachment.get("IPAddress"), "mac", attachment.get("MacAddress"),
                "netns", settings.get("SandboxKey"));
    }

    /** What the container sees on eth0 (from iproute2 inside its namespace): address and MAC. */
    private static List<String> eth0(Map<?, ?> c) {
        Ip.Result r = Ip.command(List.of("nsenter", "--net=" + c.get("netns"), "ip", "-j", "addr", "show",
                "eth0"), null);
        assertEquals(0, r.exitCode(), r.err());
        Map<?, ?> link = (Map<?, ?>) ((List<?>) JsonText.parse(r.out())).get(0);
        Object inet = ((List<?>) link.get("addr_info")).stream().map(a -> (Map<?, ?>) a)
                .filter(a -> "inet".equals(a.get("family"))).map(a -> (Object) a.get("local")).findFirst().orElse("none");
        return List.of((String) inet, (String) link.get("address"));
    }

    private static void ping(String nsPath, String to) {
        CniRig.ping(nsPath, to);
    }

    private static List<String> devices() {
        return CniRig.devices(runtime);
    }

    private static List<String> leases(String net) throws IOException {
        return CniRig.leases(work.resolve("ipam").resolve(net));
    }

    private static boolean cachedResult(String net) throws IOException {
        Path dir = Path.of("/var/lib/cni/results");
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(net + "-"));
        }
    }

    private static void removeAndCheckNothingLeft(String name, String net, List<String> devicesBefore)
            throws IOException {
        podman("rm", "-f", "-t", "0", name);
        assertEquals(devicesBefore, devices(), "devices of the runtime's side after podman rm");
        assertEquals(List.of(), leases(net));
        assertTrue(!cachedResult(net), "libcni's cached result for " + net + " removed");
        assertEquals(List.of(), CniRig.files(work.resolve("state").resolve(net)), "attachment records of " + net);
    }

    /** The calls the daemon logged for network {@code net}. */
    private static long served(String net) throws IOException {
        return daemon.log().stream().filter(l -> l.contains(" net=" + net + " ")).count();
    }

    @Test
    void veth_and_bridge_modes_route_traffic_and_podman_rm_leaves_nothing() throws Exception {
        network("jnp-veth", "{\"type\":\"jnetns\",\"mode\":\"veth\"," + ipam("198.18.30.0/24") + "}");
        network("jnp-bridge", "{\"type\":\"jnetns\",\"mode\":\"bridge\",\"bridge\":\"jnpbr0\","
                + ipam("198.18.31.0/24") + "}", work.resolve("no-daemon.sock"));
        network("jnp-builtin", "{\"type\":\"jnetns\",\"mode\":\"bridge\",\"bridge\":\"jnpbr1\","
                + ipam("198.18.36.0/24").replace("host-local", "jnetns-host-local") + "}");
        for (String net : List.of("jnp-veth", "jnp-bridge", "jnp-builtin")) {
            List<String> before = devices();
            Map<?, ?> c = start("c-" + net, net);
            assertEquals(List.of(c.get("ip"), c.get("mac")), eth0(c), net);
            ping(runtime.path(), (String) c.get("ip"));
            ping((String) c.get("netns"), Map.of("jnp-veth", "198.18.30.1", "jnp-bridge", "198.18.31.1",
                    "jnp-builtin", "198.18.36.1").get(net));
            assertTrue(devices().size() > before.size(), "the host end is in the runtime's namespace");
            removeAndCheckNothingLeft("c-" + net, net, before);
            assertEquals(net.equals("jnp-bridge") ? 0 : 2, served(net), "ADD and DEL of " + net + " by the daemon");
        }
    }

    @Test
    void the_reference_tuning_plugin_chains_after_jnetns() throws Exception {
        network("jnp-chain", "{\"type\":\"jnetns\",\"mode\":\"veth\"," + ipam("198.18.34.0/24") + "},"
                + "{\"type\":\"tuning\",\"mac\":\"02:00:00:00:00:42\",\"mtu\":1400}");
        List<String> before = devices();
        Map<?, ?> c = start("c-chain", "jnp-chain");
        assertEquals(List.of(c.get("ip"), "02:00:00:00:00:42"), eth0(c), "tuning changed jnetns's eth0");
        assertEquals("02:00:00:00:00:42", c.get("mac"), "and passed the result on");
        ping(runtime.path(), (String) c.get("ip"));
        removeAndCheckNothingLeft("c-chain", "jnp-chain", before);
    }

    @Test
    void the_reference_portmap_plugin_chains_after_jnetns() throws Exception {
        network("jnp-ports", "{\"type\":\"jnetns\",\"mode\":\"veth\"," + ipam("198.18.37.0/24") + "},"
                + "{\"type\":\"portmap\",\"capabilities\":{\"portMappings\":true}}");
        List<String> before = devices();
        podman("run", "-d", "--name", "c-ports", "--network", "jnp-ports", "-p", "18080:80", IMAGE, "sleep", "300");
        Map<?, ?> settings = (Map<?, ?>) ((Map<?, ?>) ((List<?>) JsonText.parse(podman("inspect", "c-ports"))).get(0))
                .get("NetworkSettings");
        String ip = (String) ((Map<?, ?>) ((Map<?, ?>) settings.get("Networks")).get("jnp-ports")).get("IPAddress");
        String nat = Ip.command(List.of("nsenter", "--net=" + runtime.path(), "iptables", "-t", "nat", "-S"), null).out();
        assertTrue(nat.contains("--dport 18080") && nat.contains("--to-destination " + ip + ":80"),
                "portmap's DNAT to jnetns's address " + ip + ":\n" + nat);
        removeAndCheckNothingLeft("c-ports", "jnp-ports", before);
        nat = Ip.command(List.of("nsenter", "--net=" + runtime.path(), "iptables", "-t", "nat", "-S"), null).out();
        assertFalse(nat.contains(ip + ":80"), "portmap's DEL removed its rules:\n" + nat);
        assertEquals(2, served("jnp-ports"), "ADD and DEL of jnetns by the daemon");
    }

    @Test
    void macvlan_and_move_modes_reach_the_network_behind_the_runtime() throws Exception {
        try (Netns far = Netns.create()) {
            Ip.run(runtime, "link", "add", "uplink", "type", "veth", "peer", "name", "wire", "netns", far.path());
            Ip.run(runtime, "link", "add", "up0", "type", "veth", "peer", "name", "wire2", "netns", far.path());
            Ip.batch(runtime, "link set uplink up\nlink set up0 up\naddr add 198.18.33.1/24 dev up0\n");
            Ip.batch(far, "link set wire up\naddr add 198.18.32.1/24 dev wire\nlink set wire2 up\n"
                    + "addr add 198.18.33.2/24 dev wire2\n");
            network("jnp-macvlan", "{\"type\":\"jnetns\",\"mode\":\"macvlan\",\"master\":\"uplink\","
                    + ipam("198.18.32.0/24") + "}");
            network("jnp-move", "{\"type\":\"jnetns\",\"mode\":\"move\",\"device\":\"up0\"}");

            List<String> before = devices();
            Map<?, ?> mv = start("c-macvlan", "jnp-macvlan");
            assertEquals(List.of(mv.get("ip"), mv.get("mac")), eth0(mv));
            ping((String) mv.get("netns"), "198.18.32.1");
            removeAndCheckNothingLeft("c-macvlan", "jnp-macvlan", before);

            Map<?, ?> moved = start("c-move", "jnp-move");
            assertEquals(List.of("198.18.33.1", moved.get("mac")), eth0(moved));
            assertEquals("198.18.33.1", moved.get("ip"));
            assertTrue(!devices().contains("up0"), "up0 moved into the container");
            ping((String) moved.get("netns"), "198.18.33.2");
            podman("rm", "-f", "-t", "0", "c-move");
            assertEquals(before, devices());
            assertTrue(Ip.run(runtime, "-4", "addr", "show", "dev", "up0").contains("198.18.33.1/24"),
                    "up0 came back with its address");
        } finally {
            // now, not when the kernel gets round to the peers' namespace: later tests count devices
            Ip.exec(runtime, "link", "del", "uplink");
            Ip.exec(runtime, "link", "del", "up0");
        }
    }
}
