package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxRoute.RTPROT_KERNEL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_LOCAL;

import dev.jnetns.Address;
import dev.jnetns.AddressSpec;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a device to another namespace <em>with</em> its configuration. The kernel flushes a
 * device's addresses and routes and sets it down when it changes namespace; this puts back its
 * addresses (IPv4 and IPv6), the routes through it (every table, both families, multipath when all
 * paths use it), its MTU, MAC, alias and up state. When any step after the move fails the device
 * goes back and its configuration is restored there: it is never left half-moved.
 *
 * <p>Crash safety: the configuration is written to a journal ({@code /run/jnetns/move}) before the
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
     * @throws ErrnoException EEXIST when the target has a device of that name (nothing moved)
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
     * @throws ErrnoException EEXIST when the target has a device called {@code name} (nothing moved)
     */
    public static void move(Rtnl from, Rtnl to, String dev, String name) throws ErrnoException {
        MoveJournal journal = new MoveJournal(from.netns().inode(), dev);
        Map<String, Object> interrupted = journal.read();
        boolean inSource = from.links().find(dev).isPresent();
        String current = dev;   // its name in the target, once there
        if (interrupted != null && !inSource) {
            // a move killed after the device left: finish it where the device is now
            current = to.links().find(name).isPresent() ? name : dev;
            if (to.links().find(current).isEmpty()) {
                journal.delete();
                throw new ErrnoException("link move " + dev + ": the device is in neither namespace", Errno.ENODEV.number());
            }
        } else {
            if (to.links().find(name).isPresent()) {
                throw new ErrnoException("link move " + dev + ": the target namespace has a device named " + name,
                        Errno.EEXIST.number());
            }
        }
        Map<String, Object> c = interrupted != null ? interrupted : capture(from, dev);
        if (interrupted == null) {
            journal.write(c);
        }
        if (inSource) {
            from.links().setNetns(dev, to.netns());
        }
        try {
            restore(to, c, current, name);
        } catch (ErrnoException | RuntimeException e) {
            try {
                to.links().set(name, LinkUpdate.create().down().netns(from.netns()));
                restore(from, c, name, dev);
            } catch (ErrnoException | RuntimeException back) {
                e.addSuppressed(back);
                throw e;   // the journal stays: running the move again finishes it
            }
            journal.delete();
            throw e;
        }
        journal.delete();
    }

    /**
     * What {@code dev} carries, as JSON values: MTU, MAC, alias, up state, its addresses (kernel-made
     * ones aside) and the routes through it, with the device named {@code dev}.
     */
    private static Map<String, Object> capture(Rtnl r, String dev) throws ErrnoException {
        Link link = r.links().get(dev);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mtu", (long) link.mtu());
        if (link.address() != null && link.address().length() == 17) {
            c.put("mac", link.address());
        }
        if (link.alias() != null) {
            c.put("alias", link.alias());
        }
        c.put("up", link.isUp());
        List<Object> addrs = new ArrayList<>();
        for (Address a : r.addresses().list(dev)) {
            if (!Planner.isKernelMade(a)) {
                addrs.add(toMap(a));
            }
        }
        c.put("addresses", addrs);
        List<Link> links = r.links().list();
        List<Object> routes = new ArrayList<>();
        for (Route route : r.routes().list()) {
            boolean through = route.oif() == link.index() && route.nexthops().isEmpty()
                    || !route.nexthops().isEmpty() && route.nexthops().stream().allMatch(n -> n.oif() == link.index());
            if (through && route.protocol() != RTPROT_KERNEL && route.table() != RT_TABLE_LOCAL) {
                routes.add(RouteSpecs.toMap(route, i -> RouteSpecs.name(i, links)));
            }
        }
        c.put("routes", routes);
        return c;
    }

    /**
     * Puts back configuration {@code c} on the device now called {@code current} here, renamed
     * {@code name}. What is already there (an address, a route restored before a crash) is kept.
     */
    @SuppressWarnings("unchecked")
    private static void restore(Rtnl r, Map<String, Object> c, String current, String name) throws ErrnoException {
        LinkUpdate u = LinkUpdate.create().mtu(RouteSpecs.number(c, "mtu").intValue());
        if (!current.equals(name)) {
            u.name(name);   // the device is down after the move: it can be renamed
        }
        if (c.containsKey("mac")) {
            u.address((String) c.get("mac"));
        }
        if (c.containsKey("alias")) {
            u.alias((String) c.get("alias"));
        }
        r.links().set(current, u);
        List<IpPrefix> have = r.addresses().list(name).stream().map(Address::prefix).toList();
        for (Object a : (List<?>) c.get("addresses")) {
            AddressSpec spec = spec((Map<String, Object>) a, name);
            if (!have.contains(spec.prefix())) {
                r.addresses().add(name, spec);
            }
        }
        if (Boolean.TRUE.equals(c.get("up"))) {
            r.links().setUp(name);
        }
        for (Object route : (List<?>) c.get("routes")) {
            try {
                r.routes().add(RouteSpecs.fromMap((Map<String, Object>) route, d -> name));
            } catch (ErrnoException e) {
                // add, not replace: a clashing route of the target is a failure, unless it is this one
                if (!e.is(Errno.EEXIST) || !sameRouteThere(r, (Map<String, Object>) route, name)) {
                    throw e;
                }
            }
        }
    }

    /** Whether the target already has exactly this route through {@code name} (restored before a crash). */
    private static boolean sameRouteThere(Rtnl r, Map<String, Object> route, String name) throws ErrnoException {
        List<Link> links = r.links().list();
        for (Route have : r.routes().list()) {
            Map<String, Object> m = RouteSpecs.toMap(have, i -> RouteSpecs.name(i, links));
            if (m.equals(withDevice(route, name))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withDevice(Map<String, Object> route, String name) {
        Map<String, Object> m = new LinkedHashMap<>(route);
        if (m.containsKey("dev")) {
            m.put("dev", name);
        }
        if (m.containsKey("nexthops")) {
            List<Object> hops = new ArrayList<>();
            for (Object h : (List<?>) m.get("nexthops")) {
                Map<String, Object> hop = new LinkedHashMap<>((Map<String, Object>) h);
                hop.put("dev", name);
                hops.add(hop);
            }
            m.put("nexthops", hops);
        }
        return m;
    }

    /** Length of the device-name part of an IPv4 label ("eth0" of "eth0:1"). */
    private static int labelPrefix(String label) {
        int colon = label.indexOf(':');
        return colon < 0 ? label.length() : colon;
    }

    /** What the request that adds {@code a} again needs, as JSON values. */
    private static Map<String, Object> toMap(Address a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", a.prefix().toString());
        if (a.peer() != null) {
            m.put("peer", IpPrefix.format(a.peer()));
        }
        if (a.broadcast() != null) {
            m.put("broadcast", IpPrefix.format(a.broadcast()));
        }
        if (a.label() != null) {
            m.put("label", a.label());
        }
        m.put("scope", (long) a.scope());
        m.put("flags", (long) a.flags());
        m.put("prefixLength", (long) a.prefixLength());
        m.put("valid", a.validLifetime());
        m.put("preferred", a.preferredLifetime());
        return m;
    }

    /** The request that adds the address {@code a} describes to {@code dev}: prefix, peer, broadcast, label, scope, flags, lifetimes. */
    static AddressSpec spec(Map<String, Object> a, String dev) {
        AddressSpec s = AddressSpec.of((String) a.get("prefix"));
        int length = RouteSpecs.number(a, "prefixLength").intValue();
        if (a.containsKey("peer")) {
            s.peer(new IpPrefix(IpPrefix.parseAddress((String) a.get("peer")), length));
        }
        if (a.containsKey("broadcast")) {
            s.broadcast(IpPrefix.parseAddress((String) a.get("broadcast")));
        }
        if (a.containsKey("label")) {
            String label = (String) a.get("label");
            s.label(dev + label.substring(Math.min(label.length(), labelPrefix(label))));
        }
        s.scope(RouteSpecs.number(a, "scope").intValue());
        long flags = RouteSpecs.number(a, "flags").longValue();
        if ((flags & 0x02) != 0) {
            s.noDad();
        }
        if ((flags & 0x200) != 0) {
            s.noPrefixRoute();
        }
        long valid = RouteSpecs.number(a, "valid").longValue();
        long preferred = RouteSpecs.number(a, "preferred").longValue();
        if (valid >= 0 && valid != Address.FOREVER) {
            s.validLifetime(valid).preferredLifetime(Math.min(preferred, valid));
        }
        return s;
    }
}
