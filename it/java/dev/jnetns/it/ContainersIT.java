package dev.jnetns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.AddressSpec;
import dev.jnetns.LinkSpec;
import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.model.DeviceMover;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.MountableFile;

/**
 * jnetns in privileged containers of its own image (built from the project's Dockerfile): the CLI
 * inside a container against ip, containers wired and re-wired from Java on the host, a topology
 * applied inside a container, and the host left exactly as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainersIT {
    private static final Path ROOT = Path.of(System.getProperty("jnetns.root", "."));
    private static String hostLinks;
    private static String hostNetns;
    private static final List<GenericContainer<?>> started = new ArrayList<>();

    /** Runs a command on the host; fails the test when it fails. */
    private static String host(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    @BeforeAll
    static void buildImageAndRecordTheHost() throws Exception {
        hostLinks = host("ip", "-j", "link", "show");
        hostNetns = containerNames(host("ip", "netns", "list"));
        // what a killed run left behind: containers labelled with a pid that is gone
        for (String line : host("docker", "ps", "-a", "--filter", "label=" + Containers.LABEL,
                "--format", "{{.ID}} {{.Label \"" + Containers.LABEL + "\"}}").split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && ProcessHandle.of(Long.parseLong(f[1])).isEmpty()) {
                host("docker", "rm", "-f", f[0]);
            }
        }
        host("docker", "build", "-q", "-t", Containers.IMAGE, ROOT.toString());
        System.out.println("container tests run " + Containers.mode());
    }

    @AfterAll
    static void removeContainers() {
        started.forEach(GenericContainer::stop);
    }

    private static GenericContainer<?> container(String name) throws IOException {
        GenericContainer<?> c = Containers.start(name);
        started.add(c);
        return c;
    }

    private static String exec(GenericContainer<?> c, String... cmd) throws Exception {
        ExecResult r = c.execInContainer(cmd);
        assertEquals(0, r.getExitCode(), String.join(" ", cmd) + ": " + r.getStdout() + r.getStderr());
        return r.getStdout();
    }

    private static long pid(GenericContainer<?> c) {
        return c.getContainerInfo().getState().getPidLong();
    }

    /** Waits until IPv6 duplicate address detection and carrier changes are over in {@code ns}. */
    private static void settle(GenericContainer<?> c, String ns) throws Exception {
        String before = "";
        for (int i = 0; i < 40; i++) {
            String now = exec(c, "ip", "-n", ns, "-j", "addr", "show") + exec(c, "ip", "-n", ns, "-j", "route", "show");
            if (now.equals(before) && !now.contains("tentative")) {
                return;
            }
            before = now;
            Thread.sleep(250);
        }
    }

    @Test
    @Order(1)
    void the_image_prints_its_version_and_a_link_show() throws Exception {
        GenericContainer<?> c = container("image");
        assertTrue(exec(c, "jnetns", "version").matches("jnetns \\S+ backend ffm jdk 25\\S*\\n"));
        assertEquals(exec(c, "ip", "link", "show"), exec(c, "jnetns", "link", "show"));
    }

    @Test
    @Order(2)
    void the_cli_inside_a_container_does_what_ip_sees() throws Exception {
        GenericContainer<?> c = container("cli");
        exec(c, "jnetns", "netns", "add", "inner");
        assertEquals("inner\n", exec(c, "ip", "netns", "list"));
        exec(c, "jnetns", "-n", "inner", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        exec(c, "jnetns", "-n", "inner", "link", "set", "v0", "up");
        exec(c, "jnetns", "-n", "inner", "link", "set", "v1", "up");
        exec(c, "jnetns", "-n", "inner", "addr", "add", "198.18.5.1/24", "dev", "v0");
        exec(c, "jnetns", "-n", "inner", "route", "add", "198.18.50.0/24", "via", "198.18.5.2");
        settle(c, "inner");
        for (String obj : new String[] {"link", "addr", "route"}) {
            assertEquals(exec(c, "ip", "-n", "inner", "-j", obj, "show"), exec(c, "jnetns", "-n", "inner", "-j", obj, "show"), obj);
        }
        assertEquals(exec(c, "ip", "netns", "exec", "inner", "readlink", "/proc/self/ns/net"),
                exec(c, "jnetns", "netns", "exec", "inner", "readlink", "/proc/self/ns/net"));
        exec(c, "jnetns", "netns", "del", "inner");
        assertEquals("", exec(c, "ip", "netns", "list"));
    }

    @Test
    @Order(3)
    void two_containers_are_wired_from_java_on_the_host() throws Exception {
        GenericContainer<?> a = container("wire-a");
        GenericContainer<?> b = container("wire-b");
        try (Netns na = Netns.openPid(pid(a)); Netns nb = Netns.openPid(pid(b)); Rtnl ra = Rtnl.open(na); Rtnl rb = Rtnl.open(nb)) {
            // one end in each container, made in place: the host's namespace is never involved
            ra.links().add(LinkSpec.veth("wa0", "wb0").peerNetns(nb));
            ra.addresses().add("wa0", AddressSpec.of("198.18.7.1/24"));
            rb.addresses().add("wb0", AddressSpec.of("198.18.7.2/24"));
            ra.links().setUp("wa0");
            rb.links().setUp("wb0");
        }
        assertTrue(exec(a, "ping", "-c", "1", "-W", "2", "198.18.7.2").contains("1 received"));
    }

    @Test
    @Order(4)
    void a_configured_device_moves_into_another_container_and_traffic_flows() throws Exception {
        GenericContainer<?> a = container("move-a");
        GenericContainer<?> b = container("move-b");
        exec(a, "jnetns", "link", "add", "m0", "type", "veth", "peer", "name", "m1");
        exec(a, "jnetns", "addr", "add", "198.18.8.1/24", "dev", "m1");
        exec(a, "jnetns", "addr", "add", "198.18.8.2/24", "dev", "m0");
        exec(a, "jnetns", "link", "set", "m1", "up");
        exec(a, "jnetns", "link", "set", "m0", "up");
        exec(a, "jnetns", "route", "add", "198.18.88.0/24", "via", "198.18.8.1", "dev", "m0", "table", "100");
        try (Netns na = Netns.openPid(pid(a)); Netns nb = Netns.openPid(pid(b)); Rtnl ra = Rtnl.open(na); Rtnl rb = Rtnl.open(nb)) {
            DeviceMover.move(ra, rb, "m0");
        }
        assertTrue(exec(b, "ip", "addr", "show", "dev", "m0").contains("inet 198.18.8.2/24"));
        assertTrue(exec(b, "ip", "route", "show", "table", "100").contains("198.18.88.0/24 via 198.18.8.1 dev m0"));
        assertTrue(exec(b, "ping", "-c", "1", "-W", "2", "198.18.8.1").contains("1 received"));
        assertTrue(!exec(a, "ip", "link", "show").contains("m0@"), "gone from the first container");
    }

    @Test
    @Order(5)
    void a_topology_applied_inside_a_container_routes_and_is_destroyed_without_trace() throws Exception {
        GenericContainer<?> c = container("topology");
        c.copyFileToContainer(MountableFile.forHostPath(ROOT.resolve("examples/router.json")), "/router.json");
        String before = exec(c, "ip", "-j", "link", "show") + exec(c, "ip", "netns", "list");
        assertTrue(exec(c, "jnetns", "apply", "/router.json").endsWith("changes applied\n"));
        assertTrue(exec(c, "ip", "netns", "exec", "a", "ping", "-c", "1", "-W", "2", "198.18.2.2").contains("1 received"));
        assertEquals("no changes\n", exec(c, "jnetns", "apply", "/router.json"));
        exec(c, "jnetns", "destroy", "/router.json");
        assertEquals(before, exec(c, "ip", "-j", "link", "show") + exec(c, "ip", "netns", "list"));
    }

    @Test
    @Order(6)
    void the_host_is_left_exactly_as_it_was() throws Exception {
        assertEquals(hostLinks, host("ip", "-j", "link", "show"));
        assertEquals(hostNetns, containerNames(host("ip", "netns", "list")));
    }

    /**
     * The lines of {@code ip netns list} that name a namespace the containers make (inner, and
     * examples/router.json's): other processes on the host may add and remove theirs meanwhile.
     */
    private static String containerNames(String list) {
        return list.lines().filter(l -> Set.of("inner", "router", "a", "b").contains(l.split(" ")[0]))
                .map(l -> l + "\n").collect(Collectors.joining());
    }
}
