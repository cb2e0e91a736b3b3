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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CNI plugin as a runtime calls it: a child process with only {@code CNI_*} in its environment,
 * the config on stdin, run inside a throwaway "runtime" namespace (so the host side of every
 * attachment lands there, never in the host's namespace), with the reference host-local IPAM plugin
 * of Debian's containernetworking-plugins. Results are checked against iproute2 and ping. This class
 * runs the plugin in-process ({@code jnetns cni}); {@link CniDaemonPluginTest} runs every test again
 * through the shim and a daemon.
 */
class CniPluginTest {
    static final String CNI_PATH = "/usr/lib/cni";

    @TempDir
    Path dataDir;
    private Namespaces namespaces;
    private Netns runtime;

    @BeforeEach
    void namespaces() throws Exception {
        assertTrue(Files.isExecutable(Path.of(CNI_PATH, "host-local")),
                "host-local IPAM plugin missing: apt-get install containernetworking-plugins");
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

    /** The plugin as this class starts it. */
    List<String> plugin() {
        return CniRig.java("cni");
    }

    /** The config as this class hands it over. */
    String asSent(String config) {
        return config;
    }

    /** One plugin call; returns exit code and stdout. */
    private Ip.Result cni(String command, Netns ctr, String containerId, String ifname, String config) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "-i", "CNI_COMMAND=" + command,
                "CNI_PATH=" + CNI_PATH));
        if (containerId != null) {
            cmd.add("CNI_CONTAINERID=" + containerId);
        }
        if (ctr != null) {
            cmd.add("CNI_NETNS=" + ctr.path());
        }
        if (ifname != null) {
            cmd.add("CNI_IFNAME=" + ifname);
        }
        cmd.addAll(List.of("/usr/bin/nsenter", "--net=" + runtime.path()));
        cmd.addAll(plugin());
        return Ip.command(cmd, asSent(config));
    }

    private Map<?, ?> ok(Ip.Result r) {
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return r.out().isBlank() ? Map.of() : (Map<?, ?>) JsonText.parse(r.out());
    }

    private static Map<?, ?> error(Ip.Result r, long code) {
        assertEquals(1, r.exitCode(), r.out() + r.err());
        Map<?, ?> e = (Map<?, ?>) JsonText.parse(r.out());
        assertEquals(code, e.get("code"), r.out());
        return e;
    }

    private String config(String version, String mode, String subnet, String extra) {
        return "{\"cniVersion\":\"" + version + "\",\"name\":\"jn-test\",\"type\":\"jnetns\",\"mode\":\"" + mode
                + "\"," + extra + (extra.isEmpty() ? "" : ",") + state()
                + ",\"ipam\":{\"type\":\"host-local\",\"dataDir\":\"" + dataDir + "\",\"ranges\":[[{\"subnet\":\""
                + subnet + "\"}]],\"routes\":[{\"dst\":\"198.19.0.0/16\"}]}}";
    }

    /** The config field that keeps the attachment records in this test's directory. */
    private String state() {
        return "\"stateDir\":\"" + dataDir.resolve("state") + "\"";
    }

    private static String withPrev(String config, Map<?, ?> result) {
        return config.substring(0, config.length() - 1) + ",\"prevResult\":" + JsonText.write(result) + "}";
    }

    private List<String> leases() throws IOException {
        return CniRig.leases(dataDir.resolve("jn-test"));
    }

    /** The attachments on record for network jn-test. */
    private List<String> records() throws IOException {
        return CniRig.files(dataDir.resolve("state").resolve("jn-test"));
    }

    private static List<String> devices(Netns ns) {
        return CniRig.devices(ns);
    }

    private static List<String> addresses(Netns ns, String dev) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) JsonText.parse(Ip.run(ns, "-j", "addr", "show", "dev", dev))) {
            for (Object a : (List<?>) ((Map<?, ?>) o).get("addr_info")) {
                Map<?, ?> m = (Map<?, ?>) a;
                if (!"link".equals(m.get("scope"))) {
                    out.add(m.get("local") + "/" + m.get("prefixlen"));
                }
            }
        }
        return out;
    }

    private static void ping(Netns from, String to) {
        CniRig.ping(from.path(), to);
    }

    @Test
    void veth_mode_routes_the_container_and_del_leaves_nothing() throws Exception {
        Netns ctr = container();
        String conf = config("1.0.0", "veth", "198.18.5.0/24", "");
        Map<?, ?> result = ok(cni("ADD", ctr, "c1", "eth0", conf));

        assertEquals("1.0.0", result.get("cniVersion"));
        List<?> ifs = (List<?>) result.get("interfaces");
        Map<?, ?> inner = (Map<?, ?>) ifs.get(1);
        assertEquals("eth0", inner.get("name"));
        assertEquals(ctr.path(), inner.get("sandbox"));
        Map<?, ?> ip = (Map<?, ?>) ((List<?>) result.get("ips")).get(0);
        assertEquals("198.18.5.2/24", ip.get("address"));
        assertEquals("198.18.5.1", ip.get("gateway"));
        assertEquals(1L, ip.get("interface"));
        assertFalse(ip.containsKey("version"), "1.0 results carry no ip version");
        String mac = (String) ((Map<?, ?>) ((List<?>) JsonText.parse(Ip.run(ctr, "-j", "link", "show", "eth0")))
                .get(0)).get("address");
        assertEquals(mac, inner.get("mac"));

        assertEquals(List.of("198.18.5.2/24"), addresses(ctr, "eth0"));
        String hostEnd = (String) ((Map<?, ?>) ifs.get(0)).get("name");
        assertEquals(List.of("198.18.5.1/32"), addresses(runtime, hostEnd));
        assertTrue(Ip.run(ctr, "route", "show").contains("198.19.0.0/16 via 198.18.5.1 dev eth0"));
        ping(runtime, "198.18.5.2");
        ping(ctr, "198.18.5.1");
        assertEquals(1, leases().size());
        assertEquals(List.of("c1:eth0"), records());

        ok(cni("CHECK", ctr, "c1", "eth0", withPrev(conf, result)));
        Map<?, ?> old = error(cni("CHECK", ctr, "c1", "eth0", withPrev(conf.replace("1.0.0", "0.3.1"), result)),
                CniException.INCOMPATIBLE_VERSION);
        assertEquals("0.3.1", old.get("cniVersion"));
        ok(cni("DEL", ctr, "c1", "eth0", withPrev(conf, result)));
        assertEquals(List.of("lo"), devices(runtime));
        assertEquals(List.of("lo"), devices(ctr));
        assertEquals(List.of(), leases());
        assertEquals(List.of(), records());
        assertEquals("", Ip.run(runtime, "route", "show"));
        ok(cni("DEL", ctr, "c1", "eth0", conf));   // again: nothing left to do is success
        ok(cni("DEL", null, "c1", "eth0", conf));  // and without a namespace
        error(cni("CHECK", ctr, "c1", "eth0", withPrev(conf, result)), CniException.KERNEL);
    }

    @Test
    void bridge_mode_joins_parallel_containers_and_removes_its_bridge_with_the_last() throws Exception {
        String conf = config("0.4.0", "bridge", "198.18.6.0/24", "\"bridge\":\"jnbr0\"");
        List<Netns> ctrs = List.of(container(), container(), container());
        List<Map<?, ?>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Ip.Result>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Netns ctr = ctrs.get(i);
                String id = "b" + i;
                calls.add(pool.submit(() -> cni("ADD", ctr, id, "eth0", conf)));
            }
            for (Future<Ip.Result> f : calls) {
                results.add(ok(f.get()));
            }
        } finally {
            pool.shutdown();
        }
        Map<?, ?> first = results.get(0);
        assertEquals("jnbr0", ((Map<?, ?>) ((List<?>) first.get("interfaces")).get(0)).get("name"));
        Map<?, ?> ip = (Map<?, ?>) ((List<?>) first.get("ips")).get(0);
        assertEquals("4", ip.get("version"), "0.4.0 results mark the ip version");
        assertEquals(2L, ip.get("interface"));
        assertEquals(List.of("198.18.6.1/24"), addresses(runtime, "jnbr0"));
        List<String> mine = new ArrayList<>();
        for (Netns ctr : ctrs) {
            mine.addAll(addresses(ctr, "eth0"));
        }
        assertEquals(3, mine.stream().distinct().count(), mine.toString());
        String other = mine.get(1).replace("/24", "");
        ping(ctrs.get(0), other);
        ping(runtime, mine.get(2).replace("/24", ""));
        assertEquals(4, ((List<?>) JsonText.parse(Ip.run(runtime, "-j", "link", "show", "master", "jnbr0"))).size()
                + 1, "three ports on the bridge");

        for (int i = 0; i < 3; i++) {
            ok(cni("DEL", ctrs.get(i), "b" + i, "eth0", withPrev(conf, results.get(i))));
            assertEquals(i < 2, devices(runtime).contains("jnbr0"), "bridge stays while ports remain");
        }
        assertEquals(List.of("lo"), devices(runtime));
        assertEquals(List.of(), leases());
    }

    /**
     * What an ADD killed between making the bridge and naming it leaves: its record claiming the
     * bridge, and the bridge down without the jnetns alias. The next ADD finishes the bridge, and
     * the last DEL removes it; the killed attachment's own DEL too.
     */
    @Test
    void a_bridge_a_killed_add_left_half_made_is_finished_and_removed_with_the_last_port() throws Exception {
        String conf = config("1.0.0", "bridge", "198.18.14.0/24", "\"bridge\":\"jnhalf0\"");
        Netns killed = container();
        Netns next = container();
        AttachmentRecords.write(CniConfig.parse(conf), CniEnv.read(Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID",
                "killed", "CNI_NETNS", killed.path(), "CNI_IFNAME", "eth0", "CNI_PATH", CNI_PATH)), killed.inode(), true);
        Ip.run(runtime, "link", "add", "jnhalf0", "type", "bridge");
        ok(cni("ADD", next, "next", "eth0", conf));
        Map<?, ?> br = (Map<?, ?>) ((List<?>) JsonText.parse(Ip.run(runtime, "-j", "link", "show", "jnhalf0"))).get(0);
        assertEquals("jnetns-cni bridge", br.get("ifalias"), "the bridge is finished: named");
        assertTrue(((List<?>) br.get("flags")).contains("UP"), "and up");
        ping(next, "198.18.14.1");
        ok(cni("DEL", killed, "killed", "eth0", conf));
        assertEquals(List.of("lo", "jnhalf0", Attachments.hostEnd("next", "eth0")), devices(runtime));
        ok(cni("DEL", next, "next", "eth0", conf));
        assertEquals(List.of("lo"), devices(runtime));
        assertEquals(List.of(), records());

        AttachmentRecords.write(CniConfig.parse(conf), CniEnv.read(Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID",
                "killed", "CNI_NETNS", killed.path(), "CNI_IFNAME", "eth0", "CNI_PATH", CNI_PATH)), killed.inode(), true);
        Ip.run(runtime, "link", "add", "jnhalf0", "type", "bridge");
        ok(cni("DEL", killed, "killed", "eth0", conf));
        assertEquals(List.of("lo"), devices(runtime), "the killed ADD's own DEL removes its half-made bridge");
        Ip.run(runtime, "link", "add", "jnhalf0", "type", "bridge");
        ok(cni("DEL", killed, "killed", "eth0", conf));
        assertEquals(List.of("lo", "jnhalf0"), devices(runtime), "a bridge no record claims is not jnetns's to remove");
    }

    @Test
    void macvlan_mode_with_static_addresses_reaches_the_parents_network() throws Exception {
        Netns ctr = container();
        Netns far = container();
        Ip.run(runtime, "link", "add", "uplink", "type", "veth", "peer", "name", "wire", "netns", far.path());
        Ip.batch(runtime, "link set uplink up\n");
        Ip.batch(far, "link set wire up\naddr add 198.18.7.1/24 dev wire\n");
        String conf = "{\"cniVersion\":\"0.3.1\",\"name\":\"jn-test\",\"type\":\"jnetns\",\"mode\":\"macvlan\","
                + state() + ",\"master\":\"uplink\",\"mtu\":1400,\"addresses\":[{\"address\":\"198.18.7.2/24\"}],"
                + "\"routes\":[{\"dst\":\"198.19.7.0/24\",\"gw\":\"198.18.7.1\"}],\"dns\":{\"nameservers\":[\"198.18.7.1\"]}}";
        Map<?, ?> result = ok(cni("ADD", ctr, "m1", "net1", conf));
        assertEquals("4", ((Map<?, ?>) ((List<?>) result.get("ips")).get(0)).get("version"));
        assertEquals(List.of("198.18.7.1"), ((Map<?, ?>) result.get("dns")).get("nameservers"));
        Map<?, ?> link = (Map<?, ?>) ((List<?>) JsonText.parse(Ip.run(ctr, "-d", "-j", "link", "show", "net1"))).get(0);
        assertEquals("macvlan", ((Map<?, ?>) link.get("linkinfo")).get("info_kind"));
        assertEquals(1400L, link.get("mtu"));
        assertTrue(Ip.run(ctr, "route", "show").contains("198.19.7.0/24 via 198.18.7.1 dev net1"));
        ping(ctr, "198.18.7.1");

        ok(cni("DEL", ctr, "m1", "net1", conf));
        assertEquals(List.of("lo"), devices(ctr));
        assertEquals(List.of("lo", "uplink"), devices(runtime));

        Map<?, ?> status = error(cni("STATUS", null, null, null,
                conf.replace("0.3.1", "1.1.0").replace("uplink", "nosuch0")), CniException.NOT_READY);
        assertTrue(((String) status.get("msg")).contains("nosuch0"), status.toString());
        ok(cni("STATUS", null, null, null, conf.replace("0.3.1", "1.1.0")));
    }

    @Test
    void move_mode_carries_addresses_and_routes_in_and_back_out() throws Exception {
        Netns ctr = container();
        Netns far = container();
        Ip.run(runtime, "link", "add", "up0", "type", "veth", "peer", "name", "wire", "netns", far.path());
        Ip.batch(far, "link set wire up\naddr add 198.18.8.2/24 dev wire\n");
        Ip.batch(runtime, "link set up0 up\naddr add 198.18.8.1/24 dev up0\n"
                + "route add 198.18.9.0/24 via 198.18.8.2 dev up0\n");
        String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"jn-test\",\"type\":\"jnetns\",\"mode\":\"move\","
                + state() + ",\"device\":\"up0\"}";
        Map<?, ?> result = ok(cni("ADD", ctr, "v1", "eth0", conf));
        assertEquals("198.18.8.1/24", ((Map<?, ?>) ((List<?>) result.get("ips")).get(0)).get("address"));
        assertEquals(List.of("198.18.8.1/24"), addresses(ctr, "eth0"));
        assertTrue(Ip.run(ctr, "route", "show").contains("198.18.9.0/24 via 198.18.8.2 dev eth0"));
        assertEquals(List.of("lo"), devices(runtime));
        ping(ctr, "198.18.8.2");

        ok(cni("DEL", ctr, "v1", "eth0", conf));
        assertEquals(List.of("lo"), devices(ctr));
        assertEquals(List.of("198.18.8.1/24"), addresses(runtime, "up0"));
        assertTrue(Ip.run(runtime, "route", "show").contains("198.18.9.0/24 via 198.18.8.2 dev up0"));
        ok(cni("DEL", ctr, "v1", "eth0", conf));
        assertEquals(List.of("198.18.8.1/24"), addresses(runtime, "up0"));
    }

    @Test
    void gc_removes_attachments_not_listed_as_valid() throws Exception {
        Netns c1 = container();
        Netns c2 = container();
        String conf = config("1.1.0", "veth", "198.18.10.0/24", "");
        ok(cni("ADD", c1, "keep", "eth0", conf));
        ok(cni("ADD", c2, "stale", "eth0", conf));
        assertEquals(2, leases().size());
        ok(cni("STATUS", null, null, null, conf));
        ok(cni("GC", null, null, null, conf.substring(0, conf.length() - 1)
                + ",\"cni.dev/valid-attachments\":[{\"containerID\":\"keep\",\"ifname\":\"eth0\"}]}"));
        assertEquals(List.of("lo"), devices(c2));
        assertEquals(List.of("lo", "eth0"), devices(c1));
        assertEquals(1, leases().size());
        ping(runtime, addresses(c1, "eth0").get(0).replace("/24", ""));
        error(cni("GC", null, null, null, conf.replace("1.1.0", "1.0.0")
                .replace("}}", "},\"cni.dev/valid-attachments\":[]}")), CniException.INCOMPATIBLE_VERSION);
        ok(cni("DEL", c1, "keep", "eth0", conf));
        assertEquals(List.of(), leases());
        assertEquals(List.of(), records());
    }

    @Test
    void gc_removes_macvlan_and_move_attachments_too() throws Exception {
        Netns ctr = container();
        Netns kept = container();
        Netns gone = Netns.create();
        Netns far = container();
        Ip.run(runtime, "link", "add", "uplink", "type", "veth", "peer", "name", "wire", "netns", far.path());
        Ip.run(runtime, "link", "add", "up0", "type", "veth", "peer", "name", "wire2", "netns", far.path());
        Ip.batch(runtime, "link set uplink up\nlink set up0 up\naddr add 198.18.12.1/24 dev up0\n");
        String macvlan = config("1.1.0", "macvlan", "198.18.13.0/24", "\"master\":\"uplink\"");
        String move = "{\"cniVersion\":\"1.1.0\",\"name\":\"jn-move\",\"type\":\"jnetns\",\"mode\":\"move\","
                + state() + ",\"device\":\"up0\"}";
        Path moves = dataDir.resolve("state").resolve("jn-move");
        ok(cni("ADD", ctr, "mv-stale", "net1", macvlan));
        ok(cni("ADD", gone, "mv-gone", "net1", macvlan));
        ok(cni("ADD", kept, "mv-keep", "net1", macvlan));
        ok(cni("ADD", ctr, "moved", "eth0", move));
        gone.close();   // a container whose namespace went away without a DEL
        assertEquals(List.of("lo", "net1", "eth0"), devices(ctr));
        assertEquals(3, leases().size());
        assertEquals(List.of("mv-gone:net1", "mv-keep:net1", "mv-stale:net1"), records());
        assertEquals(List.of("moved:eth0"), CniRig.files(moves));

        String valid = ",\"cni.dev/valid-attachments\":[{\"containerID\":\"mv-keep\",\"ifname\":\"net1\"}]}";
        ok(cni("GC", null, null, null, macvlan.substring(0, macvlan.length() - 1) + valid));
        assertEquals(List.of("lo", "eth0"), devices(ctr));
        assertEquals(List.of("lo", "net1"), devices(kept));
        assertEquals(1, leases().size(), "the leases of the stale and the gone attachment are released");
        assertEquals(List.of("mv-keep:net1"), records());
        ok(cni("GC", null, null, null, move.substring(0, move.length() - 1) + valid));
        assertEquals(List.of("lo"), devices(ctr));
        assertEquals(List.of("198.18.12.1/24"), addresses(runtime, "up0"), "up0 came back with its address");
        assertEquals(List.of(), CniRig.files(moves));
        ok(cni("DEL", kept, "mv-keep", "net1", macvlan));
        assertEquals(List.of(), leases());
        assertEquals(List.of(), records());
    }

    @Test
    void version_answers_in_the_version_asked() {
        Map<?, ?> v = ok(cni("VERSION", null, null, null, "{\"cniVersion\":\"0.4.0\"}"));
        assertEquals("0.4.0", v.get("cniVersion"));
        assertEquals(List.of("0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"), v.get("supportedVersions"));
    }

    /** bin/jnetns-cni answers VERSION itself (no JVM): its answer must be the plugin's. */
    @Test
    void the_launchers_version_answer_is_the_plugins() {
        Path launcher = Path.of(System.getProperty("jnetns.native.dir", "native")).resolveSibling("bin")
                .resolve("jnetns-cni");
        for (String asked : List.of("{\"cniVersion\":\"0.3.1\"}", "{\"cniVersion\": \"1.1.0\"}",
                "{\"cniVersion\":\"0.9\"}", "", "not json")) {
            Ip.Result fast = Ip.command(List.of("/usr/bin/env", "-i", "CNI_COMMAND=VERSION", launcher.toString()), asked);
            assertEquals(ok(cni("VERSION", null, null, null, asked)), ok(fast), asked);
        }
    }

    @Test
    void bad_environment_and_config_get_the_spec_codes_and_change_nothing() throws Exception {
        Netns ctr = container();
        String conf = config("1.0.0", "veth", "198.18.11.0/24", "");
        Map<String, Map<?, ?>> errors = new LinkedHashMap<>();
        errors.put("CNI_NETNS", error(cni("ADD", null, "x1", "eth0", conf), CniException.INVALID_ENVIRONMENT));
        errors.put("CNI_IFNAME", error(cni("ADD", ctr, "x1", "bad/if", conf), CniException.INVALID_ENVIRONMENT));
        errors.put("CNI_CONTAINERID", error(cni("ADD", ctr, "-x", "eth0", conf), CniException.INVALID_ENVIRONMENT));
        errors.put("CNI_COMMAND", error(cni("FROB", ctr, "x1", "eth0", conf), CniException.INVALID_ENVIRONMENT));
        errors.put("9.9.9", error(cni("ADD", ctr, "x1", "eth0", conf.replace("1.0.0", "9.9.9")),
                CniException.INCOMPATIBLE_VERSION));
        errors.put("decode", error(cni("ADD", ctr, "x1", "eth0", "{\"cniVersion\":"), CniException.DECODE));
        errors.put("teleport", error(cni("ADD", ctr, "x1", "eth0", conf.replace("\"veth\"", "\"teleport\"")),
                CniException.INVALID_CONFIG));
        errors.put("master", error(cni("ADD", ctr, "x1", "eth0", conf.replace("\"veth\"", "\"macvlan\"")),
                CniException.INVALID_CONFIG));
        errors.put("nosuchipam", error(cni("ADD", ctr, "x1", "eth0", conf.replace("host-local", "nosuchipam")),
                CniException.INVALID_CONFIG));
        errors.put("stateDir", error(cni("ADD", ctr, "x1", "eth0", conf.replace(dataDir.resolve("state").toString(),
                "relative/state")), CniException.INVALID_CONFIG));
        errors.put("network name", error(cni("ADD", ctr, "x1", "eth0", conf.replace("\"jn-test\"", "\"../up\"")),
                CniException.INVALID_CONFIG));
        for (Map.Entry<String, Map<?, ?>> e : errors.entrySet()) {
            String said = e.getValue().get("msg") + " " + e.getValue().get("details");
            String named = e.getKey().equals("decode") ? "decode" : e.getKey();
            assertTrue(said.contains(named), e.getKey() + ": " + said);
        }
        // a failure after IPAM (macvlan on a missing parent) hands the lease back and leaves no device
        Map<?, ?> late = error(cni("ADD", ctr, "x1", "eth0", conf.replace("\"veth\"", "\"macvlan\",\"master\":\"gone0\"")),
                CniException.KERNEL);
        assertTrue(((String) late.get("msg")).contains("gone0"), late.toString());
        error(cni("ADD", ctr, "x2", "lo", conf), CniException.KERNEL);   // the container has lo already
        assertEquals(List.of("lo"), devices(runtime));
        assertEquals(List.of("lo"), devices(ctr));
        assertEquals(List.of(), leases());
        assertEquals(List.of(), records());
    }
}
