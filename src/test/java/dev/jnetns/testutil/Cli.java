package dev.jnetns.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;

/** Runs the jnetns CLI in this JVM and captures what it prints. */
public final class Cli {
    private Cli() {
    }

    /** {@code jnetns ARGS}: exit code, stdout, stderr. */
    public static Ip.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Ip.Result(rc, out.toString(), err.toString());
    }

    /** {@code jnetns ARGS}, which must succeed; returns stdout. */
    public static String ok(String... args) {
        Ip.Result r = run(args);
        assertEquals(0, r.exitCode(), "jnetns " + String.join(" ", args) + " failed: " + r.err());
        return r.out();
    }

    /**
     * Asserts that jnetns prints what ip prints. The kernel changes a namespace on its own timers
     * (carrier after "up", MLD multicast neighbours, DAD), so ip is asked before and after jnetns,
     * and jnetns must equal ip whenever those two answers agree; tries a few times, and fails when
     * the namespace never holds still.
     */
    public static void assertSameAsIp(Supplier<String> ip, Supplier<String> jnetns, String what) {
        for (int attempt = 1; ; attempt++) {
            String before = ip.get();
            String ours = jnetns.get();
            if (before.equals(ip.get())) {
                assertEquals(before, ours, what);
                return;
            }
            if (attempt == 10) {
                throw new AssertionError("ip's answer kept changing: " + what);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
