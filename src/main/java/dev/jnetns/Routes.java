package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_APPEND;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REPLACE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxRoute.RTAX_MTU;
import static dev.jnetns.uapi.LinuxRoute.RTA_DST;
import static dev.jnetns.uapi.LinuxRoute.RTA_GATEWAY;
import static dev.jnetns.uapi.LinuxRoute.RTA_IIF;
import static dev.jnetns.uapi.LinuxRoute.RTA_MARK;
import static dev.jnetns.uapi.LinuxRoute.RTA_METRICS;
import static dev.jnetns.uapi.LinuxRoute.RTA_OIF;
import static dev.jnetns.uapi.LinuxRoute.RTA_PREFSRC;
import static dev.jnetns.uapi.LinuxRoute.RTA_PRIORITY;
import static dev.jnetns.uapi.LinuxRoute.RTA_SRC;
import static dev.jnetns.uapi.LinuxRoute.RTA_TABLE;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_CLONED;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_FIB_MATCH;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_LOOKUP_TABLE;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;
import static dev.jnetns.uapi.LinuxRoute.RTN_ANYCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_BROADCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RTN_MULTICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_NAT;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_BOOT;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_HOST;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_LINK;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_NOWHERE;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_UNIVERSE;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWROUTE;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.rtnl.RouteMessage;
import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The routes of one namespace: {@code ip route}. Obtained from {@link Rtnl#routes()}. */
public final class Routes {
    private final NlSocket socket;
    private final Links links;

    Routes(NlSocket socket, Links links) {
        this.socket = socket;
        this.links = links;
    }

    /** Every route of every family and table. Equivalent to: {@code ip route show table all} plus {@code ip -6 ...}. */
    public List<Route> list() throws ErrnoException {
        return list(AF_UNSPEC, 0);
    }

    /**
     * The routes of {@code family} (AF_UNSPEC for both) in {@code table} (0 for all), filtered in the
     * kernel; cached clones are left out; none for a table that does not exist yet. Equivalent to:
     * {@code ip [-4|-6] route show table TABLE}.
     */
    public List<Route> list(int family, int table) throws ErrnoException {
        try {
            return socket.dump("route show", dumpRequest(family, table), decoder(table));
        } catch (ErrnoException e) {
            if (noSuchTable(e, table)) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Streams the routes of {@code family} in {@code table} (0 for all) to {@code sink} as they are
     * read, in constant memory: for tables of any size.
     *
     * @throws dev.jnetns.netlink.DumpInterruptedException when the table changed during the dump
     */
    public void forEach(int family, int table, java.util.function.Consumer<Route> sink) throws ErrnoException {
        try {
            socket.dumpEach("route show", dumpRequest(family, table), decoder(table), sink);
        } catch (ErrnoException e) {
            if (!noSuchTable(e, table)) {
                throw e;
            }
        }
    }

    /**
     * A table no route was ever added to does not exist yet: asked for it, the kernel answers ENOENT
     * ("FIB table does not exist"), where ip lists nothing.
     */
    private static boolean noSuchTable(ErrnoException e, int table) {
        return table == RT_TABLE_MAIN && e.is(Errno.ENOENT);
    }

    private static NlSocket.Request dumpRequest(int family, int table) {
        return (w, seq) -> {
            w.beginMessage(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, seq);
            RouteMessage.writeHeader(w, family, 0, 0, 0, table > 0 && table < 256 ? table : 0, 0, 0, 0, 0);
            if (table >= 256 || table < 0) {
                w.attrU32(RTA_TABLE, table);
            }
            w.endMessage();
        };
    }

    private static NlSocket.Decoder<Route> decoder(int table) {
        return m -> {
            if (m.type() != RTM_NEWROUTE) {
                return null;
            }
            RouteMessage r = RouteMessage.decode(m);
            if ((r.flags() & RTM_F_CLONED) != 0 || (table != 0 && r.table() != table)) {
                return null;
            }
            return Route.of(r);
        };
    }

    /** Equivalent to: {@code ip route add SPEC}. */
    public void add(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "route add " + spec, spec);
    }

    /** Adds or updates. Equivalent to: {@code ip route replace SPEC}. */
    public void replace(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, "route replace " + spec, spec);
    }

    /** Equivalent to: {@code ip route del SPEC}; fields left unset match any value. */
    public void delete(RouteSpec spec) throws ErrnoException {
        modify(RTM_DELROUTE, 0, "route del " + spec, spec);
    }

    /** The route the kernel would use to reach {@code dst}. Equivalent to: {@code ip route get ADDR}. */
    public Route get(InetAddress dst) throws ErrnoException {
        return get(RouteQuery.to(dst));
    }

    /**
     * The route the kernel picks for {@code q} (its FIB entry with {@link RouteQuery#fibMatch()}).
     * Equivalent to: {@code ip route get ADDR [from P] [iif D] [oif D] [mark M] [fibmatch]}.
     */
    public Route get(RouteQuery q) throws ErrnoException {
        int iif = q.iif != null ? links.index(q.iif) : 0;
        int oif = q.oif != null ? links.index(q.oif) : 0;
        List<Route> r = socket.execute("route get " + q, (w, seq) -> {
            w.beginMessage(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_ACK, seq);
            // RTM_F_LOOKUP_TABLE (the table that answered) as ip asks it; IPv6 refuses it on a strict socket
            RouteMessage.writeHeader(w, q.family(), IpPrefix.bits(q.dst), q.from == null ? 0 : q.from.length(), 0, 0,
                    0, 0, 0, (q.family() == AF_INET6 ? 0 : RTM_F_LOOKUP_TABLE) | (q.fibMatch ? RTM_F_FIB_MATCH : 0));
            w.attr(RTA_DST, q.dst.getAddress());
            if (q.from != null && q.from.length() > 0) {
                w.attr(RTA_SRC, q.from.address().getAddress());
            }
            if (iif != 0) {
                w.attrU32(RTA_IIF, iif);
            }
            if (oif != 0) {
                w.attrU32(RTA_OIF, oif);
            }
            if (q.mark != 0) {
                w.attrU32(RTA_MARK, (int) q.mark);
            }
            w.endMessage();
        }, m -> m.type() == RTM_NEWROUTE ? Route.of(RouteMessage.decode(m)) : null);
        return r.get(0);
    }

    /** Adds {@code spec} after the routes to the same prefix. Equivalent to: {@code ip route append SPEC}. */
    public void append(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND, "route append " + spec, spec);
    }

    /** Adds {@code spec} before the routes to the same prefix. Equivalent to: {@code ip route prepend SPEC}. */
    public void prepend(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_CREATE, "route prepend " + spec, spec);
    }

    /** Changes a route that exists (ENOENT otherwise). Equivalent to: {@code ip route change SPEC}. */
    public void change(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_REPLACE, "route change " + spec, spec);
    }

    private void modify(int type, int flags, String what, RouteSpec s) throws ErrnoException {
        Encoded e = encode(s, links::index);
        socket.execute(what, (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            write(w, type == RTM_DELROUTE, s, e.family, e.oif, e.hops);
            w.endMessage();
        });
    }

    /**
     * Adds many routes in few system calls: requests go out many per datagram and only failures come
     * back ({@link NlSocket#executeAll}). Device names are looked up once. Equivalent to a file of
     * {@code route add} lines run with {@code ip -batch} (with {@code -force} unless
     * {@code stopAtFirstError}).
     *
     * @return the routes the kernel refused, by index in {@code specs}
     */
    public NlSocket.BulkResult addAll(List<RouteSpec> specs, boolean stopAtFirstError) throws ErrnoException {
        java.util.Map<String, Integer> indexes = new java.util.HashMap<>();
        for (Link l : links.list()) {
            indexes.put(l.name(), l.index());
        }
        List<Encoded> encoded = new ArrayList<>(specs.size());
        for (RouteSpec s : specs) {
            encoded.add(encode(s, name -> {
                Integer i = indexes.get(name);
                if (i == null) {
                    throw new NoSuchLinkException(name);
                }
                return i;
            }));
        }
        return socket.executeAll(specs.size(), (w, seq, i) -> {
            Encoded e = encoded.get(i);
            w.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, seq);
            write(w, false, specs.get(i), e.family, e.oif, e.hops);
            w.endMessage();
        }, stopAtFirstError, i -> "route add " + specs.get(i));
    }

    /** A device name to its ifindex. */
    @FunctionalInterface
    private interface IndexOf {
        int of(String name) throws ErrnoException;
    }

    /** What a spec needs resolved before it is written: family, output device, nexthops. */
    private record Encoded(int family, int oif, List<RouteMessage.Nexthop> hops) {
    }

    private static Encoded encode(RouteSpec s, IndexOf index) throws ErrnoException {
        int oif = s.dev != null ? index.of(s.dev) : 0;
        List<RouteMessage.Nexthop> hops = new ArrayList<>();
        for (RouteSpec.NexthopSpec n : s.nexthops) {
            hops.add(new RouteMessage.Nexthop(0, n.weight() - 1, n.dev() != null ? index.of(n.dev()) : 0,
                    n.gateway() == null ? null : n.gateway().getAddress()));
        }
        int family = s.effectiveFamily();
        checkFamily(s, family);
        return new Encoded(family, oif, hops);
    }

    private static void checkFamily(RouteSpec s, int family) {
        List<InetAddress> all = new ArrayList<>();
        if (s.gateway != null) {
            all.add(s.gateway);
        }
        if (s.prefsrc != null) {
            all.add(s.prefsrc);
        }
        s.nexthops.forEach(n -> {
            if (n.gateway() != null) {
                all.add(n.gateway());
            }
        });
        for (InetAddress a : all) {
            if (Inet.family(a) != family) {
                throw new IllegalArgumentException("address " + Inet.format(a) + " is not of the route's family");
            }
        }
    }

    /** The rtmsg and attributes iproute2 sends for the same {@code ip route} command. */
    private static void write(NlWriter w, boolean delete, RouteSpec s, int family, int oif,
                              List<RouteMessage.Nexthop> hops) {
        int rtType = delete ? (s.type != null ? s.type : 0) : s.effectiveType();
        int table = s.table != null ? s.table
                : (!delete && (rtType == RTN_LOCAL || rtType == RTN_BROADCAST || rtType == RTN_NAT || rtType == RTN_ANYCAST))
                ? RT_TABLE_LOCAL : RT_TABLE_MAIN;
        int protocol = s.protocol != null ? s.protocol : delete ? 0 : RTPROT_BOOT;
        int scope;
        if (s.scope != null) {
            scope = s.scope;
        } else if (delete) {
            scope = RT_SCOPE_NOWHERE;
        } else if (family == AF_INET6) {
            scope = RT_SCOPE_UNIVERSE;
        } else if (rtType == RTN_LOCAL || rtType == RTN_NAT) {
            scope = RT_SCOPE_HOST;
        } else if (rtType == RTN_BROADCAST || rtType == RTN_MULTICAST || rtType == RTN_ANYCAST) {
            scope = RT_SCOPE_LINK;
        } else if (rtType == RTN_UNICAST && s.gateway == null && hops.isEmpty()) {
            scope = RT_SCOPE_LINK;
        } else {
            scope = RT_SCOPE_UNIVERSE;
        }
        IpPrefix dst = s.effectiveDst();
        RouteMessage.writeHeader(w, family, dst.length(), 0, 0, Integer.compareUnsigned(table, 256) < 0 ? table : 0,
                protocol, scope, rtType, s.onlink ? RTNH_F_ONLINK : 0);
        if (dst.length() > 0) {
            w.attr(RTA_DST, dst.address().getAddress());
        }
        if (s.metric != null) {
            w.attrU32(RTA_PRIORITY, s.metric.intValue());
        }
        if (s.prefsrc != null) {
            w.attr(RTA_PREFSRC, s.prefsrc.getAddress());
        }
        if (s.gateway != null) {
            w.attr(RTA_GATEWAY, s.gateway.getAddress());
        }
        if (oif != 0) {
            w.attrU32(RTA_OIF, oif);
        }
        if (Integer.compareUnsigned(table, 256) >= 0) {
            w.attrU32(RTA_TABLE, table);
        }
        if (s.mtu != null) {
            int mx = w.beginNestedPlain(RTA_METRICS);
            w.attrU32(RTAX_MTU, s.mtu);
            w.endNested(mx);
        }
        if (!hops.isEmpty()) {
            RouteMessage.writeMultipath(w, hops);
        }
    }
}
