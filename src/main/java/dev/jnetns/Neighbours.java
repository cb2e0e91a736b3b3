package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REPLACE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_DST;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_LLADDR;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_PROXY;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_ROUTER;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_PERMANENT;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNEIGH;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.NeighMessage;
import dev.jnetns.sys.ErrnoException;
import dev.jnetns.uapi.LinuxSocket;
import java.net.InetAddress;
import java.util.List;

/** The neighbour tables (ARP, NDP) of one namespace: {@code ip neigh}. Obtained from {@link Rtnl#neighbours()}. */
public final class Neighbours {
    private final NlSocket socket;
    private final Links links;

    Neighbours(NlSocket socket, Links links) {
        this.socket = socket;
        this.links = links;
    }

    /** Every entry of both families, proxies excluded. Equivalent to: {@code ip neigh show nud all}. */
    public List<Neighbour> list() throws ErrnoException {
        return socket.dump("neigh show", (w, seq) -> {
            w.beginMessage(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, seq);
            NeighMessage.writeHeader(w, AF_UNSPEC, 0, 0, 0, 0);
            w.endMessage();
        }, m -> {
            if (m.type() != RTM_NEWNEIGH) {
                return null;
            }
            NeighMessage n = NeighMessage.decode(m);
            return n.family() == LinuxSocket.AF_INET || n.family() == LinuxSocket.AF_INET6 ? Neighbour.of(n) : null;
        });
    }

    /** The proxy entries of both families. Equivalent to: {@code ip neigh show proxy}. */
    public List<Neighbour> proxies() throws ErrnoException {
        return socket.dump("neigh show proxy", (w, seq) -> {
            w.beginMessage(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, seq);
            NeighMessage.writeHeader(w, AF_UNSPEC, 0, 0, NTF_PROXY, 0);
            w.endMessage();
        }, m -> m.type() == RTM_NEWNEIGH ? Neighbour.of(NeighMessage.decode(m)) : null);
    }

    /** The entry for {@code dst} on {@code dev}. Equivalent to: {@code ip neigh get DST dev DEV}. */
    public Neighbour get(String dev, InetAddress dst) throws ErrnoException {
        int index = links.index(dev);
        return socket.execute("neigh get " + Inet.format(dst) + " dev " + dev, (w, seq) -> {
            w.beginMessage(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_ACK, seq);
            NeighMessage.writeHeader(w, Inet.family(dst), index, 0, 0, 0);
            w.attr(NDA_DST, dst.getAddress());
            w.endMessage();
        }, m -> m.type() == RTM_NEWNEIGH ? Neighbour.of(NeighMessage.decode(m)) : null).get(0);
    }

    /** Changes an entry that exists (ENOENT otherwise). Equivalent to: {@code ip neigh change ...}. */
    public void change(String dev, InetAddress dst, String lladdr, int state, boolean router) throws ErrnoException {
        modify(RTM_NEWNEIGH, NLM_F_REPLACE, "neigh change", dev, dst, lladdr, state, router ? NTF_ROUTER : 0);
    }

    /**
     * A static entry: {@code ip neigh add DST lladdr MAC dev DEV [nud STATE] [router]}. {@code state}
     * is NUD_* (permanent when 0).
     */
    public void add(String dev, InetAddress dst, String lladdr, int state, boolean router) throws ErrnoException {
        modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, "neigh add", dev, dst, lladdr, state, router ? NTF_ROUTER : 0);
    }

    /** Equivalent to: {@code ip neigh replace DST lladdr MAC dev DEV [nud STATE] [router]}. */
    public void replace(String dev, InetAddress dst, String lladdr, int state, boolean router) throws ErrnoException {
        modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, "neigh replace", dev, dst, lladdr, state,
                router ? NTF_ROUTER : 0);
    }

    /** Equivalent to: {@code ip neigh add proxy DST dev DEV}. */
    public void addProxy(String dev, InetAddress dst) throws ErrnoException {
        modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, "neigh add proxy", dev, dst, null, 0, NTF_PROXY);
    }

    /** Equivalent to: {@code ip neigh del DST dev DEV}. */
    public void delete(String dev, InetAddress dst) throws ErrnoException {
        modify(RTM_DELNEIGH, 0, "neigh del", dev, dst, null, 0, 0);
    }

    private void modify(int type, int flags, String verb, String dev, InetAddress dst, String lladdr, int state,
                        int ntf) throws ErrnoException {
        int index = links.index(dev);
        byte[] mac = lladdr == null ? null : HardwareAddresses.parseMac(lladdr);
        int nud = type == RTM_NEWNEIGH && (ntf & NTF_PROXY) == 0 && state == 0 ? NUD_PERMANENT : state;
        socket.execute(verb + " " + Inet.format(dst) + " dev " + dev, (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            NeighMessage.writeHeader(w, Inet.family(dst), index, nud, ntf, 0);
            w.attr(NDA_DST, dst.getAddress());
            if (mac != null) {
                w.attr(NDA_LLADDR, mac);
            }
            w.endMessage();
        });
    }
}
