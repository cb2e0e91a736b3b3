package dev.jnetns.model;

import dev.jnetns.Address;
import dev.jnetns.AddressSpec;
import dev.jnetns.Link;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Route;
import dev.jnetns.RouteSpec;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a device to another namespace <em>with</em> its configuration. The kernel flushes a
 * device's addresses and routes and sets it down when it changes namespace; this puts back its
 * addresses (IPv4 and IPv6), the routes through it (every table, both families, multipath when all
 * paths use it), its MTU, MAC, alias and up state. When any step after the move fails the device
 * goes back and its configuration is restored there: it is never left half-moved.
 */
public final class DeviceMover {
    private static final int RTPROT_KERNEL = 2;
    private static final int RT_TABLE_LOCAL = 255;

    private DeviceMover() {
    }

    /** What a device carries: itself, its addresses, the routes through it and the devices they name. */
    private record Config(Link link, List<Address> addresses, List<Route> routes, List<Link> links) {
        /** The routes as requests, the device called {@code name}. */
        List<RouteSpec> routeSpecs(String name) {
            List<RouteSpec> out = new ArrayList<>();
            for (Route r : routes) {
                out.add(RouteSpecs.of(r, i -> i == link.index() ? name : RouteSpecs.name(i, links)));
            }
            return out;
        }
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
        Config c = capture(from, dev);
        if (to.links().find(name).isPresent()) {
            throw new ErrnoException("link move " + dev + ": the target namespace has a device named " + name,
                    Errno.EEXIST.number());
        }
        from.links().setNetns(dev, to.netns());
        try {
            restore(to, c, dev, name);
        } catch (ErrnoException | RuntimeException e) {
            try {
                to.links().set(name, LinkUpdate.create().down().netns(from.netns()));
                restore(from, c, name, dev);
            } catch (ErrnoException | RuntimeException back) {
                e.addSuppressed(back);
            }
            throw e;
        }
    }

    private static Config capture(Rtnl r, String dev) throws ErrnoException {
        Link link = r.links().get(dev);
        List<Address> addrs = new ArrayList<>();
        for (Address a : r.addresses().list(dev)) {
            if (!Planner.isKernelMade(a)) {
                addrs.add(a);
            }
        }
        List<Route> routes = new ArrayList<>();
        for (Route route : r.routes().list()) {
            boolean through = route.oif() == link.index() && route.nexthops().isEmpty()
                    || !route.nexthops().isEmpty() && route.nexthops().stream().allMatch(n -> n.oif() == link.index());
            if (through && route.protocol() != RTPROT_KERNEL && route.table() != RT_TABLE_LOCAL) {
                routes.add(route);
            }
        }
        return new Config(link, addrs, routes, r.links().list());
    }

    /** Puts back the configuration of the device now called {@code current} here, renamed {@code name}. */
    private static void restore(Rtnl r, Config c, String current, String name) throws ErrnoException {
        Link l = c.link();
        LinkUpdate u = LinkUpdate.create().mtu(l.mtu());
        if (!current.equals(name)) {
            u.name(name);   // the device is down after the move: it can be renamed
        }
        if (l.address() != null && l.address().length() == 17) {
            u.address(l.address());
        }
        if (l.alias() != null) {
            u.alias(l.alias());
        }
        r.links().set(current, u);
        for (Address a : c.addresses()) {
            r.addresses().add(name, spec(a, name));
        }
        if (l.isUp()) {
            r.links().setUp(name);
        }
        for (RouteSpec route : c.routeSpecs(name)) {
            r.routes().add(route);   // add, not replace: a clashing route of the target is a failure
        }
    }

    /** Length of the device-name part of an IPv4 label ("eth0" of "eth0:1"). */
    private static int labelPrefix(String label) {
        int colon = label.indexOf(':');
        return colon < 0 ? label.length() : colon;
    }

    /** The request that adds {@code a} again: prefix, peer, broadcast, label, scope, flags, lifetimes. */
    static AddressSpec spec(Address a, String dev) {
        AddressSpec s = AddressSpec.of(a.prefix());
        if (a.peer() != null) {
            s.peer(new dev.jnetns.IpPrefix(a.peer(), a.prefixLength()));
        }
        if (a.broadcast() != null) {
            s.broadcast(a.broadcast());
        }
        if (a.label() != null) {
            s.label(dev + a.label().substring(Math.min(a.label().length(), labelPrefix(a.label()))));
        }
        s.scope(a.scope());
        if ((a.flags() & 0x02) != 0) {
            s.noDad();
        }
        if ((a.flags() & 0x200) != 0) {
            s.noPrefixRoute();
        }
        if (a.validLifetime() >= 0 && a.validLifetime() != Address.FOREVER) {
            s.validLifetime(a.validLifetime()).preferredLifetime(Math.min(a.preferredLifetime(), a.validLifetime()));
        }
        return s;
    }
}
