package dev.jnetns;

import dev.jnetns.rtnl.Escape;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_EXT_MASK;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GROUP;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_IFNAME;
import static dev.jnetns.uapi.LinuxRtnetlink.RTEXT_FILTER_SKIP_STATS;
import static dev.jnetns.uapi.LinuxRtnetlink.RTEXT_FILTER_VF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWLINK;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.LinkCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The devices of one namespace: {@code ip link}. Obtained from {@link Rtnl#links()}. */
public final class Links {
    /** IFNAMSIZ - 1: the longest device name the kernel accepts. */
    public static final int MAX_NAME_BYTES = 15;

    private final NlSocket socket;
    private final Netns home;

    Links(NlSocket socket, Netns home) {
        this.socket = socket;
        this.home = home;
    }

    /**
     * {@return all devices, in ifindex order} Equivalent to: {@code ip link show}.
     *
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Link> list() throws ErrnoException {
        return list(AF_UNSPEC);
    }

    /**
     * {@return all devices as the layer of {@code family} reports them: AF_UNSPEC (and AF_INET) the device
     * layer, AF_INET6 the IPv6 layer (its own, shorter attributes), AF_BRIDGE a bridge's view of its
     * ports} Equivalent to the device list {@code ip [-4|-6] addr show} reads.
     *
     * @param family AF_UNSPEC (0), AF_INET (2) or AF_INET6 (10)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Link> list(int family) throws ErrnoException {
        return socket.dump("link show", (w, seq) -> {
            w.beginMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq);
            LinkCodec.header(w, family, 0, 0, 0);
            if (family == AF_UNSPEC) {   // the other families' dumps take no filter, as ip sends them
                w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
            }
            w.endMessage();
        }, Links::decode);
    }

    /**
     * {@return the device named {@code name}, if any} Equivalent to: {@code ip link show dev NAME}.
     *
     * @param name the device's name
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public Optional<Link> find(String name) throws ErrnoException {
        checkName(name);
        return find("link show dev " + name, 0, name);
    }

    /**
     * {@return the device with ifindex {@code index}, if any (none for 0 or less: the kernel gives no
     * device such an index)}
     *
     * @param index the ifindex
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public Optional<Link> find(int index) throws ErrnoException {
        if (index <= 0) {
            return Optional.empty();   // asked for index 0 and no name, the kernel says EINVAL
        }
        return find("link show index " + index, index, null);
    }

    /**
     * {@return the device named {@code name}} Equivalent to: {@code ip link show dev NAME}.
     *
     * @param name the device's name
     * @throws NoSuchLinkException when there is none
     */
    public Link get(String name) throws ErrnoException {
        Optional<Link> l = find(name);
        if (l.isEmpty()) {
            throw new NoSuchLinkException(name);
        }
        return l.get();
    }

    /** The ifindex of {@code name}; {@link NoSuchLinkException} when there is none. */
    int index(String name) throws ErrnoException {
        return get(name).index();
    }

    private Optional<Link> find(String what, int index, String name) throws ErrnoException {
        try {
            List<Link> found = socket.execute(what, (w, seq) -> {
                w.beginMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
                LinkCodec.header(w, AF_UNSPEC, index, 0, 0);
                if (name != null) {
                    w.attrString(IFLA_IFNAME, name);
                }
                w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
                w.endMessage();
            }, Links::decode);
            return found.stream().findFirst();
        } catch (ErrnoException e) {
            if (e.is(Errno.ENODEV)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Creates a device. Equivalent to: {@code ip link add NAME [mtu N] [address MAC] [up] [master BR]
     * [alias TEXT] ... type KIND ...} (the device options of {@link LinkSpec#with} in the same request;
     * or {@code ip tuntap add NAME mode tap|tun} for tap and tun, their options set after; a tap or tun
     * with a parent is sent by rtnetlink as ip sends it, which the kernel refuses). A veth peer with
     * {@link LinkSpec#peerNetns} is created directly in that namespace, in the same request.
     *
     * @param spec the device to create
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void add(LinkSpec spec) throws ErrnoException {
        if ((spec.kind.equals("tap") || spec.kind.equals("tun")) && spec.parent == null) {
            TunTap.create(home, spec);
            LinkUpdate rest = spec.device != null ? spec.device.copy() : LinkUpdate.create();
            boolean any = spec.device != null;
            if (spec.mtu != null) {
                rest.mtu(spec.mtu);
                any = true;
            }
            if (spec.address != null) {
                rest.address = spec.address;
                any = true;
            }
            if (spec.txQueueLen != null) {
                rest.txQueueLen(spec.txQueueLen);
                any = true;
            }
            if (spec.netns != null) {
                rest.netns(spec.netns);
                any = true;
            }
            if (any) {
                set(spec.name, rest);
            }
            return;
        }
        try (Netns.Hold h = Netns.hold(spec.netns, spec.peerNetns)) {   // the request names their descriptors
            Link request = spec.request(spec.parent != null ? index(spec.parent) : 0,
                    spec.vxlanDev != null ? index(spec.vxlanDev) : 0, spec.master() != null ? index(spec.master()) : 0,
                    spec.peerMaster() != null ? index(spec.peerMaster()) : 0);
            socket.execute(spec.toString(), (w, seq) -> {
                w.beginMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
                LinkCodec.encode(request, w);
                w.endMessage();
            });
        }
    }

    /**
     * Creates many devices in few system calls: the requests go out many per datagram, the kernel
     * applies each on its own, in order, and answers only refusals. Without {@code stopAtFirstError}
     * this is a file of {@code link add} lines run with {@code ip -batch -force}. With it, no datagram
     * is sent after one that held a refusal, but unlike {@code ip -batch} (which stops at the failing
     * line) the requests after the refused one in its datagram are applied all the same:
     * {@link BulkResult#applied} says which were. Parents, masters and underlay devices must exist
     * before the call (they are looked up before anything is sent); tap and tun devices (made by
     * ioctl, not netlink) are not accepted here.
     *
     * @param specs the devices to create, in order
     * @param stopAtFirstError true to send no datagram after one that held a refusal; false to send them
     *     all (as {@code -force})
     * @return what was sent, and the specs the kernel refused, by index
     * @throws NoSuchLinkException naming the index of the first spec whose parent, master or underlay
     *     device does not exist (nothing is sent)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public BulkResult addAll(List<LinkSpec> specs, boolean stopAtFirstError) throws ErrnoException {
        try (Netns.Hold h = Netns.hold(specs.stream().flatMap(s -> java.util.stream.Stream.of(s.netns, s.peerNetns)).toList())) {
            return addAllHeld(specs, stopAtFirstError);
        }
    }

    /** {@link #addAll} while the namespaces the specs name are held. */
    private BulkResult addAllHeld(List<LinkSpec> specs, boolean stopAtFirstError) throws ErrnoException {
        Link[] requests = new Link[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            LinkSpec s = specs.get(i);
            if (s.kind.equals("tap") || s.kind.equals("tun")) {
                throw new IllegalArgumentException(s + ": tap and tun devices are made one by one, with add()");
            }
            try {
                requests[i] = s.request(s.parent != null ? index(s.parent) : 0, s.vxlanDev != null ? index(s.vxlanDev) : 0,
                        s.master() != null ? index(s.master()) : 0, s.peerMaster() != null ? index(s.peerMaster()) : 0);
            } catch (NoSuchLinkException e) {
                throw new NoSuchLinkException("link add #" + i + " (" + s + ")", e.device());
            }
        }
        return socket.executeAll(specs.size(), (w, seq, i) -> {
            w.beginMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, seq);
            LinkCodec.encode(requests[i], w);
            w.endMessage();
        }, stopAtFirstError, i -> specs.get(i).toString());
    }

    /**
     * Deletes a device (a veth's peer goes with it). Equivalent to: {@code ip link del dev NAME}.
     *
     * @param name the device's name
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(String name) throws ErrnoException {
        int index = index(name);
        socket.execute("link del dev " + name, (w, seq) -> {
            w.beginMessage(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
            LinkCodec.header(w, AF_UNSPEC, index, 0, 0);
            w.endMessage();
        });
    }

    /**
     * Deletes every device of group {@code group} in one request, the kernel's batch delete.
     * Equivalent to: {@code ip link del group GROUP}. Group 0, the default group of every device,
     * is sent as ip sends it: the kernel refuses it (EPERM) and deletes nothing.
     *
     * @param group the group number
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void deleteGroup(int group) throws ErrnoException {
        String what = "link del group " + Integer.toUnsignedString(group)
                + (group == 0 ? " (the default group of every device)" : "");
        socket.execute(what, (w, seq) -> {
            w.beginMessage(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
            LinkCodec.header(w, AF_UNSPEC, 0, 0, 0);
            w.attrU32(IFLA_GROUP, group);
            w.endMessage();
        });
    }

    /**
     * Applies {@code update} to device {@code name} in one request. Equivalent to:
     * {@code ip link set dev NAME ...}.
     *
     * @param name the device's name
     * @param update the changes
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void set(String name, LinkUpdate update) throws ErrnoException {
        try (Netns.Hold h = Netns.hold(update.netns)) {   // the request names its descriptor
            Link request = update.request(index(name), update.master != null ? index(update.master) : 0);
            socket.execute("link set dev " + name + " " + update, (w, seq) -> {
                w.beginMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
                LinkCodec.encode(request, w);
                w.endMessage();
            });
        }
    }

    /**
     * Equivalent to: {@code ip link set dev NAME up}.
     *
     * @param name the device's name
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void setUp(String name) throws ErrnoException {
        set(name, LinkUpdate.create().up());
    }

    /**
     * Equivalent to: {@code ip link set dev NAME down}.
     *
     * @param name the device's name
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void setDown(String name) throws ErrnoException {
        set(name, LinkUpdate.create().down());
    }

    /**
     * Equivalent to: {@code ip link set dev NAME mtu MTU}.
     *
     * @param name the device's name
     * @param mtu the MTU in bytes
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     * @throws IllegalArgumentException for a negative {@code mtu}, before anything is sent
     */
    public void setMtu(String name, int mtu) throws ErrnoException {
        set(name, LinkUpdate.create().mtu(mtu));
    }

    /**
     * Moves the device to {@code ns}; the kernel flushes its addresses and routes. Equivalent to: {@code ip link set dev NAME netns NS}.
     *
     * @param name the device's name
     * @param ns the namespace to move it to
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void setNetns(String name, Netns ns) throws ErrnoException {
        set(name, LinkUpdate.create().netns(ns));
    }

    private static Link decode(NlMessage m) {
        return m.type() == RTM_NEWLINK ? LinkCodec.decode(m) : null;
    }

    /**
     * A link record as a request carries it: the given attributes, everything else absent (-1,
     * null), written in ip's order.
     */
    static Link request(int index, String name, int flags, int change, int mtu, String address, int txQueueLen,
                        int netnsFd, int netnsPid, int link, int master, String alias, int group, Link.Info info) {
        return new Link(index, name, flags, mtu, null, -1, -1, group, txQueueLen, -1, address, null, master, link, -1,
                alias, info, Link.Details.NONE, null, AF_UNSPEC, change, netnsFd, netnsPid, RawAttributes.NONE);
    }

    /**
     * {@code base} (a request record) with the request attributes of {@code ip link set|add} that only
     * {@link LinkUpdate} carries: IFLA_BROADCAST (null: absent), IFLA_OPERSTATE, IFLA_LINK_NETNSID, the
     * queue counts and packet sizes of {@code details}, IFLA_PROTO_DOWN (-1: absent) and the
     * unmodelled IFLA_CARRIER, IFLA_XDP and IFLA_AF_SPEC in {@code raw}.
     */
    static Link request(Link base, String broadcast, int operState, int linkNetnsId, Link.Details details,
                        RawAttributes raw) {
        Link b = base;
        return new Link(b.index(), b.name(), b.flags(), b.mtu(), null, operState, -1, b.group(), b.txQueueLen(), -1,
                b.address(), broadcast, b.masterIndex(), b.linkIndex(), linkNetnsId, b.alias(), b.info(),
                details, null, AF_UNSPEC, b.change(), b.netnsFd(), b.netnsPid(), raw);
    }

    /**
     * Checks a device name as the kernel would: 1 to 15 bytes, no '/', ':' or white space.
     *
     * @param name the name to check
     * @return {@code name}
     * @throws NullPointerException for null
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "device name is null");
        String why = null;
        if (name.isEmpty()) {
            why = "empty";
        } else if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            why = "longer than " + MAX_NAME_BYTES + " bytes";
        } else if (name.equals(".") || name.equals("..")) {
            why = "\"" + name + "\" is not allowed";
        } else {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                    why = "contains '" + Escape.controls(String.valueOf(c)) + "'";
                    break;
                }
            }
        }
        if (why != null) {
            throw new IllegalArgumentException("invalid device name " + Escape.quoted(name) + ": " + why);
        }
        return name;
    }
}
