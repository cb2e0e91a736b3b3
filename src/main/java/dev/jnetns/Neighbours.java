package dev.jnetns;

import dev.jnetns.rtnl.HardwareAddresses;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_ETHER;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REPLACE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_PROXY;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_ROUTER;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_PERMANENT;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNEIGH;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.NeighbourCodec;
import dev.jnetns.uapi.LinuxSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/** The neighbour tables (ARP, NDP) of one namespace: {@code ip neigh}. Obtained from {@link Rtnl#neighbours()}. */
public final class Neighbours {
    private final NlSocket socket;
    private final Links links;

    Neighbours(NlSocket socket, Links links) {
        this.socket = socket;
        this.links = links;
    }

    /**
     * {@return every entry of both families, proxies excluded} Equivalent to: {@code ip neigh show nud all}.
     *
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Neighbour> list() throws ErrnoException {
        return dump("neigh show", Neighbour.of(0, AF_UNSPEC, null, null, 0, 0));
    }

    /**
     * {@return the proxy entries of both families} Equivalent to: {@code ip neigh show proxy}.
     *
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Neighbour> proxies() throws ErrnoException {
        return dump("neigh show proxy", Neighbour.of(0, AF_UNSPEC, null, null, 0, NTF_PROXY));
    }

    /** The entries the kernel sends for {@code filter} (its family, NTF_PROXY and NDA_IFINDEX/NDA_MASTER). */
    private List<Neighbour> dump(String what, Neighbour filter) throws ErrnoException {
        return socket.dump(what, (w, seq) -> {
            w.beginMessage(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, seq);
            NeighbourCodec.encode(filter, w);
            w.endMessage();
        }, m -> {
            if (m.type() != RTM_NEWNEIGH) {
                return null;
            }
            Neighbour n = NeighbourCodec.decode(m);
            return n.family() == LinuxSocket.AF_INET || n.family() == LinuxSocket.AF_INET6 ? n : null;
        });
    }

    /**
     * The entry for {@code dst} on {@code dev}. Equivalent to: {@code ip neigh get DST dev DEV}.
     *
     * @param dev the device's name
     * @param dst the neighbour's address
     * @return the entry
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public Neighbour get(String dev, InetAddress dst) throws ErrnoException {
        Neighbour request = entry(NeighbourSpec.of(dev, dst).state(0));
        return socket.execute("neigh get " + Inet.format(dst) + " dev " + dev, (w, seq) -> {
            w.beginMessage(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_ACK, seq);
            NeighbourCodec.encode(request, w);
            w.endMessage();
        }, m -> m.type() == RTM_NEWNEIGH ? NeighbourCodec.decode(m) : null).get(0);
    }

    /**
     * Changes an entry that exists (ENOENT otherwise). Equivalent to: {@code ip neigh change ...}.
     *
     * @param dev the device's name
     * @param dst the neighbour's address
     * @param lladdr its link-layer address, "aa:bb:cc:dd:ee:ff" (any length, as ip reads it)
     * @param state NUD_* bits (0..255), 0 for permanent
     * @param router true for {@code router} (an IPv6 router)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     * @throws IllegalArgumentException for a state outside 0..255 (ndm_state's NUD_* bits), before anything is sent
     */
    public void change(String dev, InetAddress dst, String lladdr, int state, boolean router) throws ErrnoException {
        change(spec(dev, dst, lladdr, state, router));
    }

    /**
     * Changes an entry that exists (ENOENT otherwise). Equivalent to: {@code ip neigh change DST ... dev DEV}.
     *
     * @param spec the entry
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void change(NeighbourSpec spec) throws ErrnoException {
        modify(RTM_NEWNEIGH, NLM_F_REPLACE, "neigh change", spec.dev, entry(spec));
    }

    /**
     * A static entry: {@code ip neigh add DST lladdr MAC dev DEV [nud STATE] [router]}. {@code state}
     * is NUD_* (permanent when 0).
     *
     * @param dev the device's name
     * @param dst the neighbour's address
     * @param lladdr its link-layer address, "aa:bb:cc:dd:ee:ff" (any length, as ip reads it)
     * @param state NUD_* bits (0..255), 0 for permanent
     * @param router true for {@code router} (an IPv6 router)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     * @throws IllegalArgumentException for a state outside 0..255 (ndm_state's NUD_* bits), before anything is sent
     */
    public void add(String dev, InetAddress dst, String lladdr, int state, boolean router) throws ErrnoException {
        add(spec(dev, dst, lladdr, state, router));
    }

    /**
     * A new entry (EEXIST when there is one). Equivalent to: {@code ip neigh add DST ... dev DEV}.
     *
     * @param spec the entry
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void add(NeighbourSpec spec) throws ErrnoException {
        modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, "neigh add", spec.dev, entry(spec));
    }

    /**
     * Equivalent to: {@code ip neigh replace DST lladdr MAC dev DEV [nud STATE] [router]}.
     *
     * @param dev the device's name
     * @param dst the neighbour's address
     * @param lladdr its link-layer address, "aa:bb:cc:dd:ee:ff" (any length, as ip reads it)
     * @param state NUD_* bits (0..255), 0 for permanent
     * @param router true for {@code router} (an IPv6 router)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     * @throws IllegalArgumentException for a state outside 0..255 (ndm_state's NUD_* bits), before anything is sent
     */
    public void replace(String dev, InetAddress dst, String lladdr, int state, boolean router) throws ErrnoException {
        replace(spec(dev, dst, lladdr, state, router));
    }

    /**
     * Creates the entry or replaces the one there. Equivalent to: {@code ip neigh replace DST ... dev DEV}.
     *
     * @param spec the entry
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void replace(NeighbourSpec spec) throws ErrnoException {
        modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, "neigh replace", spec.dev, entry(spec));
    }

    /** The spec of the five-value methods: state 0 stands for permanent there. */
    private static NeighbourSpec spec(String dev, InetAddress dst, String lladdr, int state, boolean router) {
        NeighbourSpec s = NeighbourSpec.of(dev, dst).lladdr(lladdr).state(state == 0 ? NUD_PERMANENT : state);
        return router ? s.router() : s;
    }

    /**
     * Equivalent to: {@code ip neigh add proxy DST dev DEV}.
     *
     * @param dev the device's name, null for a proxy entry on every device ({@code ip neigh add proxy DST})
     * @param dst the neighbour's address
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void addProxy(String dev, InetAddress dst) throws ErrnoException {
        addProxy(dev, dst, false);
    }

    /**
     * Creates a proxy entry or sets the flags of the one there. Equivalent to: {@code ip neigh
     * add|replace|change proxy DST [dev DEV] [router]} (the kernel treats the three alike for a proxy).
     *
     * @param dev the device's name, null for a proxy entry on every device
     * @param dst the neighbour's address
     * @param router true for {@code router} (kept as the entry's flag)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void addProxy(String dev, InetAddress dst, boolean router) throws ErrnoException {
        modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, "neigh add proxy", dev,
                proxyEntry(dev, dst, NTF_PROXY | (router ? NTF_ROUTER : 0)));
    }

    /**
     * Equivalent to: {@code ip neigh del proxy DST [dev DEV]}.
     *
     * @param dev the device's name, null for the proxy entry on every device
     * @param dst the neighbour's address
     * @throws ErrnoException when the kernel refuses the request (ENOENT when there is no such entry)
     */
    public void deleteProxy(String dev, InetAddress dst) throws ErrnoException {
        modify(RTM_DELNEIGH, 0, "neigh del proxy", dev, proxyEntry(dev, dst, NTF_PROXY));
    }

    /**
     * Equivalent to: {@code ip neigh del DST dev DEV}.
     *
     * @param dev the device's name
     * @param dst the neighbour's address
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(String dev, InetAddress dst) throws ErrnoException {
        modify(RTM_DELNEIGH, 0, "neigh del", dev, entry(NeighbourSpec.of(dev, dst)));
    }

    /** A proxy entry's ndmsg as ip sends it: NUD_PERMANENT, ifindex 0 without a device. */
    private Neighbour proxyEntry(String dev, InetAddress dst, int ntf) throws ErrnoException {
        Objects.requireNonNull(dst, "neighbour address");
        return Neighbour.of(dev == null ? 0 : links.index(dev), Inet.family(dst), dst, null, NUD_PERMANENT, ntf);
    }

    /** The ndmsg and attributes ip sends for {@code spec}. */
    private Neighbour entry(NeighbourSpec spec) throws ErrnoException {
        // read as ip reads lladdr, any length (a clear error before anything is sent): the kernel
        // refuses one shorter than the device's ("Invalid link address") and takes the first bytes of a longer one
        String bytes = spec.lladdr == null ? null
                : HardwareAddresses.format(ARPHRD_ETHER, HardwareAddresses.parseLladdr(spec.lladdr));
        return new Neighbour(links.index(spec.dev), Inet.family(spec.dst), spec.dst, bytes, spec.state, spec.flags, 0, -1,
                null, -1, -1, -1, -1, -1, -1, -1, spec.protocol, -1, spec.flagsExt, RawAttributes.NONE);
    }

    private void modify(int type, int flags, String verb, String dev, Neighbour entry) throws ErrnoException {
        socket.execute(verb + " " + Inet.format(entry.dst()) + (dev == null ? "" : " dev " + dev), (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            NeighbourCodec.encode(entry, w);
            w.endMessage();
        });
    }
}
