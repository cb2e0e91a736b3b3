package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_APPEND;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REPLACE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_CLONED;
import static dev.jnetns.uapi.LinuxRoute.RTA_DPORT;
import static dev.jnetns.uapi.LinuxRoute.RTA_IP_PROTO;
import static dev.jnetns.uapi.LinuxRoute.RTA_NEWDST;
import static dev.jnetns.uapi.LinuxRoute.RTA_SPORT;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_FIB_MATCH;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_NOTIFY;
import static dev.jnetns.uapi.LinuxRoute.RTM_F_LOOKUP_TABLE;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;
import static dev.jnetns.uapi.LinuxRoute.RTN_ANYCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_BROADCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RTN_MULTICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_NAT;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNSPEC;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_BOOT;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_UNSPEC;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_HOST;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_LINK;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_NOWHERE;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_UNIVERSE;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_UNSPEC;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWROUTE;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.rtnl.RouteCodec;
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

    /**
     * {@return every route of every family and table} Equivalent to: {@code ip route show table all} plus {@code ip -6 ...}.
     *
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Route> list() throws ErrnoException {
        return list(AF_UNSPEC, 0);
    }

    /**
     * {@return the routes of {@code family} (AF_UNSPEC for every family) in {@code table} (0 for all),
     * filtered in the kernel; cached clones are left out; none for a table that does not exist yet}
     * Equivalent to: {@code ip [-4|-6|-0] route show table TABLE}. The kernel answers a dump of a
     * family it keeps no routes for (AF_PACKET, say) with every family's: those are left out, as ip
     * leaves them out, so such a family lists none.
     *
     * @param family AF_INET (2), AF_INET6 (10), another family (its routes only), or AF_UNSPEC (0) for every family
     * @param table the table id, 0 for all
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Route> list(int family, int table) throws ErrnoException {
        try {
            return socket.dump("route show", dumpRequest(family, table), decoder(family, table));
        } catch (ErrnoException e) {
            if (noSuchTable(e, table)) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Streams the routes of {@code family} in {@code table} (0 for all) to {@code sink} as they are
     * read, in constant memory: for tables of any size. The routes of {@code family} only, as
     * {@link #list(int, int)} gives them.
     *
     * @param family AF_INET (2), AF_INET6 (10), another family (its routes only), or AF_UNSPEC (0) for every family
     * @param table the table id, 0 for all
     * @param sink receives each route, on the calling thread
     * @throws dev.jnetns.DumpInterruptedException when the table changed during the dump
     */
    public void forEach(int family, int table, java.util.function.Consumer<Route> sink) throws ErrnoException {
        try {
            socket.dumpEach("route show", dumpRequest(family, table), decoder(family, table), sink);
        } catch (ErrnoException e) {
            if (!noSuchTable(e, table)) {
                throw e;
            }
        }
    }

    /**
     * Streams the routes {@link #forEach} gives, each with its message as the kernel sent it: the
     * dump {@code ip route save} writes.
     *
     * @param family AF_INET (2), AF_INET6 (10), another family (its routes only), or AF_UNSPEC (0) for every family
     * @param table the table id, 0 for all
     * @param sink receives each route, on the calling thread
     * @throws dev.jnetns.DumpInterruptedException when the table changed during the dump
     */
    public void forEachSaved(int family, int table, java.util.function.Consumer<Saved<Route>> sink)
            throws ErrnoException {
        NlSocket.Decoder<Route> routes = decoder(family, table);
        try {
            socket.dumpEach("route save", dumpRequest(family, table), m -> {
                Route r = routes.decode(m);
                return r == null ? null : new Saved<>(r, m.bytes());
            }, sink);
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
            RouteCodec.dumpHeader(w, family, table);
            w.endMessage();
        };
    }

    /**
     * Routes of {@code family} (AF_UNSPEC: any; the kernel answers a family it has no dump for with
     * every family's) and {@code table} (0: any) that are not cached clones.
     */
    private static NlSocket.Decoder<Route> decoder(int family, int table) {
        return m -> {
            if (m.type() != RTM_NEWROUTE || (RouteCodec.flags(m) & RTM_F_CLONED) != 0) {
                return null;
            }
            Route r = RouteCodec.decode(m);
            return table != 0 && r.table() != table || family != AF_UNSPEC && r.family() != family ? null : r;
        };
    }

    /**
     * Equivalent to: {@code ip route add SPEC}.
     *
     * @param spec the route
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void add(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "route add " + spec, spec);
    }

    /**
     * Adds or updates. Equivalent to: {@code ip route replace SPEC}.
     *
     * @param spec the route
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void replace(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, "route replace " + spec, spec);
    }

    /**
     * Adds the route {@code r} describes, every attribute of it as the record holds it (devices by
     * ifindex, metrics, nexthops, unmodelled attributes): a record a dump gave, written back.
     * Equivalent to: {@code ip route add} with every option the route shows.
     *
     * @param r the route, as a dump gave it
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void add(Route r) throws ErrnoException {
        send(NLM_F_CREATE | NLM_F_EXCL, "route add " + r, r);
    }

    /**
     * Adds or updates the route {@code r} describes, as {@link #add(Route)}. Equivalent to: {@code ip route replace ROUTE}.
     *
     * @param r the route, as a dump gave it
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void replace(Route r) throws ErrnoException {
        send(NLM_F_CREATE | NLM_F_REPLACE, "route replace " + r, r);
    }

    /**
     * Adds the route {@code r} describes after those with the same destination, table, TOS and
     * metric (through other devices), as {@link #add(Route)}. Equivalent to: {@code ip route append ROUTE}.
     *
     * @param r the route, as a dump gave it
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void append(Route r) throws ErrnoException {
        send(NLM_F_CREATE | NLM_F_APPEND, "route append " + r, r);
    }

    private void send(int flags, String what, Route r) throws ErrnoException {
        socket.execute(what, (w, seq) -> {
            w.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            RouteCodec.encode(r, w);
            w.endMessage();
        });
    }

    /**
     * Equivalent to: {@code ip route del SPEC}; fields left unset match any value.
     *
     * @param spec the route
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(RouteSpec spec) throws ErrnoException {
        modify(RTM_DELROUTE, 0, "route del " + spec, spec);
    }

    /**
     * The route the kernel would use to reach {@code dst}. Equivalent to: {@code ip route get ADDR}.
     *
     * @param dst the destination address
     * @return the route
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public Route get(InetAddress dst) throws ErrnoException {
        return get(Lookup.of(dst));
    }

    /**
     * The route the kernel would use for a packet with {@code q}'s addresses, devices and mark.
     * Equivalent to: {@code ip route get ADDR [from ADDR] [iif DEV] [oif DEV] [mark N] [uid N] [tos T] [ipproto P]
     * [sport N] [dport N] [as ADDR] [notify] [fibmatch]}.
     *
     * @param q the packet's addresses, devices and marks
     * @return the route
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public Route get(Lookup q) throws ErrnoException {
        int family = Inet.family(q.to());
        if (q.from() != null && Inet.family(q.from()) != family) {
            throw new IllegalArgumentException("address " + Inet.format(q.from()) + " is not of the family of "
                    + Inet.format(q.to()));
        }
        Route request = request(q, links::index);
        List<Route> r = socket.execute("route get " + q, (w, seq) -> {
            w.beginMessage(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_ACK, seq);
            RouteCodec.encode(request, w);
            w.endMessage();
        }, m -> m.type() == RTM_NEWROUTE ? RouteCodec.decode(m) : null);
        return r.get(0);
    }

    /**
     * Adds {@code spec} after the routes to the same prefix. Equivalent to: {@code ip route append SPEC}.
     *
     * @param spec the route
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void append(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND, "route append " + spec, spec);
    }

    /**
     * Adds {@code spec} before the routes to the same prefix. Equivalent to: {@code ip route prepend SPEC}.
     *
     * @param spec the route
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void prepend(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_CREATE, "route prepend " + spec, spec);
    }

    /**
     * Changes a route that exists (ENOENT otherwise). Equivalent to: {@code ip route change SPEC}.
     *
     * @param spec the route
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void change(RouteSpec spec) throws ErrnoException {
        modify(RTM_NEWROUTE, NLM_F_REPLACE, "route change " + spec, spec);
    }

    /** The RTM_GETROUTE {@code ip route get} sends for {@code q}: IPv4 asks for the table the route is in. */
    static Route request(Lookup q, IndexOf index) throws ErrnoException {
        int family = Inet.family(q.to());
        int iif = q.iif() != null ? index.of(q.iif()) : 0;
        int oif = q.oif() != null ? index.of(q.oif()) : 0;
        int flags = (family == AF_INET ? RTM_F_LOOKUP_TABLE : 0) | (q.fibmatch() ? RTM_F_FIB_MATCH : 0)
                | (q.notifying() ? RTM_F_NOTIFY : 0);
        return new Route(family, RTN_UNSPEC, new IpPrefix(q.to(), IpPrefix.bits(q.to())),
                q.from() == null ? null : new IpPrefix(q.from(), IpPrefix.bits(q.from())), null, oif, RT_TABLE_UNSPEC,
                RTPROT_UNSPEC, RT_SCOPE_UNIVERSE, -1, null, flags, List.of(), -1, RouteMetrics.NONE, q.uid(), q.tos(),
                iif, null, -1, q.mark() == 0 ? -1 : q.mark(), -1, null, -1, -1, -1, packet(q));
    }

    /** The lookup's attributes the route record does not model: RTA_NEWDST, RTA_SPORT, RTA_DPORT, RTA_IP_PROTO. */
    private static RawAttributes packet(Lookup q) {
        NlWriter w = new NlWriter(64);
        if (q.newDst() != null) {
            w.attr(RTA_NEWDST, q.newDst().getAddress());
        }
        if (q.sport() >= 0) {
            w.attr(RTA_SPORT, new byte[] {(byte) (q.sport() >> 8), (byte) q.sport()});   // network order
        }
        if (q.dport() >= 0) {
            w.attr(RTA_DPORT, new byte[] {(byte) (q.dport() >> 8), (byte) q.dport()});
        }
        if (q.ipproto() >= 0) {
            w.attrU8(RTA_IP_PROTO, q.ipproto());
        }
        byte[] tlvs = new byte[w.size()];
        w.bytes().get(tlvs);
        return RawAttributes.of(null, null, tlvs);
    }

    /**
     * What {@code ip route get} asks: the destination and, optionally, the source, input and
     * output devices, fwmark, uid and TOS of the packet, and whether to answer with the FIB entry
     * that matched ({@code fibmatch}) instead of the resolved route.
     *
     * @param mark the fwmark, 0 for none
     * @param uid the uid, -1 for none
     * @param tos the TOS, 0 for none
     * @param to the destination address
     * @param from the source address, or null
     * @param iif the input device's name, or null
     * @param oif the output device's name, or null
     * @param fibmatch true to answer with the FIB entry that matched
     * @param ipproto the packet's IP protocol ({@code ipproto}), -1 for none
     * @param sport its source port ({@code sport}), -1 for none
     * @param dport its destination port ({@code dport}), -1 for none
     * @param newDst {@code as ADDR}: the address the destination is translated to (RTA_NEWDST, which the
     *     kernel refuses in a lookup), or null
     * @param notifying {@code notify}: RTM_F_NOTIFY
     */
    public record Lookup(InetAddress to, InetAddress from, String iif, String oif, long mark, long uid, int tos,
                         boolean fibmatch, int ipproto, int sport, int dport, InetAddress newDst, boolean notifying) {
        /**
         * {@code ip route get TO}.
         *
         * @param to the destination address
         * @return the lookup
         */
        public static Lookup of(InetAddress to) {
            return new Lookup(to, null, null, null, 0, -1, 0, false, -1, -1, -1, null, false);
        }

        /**
         * {@code from ADDR}.
         *
         * @param from the source address
         * @return this lookup
         */
        public Lookup from(InetAddress from) {
            return new Lookup(to, from, iif, oif, mark, uid, tos, fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        /**
         * {@code iif DEV}: as if the packet came in on {@code dev}.
         *
         * @param dev the device's name
         * @return this lookup
         */
        public Lookup iif(String dev) {
            return new Lookup(to, from, Links.checkName(dev), oif, mark, uid, tos,
                    fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        /**
         * {@code oif DEV}: the packet must leave by {@code dev}.
         *
         * @param dev the device's name
         * @return this lookup
         */
        public Lookup oif(String dev) {
            return new Lookup(to, from, iif, Links.checkName(dev), mark, uid, tos,
                    fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        /**
         * {@code mark N}: the packet's fwmark.
         *
         * @param mark the fwmark
         * @return this lookup
         */
        public Lookup mark(long mark) {
            return new Lookup(to, from, iif, oif, checkU32("mark", mark), uid, tos,
                    fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        /**
         * {@code uid N}: the uid of the socket sending it.
         *
         * @param uid the uid
         * @return this lookup
         */
        public Lookup uid(long uid) {
            return new Lookup(to, from, iif, oif, mark, checkU32("uid", uid), tos,
                    fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        /**
         * {@code tos T}.
         *
         * @param tos the TOS byte
         * @return this lookup
         */
        public Lookup tos(int tos) {
            return new Lookup(to, from, iif, oif, mark, uid, (int) checkU32("tos", tos & 0xff),
                    fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        /**
         * {@code fibmatch}: answer with the route entry that matched (true) or the resolved route.
         *
         * @param fibmatch true for {@code fibmatch}
         * @return this lookup
         */
        public Lookup fibmatch(boolean fibmatch) {
            return new Lookup(to, from, iif, oif, mark, uid, tos, fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        /**
         * {@code ipproto P}.
         *
         * @param ipproto the IP protocol number, 0..255
         * @return this lookup
         */
        public Lookup ipproto(int ipproto) {
            return new Lookup(to, from, iif, oif, mark, uid, tos, fibmatch, (int) checkU8("ipproto", ipproto), sport,
                    dport, newDst, notifying);
        }

        /**
         * {@code sport N}.
         *
         * @param sport the source port, 0..65535
         * @return this lookup
         */
        public Lookup sport(int sport) {
            return new Lookup(to, from, iif, oif, mark, uid, tos, fibmatch, ipproto, checkPort("sport", sport), dport,
                    newDst, notifying);
        }

        /**
         * {@code dport N}.
         *
         * @param dport the destination port, 0..65535
         * @return this lookup
         */
        public Lookup dport(int dport) {
            return new Lookup(to, from, iif, oif, mark, uid, tos, fibmatch, ipproto, sport, checkPort("dport", dport),
                    newDst, notifying);
        }

        /**
         * {@code as ADDR}: sends RTA_NEWDST as ip does (the kernel refuses it in a lookup).
         *
         * @param newDst the address
         * @return this lookup
         */
        public Lookup as(InetAddress newDst) {
            return new Lookup(to, from, iif, oif, mark, uid, tos, fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        /**
         * {@code notify}: RTM_F_NOTIFY (the kernel marks the cached route).
         *
         * @param notifying true for {@code notify}
         * @return this lookup
         */
        public Lookup notifying(boolean notifying) {
            return new Lookup(to, from, iif, oif, mark, uid, tos, fibmatch, ipproto, sport, dport, newDst, notifying);
        }

        private static int checkPort(String what, int v) {
            if (v < 0 || v > 0xffff) {
                throw new IllegalArgumentException("invalid " + what + " " + v);
            }
            return v;
        }

        private static long checkU8(String what, long v) {
            if (v < 0 || v > 0xff) {
                throw new IllegalArgumentException("invalid " + what + " " + v);
            }
            return v;
        }

        private static long checkU32(String what, long v) {
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException("invalid " + what + " " + v);
            }
            return v;
        }

        /** As ip's command line: {@code 198.18.0.2 from 198.18.0.1 iif v0}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(Inet.format(to));
            if (from != null) {
                sb.append(" from ").append(Inet.format(from));
            }
            if (iif != null) {
                sb.append(" iif ").append(iif);
            }
            if (oif != null) {
                sb.append(" oif ").append(oif);
            }
            if (mark != 0) {
                sb.append(" mark ").append(mark);
            }
            if (uid >= 0) {
                sb.append(" uid ").append(uid);
            }
            if (ipproto >= 0) {
                sb.append(" ipproto ").append(ipproto);
            }
            if (sport >= 0) {
                sb.append(" sport ").append(sport);
            }
            if (dport >= 0) {
                sb.append(" dport ").append(dport);
            }
            if (newDst != null) {
                sb.append(" as ").append(Inet.format(newDst));
            }
            if (notifying) {
                sb.append(" notify");
            }
            if (fibmatch) {
                sb.append(" fibmatch");
            }
            return sb.toString();
        }
    }

    private void modify(int type, int flags, String what, RouteSpec s) throws ErrnoException {
        Route r = request(s, type == RTM_DELROUTE, links::index);
        socket.execute(what, (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            RouteCodec.encode(r, w);
            w.endMessage();
        });
    }

    /**
     * Adds many routes in few system calls: the requests go out many per datagram, the kernel
     * applies each on its own, in order, and answers only refusals. Without {@code stopAtFirstError}
     * this is a file of {@code route add} lines run with {@code ip -batch -force}. With it, no
     * datagram is sent after one that held a refusal, but unlike {@code ip -batch} (which stops at the
     * failing line) the requests after the refused one in its datagram are applied all the same:
     * {@link BulkResult#applied} says which were. Device names are looked up once, before anything is sent.
     *
     * @param specs the routes to add, in order
     * @param stopAtFirstError true to send no datagram after one that held a refusal; false to send them
     *     all (as {@code -force})
     * @return what was sent, and the routes the kernel refused, by index in {@code specs}
     * @throws NoSuchLinkException naming the index of the first route whose device does not exist
     *     (nothing is sent)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public BulkResult addAll(List<RouteSpec> specs, boolean stopAtFirstError) throws ErrnoException {
        Adds adds = adds();
        for (int i = 0; i < specs.size(); i++) {
            try {
                adds.add(specs.get(i));
            } catch (NoSuchLinkException e) {
                throw new NoSuchLinkException("route add #" + i + " (" + specs.get(i) + ")", e.device());
            }
        }
        return adds.send(stopAtFirstError, i -> "route add " + specs.get(i));
    }

    /**
     * An empty run of route adds, to be filled and sent as {@link #addAll} sends its list.
     *
     * @return the run
     */
    public Adds adds() {
        return new Adds();
    }

    /**
     * Route adds encoded as they are given, into one buffer, then sent pipelined by {@link #send}:
     * a batch of {@code route add} lines without an object per line. Device names are looked up
     * once per run, when the first one is needed.
     */
    public final class Adds {
        private final NlWriter pending = new NlWriter(64 * 1024);
        private java.util.Map<String, Integer> indexes;

        private Adds() {
        }

        /**
         * Adds {@code ip route add} of {@code s}.
         *
         * @param s the route
         * @throws NoSuchLinkException when a device it names does not exist
         * @throws IllegalArgumentException when its addresses are not of one family
         * @throws ErrnoException when the devices cannot be listed
         */
        public void add(RouteSpec s) throws ErrnoException {
            Route r = request(s, false, this::index);
            pending.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, 0);
            RouteCodec.encode(r, pending);
            pending.endMessage();
        }

        /**
         * Adds {@code ip route add DST/LEN [via GW] [dev DEV]} for IPv4, from plain values: the same
         * bytes as {@link #add} of that route.
         *
         * @param dst the destination, its first octet in the high byte
         * @param prefixLength its length, 0..32
         * @param via whether a gateway is given
         * @param gateway the gateway (first octet in the high byte), when {@code via}
         * @param dev the device, or null
         * @throws NoSuchLinkException when {@code dev} does not exist
         * @throws ErrnoException when the devices cannot be listed
         */
        public void addIpv4(int dst, int prefixLength, boolean via, int gateway, String dev) throws ErrnoException {
            if (prefixLength < 0 || prefixLength > 32) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0..32");
            }
            int oif = dev != null ? index(dev) : 0;
            pending.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, 0);
            RouteCodec.encodeIpv4Add(pending, dst, prefixLength, via, gateway, oif);
            pending.endMessage();
        }

        private int index(String name) throws ErrnoException {
            if (indexes == null) {
                indexes = new java.util.HashMap<>();
                for (Link l : links.list()) {
                    indexes.put(l.name(), l.index());
                }
            }
            Integer i = indexes.get(name);
            if (i == null) {
                throw new NoSuchLinkException(name);
            }
            return i;
        }

        /**
         * How many adds are pending.
         *
         * @return their number
         */
        public int size() {
            return pending.messageCount();
        }

        /**
         * Sends the pending adds as {@link #addAll} does and forgets them (and the devices looked up).
         *
         * @param stopAtFirstError as {@link #addAll}'s
         * @param what describes add {@code i} for error messages
         * @return what was sent, and what the kernel refused, by index
         * @throws ErrnoException when a system call fails
         */
        public BulkResult send(boolean stopAtFirstError, java.util.function.IntFunction<String> what)
                throws ErrnoException {
            java.nio.ByteBuffer bytes = pending.bytes();
            int[] next = {0};   // executeAll writes the requests in order, each once
            try {
                return socket.executeAll(pending.messageCount(),
                        (w, seq, i) -> next[0] += w.copyMessage(bytes, next[0], seq), stopAtFirstError, what);
            } finally {
                pending.clear();
                indexes = null;
            }
        }
    }

    /** A device name to its ifindex. */
    @FunctionalInterface
    interface IndexOf {
        int of(String name) throws ErrnoException;
    }

    /**
     * The route {@code ip route add|del} sends for {@code s}: unset fields take iproute2's defaults
     * (for a delete, left unset match any route).
     */
    static Route request(RouteSpec s, boolean delete, IndexOf index) throws ErrnoException {
        int family = s.effectiveFamily();
        checkFamily(s, family);
        int oif = s.dev != null ? index.of(s.dev) : 0;
        List<Route.Nexthop> hops = new ArrayList<>();
        for (RouteSpec.NexthopSpec n : s.nexthops) {
            hops.add(new Route.Nexthop(n.gateway(), n.dev() != null ? index.of(n.dev()) : 0, n.weight(),
                    n.onlink() ? RTNH_F_ONLINK : 0, null, n.realms(), RawAttributes.NONE));
        }
        int rtType = delete ? (s.type != null ? s.type : RTN_UNSPEC) : s.effectiveType();
        int table = s.table != null ? s.table
                : (!delete && (rtType == RTN_LOCAL || rtType == RTN_BROADCAST || rtType == RTN_NAT || rtType == RTN_ANYCAST))
                ? RT_TABLE_LOCAL : RT_TABLE_MAIN;
        int protocol = s.protocol != null ? s.protocol : delete ? RTPROT_UNSPEC : RTPROT_BOOT;
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
        } else if (rtType == RTN_UNICAST && s.gateway == null && hops.isEmpty() && s.nhid < 0) {
            scope = RT_SCOPE_LINK;
        } else {
            scope = RT_SCOPE_UNIVERSE;
        }
        return new Route(family, rtType, s.effectiveDst(), null, s.gateway, oif, table, protocol, scope,
                s.metric != null ? s.metric : -1, s.prefsrc, s.onlink ? RTNH_F_ONLINK : 0, List.copyOf(hops), s.pref,
                s.metrics, -1, s.tos, 0, null, s.realms, -1, s.expires, null, -1, -1, s.nhid, RawAttributes.NONE);
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
}
