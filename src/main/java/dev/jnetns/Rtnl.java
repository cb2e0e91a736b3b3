package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ROUTE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_NSID_NOT_ASSIGNED;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNETCONF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNSID;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNSID;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.NetconfCodec;
import dev.jnetns.rtnl.NsidCodec;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * An rtnetlink handle bound to one network namespace. Its socket is created inside that namespace
 * (on a short-lived helper thread) and afterwards works from any thread, with no setns at all.
 * Requests on one handle are serialised; use several handles for parallel work. The lists it and its
 * parts ({@link Links}, {@link Addresses}, …) return are unmodifiable.
 *
 * <p>After {@link #close()} every use throws {@code IllegalStateException("rtnl ... is closed")}; a
 * request in flight finishes first. A handle that becomes unreachable without {@code close()} is
 * reported on stderr, and its socket and namespace reference are released.
 */
public final class Rtnl implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    /** What a handle owns; released by {@link #close()} or, for a leaked handle, by the Cleaner. */
    private static final class Owned implements Runnable {
        final NlSocket socket;
        final Netns home;
        volatile boolean closedByOwner;

        Owned(NlSocket socket, Netns home) {
            this.socket = socket;
            this.home = home;
        }

        @Override
        public void run() {
            if (!closedByOwner) {
                System.err.println("jnetns: " + home + " (socket fd " + socket.fd() + ") was never closed; closing it now");
            }
            try {
                socket.close();
            } catch (ErrnoException e) {
                System.err.println("jnetns: closing " + home + ": " + e.getMessage());
            } finally {
                home.close();
            }
        }
    }

    private final Owned owned;
    private final Cleaner.Cleanable cleanable;
    private final NlSocket socket;
    private final Netns home;
    private final Links links;
    private final Addresses addresses;
    private final Routes routes;
    private final Neighbours neighbours;
    private final Rules rules;
    private final TunTaps tunTaps;
    private final Nexthops nexthops;

    private Rtnl(NlSocket socket, Netns home) {
        this.owned = new Owned(socket, home);
        this.cleanable = CLEANER.register(this, owned);
        this.socket = socket;
        this.home = home;
        this.links = new Links(socket, home);
        this.addresses = new Addresses(socket, links);
        this.routes = new Routes(socket, links);
        this.neighbours = new Neighbours(socket, links);
        this.rules = new Rules(socket);
        this.tunTaps = new TunTaps(home);
        this.nexthops = new Nexthops(socket);
    }

    /**
     * A handle for the namespace of the calling thread (normally the process's own).
     *
     * @return the handle; close it when done
     * @throws ErrnoException when the socket cannot be opened
     */
    public static Rtnl open() throws ErrnoException {
        try (Netns here = Netns.open("/proc/thread-self/ns/net")) {
            return open(here);
        }
    }

    /**
     * A handle for {@code ns}. The handle keeps its own reference to the namespace, so {@code ns}
     * may be closed afterwards.
     *
     * @param ns the namespace
     * @return the handle; close it when done
     * @throws ErrnoException when the namespace cannot be entered or the socket opened
     */
    public static Rtnl open(Netns ns) throws ErrnoException {
        String label = "rtnl " + (ns.name() != null ? ns.name() : "net:[" + ns.inode() + "]");
        Netns home = ns.reopen(label);
        try (Netns.Hold h = home.hold()) {
            NlSocket socket = HelperThread.callErrno("rtnl", () -> {
                home.enter();
                return NlSocket.open(NETLINK_ROUTE, label);
            });
            try {
                socket.setStrictCheck(true);   // lets the kernel filter dumps by table, device, family
            } catch (ErrnoException e) {
                if (!e.is(Errno.ENOPROTOOPT)) {
                    socket.close();
                    throw e;
                }
            }
            return new Rtnl(socket, home);
        } catch (ErrnoException | RuntimeException e) {
            home.close();
            throw e;
        }
    }

    /**
     * The namespace this handle works in.
     *
     * @return the handle's own reference to it (closed with this handle)
     * @throws IllegalStateException when this handle is closed
     */
    public Netns netns() {
        socket.checkOpen();
        return home;
    }

    /**
     * The id under which this handle's namespace knows {@code other}, or -1 when none is assigned.
     * Equivalent to the id {@code ip netns list} shows.
     *
     * @param other another namespace
     * @return its id here, or -1
     * @throws ErrnoException when the kernel refuses
     */
    public int nsid(Netns other) throws ErrnoException {
        try (Netns.Hold h = other.hold()) {
            List<NamespaceId> r = socket.execute("netns get id of " + other,
                    nsidRequest(RTM_GETNSID, NLM_F_ACK, NamespaceId.request(NamespaceId.ABSENT, other.fd(), NamespaceId.ABSENT)),
                    m -> m.type() == RTM_NEWNSID ? NsidCodec.decode(m) : null);
            return r.isEmpty() || r.get(0).nsid() == NamespaceId.ABSENT ? NETNSA_NSID_NOT_ASSIGNED : r.get(0).nsid();
        }
    }

    /**
     * Assigns id {@code nsid} to {@code other} in this handle's namespace; -1 lets the kernel choose.
     * Equivalent to: {@code ip netns set NAME NSID|auto}.
     *
     * @param other another namespace
     * @param nsid the id (0 or more), or -1 (auto)
     * @throws IllegalArgumentException for any other id (nothing is sent)
     * @throws ErrnoException when the kernel refuses (e.g. EEXIST when it has an id already)
     */
    public void setNsid(Netns other, int nsid) throws ErrnoException {
        if (nsid < -1) {
            throw new IllegalArgumentException("netns set: nsid " + nsid + " is neither -1 (auto) nor >= 0");
        }
        try (Netns.Hold h = other.hold()) {
            socket.execute("netns set " + other + " " + (nsid < 0 ? "auto" : nsid),
                    nsidRequest(RTM_NEWNSID, NLM_F_ACK, NamespaceId.request(nsid, other.fd(), NamespaceId.ABSENT)));
        }
    }

    /**
     * Every id assigned in this handle's namespace. Equivalent to: {@code ip netns list-id}.
     *
     * @return the ids
     * @throws ErrnoException when the kernel refuses
     */
    public List<Integer> nsids() throws ErrnoException {
        return nsidsOf(NamespaceId.ABSENT).stream().map(NamespaceId::nsid).toList();
    }

    /**
     * {@return every id assigned in the namespace this one knows as {@code targetNsid} (or in this one, for
     * {@link NamespaceId#ABSENT}); each answer from another namespace also carries the id this
     * namespace gives the same namespace ({@link NamespaceId#currentNsid()})}
     * Equivalent to: {@code ip netns list-id [target-nsid ID]}.
     *
     * @param targetNsid the id of the other namespace, or {@link NamespaceId#ABSENT} for this one
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<NamespaceId> nsidsOf(int targetNsid) throws ErrnoException {
        return socket.dump("netns list-id", nsidRequest(RTM_GETNSID, NLM_F_DUMP,
                NamespaceId.request(NamespaceId.ABSENT, NamespaceId.ABSENT, targetNsid)),
                m -> m.type() == RTM_NEWNSID ? NsidCodec.decode(m) : null);
    }

    private static NlSocket.Request nsidRequest(int type, int flags, NamespaceId id) {
        return (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | flags, seq);
            NsidCodec.encode(id, w);
            w.endMessage();
        };
    }

    /**
     * {@return the forwarding settings of {@code family} (or, for AF_UNSPEC, of every family) on
     * every device and on the {@code all} and {@code default} entries, in the kernel's order}
     * Equivalent to: {@code ip [-4|-6] netconf show}.
     *
     * @param family an address family, or AF_UNSPEC (0)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Netconf> netconfs(int family) throws ErrnoException {
        return socket.dump("netconf show", netconfRequest(NLM_F_DUMP, Netconf.request(family, Netconf.ABSENT)),
                m -> m.type() == RTM_NEWNETCONF ? NetconfCodec.decode(m) : null);
    }

    /**
     * {@return the forwarding settings of {@code family} on one device, or on {@link Netconf#ALL} or
     * {@link Netconf#DEFAULT}}
     * Equivalent to: {@code ip -4|-6 netconf show dev NAME}.
     *
     * @param family AF_INET, AF_INET6 or AF_MPLS
     * @param ifindex the device's index, or {@link Netconf#ALL}, {@link Netconf#DEFAULT}
     * @throws ErrnoException when the kernel refuses (ENODEV for no such device, EOPNOTSUPP for a
     *     family without settings)
     */
    public Netconf netconf(int family, int ifindex) throws ErrnoException {
        List<Netconf> r = socket.execute("netconf show dev " + ifindex, netconfRequest(NLM_F_ACK,
                Netconf.request(family, ifindex)), m -> m.type() == RTM_NEWNETCONF ? NetconfCodec.decode(m) : null);
        if (r.isEmpty()) {
            throw new IllegalStateException("netconf show dev " + ifindex + ": the kernel acknowledged without an answer");
        }
        return r.get(0);
    }

    private static NlSocket.Request netconfRequest(int flags, Netconf c) {
        return (w, seq) -> {
            w.beginMessage(RTM_GETNETCONF, NLM_F_REQUEST | flags, seq);
            NetconfCodec.encode(c, w);
            w.endMessage();
        };
    }

    /**
     * {@code ip -echo}: each change this handle sends from now on (a device, address, route, rule or
     * nexthop made, changed or deleted) asks the kernel for a copy of the object, which goes to
     * {@code sink} before the change returns. The kernel echoes what it notifies with the request's
     * port: not a device changed with {@code link set}, an IPv6 address, a neighbour.
     *
     * @param sink the echoed objects' consumer, null to stop asking for them
     */
    public void echo(java.util.function.Consumer<Echoed> sink) {
        socket.echoChanges(sink == null ? null : m -> {
            Echoed e = Echoed.of(m);
            if (e != null) {
                sink.accept(e);
            }
        });
    }

    /**
     * Devices: {@code ip link}.
     *
     * @return the operations on them, over this handle's socket
     */
    public Links links() {
        return links;
    }

    /**
     * IP addresses: {@code ip addr}.
     *
     * @return the operations on them, over this handle's socket
     */
    public Addresses addresses() {
        return addresses;
    }

    /**
     * Routes: {@code ip route}.
     *
     * @return the operations on them, over this handle's socket
     */
    public Routes routes() {
        return routes;
    }

    /**
     * ARP/NDP entries: {@code ip neigh}.
     *
     * @return the operations on them, over this handle's socket
     */
    public Neighbours neighbours() {
        return neighbours;
    }

    /**
     * Policy rules: {@code ip rule}.
     *
     * @return the operations on them, over this handle's socket
     */
    public Rules rules() {
        return rules;
    }

    /**
     * Sends a saved message back as a request, as {@code ip route|addr|rule restore} send each
     * message of their file: as it is, with NLM_F_REQUEST, NLM_F_CREATE and NLM_F_ACK added to its
     * flags and a sequence number of this socket.
     *
     * @param what what the request is, for error messages, e.g. {@code "route restore"}
     * @param message a whole message ({@link Saved#message()}), its header first
     * @throws ErrnoException when the kernel refuses it (its errno and extended ack)
     */
    public void restore(String what, byte[] message) throws ErrnoException {
        ByteBuffer m = ByteBuffer.wrap(java.util.Arrays.copyOf(message, (message.length + 3) & ~3))
                .order(ByteOrder.nativeOrder());
        m.putShort(6, (short) (m.getShort(6) | NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK));
        socket.execute(what, (w, seq) -> w.copyMessage(m, 0, seq));
    }

    /** {@return the nexthop objects ({@code ip nexthop})} */
    public Nexthops nexthops() {
        return nexthops;
    }

    /** {@return the tun/tap devices ({@code ip tuntap})} */
    public TunTaps tunTaps() {
        return tunTaps;
    }

    /** Closes the socket (after a request in flight) and releases the namespace. */
    @Override
    public void close() throws ErrnoException {
        owned.closedByOwner = true;
        cleanable.clean();
    }
}
