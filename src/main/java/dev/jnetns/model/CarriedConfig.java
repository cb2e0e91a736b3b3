package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxIfLink.IFF_LOWER_UP;
import static dev.jnetns.uapi.LinuxIfLink.IN6_ADDR_GEN_MODE_NONE;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_PERMANENT;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_DEAD;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_KERNEL;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.Address;
import dev.jnetns.Link;
import dev.jnetns.Neighbour;
import dev.jnetns.Netns;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import dev.jnetns.uapi.LinuxParam;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

/**
 * What a device move carries, read from the source before the device leaves: the device's up
 * state and its per-device sysctls (the kernel resets both on a namespace change), its addresses,
 * its permanent and proxy neighbours and every route with a path through it, each the record a dump gave,
 * every attribute included.
 *
 * @param dev the device's name in the source
 * @param index its ifindex in the source
 * @param up whether it was up
 * @param wasUp whether it had been up (its qdisc is not noop): a device down that was up has the
 *     qdisc it got when it came up, which the kernel drops on the move (it has noop until up again)
 * @param sysctls the writable per-device sysctls, by path under {@code /proc/sys/net} with the
 *     device's directory left out ({@code ipv4/conf/rp_filter} for {@code net.ipv4.conf.DEV.rp_filter})
 * @param addresses its addresses as dumped, those the kernel makes again by itself left out (link-local
 *     ones of a device with a carrier, unless its addrgenmode is none)
 * @param neighbours its permanent and proxy neighbour entries ({@code ip neigh add ... nud permanent},
 *     {@code ip neigh add proxy ...}), as dumped: the kernel flushes them when the device leaves
 *     (and the permanent ones when it goes down)
 * @param routes the routes with a path through it, as dumped; those of protocol kernel (made for
 *     its addresses and its being up) are made again only where the kernel does not (see
 *     {@link #kernelMade(Route)})
 */
record CarriedConfig(String dev, int index, boolean up, boolean wasUp, Map<String, String> sysctls, List<Address> addresses,
                     List<Neighbour> neighbours, List<Route> routes) {

    /** The per-device sysctl directories under /proc/sys/net: ipv4/conf/DEV … */
    private static final List<String> SYSCTL_DIRS = List.of("ipv4/conf", "ipv4/neigh", "ipv6/conf", "ipv6/neigh");
    private static final Path NET = Path.of("/proc/sys/net");

    /** Reads what {@code dev} of {@code r}'s namespace carries. */
    static CarriedConfig capture(Rtnl r, String dev) throws ErrnoException {
        Link link = r.links().get(dev);
        List<Address> addrs = new ArrayList<>();
        // the kernel makes link-local addresses again when the device is up with a carrier, unless told not to
        boolean remade = link.details().addrGenMode() != IN6_ADDR_GEN_MODE_NONE && (link.flags() & IFF_LOWER_UP) != 0;
        for (Address a : r.addresses().list(dev)) {
            if (!(remade && kernelMade(a))) {
                addrs.add(a);
            }
        }
        List<Neighbour> neighbours = new ArrayList<>();
        for (Neighbour n : r.neighbours().list()) {
            if (n.index() == link.index() && (n.state() & NUD_PERMANENT) != 0) {
                neighbours.add(n);
            }
        }
        for (Neighbour n : r.neighbours().proxies()) {   // the kernel flushes them on a move too
            if (n.index() == link.index()) {
                neighbours.add(n);
            }
        }
        List<Route> routes = new ArrayList<>();
        for (Route route : r.routes().list()) {
            if (through(route, link.index())) {
                routes.add(route);
            }
        }
        return new CarriedConfig(dev, link.index(), link.isUp(), !"noop".equals(link.qdisc()), readSysctls(r.netns(), dev), List.copyOf(addrs),
                List.copyOf(neighbours), List.copyOf(routes));
    }

    /**
     * Addresses the kernel makes again by itself: an IPv6 link-local one the kernel made (IFA_PROTO
     * kernel_lo/kernel_ll; on kernels that do not say, every link-local one), and loopback ones.
     */
    static boolean kernelMade(Address a) {
        return Planner.isKernelMade(a) && (a.protocol() < 0 || a.protocol() == 1 || a.protocol() == 3);
    }

    /** Whether the kernel made {@code r} (for an address, for the device being up): made again by it, mostly. */
    static boolean kernelMade(Route r) {
        return r.protocol() == RTPROT_KERNEL;
    }

    /** What identifies a kernel-made route: family, table, type, destination, metric, TOS. */
    static String kernelKey(Route r) {
        return r.family() + " " + r.table() + " " + r.type() + " " + r.dst() + " " + r.metric() + " " + r.tos();
    }

    /** Whether {@code r} has a path through ifindex {@code index}. */
    static boolean through(Route r, int index) {
        return r.nexthops().isEmpty() ? r.oif() == index : r.nexthops().stream().anyMatch(n -> n.oif() == index);
    }

    /** Whether every path of {@code r} goes through ifindex {@code index}. */
    static boolean onlyThrough(Route r, int index) {
        return r.nexthops().isEmpty() ? r.oif() == index : r.nexthops().stream().allMatch(n -> n.oif() == index);
    }

    /**
     * What cannot be carried, each named (empty when all can): a master (it stays behind, and the
     * kernel detaches the device from it), a device on it that stays (a macvlan, a vxlan: the
     * kernel flushes the addresses they filter for from a device that changes namespace), routes
     * through a nexthop object (the object stays), a
     * multipath route to split that has a dead path (its device is down: the kernel makes no route
     * with a dead path, so neither part could be made again, nor the route put back).
     */
    List<String> uncarriable(Rtnl r) throws ErrnoException {
        List<String> out = new ArrayList<>();
        Link link = r.links().get(dev);
        if (link.masterIndex() > 0) {
            out.add("master " + r.links().find(link.masterIndex()).map(Link::name).orElse("if" + link.masterIndex())
                    + " (a master stays in its namespace)");
        }
        for (Link other : r.links().list()) {
            boolean onIt = other.index() != link.index() && other.linkIndex() == link.index() && other.linkNetnsId() < 0;
            boolean peer = link.linkIndex() == other.index() && link.linkNetnsId() < 0;   // a veth pair names each other
            if (onIt && !peer) {
                out.add(other.name() + " (a " + other.kind() + " on it stays, and the kernel drops its address"
                        + " filters from " + dev + ")");
            }
        }
        Map<Integer, String> names = names(r);
        for (Route route : routes) {
            if (route.nhid() >= 0) {
                out.add("route " + describe(route, names) + " (nexthop object " + route.nhid()
                        + " stays in its namespace)");
            } else if (!onlyThrough(route, index)) {
                for (Route.Nexthop n : route.nexthops()) {
                    if ((n.flags() & RTNH_F_DEAD) != 0) {
                        out.add("route " + describe(route, names) + " (its path through " + names.get(n.oif())
                                + " is dead: the kernel cannot make it again)");
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The part of {@code r} made of the paths {@code keep} accepts, each device mapped by
     * {@code remap}: what to send to make it. One path left makes a plain route of it (as the
     * kernel keeps a one-path multipath route); the kernel's own flags (linkdown, dead) and the
     * cache information are left out, a remaining IPv6 lifetime is sent as {@code expires}.
     */
    static Route part(Route r, IntPredicate keep, IntUnaryOperator remap) {
        List<Route.Nexthop> hops = new ArrayList<>();
        for (Route.Nexthop n : r.nexthops()) {
            if (keep.test(n.oif())) {
                hops.add(new Route.Nexthop(n.gateway(), remap.applyAsInt(n.oif()), n.weight(),
                        n.flags() & RTNH_F_ONLINK, n.via(), n.realms(), n.raw().withoutLayout()));
            }
        }
        java.net.InetAddress gateway = r.gateway();
        Route.Via via = r.via();
        int oif = r.oif() == 0 ? 0 : remap.applyAsInt(r.oif());
        int flags = r.flags() & RTNH_F_ONLINK;
        long realms = r.realms();
        if (!r.nexthops().isEmpty() && hops.size() == 1) {
            Route.Nexthop n = hops.get(0);
            gateway = n.gateway();
            via = n.via();
            oif = n.oif();
            flags = n.flags();
            realms = n.realms();
            hops.clear();
        }
        long expires = r.expires();
        if (r.family() == AF_INET6 && r.cacheInfo() != null && r.cacheInfo().expires() != 0) {
            expires = Math.max(1, (r.cacheInfo().expires() + LinuxParam.HZ - 1) / LinuxParam.HZ);
        }
        return new Route(r.family(), r.type(), r.dst(), r.src(), gateway, oif, r.table(), r.protocol(), r.scope(),
                r.metric(), r.prefsrc(), flags, List.copyOf(hops), r.pref(), r.metrics(), r.uid(), r.tos(), r.iif(),
                via, realms, r.mark(), expires, null, r.ttlPropagate(), r.encapType(), r.nhid(),
                r.raw().withoutLayout());
    }

    /** {@code a} on ifindex {@code index} of a device named {@code name}: its IPv4 label follows the name. */
    static Address onDevice(Address a, int index, String oldName, String name) {
        Address moved = a.onDevice(index);
        if (a.label() == null || oldName.equals(name) || !a.label().startsWith(oldName)) {
            return moved;
        }
        return new Address(index, a.family(), a.local(), a.peer(), a.prefixLength(), a.broadcast(), a.scope(),
                a.flags(), name + a.label().substring(oldName.length()), a.validLifetime(), a.preferredLifetime(),
                a.anycast(), a.multicast(), a.metric(), a.protocol(), a.createdStamp(), a.updatedStamp(),
                a.raw().withoutLayout());
    }

    /** {@code r} as {@code ip route} writes it, each device by its name in {@code names} (ifindex → name). */
    static String describe(Route r, Map<Integer, String> names) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("dev if(\\d+)\\b").matcher(r.toString());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = names.get(Integer.parseInt(m.group(1)));
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement("dev " + (name != null ? name : "if" + m.group(1))));
        }
        return m.appendTail(sb).toString();
    }

    /** The names of the devices of {@code r}'s namespace by ifindex. */
    static Map<Integer, String> names(Rtnl r) throws ErrnoException {
        Map<Integer, String> out = new java.util.HashMap<>();
        for (Link l : r.links().list()) {
            out.put(l.index(), l.name());
        }
        return out;
    }

    /** The writable per-device sysctls of {@code dev} in {@code ns}, by path without the device (see {@link #sysctls}). */
    static Map<String, String> readSysctls(Netns ns, String dev) throws ErrnoException {
        try {
            return ns.call(() -> {
                Map<String, String> out = new TreeMap<>();
                for (String dir : SYSCTL_DIRS) {
                    Path d = NET.resolve(dir).resolve(dev);
                    if (!Files.isDirectory(d)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(d)) {
                        for (Path f : files.sorted().toList()) {
                            if (!Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_WRITE)) {
                                continue;
                            }
                            try {
                                out.put(dir + "/" + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8).strip());
                            } catch (IOException unreadable) {
                                // stable_secret before one is set: EIO, nothing to carry
                            }
                        }
                    }
                }
                return out;
            });
        } catch (ErrnoException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ErrnoException("read the sysctls of " + dev + " (" + e.getMessage() + ")", Errno.EIO.number());
        }
    }

    /**
     * Writes those of {@code want} that differ on {@code dev} in {@code ns} (the seconds of a
     * neighbour time before its {@code _ms} twin, by their order); returns each that could not be
     * written, named.
     */
    static List<String> writeSysctls(Netns ns, String dev, Map<String, String> want) throws ErrnoException {
        Map<String, String> have = readSysctls(ns, dev);
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(want).entrySet()) {
            if (e.getValue().equals(have.get(e.getKey()))) {
                continue;
            }
            String key = key(e.getKey(), dev);
            try {
                ns.setSysctl(key, e.getValue());
            } catch (ErrnoException x) {
                failed.add("sysctl " + key + "=" + e.getValue() + " (" + x.getMessage() + ")");
            }
        }
        return failed;
    }

    /** {@code ipv4/conf/rp_filter} of {@code v0} → {@code net.ipv4.conf.v0.rp_filter}. */
    private static String key(String path, String dev) {
        int slash = path.lastIndexOf('/');
        return "net/" + path.substring(0, slash) + "/" + dev + path.substring(slash);
    }
}
