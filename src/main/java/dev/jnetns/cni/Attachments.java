package dev.jnetns.cni;

import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_LINK;

import dev.jnetns.Address;
import dev.jnetns.AddressSpec;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.LinkSpec;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Netns;
import dev.jnetns.NoSuchLinkException;
import dev.jnetns.RouteSpec;
import dev.jnetns.Rtnl;
import dev.jnetns.model.DeviceMover;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What ADD, DEL, CHECK and GC do to the kernel, per mode. "Host" is the namespace the plugin runs in
 * (the runtime's); "container" is {@code CNI_NETNS}. Host-side veth ends are named
 * {@code jn<hash of container id and ifname>}, which is how DEL finds them, and carry the alias
 * {@code jnetns-cni NETWORK CONTAINERID IFNAME} for whoever reads {@code ip link}.
 */
final class Attachments {
    private static final String TAG = "jnetns-cni ";
    private static final String BRIDGE_TAG = "jnetns-cni bridge";

    private Attachments() {
    }

    /**
     * The host end's name for attachment {@code containerId}/{@code ifname}: "jn" and 40 bits of
     * its 64-bit FNV-1a hash (not a MessageDigest: loading the security providers costs a plugin
     * call ~20 ms of start-up).
     */
    static String hostEnd(String containerId, String ifname) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (containerId + "/" + ifname).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return "jn" + Long.toHexString(h >>> 24 | 1L << 40).substring(1);
    }

    /**
     * ADD: makes the interface, gives it {@code r}'s addresses and routes, fills in {@code r}'s
     * interfaces. {@code adoptBridge}: the bridge is there without its alias, made by an ADD that
     * was killed before it could set one (its record says so): this one finishes the bridge.
     */
    static int add(CniConfig c, CniEnv e, Rtnl host, Rtnl ctr, CniResult r, boolean adoptBridge)
            throws ErrnoException {
        switch (c.mode()) {
            case "move":
                DeviceMover.move(host, ctr, c.device(), e.ifname());
                for (Address a : ctr.addresses().list(e.ifname())) {
                    if (a.scope() == 0) {
                        r.ips.add(new CniResult.Ip(new IpPrefix(a.local(), a.prefixLength()), null, -1));
                    }
                }
                break;
            case "macvlan":
                LinkSpec mv = LinkSpec.macvlan(e.ifname(), c.master(), c.macvlanMode()).netns(ctr.netns());
                if (c.mtu() != null) {
                    mv.mtu(c.mtu());
                }
                host.links().add(mv);
                configure(ctr, e.ifname(), r, false);
                break;
            default:
                String end = hostEnd(e.containerId(), e.ifname());
                LinkSpec veth = LinkSpec.veth(end, e.ifname()).peerNetns(ctr.netns());
                if (c.mtu() != null) {
                    veth.mtu(c.mtu()).peerMtu(c.mtu());
                }
                host.links().add(veth);
                LinkUpdate u = LinkUpdate.create().alias(TAG + c.name() + " " + e.containerId() + " " + e.ifname());
                if (c.mode().equals("bridge")) {
                    r.interfaces.add(iface(bridge(c, host, r, adoptBridge), null));
                    u.master(c.bridge());
                }
                host.links().set(end, u.up());
                r.interfaces.add(iface(host.links().get(end), null));
                boolean routed = c.mode().equals("veth");
                if (routed) {
                    hostRoutes(host, end, r);
                }
                configure(ctr, e.ifname(), r, routed);
        }
        r.interfaces.add(iface(ctr.links().get(e.ifname()), e.netns()));
        return r.interfaces.size() - 1;
    }

    private static CniResult.Iface iface(Link l, String sandbox) {
        return new CniResult.Iface(l.name(), l.address(), l.mtu(), sandbox);
    }

    /** The bridge of bridge mode, made (up, with the gateways) when missing, or finished when adopted. */
    private static Link bridge(CniConfig c, Rtnl host, CniResult r, boolean adopt) throws ErrnoException {
        boolean missing = host.links().find(c.bridge()).isEmpty();
        if (missing) {
            host.links().add(LinkSpec.bridge(c.bridge()));
        }
        if (missing || adopt) {
            host.links().set(c.bridge(), LinkUpdate.create().alias(BRIDGE_TAG).up());
        }
        List<Address> have = host.addresses().list(c.bridge());
        for (CniResult.Ip ip : r.ips) {
            if (ip.gateway() != null && have.stream().noneMatch(a -> a.local().equals(ip.gateway()))) {
                host.addresses().add(c.bridge(), nodad(AddressSpec.of(new IpPrefix(ip.gateway(),
                        ip.address().length()))));
            }
        }
        return host.links().get(c.bridge());
    }

    /** Routed mode, host side: the gateway as a host address on the veth end and a route to each container address. */
    private static void hostRoutes(Rtnl host, String end, CniResult r) throws ErrnoException {
        for (CniResult.Ip ip : r.ips) {
            InetAddress gw = gateway(ip);
            host.addresses().add(end, nodad(AddressSpec.of(new IpPrefix(gw, IpPrefix.bits(gw)))));
            host.routes().add(RouteSpec.to(new IpPrefix(ip.address().address(), IpPrefix.bits(gw)))
                    .dev(end).scope(RT_SCOPE_LINK));
        }
    }

    private static InetAddress gateway(CniResult.Ip ip) throws ErrnoException {
        if (ip.gateway() == null) {
            throw new ErrnoException("mode veth: address " + CniResult.text(ip.address()) + " has no gateway",
                    Errno.EINVAL.number());
        }
        return ip.gateway();
    }

    private static AddressSpec nodad(AddressSpec s) {
        return s.prefix().family() == 10 ? s.noDad() : s;
    }

    /** The container side: addresses, up, then routes via the gateway of their family. */
    private static void configure(Rtnl ctr, String dev, CniResult r, boolean routed) throws ErrnoException {
        for (CniResult.Ip ip : r.ips) {
            AddressSpec s = nodad(AddressSpec.of(ip.address()));
            ctr.addresses().add(dev, routed ? s.noPrefixRoute() : s);
        }
        ctr.links().setUp(dev);
        for (CniResult.Ip ip : r.ips) {
            if (routed) {
                InetAddress gw = gateway(ip);
                ctr.routes().add(RouteSpec.to(new IpPrefix(gw, IpPrefix.bits(gw))).dev(dev).scope(RT_SCOPE_LINK));
                ctr.routes().add(RouteSpec.to(ip.address().network()).via(gw).dev(dev));
            }
        }
        for (CniResult.RouteEntry route : r.routes) {
            InetAddress via = route.gw() != null ? route.gw() : r.ips.stream()
                    .filter(ip -> ip.gateway() != null && ip.address().family() == route.dst().family())
                    .map(CniResult.Ip::gateway).findFirst().orElse(null);
            RouteSpec s = RouteSpec.to(route.dst()).dev(dev);
            ctr.routes().add(via == null ? s : s.via(via));
        }
    }

    /**
     * DEL: removes what ADD made; what is already gone is not an error. {@code madeBridge}: the ADD
     * was about to make the bridge (its record says so), which then is ours even without our alias.
     */
    static void del(CniConfig c, String containerId, String ifname, Rtnl host, Rtnl ctr, boolean madeBridge)
            throws ErrnoException {
        switch (c.mode()) {
            case "move":
                if (ctr != null && ctr.links().find(ifname).isPresent() && host.links().find(c.device()).isEmpty()) {
                    DeviceMover.move(ctr, host, ifname, c.device());
                }
                break;
            case "macvlan":
                if (ctr != null && ctr.links().find(ifname).isPresent()) {
                    ctr.links().delete(ifname);
                }
                break;
            default:
                try {
                    host.links().delete(hostEnd(containerId, ifname));
                } catch (NoSuchLinkException gone) {
                    // a second DEL, or an ADD that made no host end
                }
                if (c.mode().equals("bridge")) {
                    removeIdleBridge(c, host, madeBridge);
                }
        }
    }

    /** Deletes the bridge when this plugin made it and no port is left on it. */
    private static void removeIdleBridge(CniConfig c, Rtnl host, boolean madeBridge) throws ErrnoException {
        Link br = host.links().find(c.bridge()).orElse(null);
        if (br != null && (BRIDGE_TAG.equals(br.alias()) || madeBridge && br.alias() == null)
                && host.links().list().stream().noneMatch(l -> l.masterIndex() == br.index())) {
            host.links().delete(c.bridge());
        }
    }

    /** CHECK: the interface, its addresses from {@code prev} and (veth, bridge) the host end are there. */
    static void check(CniConfig c, CniEnv e, Rtnl host, Rtnl ctr, CniResult prev) throws ErrnoException, CniException {
        Link l = ctr.links().find(e.ifname()).orElseThrow(() -> new CniException(CniException.KERNEL,
                "the container has no device named " + e.ifname(), "CNI_NETNS=" + e.netns()));
        if (!l.isUp()) {
            throw new CniException(CniException.KERNEL, e.ifname() + " is down in the container");
        }
        List<Address> have = ctr.addresses().list(e.ifname());
        for (CniResult.Ip ip : prev.ips) {
            if (have.stream().noneMatch(a -> a.local().equals(ip.address().address())
                    && a.prefixLength() == ip.address().length())) {
                throw new CniException(CniException.KERNEL, e.ifname() + " lacks address "
                        + CniResult.text(ip.address()));
            }
        }
        if (c.mode().equals("veth") || c.mode().equals("bridge")) {
            String end = hostEnd(e.containerId(), e.ifname());
            Link h = host.links().find(end).orElseThrow(() -> new CniException(CniException.KERNEL,
                    "the host end " + end + " of " + e.ifname() + " is missing"));
            if (!h.isUp()) {
                throw new CniException(CniException.KERNEL, "the host end " + end + " is down");
            }
        }
    }

    /** STATUS: null when ADD could work, else why not. */
    static String notReady(CniConfig c, Rtnl host) throws ErrnoException {
        if (c.mode().equals("macvlan") && host.links().find(c.master()).isEmpty()) {
            return "the parent device " + c.master() + " does not exist";
        }
        return null;
    }

    /**
     * True when DEL works in the container's namespace (macvlan, move); the container end of a veth
     * goes with the host end.
     */
    static boolean delNeedsContainer(CniConfig c) {
        return c.mode().equals("macvlan") || c.mode().equals("move");
    }

    /** Opens the container's namespace; for DEL, null when it is gone. */
    static Netns open(CniEnv e, boolean mayBeGone) throws CniException {
        if (mayBeGone && !e.hasNetns()) {
            return null;
        }
        try {
            return Netns.open(e.netns());
        } catch (ErrnoException x) {
            if (mayBeGone && x.is(Errno.ENOENT)) {
                return null;
            }
            throw new CniException(CniException.INVALID_ENVIRONMENT, "cannot open CNI_NETNS " + e.netns(),
                    x.getMessage());
        }
    }
}
