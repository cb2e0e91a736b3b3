package dev.jnetns.testutil;

import dev.jnetns.Netns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Runs iproute2's {@code ip} — the oracle — inside a test's namespace, via {@code nsenter --net}. */
public final class Ip {
    private Ip() {
    }

    /** The result of one command. */
    public record Result(int exitCode, String out, String err) {
    }

    /** Runs {@code ip ARGS} inside {@code ns}; fails the test when ip fails. Returns stdout. */
    public static String run(Netns ns, String... args) {
        Result r = exec(ns, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("ip " + String.join(" ", args) + " failed (" + r.exitCode() + "): " + r.err());
        }
        return r.out();
    }

    /** Runs {@code ip ARGS} inside {@code ns} and returns what happened, failure included. */
    public static Result exec(Netns ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + ns.path(), "ip"));
        cmd.addAll(List.of(args));
        return command(cmd, null);
    }

    /** Runs {@code ip -batch -} inside {@code ns} with {@code lines} on stdin; fails the test on error. */
    public static void batch(Netns ns, String lines) {
        Result r = command(List.of("nsenter", "--net=" + ns.path(), "ip", "-batch", "-"), lines);
        if (r.exitCode() != 0) {
            throw new AssertionError("ip -batch failed (" + r.exitCode() + "): " + r.err());
        }
    }

    /** Runs any command; stdin from {@code input} when not null. */
    public static Result command(List<String> cmd, String input) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread t = new Thread(() -> copy(p.getErrorStream(), err));
            t.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            t.join();
            return new Result(rc, out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + cmd, e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@code state} once it holds still: read every 300 ms until two reads agree. The kernel
     * finishes new or changed devices on its own timers (it reports a carrier up to a second late,
     * DAD keeps an address tentative a second or two, MLD reports add multicast neighbours), so while
     * a read shows a tentative address the reads must agree for 3 s, and while it shows a device
     * without carrier for 1.2 s (the link watcher's delay is at most a second): a bridge without
     * ports or a veth whose peer is down stays without carrier. At most 15 s.
     */
    public static String settled(Supplier<String> state) {
        String s = state.get();
        int agreed = 0;
        for (int i = 0; i < 50; i++) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            String again = state.get();
            agreed = again.equals(s) ? agreed + 1 : 0;
            s = again;
            int needed = s.contains("tentative") ? 10 : s.contains("NO-CARRIER") ? 4 : 1;
            if (agreed >= needed) {
                return s;
            }
        }
        throw new AssertionError("the namespace did not settle in 15 s: " + s);
    }
}
