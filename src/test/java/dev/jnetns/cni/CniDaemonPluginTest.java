package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every test of {@link CniPluginTest} again, through the shim (native/cni-shim.c) and a daemon
 * (jnetns cni-daemon): the same results, errors and state as the plugin run in-process.
 */
class CniDaemonPluginTest extends CniPluginTest {
    @TempDir
    static Path daemonDir;
    private static DaemonProcess daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DaemonProcess.start(daemonDir.resolve("cni.sock"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        List<String> log = daemon.stop();
        assertFalse(log.stream().anyMatch(l -> l.contains("bad request")), String.join("\n", log));
    }

    @Override
    List<String> plugin() {
        try {
            return List.of(CniRig.shim().toString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    String asSent(String config) {
        return CniRig.toDaemon(config, daemon.socket);
    }
}
