package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_KERNEL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.Address;
import dev.jnetns.AddressSpec;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.LinkSpec;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Netns;
import dev.jnetns.Route;
import dev.jnetns.RouteSpec;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.model.Plan.Step;
import dev.jnetns.model.Topology.LinkDecl;
import dev.jnetns.model.Topology.NamespaceDecl;
import dev.jnetns.model.Topology.RouteDecl;
import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a topology with the live namespaces and lists the steps that make them equal
 * ({@code jnetns apply} runs them, {@code jnetns diff} prints them). Only what the file declares is
 * managed: its namespaces, sysctls and devices, the addresses of those devices, and the routes
 * (other than the kernel's own) of its namespaces.
 */
public final class Planner {

    /** What a namespace holds now; empty when it does not exist yet. */
    private static final class Live {
        final boolean exists;
        /** Its name is a bare file under /run/netns (an interrupted netns add): replaced when created. */
        boolean stale;
        final Map<String, Link> links = new HashMap<>();
        final Map<Integer, List<Address>> addresses = new HashMap<>();
        final List<Route> routes = new ArrayList<>();

        Live(boolean exists) {
            this.exists = exists;
        }

        Link link(String name) {
            return links.get(name);
        }
    }

    private Planner() {
    }

    /**
     * The steps that bring the live namespaces to a topology. Equivalent to: {@code jnetns diff FILE}.
     *
     * @param t the topology
     * @return the plan; empty when nothing differs
     * @throws ErrnoException when the live state cannot be read
     */
    public static Plan plan(Topology t) throws ErrnoException {
        Map<String, Live> live = new HashMap<>();
        List<String> existing = Netns.names();
        try (Session s = new Session()) {
            for (String name : t.namespaces().keySet()) {
                boolean mounted = existing.contains(name) && Netns.exists(name);
                Live l = mounted ? read(s.rtnl(name)) : new Live(false);
                l.stale = existing.contains(name) && !mounted;
                live.put(name, l);
            }
            List<Step> steps = new ArrayList<>();
            for (Map.Entry<String, NamespaceDecl> e : t.namespaces().entrySet()) {
                namespace(steps, s, e.getKey(), e.getValue(), live.get(e.getKey()));
            }
            Set<String> created = new HashSet<>();
            for (int pass = 0; pass < 3; pass++) {   // masters first, then plain devices, then children
                for (Map.Entry<String, NamespaceDecl> e : t.namespaces().entrySet()) {
                    for (LinkDecl l : e.getValue().links()) {
                        if (l.kind() != null && pass(l.kind()) == pass) {
                            create(steps, e.getKey(), l, live, created);
                        }
                    }
                }
            }
            for (Map.Entry<String, NamespaceDecl> e : t.namespaces().entrySet()) {
                for (LinkDecl l : e.getValue().links()) {
                    configure(steps, e.getKey(), l, live.get(e.getKey()));
                }
            }
            for (Map.Entry<String, NamespaceDecl> e : t.namespaces().entrySet()) {
                routes(steps, e.getKey(), e.getValue(), live.get(e.getKey()));
            }
            return new Plan(steps);
        }
    }

    /**
     * The steps that remove what a topology describes: its namespaces and everything in them.
     *
     * @param t the topology
     * @return the plan
     * @throws ErrnoException when the live namespaces cannot be listed
     */
    public static Plan destroy(Topology t) throws ErrnoException {
        List<String> existing = Netns.names();
        List<Step> steps = new ArrayList<>();
        for (String name : t.namespaces().keySet()) {
            if (existing.contains(name)) {
                steps.add(new Step(name, "delete", "netns " + name, s -> {
                    s.forget(name);
                    Netns.delete(name);
                }, null));
            }
        }
        return new Plan(steps);
    }

    private static Live read(Rtnl r) throws ErrnoException {
        Live l = new Live(true);
        for (Link link : r.links().list()) {
            l.links.put(link.name(), link);
        }
        for (Address a : r.addresses().list()) {
            l.addresses.computeIfAbsent(a.index(), k -> new ArrayList<>()).add(a);
        }
        for (Route route : r.routes().list()) {
            if (managed(route)) {
                l.routes.add(route);
            }
        }
        return l;
    }

    /** Routes a file manages: not the kernel's own, not in the local table. */
    private static boolean managed(Route r) {
        return r.protocol() != RTPROT_KERNEL && r.table() != RT_TABLE_LOCAL && (r.family() == AF_INET || r.family() == AF_INET6);
    }

    private static int pass(String kind) {
        switch (kind) {
            case "bridge": case "bond": return 0;
            case "macvlan": case "macvtap": case "vlan": case "ipvlan": return 2;
            default: return 1;
        }
    }

    private static void namespace(List<Step> steps, Session s, String name, NamespaceDecl ns, Live live)
            throws ErrnoException {
        if (!live.exists) {
            boolean stale = live.stale;
            steps.add(new Step(name, "create", "netns " + name + (stale ? " (replacing a bare file left by an interrupted netns add)" : ""), x -> {
                if (stale) {
                    Netns.delete(name);
                }
                Netns.createNamed(name).close();
            }, x -> {
                x.forget(name);
                Netns.delete(name);
            }));
        }
        for (Map.Entry<String, String> e : ns.sysctl().entrySet()) {
            String now = live.exists ? s.netns(name).sysctl(e.getKey()) : null;
            if (!e.getValue().equals(now)) {
                steps.add(new Step(name, "change", "sysctl " + e.getKey() + " " + (now == null ? "" : now + " -> ")
                        + e.getValue(), x -> x.netns(name).setSysctl(e.getKey(), e.getValue()),
                        now == null ? null : x -> x.netns(name).setSysctl(e.getKey(), now)));
            }
        }
    }

    private static void create(List<Step> steps, String ns, LinkDecl l, Map<String, Live> live, Set<String> created) {
        Link now = live.get(ns).link(l.name());
        if (now != null) {
            String kind = now.createKind();
            if (!l.kind().equals(kind)) {
                throw new IllegalArgumentException("netns " + ns + ": device " + l.name() + " exists as "
                        + (kind == null ? "a device without kind" : kind) + ", the file says " + l.kind());
            }
            return;
        }
        String what = "link " + l.name() + " (" + l.kind()
                + (l.peer() != null ? ", peer " + l.peer().name() + (l.peer().netns() != null ? " in " + l.peer().netns() : "") : "")
                + (l.link() != null ? ", on " + l.link().name() + (l.link().netns() != null ? " in " + l.link().netns() : "") : "")
                + ")";
        steps.add(new Step(ns, "create", what, s -> {
            if (l.link() != null && l.link().netns() != null) {
                // a child of a device in another namespace: made there, placed here in the same request
                s.rtnl(l.link().netns()).links().add(spec(l, s).netns(s.netns(ns)));
            } else {
                s.rtnl(ns).links().add(spec(l, s));
            }
        }, s -> deleteIfThere(s, ns, l.name())));
        created.add(ns + "/" + l.name());
        if (l.peer() != null) {
            String peerNs = l.peer().netns() != null ? l.peer().netns() : ns;
            Live pl = live.get(peerNs);
            if (pl != null) {
                pl.links.remove(l.peer().name());   // it will be new: configure it fully
            }
        }
    }

    private static void deleteIfThere(Session s, String ns, String name) throws ErrnoException {
        try {
            s.rtnl(ns).links().delete(name);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ENODEV)) {
                throw e;
            }
        }
    }

    private static LinkSpec spec(LinkDecl l, Session s) throws ErrnoException {
        String parent = l.link() != null ? l.link().name() : null;
        switch (l.kind()) {
            case "veth": {
                LinkSpec v = LinkSpec.veth(l.name(), l.peer().name());
                if (l.peer().netns() != null) {
                    v.peerNetns(s.netns(l.peer().netns()));
                }
                return v;
            }
            case "bridge": return LinkSpec.bridge(l.name());
            case "ifb": return LinkSpec.ifb(l.name());
            case "dummy": return LinkSpec.dummy(l.name());
            case "tap": return LinkSpec.tap(l.name());
            case "tun": return LinkSpec.tun(l.name());
            case "macvlan": return LinkSpec.macvlan(l.name(), require(parent, l), l.mode() != null ? l.mode() : "bridge");
            case "macvtap": return LinkSpec.macvtap(l.name(), require(parent, l), l.mode() != null ? l.mode() : "bridge");
            case "vlan": return LinkSpec.vlan(l.name(), require(parent, l), l.id() != null ? l.id() : 0);
            case "ipvlan": return LinkSpec.ipvlan(l.name(), require(parent, l), l.mode() != null ? l.mode() : "l3");
            case "bond": return LinkSpec.bond(l.name(), l.mode() != null ? l.mode() : "balance-rr");
            case "vxlan": {
                LinkSpec v = LinkSpec.vxlan(l.name(), l.id() != null ? l.id() : 0).port(l.port() != null ? l.port() : 4789);
                if (l.dev() != null) {
                    v.dev(l.dev());
                }
                return v;
            }
            default: throw new IllegalArgumentException("link " + l.name() + ": unknown kind \"" + l.kind() + "\"");
        }
    }

    private static String require(String parent, LinkDecl l) {
        if (parent == null) {
            throw new IllegalArgumentException("link " + l.name() + ": a " + l.kind() + " needs \"link\" (its parent)");
        }
        return parent;
    }

    /** MTU, MAC, alias, master, addresses and up state of one declared device. */
    private static void configure(List<Step> steps, String ns, LinkDecl l, Live live) {
        Link now = live.link(l.name());
        String dev = l.name();
        if (l.mtu() != null && (now == null || now.mtu() != l.mtu())) {
            Integer old = now == null ? null : now.mtu();
            steps.add(new Step(ns, "change", "mtu of " + dev + (old != null ? " " + old + " ->" : "") + " " + l.mtu(),
                    s -> s.rtnl(ns).links().setMtu(dev, l.mtu()), old == null ? null : s -> s.rtnl(ns).links().setMtu(dev, old)));
        }
        if (l.mac() != null && (now == null || !l.mac().equalsIgnoreCase(now.address()))) {
            String old = now == null ? null : now.address();
            steps.add(new Step(ns, "change", "address of " + dev + " " + l.mac(),
                    s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().address(l.mac())),
                    old == null ? null : s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().address(old))));
        }
        if (l.alias() != null && (now == null || !l.alias().equals(now.alias()))) {
            steps.add(new Step(ns, "change", "alias of " + dev + " \"" + l.alias() + "\"",
                    s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().alias(l.alias())), null));
        }
        if (l.master() != null) {
            Link master = live.link(l.master());
            if (now == null || master == null || now.masterIndex() != master.index()) {
                steps.add(new Step(ns, "change", "master of " + dev + " " + l.master(),
                        s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().master(l.master())),
                        s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().noMaster())));
            }
        }
        List<Address> have = now == null ? List.of() : live.addresses.getOrDefault(now.index(), List.of());
        Set<String> want = new HashSet<>();
        for (String a : l.addresses()) {
            AddressSpec spec = Topology.address(a);
            IpPrefix p = spec.prefix();
            want.add(p.toString());
            if (have.stream().noneMatch(h -> h.prefix().equals(p))) {
                steps.add(new Step(ns, "create", "address " + p + " on " + dev,
                        s -> s.rtnl(ns).addresses().add(dev, spec),
                        s -> s.rtnl(ns).addresses().delete(dev, AddressSpec.of(p))));
            }
        }
        for (Address h : have) {
            if (!want.contains(h.prefix().toString()) && !isKernelMade(h)) {
                steps.add(new Step(ns, "delete", "address " + h.prefix() + " on " + dev,
                        s -> s.rtnl(ns).addresses().delete(dev, AddressSpec.of(h.prefix())),
                        s -> s.rtnl(ns).addresses().add(dev, AddressSpec.of(h.prefix()))));
            }
        }
        if (l.up() != null && (now == null ? l.up() : now.isUp() != l.up())) {
            boolean up = l.up();
            steps.add(new Step(ns, "change", dev + (up ? " up" : " down"),
                    s -> s.rtnl(ns).links().set(dev, up ? LinkUpdate.create().up() : LinkUpdate.create().down()),
                    now == null ? null : s -> s.rtnl(ns).links().set(dev, up ? LinkUpdate.create().down() : LinkUpdate.create().up())));
        }
    }

    /** Addresses the kernel makes by itself: IPv6 link-local ones, and loopback ones when lo goes up. */
    static boolean isKernelMade(Address a) {
        return a.family() == AF_INET6 && a.local().isLinkLocalAddress() || a.local().isLoopbackAddress();
    }

    private static void routes(List<Step> steps, String ns, NamespaceDecl decl, Live live) {
        List<Route> unmatched = new ArrayList<>(live.routes);
        for (RouteDecl r : decl.routes()) {
            RouteSpec spec = spec(r);
            Route match = null;
            for (Route have : unmatched) {
                if (sameKey(r, spec, have)) {
                    match = have;
                    break;
                }
            }
            if (match == null) {
                steps.add(new Step(ns, "create", "route " + spec, s -> s.rtnl(ns).routes().add(spec),
                        s -> s.rtnl(ns).routes().delete(spec)));
                continue;
            }
            unmatched.remove(match);
            if (!sameTarget(r, match, live)) {
                Route old = match;
                steps.add(new Step(ns, "change", "route " + spec, s -> s.rtnl(ns).routes().replace(spec),
                        s -> s.rtnl(ns).routes().replace(RouteSpecs.of(old, live.links.values()))));
            }
        }
        for (Route extra : unmatched) {
            RouteSpec spec = RouteSpecs.of(extra, live.links.values());
            steps.add(new Step(ns, "delete", "route " + spec, s -> s.rtnl(ns).routes().delete(spec),
                    s -> s.rtnl(ns).routes().add(spec)));
        }
    }

    static RouteSpec spec(RouteDecl r) {
        RouteSpec s = RouteSpec.to(r.dst());
        if (r.via() != null) {
            s.via(IpPrefix.parseAddress(r.via()));
        }
        if (r.dev() != null) {
            s.dev(r.dev());
        }
        if (r.metric() != null) {
            s.metric(r.metric());
        }
        if (r.table() != null) {
            s.table(r.table());
        }
        if (r.src() != null) {
            s.src(IpPrefix.parseAddress(r.src()));
        }
        if (r.type() != null) {
            s.type(RtNames.TYPES.number(r.type()));
        }
        if (r.proto() != null) {
            s.protocol(RtNames.PROTOCOLS.number(r.proto()));
        }
        for (Topology.NexthopDecl h : r.nexthops()) {
            s.nexthop(h.via() == null ? null : IpPrefix.parseAddress(h.via()), h.dev(),
                    h.weight() == null ? 1 : h.weight());
        }
        return s;
    }

    /** Same destination, table and metric: the kernel's identity of a route. */
    private static boolean sameKey(RouteDecl r, RouteSpec spec, Route have) {
        IpPrefix dst = r.dst().equals("default") ? null : IpPrefix.parse(r.dst()).network();
        String via = r.via() != null ? r.via() : r.nexthops().isEmpty() ? null : r.nexthops().get(0).via();
        int family = dst != null ? dst.family() : via != null ? (via.contains(":") ? AF_INET6 : AF_INET) : AF_INET;
        long metric = r.metric() != null ? r.metric() : family == AF_INET6 ? 1024 : 0;
        long haveMetric = have.metric() < 0 ? 0 : have.metric();
        int table = r.table() != null ? r.table() : RT_TABLE_MAIN;
        return have.family() == family && have.table() == table && haveMetric == metric
                && (dst == null ? have.isDefault() : have.dst().network().equals(dst));
    }

    /** Same gateway, device, source, type and paths. */
    private static boolean sameTarget(RouteDecl r, Route have, Live live) {
        String src = have.prefsrc() == null ? null : IpPrefix.format(have.prefsrc());
        int type = r.type() != null ? RtNames.TYPES.number(r.type()) : RTN_UNICAST;
        return samePath(r.via(), r.dev(), have.gateway(), have.oif(), live)
                && Objects.equals(r.src() == null ? null : IpPrefix.format(IpPrefix.parseAddress(r.src())), src)
                && type == have.type() && sameNexthops(r.nexthops(), have.nexthops(), live);
    }

    /** The same paths, in any order, weights included. */
    private static boolean sameNexthops(List<Topology.NexthopDecl> want, List<Route.Nexthop> have, Live live) {
        if (want.size() != have.size()) {
            return false;
        }
        List<Route.Nexthop> left = new ArrayList<>(have);
        for (Topology.NexthopDecl w : want) {
            int weight = w.weight() == null ? 1 : w.weight();
            if (!left.removeIf(h -> h.weight() == weight && samePath(w.via(), w.dev(), h.gateway(), h.oif(), live))) {
                return false;
            }
        }
        return true;
    }

    /** A gateway and device as the file gives them (null: any device) against the kernel's. */
    private static boolean samePath(String via, String dev, InetAddress gateway, int oif, Live live) {
        String haveDev = null;
        for (Link l : live.links.values()) {
            if (l.index() == oif) {
                haveDev = l.name();
            }
        }
        return Objects.equals(via == null ? null : IpPrefix.format(IpPrefix.parseAddress(via)),
                gateway == null ? null : IpPrefix.format(gateway)) && (dev == null || dev.equals(haveDev));
    }
}
