package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CNI project's own client, cnitool (libcni 1.1, built from Debian's source package by
 * docker/bootstrap.sh cnitool), drives ADD, CHECK and DEL of a conflist that chains the reference
 * tuning plugin after jnetns, through the shim: once served by a daemon, once with no daemon
 * answering (the shim runs the plugin in-process). cnitool runs inside a throwaway "runtime" namespace.
 */
class CnitoolTest {
    private static final Path CNITOOL = Path.of("/var/cache/jnetns/cnitool");

    @TempDir
    static Path daemonDir;
    private static DaemonProcess daemon;

    @TempDir
    Path work;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DaemonProcess.start(daemonDir.resolve("cni.sock"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.stop();
    }

    /** The calls of network jnc the daemon logged. */
    private static long calls() throws IOException {
        return daemon.log().stream().filter(l -> l.contains(" net=jnc ")).count();
    }

    private Ip.Result cnitool(Netns runtime, Netns ctr, String command) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "NETCONFPATH=" + work.resolve("net.d"),
                "CNI_PATH=" + work.resolve("bin") + ":/usr/lib/cni", "CNI_IFNAME=eth0",
                "nsenter", "--net=" + runtime.path(), CNITOOL.toString(), command, "jnc", ctr.path()));
        return Ip.command(cmd, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"daemon", "in-process"})
    void cnitool_adds_checks_and_deletes_with_tuning_chained(String via) throws Exception {
        assertTrue(Files.isExecutable(CNITOOL), CNITOOL + " missing: run docker/bootstrap.sh cnitool");
        CniRig.install(work.resolve("bin"));
        Files.createDirectories(work.resolve("net.d"));
        Path socket = via.equals("daemon") ? daemon.socket : work.resolve("no-daemon.sock");
        Files.writeString(work.resolve("net.d").resolve("jnc.conflist"), "{\"cniVersion\":\"1.0.0\",\"name\":\"jnc\","
                + "\"plugins\":[{\"type\":\"jnetns\",\"daemonSocket\":\"" + socket + "\",\"stateDir\":\""
                + work.resolve("state") + "\",\"mode\":\"bridge\",\"bridge\":\"jncbr0\",\"ipam\":{\"type\":"
                + "\"host-local\",\"dataDir\":\"" + work.resolve("ipam") + "\",\"ranges\":[[{\"subnet\":"
                + "\"198.18.35.0/24\"}]]}},{\"type\":\"tuning\",\"mtu\":1300}]}");
        long served = calls();
        try (Netns runtime = Netns.create(); Netns ctr = Netns.create()) {
            Ip.Result add = cnitool(runtime, ctr, "add");
            assertEquals(0, add.exitCode(), add.out() + add.err());
            Map<?, ?> result = (Map<?, ?>) JsonText.parse(add.out());
            String ip = (String) ((Map<?, ?>) ((List<?>) result.get("ips")).get(0)).get("address");
            assertEquals("198.18.35.2/24", ip);
            Map<?, ?> eth0 = (Map<?, ?>) ((List<?>) JsonText.parse(Ip.run(ctr, "-j", "link", "show", "eth0"))).get(0);
            assertEquals(1300L, eth0.get("mtu"), "tuning ran after jnetns");
            CniRig.ping(runtime.path(), "198.18.35.2");

            Ip.Result check = cnitool(runtime, ctr, "check");
            assertEquals(0, check.exitCode(), check.out() + check.err());
            Ip.run(ctr, "addr", "del", ip, "dev", "eth0");
            Ip.Result broken = cnitool(runtime, ctr, "check");
            assertNotEquals(0, broken.exitCode());
            assertTrue((broken.out() + broken.err()).contains("lacks address 198.18.35.2/24"), broken.out() + broken.err());

            Ip.Result del = cnitool(runtime, ctr, "del");
            assertEquals(0, del.exitCode(), del.out() + del.err());
            assertEquals(List.of("lo"), CniRig.devices(runtime));
            assertEquals(List.of("lo"), CniRig.devices(ctr));
            assertEquals(List.of(), CniRig.leases(work.resolve("ipam").resolve("jnc")));
            assertEquals(List.of(), CniRig.files(work.resolve("state").resolve("jnc")));
        }
        assertEquals(via.equals("daemon") ? 4 : 0, calls() - served, "calls the daemon served: "
                + daemon.log());
    }
}
