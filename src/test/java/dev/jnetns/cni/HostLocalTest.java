package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in IPAM (jnetns-host-local) against the reference host-local 1.1 of Debian's
 * containernetworking-plugins, differentially: the same calls on two data directories, one served
 * by each, must give the same addresses, routes, DNS and errors, and leave byte-identical files
 * after every step. A third directory is served by the two in turn, as on a node that switches a
 * network from one to the other: its files must match too.
 */
class HostLocalTest {
    private static final Path HOST_LOCAL = Path.of(CniPluginTest.CNI_PATH, "host-local");

    @TempDir
    Path dir;

    /** One scenario: the ipam section (without type and dataDir), and its steps "COMMAND ID IFNAME [CNI_ARGS]". */
    private record Scenario(String name, String ipam, String extra, List<String> steps) {
    }

    private static List<Scenario> scenarios() {
        return List.of(
            new Scenario("a /29 runs out, a freed address is leased again round robin",
                "\"ranges\":[[{\"subnet\":\"198.18.90.0/29\"}]]", "",
                List.of("ADD a eth0", "ADD b eth0", "ADD c eth0", "ADD d eth0", "ADD e eth0", "ADD f eth0",
                    "DEL b eth0", "ADD g eth0", "CHECK a eth0", "CHECK b eth0", "DEL nobody eth0", "ADD a eth0",
                    "ADD a eth1", "DEL a eth0", "DEL a eth1")),
            new Scenario("dual stack, two range sets, routes",
                "\"ranges\":[[{\"subnet\":\"198.18.91.0/24\"}],[{\"subnet\":\"fd00:91::/120\"}]],"
                    + "\"routes\":[{\"dst\":\"0.0.0.0/0\"},{\"dst\":\"fd00::/8\",\"gw\":\"fd00:91::fe\"}]", "",
                List.of("ADD a eth0", "ADD b eth0", "DEL a eth0", "ADD c eth0", "CHECK c eth0")),
            new Scenario("rangeStart, rangeEnd and a gateway inside the range",
                "\"ranges\":[[{\"subnet\":\"198.18.92.0/24\",\"rangeStart\":\"198.18.92.10\",\"rangeEnd\":\"198.18.92.12\","
                    + "\"gateway\":\"198.18.92.11\"}]]", "",
                List.of("ADD a eth0", "ADD b eth0", "ADD c eth0", "DEL a eth0", "ADD d eth0")),
            new Scenario("two ranges in one set are walked in turn",
                "\"ranges\":[[{\"subnet\":\"198.18.93.0/30\"},{\"subnet\":\"198.18.93.8/30\"}]]", "",
                List.of("ADD a eth0", "ADD b eth0", "ADD c eth0", "DEL a eth0", "ADD d eth0", "ADD e eth0")),
            new Scenario("addresses asked for by args.cni.ips and runtimeConfig.ips",
                "\"ranges\":[[{\"subnet\":\"198.18.94.0/24\"}],[{\"subnet\":\"fd00:94::/64\"}]]",
                "\"args\":{\"cni\":{\"ips\":[\"fd00:94::77\"]}},\"runtimeConfig\":{\"ips\":[\"198.18.94.8/24\"]}",
                List.of("ADD a eth0", "ADD b eth0", "DEL a eth0", "ADD c eth0")),
            new Scenario("addresses asked for by CNI_ARGS IP=, and CNI_ARGS refused",
                "\"ranges\":[[{\"subnet\":\"198.18.95.0/24\"}]]", "",
                List.of("ADD a eth0", "ADD b eth0 IgnoreUnknown=1;IP=198.18.95.8", "ADD c eth0 IP=198.18.95.8",
                    "ADD d eth0 IP=198.18.95.1", "ADD e eth0 IgnoreUnknown=1;K8S_POD_NAME=x;IP=198.18.99.1",
                    "ADD f eth0 K8S_POD_NAME=x", "ADD g eth0 IgnoreUnknown=Maybe", "ADD h eth0 IP", "ADD i eth0 IP=bogus",
                    "ADD j eth0 IgnoreUnknown=TRUE;K8S_POD_NAME=x", "ADD k eth0 IP=", "DEL b eth0", "ADD l eth0")),
            new Scenario("the single-range form, routes and resolvConf",
                "\"subnet\":\"198.18.96.0/24\",\"gateway\":\"198.18.96.254\",\"routes\":[{\"dst\":\"198.19.0.0/16\"}],"
                    + "\"resolvConf\":\"RESOLV\"", "",
                List.of("ADD a eth0", "ADD b eth0", "CHECK b eth0", "DEL b eth0")),
            new Scenario("bad configs are refused as host-local refuses them",
                "\"ranges\":[[{\"subnet\":\"198.18.97.0/31\"}]]", "", List.of("ADD a eth0")),
            new Scenario("a subnet with host bits",
                "\"ranges\":[[{\"subnet\":\"198.18.97.1/24\"}]]", "", List.of("ADD a eth0")),
            new Scenario("a range start after its end, a range end outside the subnet",
                "\"ranges\":[[{\"subnet\":\"198.18.97.0/24\",\"rangeStart\":\"198.18.97.9\",\"rangeEnd\":\"198.18.97.8\"}],"
                    + "[{\"subnet\":\"198.18.98.0/24\",\"rangeEnd\":\"198.18.99.8\"}]]", "", List.of("ADD a eth0")),
            new Scenario("a range end outside the subnet",
                "\"ranges\":[[{\"subnet\":\"198.18.98.0/24\",\"rangeEnd\":\"198.18.99.8\"}]]", "", List.of("ADD a eth0")),
            new Scenario("overlapping range sets",
                "\"ranges\":[[{\"subnet\":\"198.18.97.0/24\"}],[{\"subnet\":\"198.18.97.128/25\"}]]", "", List.of("ADD a eth0")),
            new Scenario("no ranges", "\"routes\":[]", "", List.of("ADD a eth0")));
    }

    @TestFactory
    Stream<DynamicTest> the_built_in_host_local_leases_as_host_local_does() {
        assertTrue(Files.isExecutable(HOST_LOCAL), HOST_LOCAL + " missing: apt-get install containernetworking-plugins");
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> run(s)));
    }

    private void run(Scenario s) throws Exception {
        Path dir = Files.createTempDirectory(this.dir, "scenario");
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "# test\nnameserver 198.18.96.53\nnameserver fd00::53\nsearch a.example b.example\n"
                + "domain example\noptions ndots:2 timeout:1\n");
        Path ref = Files.createDirectories(dir.resolve("ref"));
        Path ours = Files.createDirectories(dir.resolve("ours"));
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        int i = 0;
        for (String step : s.steps()) {
            String[] w = step.split(" ");
            Map<String, String> env = new HashMap<>(Map.of("CNI_COMMAND", w[0], "CNI_CONTAINERID", w[1],
                    "CNI_IFNAME", w[2], "CNI_NETNS", "/var/run/netns/none", "CNI_PATH", CniPluginTest.CNI_PATH));
            if (w.length > 3) {
                env.put("CNI_ARGS", w[3]);
            }
            String ipam = s.ipam().replace("RESOLV", resolv.toString());
            String expected = hostLocal(config("host-local", ref, ipam, s.extra()), env);
            String got = builtIn(config(HostLocal.TYPE, ours, ipam, s.extra()), env);
            assertEquals(expected, got, step);
            String third = i++ % 2 == 0 ? hostLocal(config("host-local", mixed, ipam, s.extra()), env)
                    : builtIn(config(HostLocal.TYPE, mixed, ipam, s.extra()), env);
            assertEquals(expected, third, step + " (alternating IPAMs)");
            assertEquals(files(ref), files(ours), "files after " + step);
            assertEquals(files(ref), files(mixed), "files after " + step + " (alternating IPAMs)");
        }
    }

    /**
     * A lease is linked into place under its address's name once written; a kill before that leaves
     * its temporary file, which holds the attachment's key: both IPAMs' DEL remove it.
     */
    @Test
    void a_lease_a_kill_left_unlinked_goes_with_the_attachments_del() throws Exception {
        Map<String, String> env = Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", "a", "CNI_IFNAME", "eth0",
                "CNI_NETNS", "/var/run/netns/none", "CNI_PATH", CniPluginTest.CNI_PATH);
        String ipam = "\"ranges\":[[{\"subnet\":\"198.18.99.0/24\"}]]";
        for (String type : List.of("host-local", HostLocal.TYPE)) {
            Path d = Files.createDirectories(dir.resolve(type).resolve("hl"));
            Files.writeString(d.resolve(".lease-a-eth0"), "a\r\neth0");
            String config = config(type, d.getParent(), ipam, "");
            assertEquals("{}", type.equals("host-local") ? hostLocal(config, env) : builtIn(config, env));
            assertEquals(List.of("lock"), CniRig.files(d), type);
        }
    }

    private static String config(String type, Path dataDir, String ipam, String extra) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"hl\",\"type\":\"jnetns\"," + extra + (extra.isEmpty() ? "" : ",")
                + "\"ipam\":{\"type\":\"" + type + "\",\"dataDir\":\"" + dataDir + "\"," + ipam + "}}";
    }

    /** The reference's answer, reduced: addresses, routes and DNS, or "error: MSG". */
    private static String hostLocal(String config, Map<String, String> env) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "-i"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add(HOST_LOCAL.toString());
        Ip.Result r = Ip.command(cmd, config);
        Map<?, ?> out = r.out().isBlank() ? Map.of() : (Map<?, ?>) JsonText.parse(r.out());
        if (r.exitCode() != 0) {
            return "error: " + out.get("msg");
        }
        return reduce(out);
    }

    /** The built-in IPAM's answer, reduced the same way; its message ends with host-local's. */
    private static String builtIn(String config, Map<String, String> env) throws Exception {
        try {
            CniConfig c = CniConfig.parse(config);
            CniEnv e = CniEnv.read(env);
            switch (e.command()) {
                case "ADD":
                    return reduce(HostLocal.add(c, e).json("1.0.0", -1));
                case "DEL":
                    HostLocal.del(c, e, e.containerId(), e.ifname());
                    return "{}";
                default:
                    HostLocal.check(c, e);
                    return "{}";
            }
        } catch (CniException x) {
            String msg = x.getMessage();
            return "error: " + msg.substring(msg.indexOf(": ") + 2);
        }
    }

    private static String reduce(Map<?, ?> result) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> ips = new ArrayList<>();
        for (Object o : result.get("ips") == null ? List.of() : (List<?>) result.get("ips")) {
            Map<?, ?> ip = (Map<?, ?>) o;
            ips.add(ip.get("address") + " gw " + ip.get("gateway"));
        }
        m.put("ips", ips);
        m.put("routes", result.get("routes") == null ? List.of() : result.get("routes"));
        m.put("dns", result.get("dns") == null ? Map.of() : result.get("dns"));
        return result.isEmpty() ? "{}" : JsonText.write(m);
    }

    /** Every file under {@code dir} with its content (the lock file's mode too). */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p).replace("\r", "\\r").replace("\n", "\\n")
                        + " " + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return out;
    }
}
