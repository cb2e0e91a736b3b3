package dev.jnetns.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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

    /**
     * Asserts that jnetns failed as ip did on the same input: ip's exit code, nothing on stdout, and
     * ip's message as one line after "jnetns: ", its help hints naming jnetns ({@code try "jnetns
     * link help"}). ip ends some messages with a blank line of its own (an {@code invarg} text that
     * ends in a newline); jnetns prints the one line.
     */
    public static void assertFailsAsIp(Ip.Result ip, Ip.Result ours, String what) {
        assertTrue(ip.exitCode() != 0, what + ": ip did not fail: " + ip.out());
        String first = ip.err().lines().findFirst().orElse("");
        assertEquals("", ip.err().substring(first.length()).strip(), what + ": ip's message is one line: " + ip.err());
        assertEquals(List.of(ip.exitCode(), "", "jnetns: " + first.replace("try \"ip ", "try \"jnetns ") + "\n"),
                List.of(ours.exitCode(), ours.out(), ours.err()), what);
    }

    /**
     * Asserts that jnetns's message {@code ours} for an error the kernel sent gives the reason ip
     * gives in its first line {@code ipErr}: the kernel's extended ack ({@code Error: ipv4: Address
     * not found.}) or, without one, the errno's text ({@code RTNETLINK answers: File exists}), which
     * jnetns words as {@code WHAT: File exists (EEXIST)} and {@code WHAT: ERRNO TEXT (ERRNO): ipv4:
     * Address not found}.
     */
    public static void assertKernelReason(String ipErr, String ours, String what) {
        String first = ipErr.lines().findFirst().orElse("");
        String line = ours.strip();
        if (first.startsWith("RTNETLINK answers: ")) {
            assertTrue(line.contains(": " + first.substring("RTNETLINK answers: ".length()) + " ("),
                    what + ": ip says " + first + ", jnetns " + line);
        } else {
            assertTrue(first.startsWith("Error: ") && first.endsWith("."), what + ": not a kernel error: " + first);
            assertTrue(line.endsWith(": " + first.substring("Error: ".length(), first.length() - 1)),
                    what + ": ip says " + first + ", jnetns " + line);
        }
    }
}
