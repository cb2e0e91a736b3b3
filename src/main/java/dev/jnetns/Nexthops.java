package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REPLACE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxNexthop.NHA_FDB;
import static dev.jnetns.uapi.LinuxNexthop.NHA_GROUPS;
import static dev.jnetns.uapi.LinuxNexthop.NHA_ID;
import static dev.jnetns.uapi.LinuxNexthop.NHA_OIF;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELNEXTHOP;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNEXTHOP;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNEXTHOP;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.NexthopCodec;
import java.util.List;

/** The nexthop objects of one namespace: {@code ip nexthop}. Obtained from {@link Rtnl#nexthops()}. */
public final class Nexthops {
    private final NlSocket socket;

    Nexthops(NlSocket socket) {
        this.socket = socket;
    }

    /**
     * {@return every nexthop of {@code family} (AF_UNSPEC for all)} Equivalent to: {@code ip [-4|-6] nexthop show}.
     *
     * @param family the address family: AF_INET (2), AF_INET6 (10), or AF_UNSPEC (0) for all
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Nexthop> list(int family) throws ErrnoException {
        return list(family, 0, false, false);
    }

    /**
     * {@return the nexthops of {@code family} the kernel picks for a dump filtered as ip asks it: on device
     * {@code oif} (0: any), only groups, only FDB nexthops} Equivalent to:
     * {@code ip [-4|-6] nexthop show [dev DEV] [groups] [fdb]}.
     *
     * @param family the address family: AF_INET (2), AF_INET6 (10), or AF_UNSPEC (0) for all
     * @param oif only nexthops on the device of this ifindex; 0 for any
     * @param groups only groups
     * @param fdb only FDB nexthops
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Nexthop> list(int family, int oif, boolean groups, boolean fdb) throws ErrnoException {
        return socket.dump("nexthop show", (w, seq) -> {
            w.beginMessage(RTM_GETNEXTHOP, NLM_F_REQUEST | NLM_F_DUMP, seq);
            NexthopCodec.writeHeader(w, family, 0, 0, 0);
            if (oif != 0) {
                w.attrU32(NHA_OIF, oif);
            }
            if (groups) {
                w.attr(NHA_GROUPS);
            }
            if (fdb) {
                w.attr(NHA_FDB);
            }
            w.endMessage();
        }, m -> m.type() == RTM_NEWNEXTHOP ? Nexthop.of(NexthopCodec.decode(m)) : null);
    }

    /**
     * Equivalent to: {@code ip nexthop get id ID}.
     *
     * @param id the nexthop's id
     * @return the nexthop
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public Nexthop get(int id) throws ErrnoException {
        return socket.execute("nexthop get id " + Integer.toUnsignedString(id), (w, seq) -> {
            w.beginMessage(RTM_GETNEXTHOP, NLM_F_REQUEST | NLM_F_ACK, seq);
            NexthopCodec.writeHeader(w, 0, 0, 0, 0);
            w.attrU32(NHA_ID, id);
            w.endMessage();
        }, m -> m.type() == RTM_NEWNEXTHOP ? Nexthop.of(NexthopCodec.decode(m)) : null).get(0);
    }

    /**
     * Equivalent to: {@code ip nexthop add id ID ...}.
     *
     * @param n the nexthop
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void add(Nexthop n) throws ErrnoException {
        modify(RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_EXCL, "nexthop add", n);
    }

    /**
     * Adds or replaces. Equivalent to: {@code ip nexthop replace id ID ...}.
     *
     * @param n the nexthop
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void replace(Nexthop n) throws ErrnoException {
        modify(RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_REPLACE, "nexthop replace", n);
    }

    /**
     * Equivalent to: {@code ip nexthop del id ID}.
     *
     * @param id the nexthop's id
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(int id) throws ErrnoException {
        socket.execute("nexthop del id " + Integer.toUnsignedString(id), (w, seq) -> {
            w.beginMessage(RTM_DELNEXTHOP, NLM_F_REQUEST | NLM_F_ACK, seq);
            NexthopCodec.writeHeader(w, 0, 0, 0, 0);
            w.attrU32(NHA_ID, id);
            w.endMessage();
        });
    }

    /**
     * Deletes as ip 6.1 sends {@code ip nexthop del [id ID] [NH]}: the words of {@code add} in an
     * RTM_DELNEXTHOP request. The kernel deletes by id alone: it refuses a request without one
     * ("Nexthop id is missing") and one with any other attribute ("Unknown attribute type").
     *
     * @param n the nexthop as ip's words describe it (id 0: no NHA_ID)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(Nexthop n) throws ErrnoException {
        modify(RTM_DELNEXTHOP, 0, "nexthop del", n);
    }

    private void modify(int type, int flags, String verb, Nexthop n) throws ErrnoException {
        socket.execute(verb + (n.id() != 0 ? " id " + Integer.toUnsignedString(n.id()) : ""), (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            NexthopCodec.encode(w, n.message());
            w.endMessage();
        });
    }
}
