package dev.jnetns.cli;

import dev.jnetns.rtnl.Escape;
import dev.jnetns.AddressSpec;
import dev.jnetns.BulkResult;
import dev.jnetns.LinkSpec;
import dev.jnetns.Netns;
import dev.jnetns.RouteSpec;
import dev.jnetns.Routes;
import dev.jnetns.Rtnl;
import dev.jnetns.NetlinkException;
import dev.jnetns.ErrnoException;
import dev.jnetns.NoSuchLinkException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs of consecutive {@code route add}, {@code addr add} or {@code link add} lines of a batch file,
 * sent pipelined ({@code addAll}) with {@code ip -batch}'s semantics, and runs of {@code netns add}
 * lines, made on one helper thread ({@link Netns#createNamedAll}) in order, and of {@code netns del}
 * lines ({@link Netns#deleteNamedAll}). The kernel applies the
 * requests of one datagram in order, each seeing the ones before it, so pipelining changes an
 * outcome only through what jnetns looks up before sending: device names. Those are checked line
 * by line as the run is built (a missing device fails its own line, not the run), and a line that
 * names a device an earlier line of the run creates (a macvlan on a veth made just before) is not
 * added: the run is sent first. Without {@code -force} the first failing line stops the batch, and
 * the lines after it that the kernel already applied (they went out in the same datagram) are
 * removed again, so the result is as if the batch had stopped there. A run of routes is encoded
 * line by line into its send buffer ({@link Routes.Adds}); what a line was is kept only as plain
 * values, for the message of a failure and for an undo.
 */
final class PipelinedBatch {
    /** Lines held at most before they are sent: bounds the memory of a long batch. */
    static final int MAX_RUN = 8192;

    /** What a run holds. */
    enum Kind { ROUTE, ADDRESS, LINK, NETNS, NETNS_DELETE }

    private final JnetnsCommand top;
    private final PrintWriter err;
    private final String file;
    private final boolean force;
    private Kind kind;
    /** The line numbers of the pending lines. */
    private final int[] lines = new int[MAX_RUN];
    /** How many lines are pending. */
    private int count;
    /** The pending route adds, encoded; made with the first route line. */
    private Routes.Adds routeAdds;
    /** Per pending route line: its spec, or null for a plain IPv4 line kept in {@link #routeValues}. */
    private final RouteSpec[] routeSpecs = new RouteSpec[MAX_RUN];
    /** Per pending plain IPv4 route line, four ints ({@link RouteAddLine#keep}). */
    private final int[] routeValues = new int[4 * MAX_RUN];
    /** Per pending plain IPv4 route line, its device or null. */
    private final String[] routeDevs = new String[MAX_RUN];
    private final List<String> devs = new ArrayList<>();
    private final List<AddressSpec> addresses = new ArrayList<>();
    private final List<LinkSpec> links = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<Netns> opened = new ArrayList<>();
    /** The devices of the namespace when the run started (a run of links adds its own), null before. */
    private Set<String> devices;
    /** The devices the pending lines create. */
    private final Set<String> created = new HashSet<>();

    PipelinedBatch(JnetnsCommand top, PrintWriter err, String file, boolean force) {
        this.top = top;
        this.err = err;
        this.file = file;
        this.force = force;
    }

    /** The kind of a line that can be pipelined, or null (tap/tun links are made by ioctl, one by one). */
    static Kind kindOf(List<String> words) {
        String object = words.get(0);
        if (words.size() == 3 && Words.matches(object, "netns") && Words.matches(words.get(1), "delete")) {
            return Kind.NETNS_DELETE;
        }
        if (words.size() < 3 || !Words.matches(words.get(1), "add")) {
            return null;
        }
        if (Words.matches(object, "netns")) {
            return words.size() == 3 ? Kind.NETNS : null;   // anything more: ip's message, from the parser
        }
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

    /**
     * Whether a line of kind {@code k} (null: not pipelined) can join the pending run: the run is
     * empty or of the same kind, not full, and the line names no device the run creates.
     */
    boolean accepts(Kind k, List<String> words) {
        if (count == 0) {
            return true;
        }
        if (k != kind || count >= MAX_RUN) {
            return false;
        }
        if (!created.isEmpty()) {
            for (String w : words) {
                if (created.contains(w)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Parses one line of {@code k} into the pending run (which {@link #accepts} it); a line whose
     * words are wrong or that names a device that does not exist fails alone and joins nothing.
     */
    void add(int line, Kind k, List<String> words) throws ErrnoException {
        if (k == Kind.NETNS || k == Kind.NETNS_DELETE) {
            namespaces.add(Netns.checkName(NetnsCommand.checkedName(words.get(2))));   // a bad name fails alone
            kind = k;
            lines[count++] = line;
            return;
        }
        Words w = new Words(words.subList(2, words.size()));
        readDevices();
        switch (k) {
            case ROUTE: {
                RouteSpec spec = RouteCommand.parse(w, "add", top.family(0));
                requireDevices(words, "dev");
                adds().add(spec);
                routeSpecs[count] = spec;
                break;
            }
            case ADDRESS: {
                AddressCommand.Parsed p = AddressCommand.parse(w, "add", top.family(0));
                requireDevices(words, "dev");
                devs.add(p.dev());
                addresses.add(p.spec());
                break;
            }
            default: {
                LinkSpec spec = LinkCommand.parseAdd(w, name -> {
                    Netns ns = Netns.open(name);
                    opened.add(ns);
                    return ns;
                }, top.rtnl(), top.family);
                requireDevices(words, "link");
                for (String master : new String[] {spec.master(), spec.peerMaster()}) {
                    if (master != null && !devices.contains(master)) {
                        throw new NoSuchLinkException(master);
                    }
                }
                links.add(spec);
                created.add(spec.name());
                if (spec.peerName() != null) {
                    created.add(spec.peerName());
                }
            }
        }
        kind = k;
        lines[count++] = line;
    }

    /** Adds a plain route add line (which {@link #accepts} a route line), its device checked as {@link #add}'s. */
    void add(int line, RouteAddLine route) throws ErrnoException {
        route.addTo(adds());   // a device that does not exist fails here, as readDevices would say
        int i = count;
        if (route.keep(routeValues, i)) {
            routeSpecs[i] = null;
            routeDevs[i] = route.dev();
        } else {
            routeSpecs[i] = route.spec();
        }
        kind = Kind.ROUTE;
        lines[count++] = line;
    }

    private Routes.Adds adds() throws ErrnoException {
        if (routeAdds == null) {
            routeAdds = top.rtnl().routes().adds();
        }
        return routeAdds;
    }

    /** What pending route line {@code i} adds. */
    private RouteSpec routeSpec(int i) {
        RouteSpec s = routeSpecs[i];
        return s != null ? s : RouteAddLine.spec(routeValues, i, routeDevs[i]);
    }

    /** The namespace's devices, read once per run. */
    private void readDevices() throws ErrnoException {
        if (devices == null) {
            devices = new HashSet<>();
            top.rtnl().links().list().forEach(l -> devices.add(l.name()));
        }
    }

    /** Each word after {@code keyword} (past the object and verb) must name a device that exists (ip: Cannot find device). */
    private void requireDevices(List<String> words, String keyword) throws NoSuchLinkException {
        for (int i = 2; i + 1 < words.size(); i++) {
            if (words.get(i).equals(keyword) && !devices.contains(words.get(i + 1))) {
                throw new NoSuchLinkException(words.get(i + 1));
            }
        }
    }

    /** Sends what is pending; false when a line failed (each failure is reported). */
    boolean flush() {
        devices = null;   // what the namespace holds changes with the run
        created.clear();
        if (count == 0) {
            return true;
        }
        if (kind == Kind.NETNS || kind == Kind.NETNS_DELETE) {
            return flushNamespaces();
        }
        try {
            Rtnl rtnl = top.rtnl();
            BulkResult r = kind == Kind.ROUTE ? routeAdds.send(!force, i -> "route add " + routeSpec(i))
                    : kind == Kind.ADDRESS ? rtnl.addresses().addAll(devs, addresses, !force)
                    : rtnl.links().addAll(links, !force);
            for (Map.Entry<Integer, NetlinkException> f : r.failures().entrySet()) {
                failed(f.getValue().getMessage(), f.getKey());
                if (!force) {
                    undoAfter(rtnl, f.getKey(), r);
                    break;
                }
            }
            return r.ok();
        } catch (ErrnoException | RuntimeException e) {
            failed(Main.message(e), 0);
            return false;
        } finally {
            count = 0;   // (the route arrays are overwritten by the next run: they hold one run at most)
            devs.clear();
            addresses.clear();
            links.clear();
            namespaces.clear();
            opened.forEach(Netns::close);
            opened.clear();
        }
    }

    /** Reports the failure of pending line {@code i} as ip does: the message, then "Command failed FILE:N". */
    private void failed(String message, int i) {
        err.println("jnetns: " + Escape.controls(message));
        err.println("Command failed " + Escape.controls(file) + ":" + lines[i]);
    }

    /** Makes or deletes the pending namespaces; false when one failed (each failure is reported). */
    private boolean flushNamespaces() {
        boolean add = kind == Kind.NETNS;
        try {
            Map<Integer, ErrnoException> failures = add ? Netns.createNamedAll(namespaces, !force)
                    : Netns.deleteNamedAll(namespaces, !force);
            for (Map.Entry<Integer, ErrnoException> f : failures.entrySet()) {
                failed(NetnsCommand.failure(add, namespaces.get(f.getKey()), f.getValue()), f.getKey());
            }
            return failures.isEmpty();
        } catch (ErrnoException | RuntimeException e) {
            failed(Main.message(e), 0);
            return false;
        } finally {
            count = 0;
            namespaces.clear();
        }
    }

    /** Removes what the lines after {@code failed} added: they went out with it and were applied. */
    private void undoAfter(Rtnl rtnl, int failed, BulkResult r) {
        for (int i = failed + 1; i < r.sent(); i++) {
            if (!r.applied(i)) {
                continue;
            }
            try {
                switch (kind) {
                    case ROUTE: rtnl.routes().delete(routeSpec(i)); break;
                    case ADDRESS: rtnl.addresses().delete(devs.get(i), addresses.get(i)); break;
                    default: rtnl.links().delete(links.get(i).name()); break;
                }
            } catch (ErrnoException e) {
                err.println("jnetns: undoing line " + lines[i] + ": " + e.getMessage());
            }
        }
    }
}
