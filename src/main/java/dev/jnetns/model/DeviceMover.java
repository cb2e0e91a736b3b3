package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxNeighbour.NTF_PROXY;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_ROUTER;
import static dev.jnetns.uapi.LinuxRoute.RTN_MULTICAST;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.Address;
import dev.jnetns.IpPrefix;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Neighbour;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a device to another namespace <em>with</em> its configuration. The kernel flushes a
 * device's addresses and routes, sets it down and resets its per-device sysctls (addrgenmode
 * among them) when it changes namespace; this puts back every address (flags, label, peer,
 * broadcast, remaining lifetimes, metric, protocol), its permanent and proxy neighbours (the kernel flushes
 * them too), every route with a path through it (every
 * table, both families, all attributes: metrics, pref, realms, tos, protocol, scope, onlink, the
 * remaining {@code expires}), its sysctls and its up state, each as the record the kernel reported
 * and re-sent through the same codec. A multipath route with paths through the device and through
 * devices that stay is split: the staying paths keep the route in the source, the moved ones make
 * it in the target. What cannot be carried (a master, a route through a nexthop object, a route
 * or address the target refuses) is reported by name and the move is undone: the device is never
 * left half-moved.
 *
 * <p>Crash safety: the configuration is written to a journal ({@link MoveJournal}) before the
 * device leaves and removed when the move (or its rollback) is complete. When a move was killed
 * midway, the same move run again finds the journal and finishes: it moves the device if it is
 * still in the source, and restores the journal's configuration (what is already there is kept).
 */
public final class DeviceMover {

    private DeviceMover() {
    }

    /**
     * Moves {@code dev} from the namespace of {@code from} to that of {@code to}. Equivalent to:
     * {@code jnetns link move DEV netns NS}.
     *
     * @param from a handle for the namespace the device is in
     * @param to a handle for the namespace it goes to
     * @param dev the device's name
     * @throws ErrnoException EEXIST when the target has a device of that name (nothing moved); the
     *     errno of the first refusal, its message naming everything that could not be carried, when
     *     the move was undone
     */
    public static void move(Rtnl from, Rtnl to, String dev) throws ErrnoException {
        move(from, to, dev, dev);
    }

    /**
     * Moves {@code dev} and names it {@code name} in the target (what a container runtime asks:
     * eth0), with its configuration.
     *
     * @param from a handle for the namespace the device is in
     * @param to a handle for the namespace it goes to
     * @param dev the device's name
     * @param name its name in the target
     * @throws ErrnoException EEXIST when the target has a device called {@code name} (nothing moved);
     *     see {@link #move(Rtnl, Rtnl, String)}
     */
    public static void move(Rtnl from, Rtnl to, String dev, String name) throws ErrnoException {
        MoveJournal journal = new MoveJournal(from.netns().inode(), dev);
        CarriedConfig interrupted = journal.read();
        boolean inSource = from.links().find(dev).isPresent();
        String current = dev;   // its name in the target, once there
        if (interrupted != null && !inSource) {
            // a move killed after the device left: finish it where the device is now
            current = to.links().find(name).isPresent() ? name : dev;
            if (to.links().find(current).isEmpty()) {
                journal.delete();
                throw new ErrnoException("link move " + dev + ": the device is in neither namespace", Errno.ENODEV.number());
            }
        } else if (to.links().find(name).isPresent()) {
            throw new ErrnoException("link move " + dev + ": the target namespace has a device named " + name,
                    Errno.EEXIST.number());
        }
        CarriedConfig c = interrupted;
        if (c == null) {
            c = CarriedConfig.capture(from, dev);
            List<String> cannot = c.uncarriable(from);
            if (!cannot.isEmpty()) {
                throw new ErrnoException("link move " + dev + ": cannot carry " + String.join("; ", cannot),
                        Errno.EOPNOTSUPP.number());
            }
            journal.write(c);
        }
        if (inSource) {
            try {
                from.links().setNetns(dev, to.netns());
            } catch (ErrnoException | RuntimeException e) {
                if (interrupted == null) {
                    journal.delete();   // nothing happened
                }
                throw e;
            }
        }
        Problems problems = new Problems();
        try {
            restore(to, c, current, name, false, interrupted != null, problems);
            if (problems.isEmpty()) {
                split(from, c, problems);
            }
        } catch (ErrnoException | RuntimeException e) {
            rollback(from, to, c, current, name, journal, e);
        }
        if (!problems.isEmpty()) {
            rollback(from, to, c, current, name, journal, problems.exception("link move " + dev + ": cannot carry "));
        }
        journal.delete();
    }

    /**
     * Undoes the move after {@code cause}: the device goes back (the kernel flushes what it got in
     * the target) and its configuration is restored in the source as it was; then {@code cause} is
     * thrown. When that fails too, the journal stays (running the move again finishes it).
     */
    private static void rollback(Rtnl from, Rtnl to, CarriedConfig c, String current, String name, MoveJournal journal,
                                 Exception cause) throws ErrnoException {
        try {
            String there = to.links().find(name).isPresent() ? name : current;   // renamed in the target, or not yet
            to.links().set(there, LinkUpdate.create().down().netns(from.netns()));
            Problems back = new Problems();
            restore(from, c, there, c.dev(), true, true, back);
            if (!back.isEmpty()) {
                throw back.exception("link move " + c.dev() + ": rollback could not restore ");
            }
        } catch (ErrnoException | RuntimeException back) {
            cause.addSuppressed(back);
            throw rethrow(cause);
        }
        journal.delete();
        throw rethrow(cause);
    }

    private static ErrnoException rethrow(Exception e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        return (ErrnoException) e;
    }

    /**
     * Puts back configuration {@code c} on the device now called {@code current} in {@code r}'s
     * namespace, renamed {@code name}: sysctls, up state, addresses, permanent and proxy neighbours (after the
     * up state: the kernel flushes them when a device goes down), then the routes (in rounds, so
     * that a route whose gateway another one reaches comes after it). {@code back}: the whole routes
     * of the source (a rollback); else the paths through the device. {@code again}: what is already
     * there counts as restored (a move run again after a kill, a rollback). Refusals go to
     * {@code problems}, each named.
     */
    private static void restore(Rtnl r, CarriedConfig c, String current, String name, boolean back, boolean again,
                                Problems problems) throws ErrnoException {
        if (!current.equals(name)) {
            r.links().set(current, LinkUpdate.create().name(name));   // down after the move: it can be renamed
        }
        problems.addAll(CarriedConfig.writeSysctls(r.netns(), name, c.sysctls()));
        int index = r.links().get(name).index();
        if (c.up()) {
            // up before the addresses, as they were most likely given: the kernel makes the prefix
            // routes of addresses given while down when it comes up, newest first, which joins
            // those of one prefix with different metrics into one
            r.links().setUp(name);
        } else if (c.wasUp()) {
            r.links().setUp(name);   // the qdisc it had, before its addresses (IPv6 ones go with "down")
            r.links().setDown(name);
        }
        List<Address> addrs = new ArrayList<>();
        c.addresses().stream().filter(a -> a.family() != AF_INET6).forEach(addrs::add);
        // the kernel lists a device's IPv6 addresses newest first: added oldest first
        List<Address> six = new ArrayList<>(c.addresses().stream().filter(a -> a.family() == AF_INET6).toList());
        java.util.Collections.reverse(six);
        addrs.addAll(six);
        for (Address a : addrs) {
            Address there = CarriedConfig.onDevice(a, index, c.dev(), name);
            try {
                r.addresses().add(there);
            } catch (ErrnoException e) {
                if (!(again && e.is(Errno.EEXIST))) {
                    problems.add("address " + a.prefix() + " (" + reason(e) + ")", e);
                }
            }
        }
        for (Neighbour n : c.neighbours()) {
            try {
                if ((n.flags() & NTF_PROXY) != 0) {
                    r.neighbours().addProxy(name, n.dst());
                } else {
                    r.neighbours().add(name, n.dst(), n.lladdr(), n.state(), (n.flags() & NTF_ROUTER) != 0);
                }
            } catch (ErrnoException e) {
                if (!(again && e.is(Errno.EEXIST))) {
                    problems.add("neighbour " + IpPrefix.format(n.dst()) + " (" + reason(e) + ")", e);
                }
            }
        }
        List<Route> pending = new ArrayList<>();
        List<Boolean> replace = new ArrayList<>();
        // the kernel makes its routes for the addresses and the device again, but the IPv6
        // multicast one (ff00::/8) only once the device has a carrier: when it did not, it is sent
        // as it was (the others it makes as addresses come, some later: left to it)
        java.util.Set<String> made = new java.util.HashSet<>();
        for (Route have : r.routes().list()) {
            if (CarriedConfig.kernelMade(have) && have.oif() == index) {
                made.add(CarriedConfig.kernelKey(have));
            }
        }
        for (Route route : c.routes()) {
            if (CarriedConfig.kernelMade(route)) {
                if (route.type() == RTN_MULTICAST && !made.contains(CarriedConfig.kernelKey(route))) {
                    pending.add(CarriedConfig.part(route, oif -> true, oif -> index));
                    replace.add(false);
                }
                continue;
            }
            boolean whole = CarriedConfig.onlyThrough(route, c.index());
            pending.add(CarriedConfig.part(route, oif -> back || oif == c.index(), oif -> oif == c.index() ? index : oif));
            replace.add(back && !whole);   // a split route's other paths are still in the source
        }
        List<String> refused = new ArrayList<>();
        ErrnoException first = null;
        java.util.Map<Integer, String> names = CarriedConfig.names(r);
        while (!pending.isEmpty()) {
            refused.clear();
            first = null;
            int before = pending.size();
            for (int i = 0; i < pending.size(); i++) {
                Route route = pending.get(i);
                try {
                    if (replace.get(i)) {
                        r.routes().replace(route);
                    } else if (CarriedConfig.kernelMade(route)) {
                        r.routes().append(route);   // as the kernel adds its own: beside those of other devices
                    } else {
                        r.routes().add(route);
                    }
                } catch (ErrnoException e) {
                    if (!((again || CarriedConfig.kernelMade(route)) && e.is(Errno.EEXIST))) {
                        refused.add("route " + CarriedConfig.describe(route, names) + " (" + reason(e) + ")");
                        first = first == null ? e : first;
                        continue;
                    }
                }
                pending.remove(i);
                replace.remove(i);
                i--;
            }
            if (pending.size() == before) {
                break;
            }
        }
        for (String s : refused) {
            problems.add(s, first);
        }
    }

    /**
     * The source's side of the multipath routes with paths through the moved device and through
     * devices that stay: the route again, with the staying paths only.
     */
    private static void split(Rtnl from, CarriedConfig c, Problems problems) throws ErrnoException {
        java.util.Map<Integer, String> names = CarriedConfig.names(from);
        names.put(c.index(), c.dev());
        for (Route route : c.routes()) {
            if (!CarriedConfig.kernelMade(route) && !CarriedConfig.onlyThrough(route, c.index())) {
                Route staying = CarriedConfig.part(route, oif -> oif != c.index(), oif -> oif);
                try {
                    from.routes().replace(staying);
                } catch (ErrnoException e) {
                    problems.add("route " + CarriedConfig.describe(route, names) + " (its paths that stay: "
                            + reason(e) + ")", e);
                }
            }
        }
    }

    /** Why the kernel refused: the message without the request it names. */
    private static String reason(ErrnoException e) {
        String m = e.getMessage();
        return e.operation() != null && m.startsWith(e.operation() + ": ") ? m.substring(e.operation().length() + 2) : m;
    }

    /** What could not be carried, each named, and the errno of the first refusal. */
    private static final class Problems {
        private final List<String> items = new ArrayList<>();
        private int errno;

        void add(String what, ErrnoException e) {
            items.add(what);
            if (errno == 0) {
                errno = e.errno();
            }
        }

        void addAll(List<String> what) {
            items.addAll(what);
            if (errno == 0 && !what.isEmpty()) {
                errno = Errno.EINVAL.number();
            }
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        ErrnoException exception(String prefix) {
            return new ErrnoException(prefix + String.join("; ", items), errno);
        }
    }
}
