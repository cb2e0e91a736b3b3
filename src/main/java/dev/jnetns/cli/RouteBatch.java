package dev.jnetns.cli;

import dev.jnetns.RouteSpec;
import dev.jnetns.netlink.NetlinkException;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.sys.ErrnoException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consecutive {@code route add} lines of a batch file, sent pipelined ({@code Routes.addAll}) with
 * {@code ip -batch}'s error semantics: without {@code -force}, the first failing line stops the
 * batch and the lines after it that the kernel already applied (they went out in the same
 * datagram) are removed again, so the result is as if the batch had stopped there.
 */
final class RouteBatch {
    private final JnetnsCommand top;
    private final PrintWriter err;
    private final String file;
    private final boolean force;
    private final List<Integer> lineNumbers = new ArrayList<>();
    private final List<RouteSpec> specs = new ArrayList<>();

    RouteBatch(JnetnsCommand top, PrintWriter err, String file, boolean force) {
        this.top = top;
        this.err = err;
        this.file = file;
        this.force = force;
    }

    /** True for {@code route add ...} (any of ip's abbreviations). */
    static boolean isRouteAdd(List<String> words) {
        return words.size() > 2 && (Words.matches(words.get(0), "route") && words.get(0).length() >= 1
                && !words.get(0).startsWith("ru")) && Words.matches(words.get(1), "add");
    }

    void add(int line, RouteSpec spec) {
        lineNumbers.add(line);
        specs.add(spec);
    }

    /** Sends what is pending; returns 0, or 2 when the kernel refused a route. */
    int flush() {
        if (specs.isEmpty()) {
            return 0;
        }
        try {
            NlSocket.BulkResult r = top.rtnl().routes().addAll(specs, !force);
            for (Map.Entry<Integer, NetlinkException> f : r.failures().entrySet()) {
                err.println("jnetns: " + f.getValue().getMessage());
                err.println("Command failed " + file + ":" + lineNumbers.get(f.getKey()));
                if (!force) {
                    undoAfter(f.getKey(), r);
                    break;
                }
            }
            return r.ok() ? 0 : Main.EXIT_KERNEL;
        } catch (ErrnoException | RuntimeException e) {
            err.println("jnetns: " + Main.message(e));
            err.println("Command failed " + file + ":" + lineNumbers.get(0));
            return Main.exitCode(e);
        } finally {
            specs.clear();
            lineNumbers.clear();
        }
    }

    /** Removes the routes after {@code failed} that went out with it and were applied. */
    private void undoAfter(int failed, NlSocket.BulkResult r) {
        for (int i = failed + 1; i < r.sent(); i++) {
            if (!r.failures().containsKey(i)) {
                try {
                    top.rtnl().routes().delete(specs.get(i));
                } catch (ErrnoException e) {
                    err.println("jnetns: undoing line " + lineNumbers.get(i) + ": " + e.getMessage());
                }
            }
        }
    }
}
