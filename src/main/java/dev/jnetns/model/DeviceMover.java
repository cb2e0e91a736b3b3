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

    /** What a device carries. */
    private record Config(Link link, List<Address> addresses, List<RouteSpec> routes) {
    }

    /**
     * Moves {@code dev} from the namespace of {@code from} to that of {@code to}. Equivalent to:
     * {@code jnetns link move DEV netns NS}.
     *
     * @throws ErrnoException EEXIST when the target has a device of that name (nothing moved)
     */
    public static void move(Rtnl from, Rtnl to, String dev) throws ErrnoException {
        Config c = capture(from, dev);
        if (to.links().find(dev).isPresent()) {
            throw new ErrnoException("link move " + dev + ": the target namespace has a device named " + dev,
                    Errno.EEXIST.number());
        }
        from.links().setNetns(dev, to.netns());
        try {
            restore(to, c);
        } catch (ErrnoException | RuntimeException e) {
            try {
                to.links().setNetns(dev, from.netns());
                restore(from, c);
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
        List<Link> links = r.links().list();
        List<RouteSpec> routes = new ArrayList<>();
        for (Route route : r.routes().list()) {
            boolean through = route.oif() == link.index() && route.nexthops().isEmpty()
                    || !route.nexthops().isEmpty() && route.nexthops().stream().allMatch(n -> n.oif() == link.index());
            if (through && route.protocol() != RTPROT_KERNEL && route.table() != RT_TABLE_LOCAL) {
                routes.add(RouteSpecs.of(route, links));
            }
        }
        return new Config(link, addrs, routes);
    }

    private static void restore(Rtnl r, Config c) throws ErrnoException {
        Link l = c.link();
        LinkUpdate u = LinkUpdate.create().mtu(l.mtu());
        if (l.address() != null && l.address().length() == 17) {
            u.address(l.address());
        }
        if (l.alias() != null) {
            u.alias(l.alias());
        }
        r.links().set(l.name(), u);
        for (Address a : c.addresses()) {
            r.addresses().add(l.name(), spec(a));
        }
        if (l.isUp()) {
            r.links().setUp(l.name());
        }
        for (RouteSpec route : c.routes()) {
            r.routes().add(route);   // add, not replace: a clashing route of the target is a failure
        }
    }

    /** The request that adds {@code a} again: prefix, peer, broadcast, label, scope, flags, lifetimes. */
    static AddressSpec spec(Address a) {
        AddressSpec s = AddressSpec.of(a.prefix());
        if (a.peer() != null) {
            s.peer(new dev.jnetns.IpPrefix(a.peer(), a.prefixLength()));
        }
        if (a.broadcast() != null) {
            s.broadcast(a.broadcast());
        }
        if (a.label() != null) {
            s.label(a.label());
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
