package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency: the daemon killed (SIGKILL) at a random moment while it serves ADDs, and the
 * in-process plugin killed at a random moment of its ADD, leave nothing that a later DEL (served by
 * a daemon: the same DEL, without a JVM start each) does not clean: no device on either side, no
 * lease, no attachment record, no bridge. The moments are random (the seed is printed;
 * -Djnetns.seed=S repeats a run), their number is -Djnetns.crash.kills (default 25 of each kind;
 * bench/cni-crash.sh runs many more).
 */
class CniCrashTest {
    private static final int KILLS = Integer.getInteger("jnetns.crash.kills", 25);
    private static final long SEED = Property.seed();
    /** Calls in flight when the daemon is killed. */
    private static final int CALLS = 2;

    @TempDir
    Path dataDir;
    private Netns runtime;
    private final Random random = new Random(SEED);

    @BeforeEach
    void namespaces() throws Exception {
        System.out.println("CniCrashTest seed " + SEED + " (-Djnetns.seed=" + SEED + " repeats it)");
        runtime = Netns.create();
        Ip.run(runtime, "link", "add", "uplink", "type", "veth", "peer", "name", "uplink-peer");
        Ip.batch(runtime, "link set uplink up\nlink set uplink-peer up\n");
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    /** The config of kill {@code k}: the modes and IPAMs in turn. */
    private String config(int k, Path socket) {
        String ipam = "\"ipam\":{\"type\":\"" + (k % 2 == 0 ? "host-local" : "jnetns-host-local") + "\",\"dataDir\":\""
                + dataDir + "\",\"ranges\":[[{\"subnet\":\"198.18.44.0/24\"}]]}";
        String mode = switch (k % 3) {
            case 0 -> "\"mode\":\"bridge\",\"bridge\":\"jnkill0\"";
            case 1 -> "\"mode\":\"veth\"";
            default -> "\"mode\":\"macvlan\",\"master\":\"uplink\"";
        };
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"jn-kill\",\"type\":\"jnetns\",\"daemonSocket\":\"" + socket
                + "\",\"stateDir\":\"" + dataDir.resolve("state") + "\"," + mode + "," + ipam + "}";
    }

    /** The shim as a runtime starts it, in the runtime namespace, the config written and closed. */
    private Process start(String command, Netns ctr, String id, String config) throws IOException {
        Process p = new ProcessBuilder("/usr/bin/env", "-i", "CNI_COMMAND=" + command, "CNI_CONTAINERID=" + id,
                "CNI_NETNS=" + ctr.path(), "CNI_IFNAME=eth0", "CNI_PATH=" + CniPluginTest.CNI_PATH, "/usr/bin/nsenter",
                "--net=" + runtime.path(), CniRig.shim().toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(config.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        return p;
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        return out;
    }

    /** DEL of each attachment (it must succeed), then nothing of them may be left. */
    private void delAndCheckNothingLeft(List<Netns> ctrs, List<String> ids, String config, String when) throws Exception {
        for (int i = 0; i < ctrs.size(); i++) {
            Process p = start("DEL", ctrs.get(i), ids.get(i), config);
            String out = finish(p);
            assertEquals(0, p.exitValue(), when + ", DEL " + ids.get(i) + ": " + out);
        }
        assertEquals(List.of("lo", "uplink", "uplink-peer"), CniRig.devices(runtime).stream().sorted().toList(), when);
        for (Netns ctr : ctrs) {
            assertEquals(List.of("lo"), CniRig.devices(ctr), when);
        }
        assertEquals(List.of(), CniRig.leases(dataDir.resolve("jn-kill")), when);
        assertEquals(List.of(), CniRig.files(records()), when);
    }

    /** The attachment records directory: the first thing an ADD writes. */
    private Path records() {
        return dataDir.resolve("state").resolve("jn-kill");
    }

    /**
     * Waits until {@code adds} have begun to change things (the first record appears) or ended;
     * returns the milliseconds from then until all of them ended.
     */
    private long window(List<Process> adds) throws Exception {
        long begun = waitForWork(adds);
        for (Process p : adds) {
            assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        }
        return Math.max(1, (System.nanoTime() - begun) / 1_000_000);
    }

    /** Polls until a record appears or every process has ended; returns that moment ({@link System#nanoTime}). */
    private long waitForWork(List<Process> adds) throws Exception {
        while (CniRig.files(records()).isEmpty() && adds.stream().anyMatch(Process::isAlive)) {
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    @Test
    void killing_the_daemon_during_adds_leaves_nothing_a_del_does_not_clean() throws Exception {
        Path socket = dataDir.resolve("cni.sock");
        DaemonProcess daemon = DaemonProcess.start(socket);
        try {
            long window = 0;
            for (int k = -1; k < KILLS; k++) {   // round -1 is not killed: it measures how long ADDs change things
                String config = config(Math.max(k, 0), socket);
                List<Netns> ctrs = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                List<Process> adds = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    ctrs.add(Netns.create());
                    ids.add("kill" + k + "-" + i);
                    adds.add(start("ADD", ctrs.get(i), ids.get(i), config));
                }
                String when;
                if (k < 0) {
                    window = window(adds);
                    when = "ADDs not killed (they changed things for " + window + " ms)";
                } else {
                    waitForWork(adds);
                    long after = (long) (random.nextDouble() * window);
                    Thread.sleep(after);
                    daemon.kill();   // the shims that lose their daemon run the ADD in-process: it may fail, then DEL
                    when = "daemon killed " + after + " of " + window + " ms into kill " + k;
                    daemon = DaemonProcess.start(socket);
                }
                for (Process p : adds) {
                    finish(p);
                }
                try {
                    delAndCheckNothingLeft(ctrs, ids, config, when);
                } finally {
                    ctrs.forEach(Netns::close);
                }
            }
        } finally {
            daemon.close();
        }
    }

    @Test
    void killing_the_in_process_plugin_during_add_leaves_nothing_a_del_does_not_clean() throws Exception {
        Path none = dataDir.resolve("no-daemon.sock");
        Path socket = dataDir.resolve("cni.sock");
        try (Netns ctr = Netns.create(); DaemonProcess daemon = DaemonProcess.start(socket)) {   // the DELs' server
            Process whole = start("ADD", ctr, "whole", config(0, none));
            long window = window(List.of(whole));
            assertEquals(0, whole.exitValue(), finish(whole));
            delAndCheckNothingLeft(List.of(ctr), List.of("whole"), config(0, socket), "an ADD not killed");
            for (int k = 0; k < KILLS; k++) {
                Process add = start("ADD", ctr, "kill" + k, config(k, none));
                waitForWork(List.of(add));
                long after = (long) (random.nextDouble() * window);
                Thread.sleep(after);
                add.destroyForcibly();   // env, nsenter, the shim and the launcher exec: this is the JVM
                assertTrue(add.waitFor(60, TimeUnit.SECONDS));
                delAndCheckNothingLeft(List.of(ctr), List.of("kill" + k), config(k, socket),
                        "plugin killed " + after + " of " + window + " ms into its work, kill " + k);
            }
        }
    }
}
