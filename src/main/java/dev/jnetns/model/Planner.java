package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_LOOPBACK;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_ROUTER;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_PERMANENT;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_KERNEL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_LOCAL;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.Address;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.LinkSpec;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Neighbour;
import dev.jnetns.Netns;
import dev.jnetns.Route;
import dev.jnetns.RouteSpec;
import dev.jnetns.Rule;
import dev.jnetns.Rtnl;
import dev.jnetns.model.Plan.Step;
import dev.jnetns.model.Topology.LinkDecl;
import dev.jnetns.model.Topology.NamespaceDecl;
import dev.jnetns.model.Topology.RouteDecl;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a topology with the live namespaces and lists the steps that make them equal
 * ({@code jnetns apply} runs them, {@code jnetns diff} prints them). Only what the file declares is
 * managed: its namespaces, sysctls and devices, the addresses and permanent and proxy neighbours of those
 * devices, and the routes and rules (other than the kernel's own) of its namespaces.
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
        final List<Rule> rules = new ArrayList<>();
        final List<Neighbour> neighbours = new ArrayList<>();

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
            for (int pass = 0; pass < 2; pass++) {
                for (Map.Entry<String, NamespaceDecl> e : t.namespaces().entrySet()) {
                    for (LinkDecl l : e.getValue().links()) {
                        if (l.kind() != null && pass(l, e.getValue()) == pass) {
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
                rules(steps, e.getKey(), e.getValue(), live.get(e.getKey()));
                neighbours(steps, e.getKey(), e.getValue(), live.get(e.getKey()));
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
        for (int family : new int[] {AF_INET, AF_INET6}) {
            for (Rule rule : r.rules().list(family)) {
                if (rule.protocol() != RTPROT_KERNEL) {
                    l.rules.add(rule);
                }
            }
        }
        for (Neighbour n : r.neighbours().list()) {
            if ((n.state() & NUD_PERMANENT) != 0 && (n.family() == AF_INET || n.family() == AF_INET6)) {
                l.neighbours.add(n);
            }
        }
        for (Neighbour n : r.neighbours().proxies()) {
            if (n.index() != 0) {   // the devices' own; one on every device belongs to no declared device
                l.neighbours.add(n);
            }
        }
        for (Route route : r.routes().list()) {
            if (managed(route)) {
                l.routes.add(route);
            }
        }
        return l;
    }

    /** Routes a file manages: not the kernel's own, not in the local table. */
    static boolean managed(Route r) {
        return r.protocol() != RTPROT_KERNEL && r.table() != RT_TABLE_LOCAL && (r.family() == AF_INET || r.family() == AF_INET6);
    }

    /**
     * Devices are made in file order (the ifindex order an export writes), but a child whose
     * parent comes later in the file or lives in another namespace, which waits for a second pass.
     */
    private static int pass(LinkDecl l, NamespaceDecl ns) {
        if (l.link() == null) {
            return 0;
        }
        if (l.link().netns() != null) {
            return 1;
        }
        for (LinkDecl before : ns.links()) {
            if (before == l) {
                return 1;
            }
            if (before.name().equals(l.link().name())) {
                return 0;
            }
        }
        return 1;
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
        Live here = live.get(ns);
        Link now = here.link(l.name());
        if (now != null) {
            String differs = KindData.difference(l, now, here.links.values());
            if (differs == null) {
                return;
            }
            recreate(steps, ns, now, differs, here);
        }
        String what = "link " + l.name() + " (" + l.kind()
                + (l.peer() != null ? ", peer " + l.peer().name() + (l.peer().netns() != null ? " in " + l.peer().netns() : "") : "")
                + (l.link() != null ? ", on " + l.link().name() + (l.link().netns() != null ? " in " + l.link().netns() : "") : "")
                + ")";
        steps.add(new Step(ns, "create", what, s -> {
            LinkSpec spec = spec(l, s);
            if (l.mtu() != null) {
                spec.mtu(l.mtu());
            }
            if (l.mac() != null) {
                spec.address(l.mac());   // made with it: some kinds (ifb) cannot change it later
            }
            if (l.link() != null && l.link().netns() != null) {
                // a child of a device in another namespace: made there, placed here in the same request
                s.rtnl(l.link().netns()).links().add(spec.netns(s.netns(ns)));
            } else {
                s.rtnl(ns).links().add(spec);
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

    /**
     * Deletes a device the kernel cannot change into what the file says (another kind, a vxlan id,
     * a macvlan mode), so that it is created anew. The undo makes the old device again, with its
     * kind data, settings and addresses; the routes through it, gone with it, are planned again
     * by {@link #routes} (the live state forgets them here).
     */
    private static void recreate(List<Step> steps, String ns, Link old, String differs, Live live) {
        List<Address> addrs = live.addresses.getOrDefault(old.index(), List.of());
        Collection<Link> links = List.copyOf(live.links.values());
        List<Route> through = live.routes.stream().filter(r -> r.oif() == old.index()
                || r.nexthops().stream().anyMatch(h -> h.oif() == old.index())).toList();
        steps.add(new Step(ns, "delete", "link " + old.name() + " to recreate it (" + differs
                + ": the kernel cannot change it in place)", s -> s.rtnl(ns).links().delete(old.name()),
                s -> KindData.remake(s.rtnl(ns), old, links, addrs, through)));
        live.links.remove(old.name());
        live.routes.removeAll(through);
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
                if (l.remote() != null) {
                    v.remote(IpPrefix.parseAddress(l.remote()));
                }
                return v;
            }
            default: throw new IllegalArgumentException("link " + l.name() + ": unknown kind \"" + l.kind() + "\"");
        }
    }

    /**
     * Gives {@code dev} the link-layer address {@code mac}, then puts back its permanent neighbours:
     * the kernel flushes every neighbour of a device whose address changes, permanent ones too.
     */
    private static void setAddress(Rtnl rtnl, String dev, String mac, List<Neighbour> permanent) throws ErrnoException {
        rtnl.links().set(dev, LinkUpdate.create().address(mac));
        for (Neighbour n : permanent) {
            rtnl.neighbours().replace(dev, n.dst(), n.lladdr(), n.state(), (n.flags() & NTF_ROUTER) != 0);
        }
    }

    /** Sets each device of {@code mtus} that still exists back to its MTU there, where it differs. */
    private static void restoreMtus(Rtnl rtnl, Map<String, Integer> mtus) throws ErrnoException {
        for (Map.Entry<String, Integer> m : mtus.entrySet()) {
            Optional<Link> was = rtnl.links().find(m.getKey());
            if (was.isPresent() && was.get().mtu() != m.getValue()) {
                rtnl.links().setMtu(m.getKey(), m.getValue());
            }
        }
    }

    /**
     * The MTU of the device {@code dev} sits on in its namespace (a macvlan's parent; a veth's peer
     * too, harmlessly), by name, or none: an undo of {@code dev}'s MTU gives it back first, as a
     * rollback will anyway, since the kernel refuses a macvlan an MTU above its parent's.
     */
    private static Map<String, Integer> lower(Link dev, Live live) {
        for (Link l : live.links.values()) {
            if (l.index() == dev.linkIndex() && dev.linkNetnsId() < 0 && l.index() != dev.index()) {
                return Map.of(l.name(), l.mtu());
            }
        }
        return Map.of();
    }

    /**
     * The MTUs of the devices on {@code dev} in its namespace (a macvlan, ipvlan or vlan, whose MTU
     * the kernel lowers with their parent's; a veth peer too, harmlessly), by name: an undo of the
     * parent's MTU puts theirs back as well.
     */
    private static Map<String, Integer> uppers(Link dev, Live live) {
        Map<String, Integer> upper = new java.util.LinkedHashMap<>();
        for (Link u : live.links.values()) {
            if (u.linkIndex() == dev.index() && u.linkNetnsId() < 0 && u.index() != dev.index()) {
                upper.put(u.name(), u.mtu());
            }
        }
        return upper;
    }

    private static String require(String parent, LinkDecl l) {
        if (parent == null) {
            throw new IllegalArgumentException("link " + l.name() + ": a " + l.kind() + " needs \"link\" (its parent)");
        }
        return parent;
    }

    /** MTU, MAC, alias, master, addresses and up state of one declared device; each undo restores the old value. */
    private static void configure(List<Step> steps, String ns, LinkDecl l, Live live) {
        Link now = live.link(l.name());
        String dev = l.name();
        boolean made = now == null && l.kind() != null;   // its create step sets MTU and MAC
        if (l.mtu() != null && !made && (now == null || now.mtu() != l.mtu())) {
            Integer old = now == null ? null : now.mtu();
            Map<String, Integer> lower = now == null ? Map.of() : lower(now, live);
            Map<String, Integer> upper = now == null ? Map.of() : uppers(now, live);
            // the kernel moves an IPv6 route's mtu with its device's when they were equal
            List<Route> withMtu = now == null ? List.of() : live.routes.stream()
                    .filter(r -> r.oif() == now.index() && r.metrics() != null && r.metrics().mtu() > 0).toList();
            steps.add(new Step(ns, "change", "mtu of " + dev + (old != null ? " " + old + " ->" : "") + " " + l.mtu(),
                    s -> s.rtnl(ns).links().setMtu(dev, l.mtu()), old == null ? null : s -> {
                        restoreMtus(s.rtnl(ns), lower);   // a macvlan's MTU cannot exceed its parent's
                        s.rtnl(ns).links().setMtu(dev, old);
                        restoreMtus(s.rtnl(ns), upper);
                        for (Route r : withMtu) {
                            s.rtnl(ns).routes().replace(r);
                        }
                    }));
        }
        if (l.mac() != null && !made && (now == null || !l.mac().equalsIgnoreCase(now.address()))) {
            String old = now == null ? null : now.address();
            if (now != null && now.type() == ARPHRD_LOOPBACK) {
                throw new IllegalArgumentException("link " + dev + ": its address " + old
                        + " could not be put back (the kernel refuses an all-zero address), so it is not changed");
            }
            List<Neighbour> permanent = now == null ? List.of()   // a new address leaves the proxy entries
                    : live.neighbours.stream().filter(n -> n.index() == now.index() && !n.isProxy()).toList();
            List<AddressEntry> linkLocal = now == null ? List.of() : linkLocal(live.addresses.get(now.index()), dev);
            steps.add(new Step(ns, "change", "address of " + dev + (old != null ? " " + old + " ->" : "") + " " + l.mac(),
                    s -> setAddress(s.rtnl(ns), dev, l.mac(), permanent),
                    old == null || old.matches("(00:)*00") ? null : s -> {
                        setAddress(s.rtnl(ns), dev, old, permanent);
                        restoreLinkLocal(s.rtnl(ns), dev, linkLocal);   // made from the other MAC if it came up meanwhile
                    }));
        }
        String oldAlias = now == null || now.alias() == null ? "" : now.alias();
        if (l.alias() != null && (now == null ? !l.alias().isEmpty() : !l.alias().equals(oldAlias))) {
            steps.add(new Step(ns, "change", "alias of " + dev + (now != null ? " \"" + oldAlias + "\" ->" : "")
                    + " \"" + l.alias() + "\"", s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().alias(l.alias())),
                    now == null ? null : s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().alias(oldAlias))));
        }
        if (l.master() != null) {
            Link master = live.link(l.master());
            if (now == null || master == null || now.masterIndex() != master.index()) {
                String oldMaster = now == null || now.masterIndex() == 0 ? null : nameOf(now.masterIndex(), live);
                steps.add(new Step(ns, "change", "master of " + dev + (oldMaster != null ? " " + oldMaster + " ->" : "")
                        + " " + l.master(), s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().master(l.master())),
                        now == null ? null : s -> s.rtnl(ns).links().set(dev, oldMaster == null
                                ? LinkUpdate.create().noMaster() : LinkUpdate.create().master(oldMaster))));
            }
        }
        List<Address> have = now == null ? List.of() : live.addresses.getOrDefault(now.index(), List.of());
        List<Address> unmatched = new ArrayList<>(have);
        for (String a : l.addresses()) {
            AddressEntry want = AddressEntry.parse(a, dev);
            Address same = unmatched.stream().filter(h -> want.sameAddress(h, dev)).findFirst().orElse(null);
            if (same == null) {
                steps.add(new Step(ns, "create", "address " + want + " on " + dev,
                        s -> s.rtnl(ns).addresses().add(dev, want.spec()),
                        s -> s.rtnl(ns).addresses().delete(dev, want.spec())));
                continue;
            }
            unmatched.remove(same);
            AddressEntry old = AddressEntry.of(same, dev);
            if (!want.matches(same, dev)) {
                if (same.family() == AF_INET6) {
                    // the kernel changes an IPv6 address's flags and lifetimes in place (its place in the list kept)
                    steps.add(new Step(ns, "change", "address " + old + " -> " + want + " on " + dev,
                            s -> s.rtnl(ns).addresses().replace(dev, want.spec()),
                            s -> s.rtnl(ns).addresses().replace(dev, old.spec())));
                } else {
                    // an IPv4 address's label, scope and broadcast are not changed by a replace
                    steps.add(new Step(ns, "change", "address " + old + " -> " + want + " on " + dev, s -> {
                        s.rtnl(ns).addresses().delete(dev, old.spec());
                        s.rtnl(ns).addresses().add(dev, want.spec());
                    }, s -> {
                        deleteAddressIfThere(s, ns, dev, want);
                        old.addTo(s.rtnl(ns), dev);
                    }));
                }
            }
        }
        for (Address h : unmatched) {
            if (!isKernelMade(h)) {
                AddressEntry old = AddressEntry.of(h, dev);
                steps.add(new Step(ns, "delete", "address " + old + " on " + dev,
                        s -> s.rtnl(ns).addresses().delete(dev, old.spec()),
                        s -> old.addTo(s.rtnl(ns), dev)));
            }
        }
        if (l.up() != null && (now == null ? l.up() : now.isUp() != l.up())) {
            boolean up = l.up();
            steps.add(new Step(ns, "change", dev + (up ? " up" : " down"),
                    s -> s.rtnl(ns).links().set(dev, up ? LinkUpdate.create().up() : LinkUpdate.create().down()),
                    now == null ? null : up ? s -> s.rtnl(ns).links().set(dev, LinkUpdate.create().down())
                            : upAgain(ns, dev, now, have, live)));
        }
    }

    /**
     * The undo of taking a device down: up again, and what the kernel flushed when it went down
     * put back as it was: its IPv6 addresses, the routes through it and its permanent and proxy neighbours.
     */
    private static Plan.Action upAgain(String ns, String dev, Link now, List<Address> had, Live live) {
        List<AddressEntry> linkLocal = linkLocal(had, dev);
        List<AddressEntry> inet6 = new ArrayList<>(had.stream().filter(a -> a.family() == AF_INET6 && !isKernelMade(a))
                .map(a -> AddressEntry.of(a, dev)).toList());
        java.util.Collections.reverse(inet6);   // listed newest first: added oldest first, they list as they did
        List<RouteSpec> through = live.routes.stream().filter(r -> r.oif() == now.index()
                || r.nexthops().stream().anyMatch(h -> h.oif() == now.index()))
                .map(r -> RouteSpecs.of(r, live.links.values())).toList();
        List<Neighbour> permanent = live.neighbours.stream().filter(n -> n.index() == now.index()).toList();
        return s -> {
            s.rtnl(ns).links().set(dev, LinkUpdate.create().up());
            restoreLinkLocal(s.rtnl(ns), dev, linkLocal);   // the oldest: listed last, as it was
            for (AddressEntry a : inet6) {
                a.addTo(s.rtnl(ns), dev);
            }
            for (RouteSpec r : through) {
                try {
                    s.rtnl(ns).routes().add(r);
                } catch (ErrnoException e) {
                    if (!e.is(Errno.EEXIST)) {
                        throw e;
                    }
                }
            }
            for (Neighbour n : permanent) {   // flushed with the device going down, permanent and proxy ones too
                restore(s.rtnl(ns), dev, n);
            }
        };
    }

    /** The IPv6 link-local addresses among {@code addrs} (null: none), as entries of {@code dev}. */
    private static List<AddressEntry> linkLocal(List<Address> addrs, String dev) {
        return addrs == null ? List.of() : addrs.stream()
                .filter(a -> a.family() == AF_INET6 && a.local().isLinkLocalAddress()).map(a -> AddressEntry.of(a, dev)).toList();
    }

    /**
     * Gives {@code dev} back the IPv6 link-local addresses it had, and only those: the kernel makes
     * one from the MAC when the device comes up (from a changed MAC, while that is not given back),
     * and does not make it anew when the MAC changes. Those it had are added (found there, mostly),
     * then the others deleted, so that they stay the oldest and list last, as they did.
     */
    private static void restoreLinkLocal(Rtnl r, String dev, List<AddressEntry> had) throws ErrnoException {
        for (AddressEntry a : had) {
            a.addTo(r, dev);
        }
        for (Address a : r.addresses().list(dev)) {
            if (a.family() == AF_INET6 && a.local().isLinkLocalAddress() && had.stream().noneMatch(h -> h.sameAddress(a, dev))) {
                r.addresses().delete(dev, AddressEntry.of(a, dev).spec());
            }
        }
    }

    private static void deleteAddressIfThere(Session s, String ns, String dev, AddressEntry a) throws ErrnoException {
        try {
            s.rtnl(ns).addresses().delete(dev, a.spec());
        } catch (ErrnoException e) {
            if (!e.is(Errno.EADDRNOTAVAIL)) {
                throw e;
            }
        }
    }

    private static String nameOf(int index, Live live) {
        return RouteSpecs.name(index, live.links.values());
    }

    /** Addresses the kernel makes by itself: IPv6 link-local ones, and loopback ones when lo goes up. */
    static boolean isKernelMade(Address a) {
        return a.family() == AF_INET6 && a.local().isLinkLocalAddress() || a.local().isLoopbackAddress();
    }

    /**
     * Routes: each declared one matched with the live one of the same key ({@link RouteForm#key})
     * and compared in {@link RouteForm}'s normal form; live routes no entry matches are deleted.
     */
    private static void routes(List<Step> steps, String ns, NamespaceDecl decl, Live live) {
        java.util.function.IntFunction<String> names = index -> nameOf(index, live);
        Map<Route, Map<String, Object>> unmatched = new java.util.LinkedHashMap<>();
        for (Route r : live.routes) {
            unmatched.put(r, RouteForm.of(r, names));
        }
        for (RouteDecl r : decl.routes()) {
            Map<String, Object> want = RouteForm.of(r);
            RouteSpec spec = RouteSpecs.fromMap(want, d -> d);
            Route match = null;
            for (Map.Entry<Route, Map<String, Object>> have : unmatched.entrySet()) {
                if (RouteForm.key(have.getValue()).equals(RouteForm.key(want))) {
                    match = have.getKey();
                    break;
                }
            }
            if (match == null) {
                steps.add(new Step(ns, "create", "route " + spec, s -> s.rtnl(ns).routes().add(spec),
                        s -> s.rtnl(ns).routes().delete(spec)));
                continue;
            }
            Map<String, Object> old = unmatched.remove(match);
            if (!RouteForm.same(old, want)) {
                RouteSpec oldSpec = RouteSpecs.fromMap(old, d -> d);
                steps.add(new Step(ns, "change", "route " + oldSpec + " -> " + spec, s -> s.rtnl(ns).routes().replace(spec),
                        s -> s.rtnl(ns).routes().replace(oldSpec)));
            }
        }
        for (Map<String, Object> extra : unmatched.values()) {
            RouteSpec spec = RouteSpecs.fromMap(extra, d -> d);
            steps.add(new Step(ns, "delete", "route " + spec, s -> s.rtnl(ns).routes().delete(spec),
                    s -> s.rtnl(ns).routes().add(spec)));
        }
    }

    /**
     * Policy rules: each declared one matched with a live one of the same normal form
     * ({@link RuleForm}); live rules no entry matches, the kernel's own aside, are deleted.
     */
    private static void rules(List<Step> steps, String ns, NamespaceDecl decl, Live live) {
        List<Map<String, Object>> unmatched = new ArrayList<>();
        live.rules.forEach(r -> unmatched.add(RuleForm.of(r)));
        for (Topology.RuleDecl r : decl.rules()) {
            Map<String, Object> want = RuleForm.of(r);
            if (!unmatched.remove(want)) {
                steps.add(new Step(ns, "create", "rule " + RuleForm.text(want), s -> s.rtnl(ns).rules().add(RuleForm.spec(want)),
                        s -> s.rtnl(ns).rules().delete(RuleForm.spec(want))));
            }
        }
        for (Map<String, Object> extra : unmatched) {
            steps.add(new Step(ns, "delete", "rule " + RuleForm.text(extra), s -> s.rtnl(ns).rules().delete(RuleForm.spec(extra)),
                    s -> s.rtnl(ns).rules().add(RuleForm.spec(extra))));
        }
    }

    /**
     * Permanent and proxy neighbours of the file's devices: added, or replaced when the link-layer
     * address or the router flag differs; the devices' other permanent and proxy entries are deleted.
     */
    private static void neighbours(List<Step> steps, String ns, NamespaceDecl decl, Live live) {
        Set<String> devices = new HashSet<>();
        decl.links().forEach(l -> devices.add(l.name()));
        List<Neighbour> unmatched = new ArrayList<>();
        for (Neighbour n : live.neighbours) {
            Link dev = live.links.values().stream().filter(l -> l.index() == n.index()).findFirst().orElse(null);
            if (dev != null && devices.contains(dev.name())) {
                unmatched.add(n);
            }
        }
        for (Topology.NeighbourDecl d : decl.neighbours()) {
            java.net.InetAddress dst = IpPrefix.parseAddress(d.dst());
            boolean router = Boolean.TRUE.equals(d.router());
            Link dev = live.link(d.dev());
            Neighbour now = dev == null ? null : unmatched.stream().filter(n -> n.index() == dev.index()
                    && n.isProxy() == d.isProxy() && dst.equals(n.dst())).findFirst().orElse(null);
            String what = "neighbour " + (d.isProxy() ? "proxy " + d.dst() : d.dst() + " lladdr " + d.lladdr())
                    + " dev " + d.dev() + (router ? " router" : "");
            if (now == null) {
                steps.add(new Step(ns, "create", what, s -> add(s.rtnl(ns), d, dst, router),
                        s -> delete(s.rtnl(ns), d.dev(), dst, d.isProxy())));
                continue;
            }
            unmatched.remove(now);
            boolean wasRouter = (now.flags() & NTF_ROUTER) != 0;
            if (d.isProxy() ? router != wasRouter : !d.lladdr().equalsIgnoreCase(now.lladdr()) || router != wasRouter) {
                steps.add(new Step(ns, "change", what, s -> {
                    if (d.isProxy()) {   // a proxy entry's flags are set by deleting it and adding it again
                        s.rtnl(ns).neighbours().deleteProxy(d.dev(), dst);
                    }
                    replace(s.rtnl(ns), d, dst, router);
                }, s -> {
                    if (d.isProxy()) {
                        s.rtnl(ns).neighbours().deleteProxy(d.dev(), dst);
                    }
                    restore(s.rtnl(ns), d.dev(), now);
                }));
            }
        }
        for (Neighbour n : unmatched) {
            String dev = nameOf(n.index(), live);
            String what = "neighbour " + (n.isProxy() ? "proxy " : "") + IpPrefix.format(n.dst()) + " dev " + dev;
            steps.add(new Step(ns, "delete", what,
                    s -> delete(s.rtnl(ns), dev, n.dst(), n.isProxy()), s -> restore(s.rtnl(ns), dev, n)));
        }
    }

    /** {@code ip neigh add [proxy] DST [lladdr MAC] dev DEV [router]} of a declared entry. */
    private static void add(Rtnl rtnl, Topology.NeighbourDecl d, java.net.InetAddress dst, boolean router)
            throws ErrnoException {
        if (d.isProxy()) {
            rtnl.neighbours().addProxy(d.dev(), dst, router);
        } else {
            rtnl.neighbours().add(d.dev(), dst, d.lladdr(), 0, router);
        }
    }

    /** {@code ip neigh replace [proxy] DST [lladdr MAC] dev DEV [router]} of a declared entry. */
    private static void replace(Rtnl rtnl, Topology.NeighbourDecl d, java.net.InetAddress dst, boolean router)
            throws ErrnoException {
        if (d.isProxy()) {
            rtnl.neighbours().addProxy(d.dev(), dst, router);
        } else {
            rtnl.neighbours().replace(d.dev(), dst, d.lladdr(), 0, router);
        }
    }

    /** {@code ip neigh del [proxy] DST dev DEV}. */
    private static void delete(Rtnl rtnl, String dev, java.net.InetAddress dst, boolean proxy) throws ErrnoException {
        if (proxy) {
            rtnl.neighbours().deleteProxy(dev, dst);
        } else {
            rtnl.neighbours().delete(dev, dst);
        }
    }

    /** Puts back entry {@code n} of {@code dev} as a dump gave it (a proxy entry, or a permanent neighbour). */
    private static void restore(Rtnl rtnl, String dev, Neighbour n) throws ErrnoException {
        boolean router = (n.flags() & NTF_ROUTER) != 0;
        if (n.isProxy()) {
            rtnl.neighbours().addProxy(dev, n.dst(), router);
        } else {
            rtnl.neighbours().replace(dev, n.dst(), n.lladdr(), n.state(), router);
        }
    }
}
