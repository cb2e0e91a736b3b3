package dev.jnetns.model;


import static dev.jnetns.uapi.LinuxNeighbour.NTF_ROUTER;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_PERMANENT;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_KERNEL;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.Address;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.kind.Macvlan;
import dev.jnetns.kind.Vxlan;
import dev.jnetns.Neighbour;
import dev.jnetns.Netns;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.Rule;
import dev.jnetns.model.Topology.LinkDecl;
import dev.jnetns.model.Topology.NamespaceDecl;
import dev.jnetns.model.Topology.Ref;
import dev.jnetns.model.Topology.RouteDecl;
import dev.jnetns.ErrnoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a live named namespace as a topology that {@code apply} restores: its devices (kind and
 * kind data, MTU, MAC, alias, master, up state, addresses with every attribute), its routes other
 * than the kernel's with every attribute ({@link RouteForm}), its rules ({@link RuleForm}),
 * permanent and proxy neighbours, and the {@code net.*} sysctls that
 * differ from a fresh namespace's. Equivalent to {@code jnetns netns export NAME}.
 */
public final class Exporter {

    private Exporter() {
    }

    /**
     * What a named namespace holds, as a topology that {@code apply} restores. Equivalent to:
     * {@code jnetns netns export NAME}.
     *
     * @param name the namespace's name under /run/netns
     * @return its devices, addresses, routes and changed net.* sysctls
     * @throws ErrnoException when it cannot be opened or read
     */
    public static Topology export(String name) throws ErrnoException {
        try (Netns ns = Netns.open(name); Rtnl rtnl = Rtnl.open(ns)) {
            List<Link> links = rtnl.links().list();
            Map<Integer, String> netnsNames = netnsNames(rtnl);
            Map<String, String> sysctl = changedSysctls(ns);
            List<Address> addrs = rtnl.addresses().list();
            List<LinkDecl> decls = new ArrayList<>();
            for (Link l : links) {
                LinkDecl d = decl(l, links, addrs, netnsNames);
                if (d != null) {
                    decls.add(d);
                }
            }
            List<RouteDecl> routes = new ArrayList<>();
            for (Route r : rtnl.routes().list()) {
                if (Planner.managed(r)) {
                    routes.add(route(r, links));
                }
            }
            List<Topology.RuleDecl> rules = new ArrayList<>();
            for (int family : new int[] {AF_INET, AF_INET6}) {
                for (Rule r : rtnl.rules().list(family)) {
                    if (r.protocol() != RTPROT_KERNEL) {
                        rules.add(RuleForm.decl(RuleForm.of(r)));
                    }
                }
            }
            List<Topology.NeighbourDecl> neighbours = new ArrayList<>();
            for (Neighbour n : rtnl.neighbours().list()) {
                if ((n.state() & NUD_PERMANENT) != 0 && (n.family() == AF_INET || n.family() == AF_INET6)) {
                    neighbours.add(new Topology.NeighbourDecl(IpPrefix.format(n.dst()), n.lladdr(),
                            RouteSpecs.name(n.index(), links), (n.flags() & NTF_ROUTER) != 0 ? Boolean.TRUE : null, null));
                }
            }
            for (Neighbour n : rtnl.neighbours().proxies()) {
                if (n.index() == 0) {   // a topology's neighbours belong to its devices
                    throw new IllegalStateException("proxy neighbour " + IpPrefix.format(n.dst())
                            + " (on every device, no dev) cannot be written in a topology file");
                }
                neighbours.add(new Topology.NeighbourDecl(IpPrefix.format(n.dst()), null, RouteSpecs.name(n.index(), links),
                        (n.flags() & NTF_ROUTER) != 0 ? Boolean.TRUE : null, Boolean.TRUE));
            }
            Map<String, NamespaceDecl> spaces = new LinkedHashMap<>();
            spaces.put(name, new NamespaceDecl(sysctl, decls, routes, rules, neighbours));
            return new Topology(spaces);
        }
    }

    /**
     * The writable {@code net.*} sysctls of {@code ns} whose values differ from a fresh
     * namespace's, but the per-device ones (net.ipv4.conf.DEV, net.ipv6.conf.DEV, neigh.DEV; a
     * file sets sysctls before it makes devices): {@code all} and {@code default} are kept.
     */
    private static Map<String, String> changedSysctls(Netns ns) throws ErrnoException {
        Map<String, String> mine = netSysctls(ns);
        Map<String, String> fresh;
        try (Netns empty = Netns.create()) {
            fresh = netSysctls(empty);
        }
        Map<String, String> out = new LinkedHashMap<>();
        mine.forEach((k, v) -> {
            if (fresh.containsKey(k) && !fresh.get(k).equals(v)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Every readable, writable sysctl under /proc/sys/net of {@code ns} but the per-device ones, sorted. */
    private static Map<String, String> netSysctls(Netns ns) throws ErrnoException {
        try {
            return ns.call(() -> {
                Map<String, String> out = new java.util.TreeMap<>();
                Path root = Path.of("/proc/sys");
                try (Stream<Path> files = Files.walk(root.resolve("net"))) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        String key = root.relativize(f).toString().replace('/', '.');
                        if (!Files.isRegularFile(f) || perDevice(key)
                                || !Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_WRITE)) {
                            continue;
                        }
                        try {
                            String v = Files.readString(f);
                            out.put(key, v.endsWith("\n") ? v.substring(0, v.length() - 1) : v);
                        } catch (IOException e) {
                            // write-only or refusing reads (stable_secret unset): not part of the picture
                        }
                    }
                }
                return out;
            });
        } catch (ErrnoException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the sysctls of " + ns + ": " + e.getMessage(), e);
        }
    }

    private static boolean perDevice(String key) {
        String[] p = key.split("\\.");
        return p.length > 3 && (p[2].equals("conf") || p[2].equals("neigh"))
                && !p[3].equals("all") && !p[3].equals("default");
    }

    /** Names of the namespaces this one knows by nsid. */
    private static Map<Integer, String> netnsNames(Rtnl rtnl) throws ErrnoException {
        Map<Integer, String> out = new HashMap<>();
        for (String n : Netns.names()) {
            try (Netns other = Netns.open(n)) {
                int id = rtnl.nsid(other);
                if (id >= 0) {
                    out.putIfAbsent(id, n);
                }
            } catch (ErrnoException e) {
                // a stale name
            }
        }
        return out;
    }

    private static LinkDecl decl(Link l, List<Link> links, List<Address> addrs, Map<Integer, String> netnsNames)
            throws ErrnoException {
        List<String> mine = new ArrayList<>();
        List<String> inet6 = new ArrayList<>();
        for (Address a : addrs) {
            if (a.index() == l.index() && !Planner.isKernelMade(a)) {
                (a.family() == AF_INET6 ? inet6 : mine).add(AddressEntry.of(a, l.name()).toString());
            }
        }
        // the kernel lists a device's IPv6 addresses newest first: added in reverse, they list as now
        java.util.Collections.reverse(inet6);
        mine.addAll(inet6);
        if (l.name().equals("lo")) {
            return l.isUp() || !mine.isEmpty() ? new LinkDecl("lo", null, null, null, null, null, null, null, null,
                    l.isUp(), null, null, null, null, mine) : null;
        }
        String kind = l.createKind();
        Ref peer = null;
        Ref parent = null;
        String mode = null;
        Integer id = null;
        Integer port = null;
        String dev = null;
        String remote = null;
        if ("veth".equals(kind)) {
            if (l.linkNetnsId() < 0) {
                Optional<Link> p = links.stream().filter(x -> x.index() == l.linkIndex()).findFirst();
                if (p.isEmpty() || p.get().index() > l.index()) {
                    // the end with the higher ifindex creates the pair: the kernel makes the peer first,
                    // so both ends get their old order back
                    kind = null;
                } else {
                    peer = new Ref(p.get().name(), null);
                }
            } else {
                String other = netnsNames.get(l.linkNetnsId());
                String peerName = other == null ? null : peerName(other, l.linkIndex());
                if (peerName == null) {
                    kind = null;                        // the peer's namespace has no name: refer to the device only
                } else {
                    peer = new Ref(peerName, other);
                }
            }
        } else if ("macvlan".equals(kind) || "macvtap".equals(kind)) {
            parent = l.linkNetnsId() < 0 ? new Ref(RouteSpecs.name(l.linkIndex(), links), null) : null;
            mode = l.data() instanceof Macvlan m ? m.modeName() : null;
            if (parent == null) {
                kind = null;
            }
        } else if ("vxlan".equals(kind)) {
            if (l.data() instanceof Vxlan v) {
                id = (int) v.id();
                port = v.port() >= 0 ? v.port() : null;
                dev = v.link() != 0 ? RouteSpecs.name(v.link(), links) : null;
                remote = v.remote() != null ? IpPrefix.format(v.remote()) : null;
            }
        }
        String master = l.masterIndex() != 0 ? RouteSpecs.name(l.masterIndex(), links) : null;
        return new LinkDecl(l.name(), kind, peer, parent, mode, id, port, dev, remote, l.isUp(), l.mtu(), l.address(),
                l.alias() == null ? "" : l.alias(), master, mine);   // "": managed, and none
    }

    private static String peerName(String netns, int index) throws ErrnoException {
        try (Netns ns = Netns.open(netns); Rtnl r = Rtnl.open(ns)) {
            return r.links().find(index).map(Link::name).orElse(null);
        }
    }

    private static RouteDecl route(Route r, List<Link> links) {
        return RouteForm.decl(RouteForm.of(r, index -> RouteSpecs.name(index, links)));
    }
}
