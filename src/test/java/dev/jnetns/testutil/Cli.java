package dev.jnetns.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

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
}
