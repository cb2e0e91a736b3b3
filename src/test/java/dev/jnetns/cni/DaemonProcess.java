package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code jnetns cni-daemon --socket SOCKET} of this build, as a child process of the test JVM (in the
 * host's namespaces, as on a node), its stderr (the call log) in a file next to the socket.
 */
final class DaemonProcess implements AutoCloseable {
    final Path socket;
    final Path log;
    final Process process;

    private DaemonProcess(Path socket, Path log, Process process) {
        this.socket = socket;
        this.log = log;
        this.process = process;
    }

    /** Starts a daemon and waits until it answers at {@code socket}. */
    static DaemonProcess start(Path socket) throws IOException, InterruptedException {
        Path log = socket.resolveSibling(socket.getFileName() + ".log");
        Process p = new ProcessBuilder(CniRig.java("cni-daemon", "--socket", socket.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        DaemonProcess d = new DaemonProcess(socket, log, p);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(socket)) {   // it appears once the daemon listens
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                fail("the daemon did not start (" + (p.isAlive() ? "timed out" : "exit " + p.exitValue()) + "): "
                        + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return d;
    }

    /** The call log so far, one line per call (and the start and stop lines). */
    List<String> log() throws IOException {
        return Files.readAllLines(log);
    }

    /**
     * SIGTERM, then what a clean stop is: exit status 0, the socket gone, the log ending with no call
     * unfinished. Returns the log.
     */
    List<String> stop() throws InterruptedException, IOException {
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the daemon did not stop within 60 s of SIGTERM");
        List<String> log = log();
        assertEquals(0, process.exitValue(), "exit status after SIGTERM; log:\n" + String.join("\n", log));
        assertFalse(Files.exists(socket), "the socket is removed");
        assertTrue(log.get(log.size() - 1).endsWith("stopped (0 calls unfinished)"), String.join("\n", log));
        return log;
    }

    /** SIGKILL, then waits. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
