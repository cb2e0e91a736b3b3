package dev.jnetns.cli;

import dev.jnetns.AddressSpec;
import dev.jnetns.LinkSpec;
import dev.jnetns.Netns;
import dev.jnetns.RouteSpec;
import dev.jnetns.Rtnl;
import dev.jnetns.netlink.NetlinkException;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.sys.ErrnoException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs of consecutive {@code route add}, {@code addr add} or {@code link add} lines of a batch file,
 * sent pipelined ({@code addAll}) with {@code ip -batch}'s error semantics: without {@code -force},
 * the first failing line stops the batch, and the lines after it that the kernel already applied
 * (they went out in the same datagram) are removed again, so the result is as if the batch had
 * stopped there.
 */
final class PipelinedBatch {
    /** Lines held at most before they are sent: bounds the memory of a long batch. */
    static final int MAX_RUN = 8192;

    /** What a run holds. */
    enum Kind { ROUTE, ADDRESS, LINK }

    private final JnetnsCommand top;
    private final PrintWriter err;
    private final String file;
    private final boolean force;
    private Kind kind;
    private final List<Integer> lines = new ArrayList<>();
    private final List<RouteSpec> routes = new ArrayList<>();
    private final List<String> devs = new ArrayList<>();
    private final List<AddressSpec> addresses = new ArrayList<>();
    private final List<LinkSpec> links = new ArrayList<>();
    private final List<Netns> opened = new ArrayList<>();

    PipelinedBatch(JnetnsCommand top, PrintWriter err, String file, boolean force) {
        this.top = top;
        this.err = err;
        this.file = file;
        this.force = force;
    }

    /** The kind of a line that can be pipelined, or null (tap/tun links are made by ioctl, one by one). */
    static Kind kindOf(List<String> words) {
        if (words.size() < 3 || !Words.matches(words.get(1), "add")) {
            return null;
        }
        String object = words.get(0);
        if (Words.matches(object, "route")) {
            return Kind.ROUTE;
        }
        if (Words.matches(object, "address")) {
            return Kind.ADDRESS;
        }
        if (Words.matches(object, "link")) {
            int type = words.indexOf("type");
            boolean ioctl = type >= 0 && type + 1 < words.size()
                    && (words.get(type + 1).equals("tap") || words.get(type + 1).equals("tun"));
            return ioctl ? null : Kind.LINK;
        }
        return null;
    }

    /** The number of pending lines. */
    int size() {
        return lines.size();
    }

    /** The kind of the pending run, null when none is pending. */
    Kind kind() {
        return lines.isEmpty() ? null : kind;
    }

    /** Parses one line of {@code k} into the pending run (which must be empty or of the same kind). */
    void add(int line, Kind k, List<String> words) throws ErrnoException {
        Words w = new Words(words.subList(2, words.size()));
        switch (k) {
            case ROUTE:
                routes.add(RouteCommand.parse(w, "add", top.family(0)));
                break;
            case ADDRESS: {
                AddressCommand.Parsed p = AddressCommand.parse(w, "add");
                devs.add(p.dev());
                addresses.add(p.spec());
                break;
            }
            default:
                links.add(LinkCommand.parseAdd(w, name -> {
                    Netns ns = Netns.open(name);
                    opened.add(ns);
                    return ns;
                }));
        }
        kind = k;
        lines.add(line);
    }

    /** Sends what is pending; returns 0, or the exit code of the first failure. */
    int flush() {
        if (lines.isEmpty()) {
            return 0;
        }
        try {
            Rtnl rtnl = top.rtnl();
            NlSocket.BulkResult r = kind == Kind.ROUTE ? rtnl.routes().addAll(routes, !force)
                    : kind == Kind.ADDRESS ? rtnl.addresses().addAll(devs, addresses, !force)
                    : rtnl.links().addAll(links, !force);
            for (Map.Entry<Integer, NetlinkException> f : r.failures().entrySet()) {
                err.println("jnetns: " + f.getValue().getMessage());
                err.println("Command failed " + file + ":" + lines.get(f.getKey()));
                if (!force) {
                    undoAfter(rtnl, f.getKey(), r);
                    break;
                }
            }
            return r.ok() ? 0 : Main.EXIT_KERNEL;
        } catch (ErrnoException | RuntimeException e) {
            err.println("jnetns: " + Main.message(e));
            err.println("Command failed " + file + ":" + lines.get(0));
            return Main.exitCode(e);
        } finally {
            lines.clear();
            routes.clear();
            devs.clear();
            addresses.clear();
            links.clear();
            opened.forEach(Netns::close);
            opened.clear();
        }
    }

    /** Removes what the lines after {@code failed} added: they went out with it and were applied. */
    private void undoAfter(Rtnl rtnl, int failed, NlSocket.BulkResult r) {
        for (int i = failed + 1; i < r.sent(); i++) {
            if (r.failures().containsKey(i)) {
                continue;
            }
            try {
                switch (kind) {
                    case ROUTE: rtnl.routes().delete(routes.get(i)); break;
                    case ADDRESS: rtnl.addresses().delete(devs.get(i), addresses.get(i)); break;
                    default: rtnl.links().delete(links.get(i).name()); break;
                }
            } catch (ErrnoException e) {
                err.println("jnetns: undoing line " + lines.get(i) + ": " + e.getMessage());
            }
        }
    }
}
