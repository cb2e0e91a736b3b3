package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ROUTE;
import static dev.jnetns.uapi.LinuxSched.CLONE_NEWNET;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_FD;
import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_NSID;
import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_NSID_NOT_ASSIGNED;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNSID;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNSID;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.NsidMessage;
import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import dev.jnetns.sys.Syscalls;
import java.util.List;

/**
 * An rtnetlink handle bound to one network namespace. Its socket is created inside that namespace
 * (on a short-lived helper thread) and afterwards works from any thread, with no setns at all.
 * Requests on one handle are serialised; use several handles for parallel work.
 */
public final class Rtnl implements AutoCloseable {
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

    /** A handle for the namespace of the calling thread (normally the process's own). */
    public static Rtnl open() throws ErrnoException {
        try (Netns here = Netns.open("/proc/thread-self/ns/net")) {
            return open(here);
        }
    }

    /**
     * A handle for {@code ns}. The handle keeps its own reference to the namespace, so {@code ns}
     * may be closed afterwards.
     */
    public static Rtnl open(Netns ns) throws ErrnoException {
        Netns home = Netns.open("/proc/self/fd/" + ns.fd());
        try {
            NlSocket socket = HelperThread.callErrno("rtnl", () -> {
                Syscalls.get().setns(home.fd(), CLONE_NEWNET);
                return NlSocket.open(NETLINK_ROUTE);
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

    /** The namespace this handle works in. */
    public Netns netns() {
        return home;
    }

    /**
     * The id under which this handle's namespace knows {@code other}, or -1 when none is assigned.
     * Equivalent to the id {@code ip netns list} shows.
     */
    public int nsid(Netns other) throws ErrnoException {
        List<NsidMessage> r = socket.execute("netns get id of " + other, (w, seq) -> {
            w.beginMessage(RTM_GETNSID, NLM_F_REQUEST | NLM_F_ACK, seq);
            NsidMessage.writeHeader(w);
            w.attrU32(NETNSA_FD, other.fd());
            w.endMessage();
        }, m -> m.type() == RTM_NEWNSID ? NsidMessage.decode(m) : null);
        return r.isEmpty() ? NETNSA_NSID_NOT_ASSIGNED : r.get(0).nsid();
    }

    /**
     * Assigns id {@code nsid} to {@code other} in this handle's namespace; -1 lets the kernel choose.
     * Equivalent to: {@code ip netns set NAME NSID}.
     */
    public void setNsid(Netns other, int nsid) throws ErrnoException {
        socket.execute("netns set " + other + " " + (nsid < 0 ? "auto" : nsid), (w, seq) -> {
            w.beginMessage(RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, seq);
            NsidMessage.writeHeader(w);
            w.attrU32(NETNSA_FD, other.fd());
            w.attrU32(NETNSA_NSID, nsid);
            w.endMessage();
        });
    }

    /** Every id assigned in this handle's namespace. Equivalent to: {@code ip netns list-id}. */
    public List<Integer> nsids() throws ErrnoException {
        return socket.dump("netns list-id", (w, seq) -> {
            w.beginMessage(RTM_GETNSID, NLM_F_REQUEST | NLM_F_DUMP, seq);
            NsidMessage.writeHeader(w);
            w.endMessage();
        }, m -> m.type() == RTM_NEWNSID ? NsidMessage.decode(m).nsid() : null);
    }

    /** Devices: {@code ip link}. */
    public Links links() {
        return links;
    }

    /** IP addresses: {@code ip addr}. */
    public Addresses addresses() {
        return addresses;
    }

    /** Routes: {@code ip route}. */
    public Routes routes() {
        return routes;
    }

    /** ARP/NDP entries: {@code ip neigh}. */
    public Neighbours neighbours() {
        return neighbours;
    }

    /** Policy rules: {@code ip rule}. */
    public Rules rules() {
        return rules;
    }

    /** The nexthop objects ({@code ip nexthop}). */
    public Nexthops nexthops() {
        return nexthops;
    }

    /** The tun/tap devices ({@code ip tuntap}). */
    public TunTaps tunTaps() {
        return tunTaps;
    }

    @Override
    public void close() throws ErrnoException {
        try {
            socket.close();
        } finally {
            home.close();
        }
    }
}
