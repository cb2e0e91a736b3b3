package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxIfLink.IFINFOMSG_SIZE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_ADDRESS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_AF_SPEC;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_ALLMULTI;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_ALT_IFNAME;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_BROADCAST;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_XDP;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_XDP_FD;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_XDP_FLAGS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_CARRIER;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_CARRIER_CHANGES;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_EVENT;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GRO_MAX_SIZE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GROUP;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GSO_MAX_SEGS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GSO_MAX_SIZE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_IFALIAS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_IFNAME;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INET6_ADDR_GEN_MODE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_DATA;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_KIND;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_SLAVE_DATA;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_SLAVE_KIND;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINK;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINKINFO;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINKMODE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINK_NETNSID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MASTER;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MAX_MTU;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MIN_MTU;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MTU;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NET_NS_FD;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NET_NS_PID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NEW_IFINDEX;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NEW_NETNSID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NUM_RX_QUEUES;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NUM_TX_QUEUES;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_OPERSTATE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PARENT_DEV_BUS_NAME;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PARENT_DEV_NAME;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PERM_ADDRESS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PHYS_PORT_ID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PHYS_PORT_NAME;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PHYS_SWITCH_ID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PROMISCUITY;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PROP_LIST;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PROTO_DOWN;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PROTO_DOWN_REASON;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PROTO_DOWN_REASON_VALUE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_QDISC;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_STATS64;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TSO_MAX_SEGS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TSO_MAX_SIZE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TXQLEN;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.Link;
import dev.jnetns.RawAttributes;
import dev.jnetns.kind.LinkData;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * RTM_NEWLINK / RTM_DELLINK / RTM_SETLINK: {@code struct ifinfomsg} and its attributes, read into
 * a {@link Link} and written back from one; IFLA_LINKINFO's kind data through the kind codecs of
 * {@link LinkKinds}. The same encoder writes {@code ip link add|set} requests (records built by the
 * API, written in ip's order) and records read from the kernel (written as they came).
 */
public final class LinkCodec {
    /**
     * The order a record built by hand is written in: {@code ip link add|set}'s (its options in the
     * order of {@code ip link add v0 mtu M address A alias L group G txqueuelen Q numtxqueues N ...
     * netns NS master M ... state S protodown P carrier C addrgenmode G}, the last two unmodelled
     * (see {@link #requestOnly}); then, as ip adds them after its loop, the new index, the parent, the name
     * and the kind), then every other attribute the codec models (a record must lose none of them).
     */
    private static final int[] REQUEST_ORDER = {IFLA_MTU, IFLA_ADDRESS, IFLA_BROADCAST, IFLA_IFALIAS, IFLA_GROUP,
        IFLA_TXQLEN, IFLA_NUM_TX_QUEUES, IFLA_NUM_RX_QUEUES, IFLA_NET_NS_FD, IFLA_NET_NS_PID, IFLA_LINK_NETNSID,
        IFLA_MASTER, IFLA_LINKMODE, IFLA_OPERSTATE, IFLA_PROTO_DOWN, IFLA_GSO_MAX_SIZE, IFLA_GSO_MAX_SEGS,
        IFLA_GRO_MAX_SIZE, IFLA_PARENT_DEV_NAME, Layout.UNMODELLED, IFLA_NEW_IFINDEX, IFLA_LINK, IFLA_IFNAME, IFLA_LINKINFO, IFLA_QDISC,
        IFLA_STATS64, IFLA_PROMISCUITY, IFLA_ALLMULTI, IFLA_MIN_MTU, IFLA_MAX_MTU, IFLA_TSO_MAX_SIZE,
        IFLA_TSO_MAX_SEGS, IFLA_PERM_ADDRESS, IFLA_PHYS_PORT_NAME, IFLA_PHYS_PORT_ID, IFLA_PHYS_SWITCH_ID,
        IFLA_PARENT_DEV_BUS_NAME, IFLA_CARRIER_CHANGES, IFLA_EVENT, IFLA_NEW_NETNSID};
    private static final int[] LINKINFO_ORDER = {IFLA_INFO_KIND, IFLA_INFO_DATA, IFLA_INFO_SLAVE_KIND,
        IFLA_INFO_SLAVE_DATA};

    private LinkCodec() {
    }

    /** Writes a {@code struct ifinfomsg} (for requests that carry no record: dumps, deletes). */
    public static void header(NlWriter w, int family, int index, int flags, int change) {
        w.u8(family).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    /**
     * The attributes of an {@code ip link set} request that the link record does not model, as ip
     * writes them: IFLA_CARRIER ({@code carrier on|off}), IFLA_XDP holding IFLA_XDP_FD -1 and
     * IFLA_XDP_FLAGS ({@code xdp|xdpgeneric|xdpdrv|xdpoffload off}), then IFLA_AF_SPEC holding
     * AF_INET6's IFLA_INET6_ADDR_GEN_MODE ({@code addrgenmode MODE}), nests without NLA_F_NESTED.
     * They travel in the record's {@link Link#raw()}, as the kernel's own IFLA_CARRIER, IFLA_XDP and
     * IFLA_AF_SPEC do.
     *
     * @param carrier 1 on, 0 off, -1 none
     * @param xdpOffFlags the XDP_FLAGS_* of {@code xdp... off}, -1 none
     * @param addrGenMode the IN6_ADDR_GEN_MODE_* code, -1 none
     * @return the attributes, {@link RawAttributes#NONE} when none is given
     */
    public static RawAttributes requestOnly(int carrier, int xdpOffFlags, int addrGenMode) {
        NlWriter w = new NlWriter();
        if (carrier >= 0) {
            w.attrU8(IFLA_CARRIER, carrier);
        }
        if (xdpOffFlags >= 0) {
            int xdp = w.beginNestedPlain(IFLA_XDP);
            w.attrU32(IFLA_XDP_FD, -1);   // no program: detach
            if (xdpOffFlags != 0) {
                w.attrU32(IFLA_XDP_FLAGS, xdpOffFlags);
            }
            w.endNested(xdp);
        }
        if (addrGenMode >= 0) {
            int afSpec = w.beginNestedPlain(IFLA_AF_SPEC);
            int inet6 = w.beginNestedPlain(AF_INET6);
            w.attrU8(IFLA_INET6_ADDR_GEN_MODE, addrGenMode);
            w.endNested(inet6);
            w.endNested(afSpec);
        }
        ByteBuffer b = w.bytes();
        byte[] tlvs = new byte[b.remaining()];
        b.get(tlvs);
        return RawAttributes.of(null, null, tlvs);
    }

    /** Reads a link message. */
    public static Link decode(NlMessage m) {
        NlReader r = NlReader.of(m, IFINFOMSG_SIZE, "RTM_NEWLINK");
        return decode(m.buffer(), m.payloadOffset(), r);
    }

    /** Reads an ifinfomsg at {@code header} and the attributes {@code r} walks (a message, or a veth peer). */
    static Link decode(ByteBuffer b, int header, NlReader r) {
        Layout layout = new Layout().header(b, header, IFINFOMSG_SIZE);
        int type = Short.toUnsignedInt(b.getShort(header + 2));
        String name = null;
        String qdisc = null;
        String alias = null;
        String address = null;
        String broadcast = null;
        int mtu = -1;
        int operState = -1;
        int linkMode = -1;
        int group = -1;
        int txQueueLen = -1;
        int master = 0;
        int link = 0;
        int linkNetnsId = -1;
        int netnsFd = -1;
        int netnsPid = -1;
        Link.Info info = null;
        Link.Stats stats = null;
        int[] d = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};   // promiscuity .. groMaxSize
        String permAddress = null;
        List<String> altNames = List.of();
        String portName = null;
        String portId = null;
        String switchId = null;
        String parentBus = null;
        String parentDev = null;
        int protoDown = -1;
        long protoDownReason = -1;
        long carrierChanges = -1;
        int event = -1;
        int newNetnsId = -1;
        int newIfindex = -1;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_IFNAME -> name = layout.string(r);
                case IFLA_ADDRESS -> address = HardwareAddresses.format(type, r.bytes());
                case IFLA_BROADCAST -> broadcast = HardwareAddresses.format(type, r.bytes());
                case IFLA_MTU -> mtu = r.u32();
                case IFLA_LINK -> link = r.u32();
                case IFLA_QDISC -> qdisc = layout.string(r);
                case IFLA_MASTER -> master = r.u32();
                case IFLA_TXQLEN -> txQueueLen = r.u32();
                case IFLA_OPERSTATE -> operState = r.u8();
                case IFLA_LINKMODE -> linkMode = r.u8();
                case IFLA_LINKINFO -> info = decodeInfo(r.nested());
                case IFLA_NET_NS_PID -> netnsPid = r.u32();
                case IFLA_NET_NS_FD -> netnsFd = r.u32();
                case IFLA_IFALIAS -> alias = layout.string(r);
                case IFLA_STATS64 -> stats = stats(r);
                case IFLA_GROUP -> group = r.u32();
                case IFLA_LINK_NETNSID -> linkNetnsId = r.u32();
                case IFLA_PROMISCUITY -> d[0] = r.u32();
                case IFLA_ALLMULTI -> d[1] = r.u32();
                case IFLA_MIN_MTU -> d[2] = r.u32();
                case IFLA_MAX_MTU -> d[3] = r.u32();
                case IFLA_NUM_TX_QUEUES -> d[5] = r.u32();
                case IFLA_NUM_RX_QUEUES -> d[6] = r.u32();
                case IFLA_GSO_MAX_SIZE -> d[7] = r.u32();
                case IFLA_GSO_MAX_SEGS -> d[8] = r.u32();
                case IFLA_TSO_MAX_SIZE -> d[9] = r.u32();
                case IFLA_TSO_MAX_SEGS -> d[10] = r.u32();
                case IFLA_GRO_MAX_SIZE -> d[11] = r.u32();
                case IFLA_PERM_ADDRESS -> permAddress = HardwareAddresses.format(type, r.bytes());
                case IFLA_PHYS_PORT_NAME -> portName = layout.string(r);
                case IFLA_PHYS_PORT_ID -> portId = HexFormat.of().formatHex(r.bytes());
                case IFLA_PHYS_SWITCH_ID -> switchId = HexFormat.of().formatHex(r.bytes());
                case IFLA_PARENT_DEV_BUS_NAME -> parentBus = layout.string(r);
                case IFLA_PARENT_DEV_NAME -> parentDev = layout.string(r);
                case IFLA_PROTO_DOWN -> protoDown = r.u8();
                case IFLA_CARRIER_CHANGES -> carrierChanges = r.u32L();
                case IFLA_EVENT -> event = r.u32();
                case IFLA_NEW_NETNSID -> newNetnsId = r.u32();
                case IFLA_NEW_IFINDEX -> newIfindex = r.u32();
                default -> {
                    // kept whole; ip prints a part of some of them
                    switch (r.type()) {
                        case IFLA_AF_SPEC -> d[4] = addrGenMode(r.nested());
                        case IFLA_PROP_LIST -> altNames = altNames(r.nested());
                        case IFLA_PROTO_DOWN_REASON -> protoDownReason = protoDownReason(r.nested());
                        default -> {
                        }
                    }
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        Link.Details details = new Link.Details(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10],
                d[11], permAddress, altNames, portName, portId, switchId, parentBus, parentDev, protoDown,
                protoDownReason, carrierChanges, event, newNetnsId, newIfindex);
        return new Link(b.getInt(header + 4), name, b.getInt(header + 8), mtu, qdisc, operState, linkMode, group,
                txQueueLen, type, address, broadcast, master, link, linkNetnsId, alias, info, details, stats,
                Byte.toUnsignedInt(b.get(header)), b.getInt(header + 12), netnsFd, netnsPid, layout.done());
    }

    private static Link.Stats stats(NlReader r) {
        long[] c = new long[r.valueLength() / Long.BYTES];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.buffer().getLong(r.valueOffset() + i * Long.BYTES);
        }
        return new Link.Stats(c);
    }

    /** IFLA_INET6_ADDR_GEN_MODE of the AF_INET6 nest of IFLA_AF_SPEC, or -1. */
    private static int addrGenMode(NlReader afSpec) {
        while (afSpec.next()) {
            if (afSpec.type() == AF_INET6) {
                NlReader inet6 = afSpec.nested();
                while (inet6.next()) {
                    if (inet6.type() == IFLA_INET6_ADDR_GEN_MODE) {
                        return inet6.u8();
                    }
                }
            }
        }
        return -1;
    }

    private static List<String> altNames(NlReader props) {
        List<String> out = new ArrayList<>();
        while (props.next()) {
            if (props.type() == IFLA_ALT_IFNAME) {
                out.add(props.string());
            }
        }
        return List.copyOf(out);
    }

    private static long protoDownReason(NlReader reason) {
        while (reason.next()) {
            if (reason.type() == IFLA_PROTO_DOWN_REASON_VALUE) {
                return reason.u32L();
            }
        }
        return -1;
    }

    /**
     * IFLA_LINKINFO. The kernel ends IFLA_INFO_KIND with a NUL and iproute2 does not: the nest's
     * layout keeps which, so both come back as they were sent.
     */
    private static Link.Info decodeInfo(NlReader r) {
        Layout layout = new Layout();
        String kind = null;
        String slaveKind = null;
        NlReader data = null;
        NlReader slaveData = null;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_INFO_KIND -> kind = layout.string(r);
                case IFLA_INFO_SLAVE_KIND -> slaveKind = layout.string(r);
                case IFLA_INFO_DATA -> data = r.nested();
                case IFLA_INFO_SLAVE_DATA -> slaveData = r.nested();
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        LinkData kindData = data == null ? null : LinkKinds.decode(kind, false, data);
        LinkData portData = slaveData == null ? null
                : LinkKinds.decode(LinkKinds.portKind(kind, slaveKind), true, slaveData);
        return new Link.Info(kind, kindData, slaveKind, portData, layout.done());
    }

    /**
     * Writes {@code l} as the body of a link message (after the nlmsghdr): the ifinfomsg, then the
     * attributes. A record read from the kernel comes out as the kernel sent it.
     */
    public static void encode(Link l, NlWriter w) {
        w.u8(l.family()).u8(l.raw().headerByte(1, 0)).u16(l.type() < 0 ? 0 : l.type()).u32(l.index())
                .u32(l.flags()).u32(l.change());
        Layout.write(w, l.raw(), REQUEST_ORDER, (out, type, recorded) -> {
            Link.Details d = l.details();
            switch (type) {
                case IFLA_IFNAME -> Layout.putString(out, l.raw(), IFLA_IFNAME, l.name(), true);
                case IFLA_ADDRESS -> putHw(out, IFLA_ADDRESS, l.type(), l.address());
                case IFLA_BROADCAST -> putHw(out, IFLA_BROADCAST, l.type(), l.broadcast());
                case IFLA_MTU -> putU32(out, IFLA_MTU, l.mtu());
                case IFLA_LINK -> putIndex(out, IFLA_LINK, l.linkIndex(), recorded);
                case IFLA_QDISC -> Layout.putString(out, l.raw(), IFLA_QDISC, l.qdisc(), true);
                case IFLA_MASTER -> putIndex(out, IFLA_MASTER, Math.max(l.masterIndex(), 0),
                        recorded || l.masterIndex() == -1);
                case IFLA_TXQLEN -> putU32(out, IFLA_TXQLEN, l.txQueueLen());
                case IFLA_OPERSTATE -> putU8(out, IFLA_OPERSTATE, l.operState());
                case IFLA_LINKMODE -> putU8(out, IFLA_LINKMODE, l.linkMode());
                case IFLA_LINKINFO -> encodeInfo(l.info(), out);
                case IFLA_NET_NS_PID -> putU32(out, IFLA_NET_NS_PID, l.netnsPid());
                case IFLA_NET_NS_FD -> putU32(out, IFLA_NET_NS_FD, l.netnsFd());
                case IFLA_IFALIAS -> Layout.putString(out, l.raw(), IFLA_IFALIAS, l.alias(), false);   // ip: strlen
                case IFLA_STATS64 -> encodeStats(l.stats(), out);
                case IFLA_GROUP -> putU32(out, IFLA_GROUP, l.group());
                case IFLA_LINK_NETNSID -> putU32(out, IFLA_LINK_NETNSID, l.linkNetnsId());
                case IFLA_PROMISCUITY -> putU32(out, IFLA_PROMISCUITY, d.promiscuity());
                case IFLA_ALLMULTI -> putU32(out, IFLA_ALLMULTI, d.allmulti());
                case IFLA_MIN_MTU -> putU32(out, IFLA_MIN_MTU, d.minMtu());
                case IFLA_MAX_MTU -> putU32(out, IFLA_MAX_MTU, d.maxMtu());
                case IFLA_NUM_TX_QUEUES -> putU32(out, IFLA_NUM_TX_QUEUES, d.numTxQueues());
                case IFLA_NUM_RX_QUEUES -> putU32(out, IFLA_NUM_RX_QUEUES, d.numRxQueues());
                case IFLA_GSO_MAX_SIZE -> putU32(out, IFLA_GSO_MAX_SIZE, d.gsoMaxSize());
                case IFLA_GSO_MAX_SEGS -> putU32(out, IFLA_GSO_MAX_SEGS, d.gsoMaxSegs());
                case IFLA_TSO_MAX_SIZE -> putU32(out, IFLA_TSO_MAX_SIZE, d.tsoMaxSize());
                case IFLA_TSO_MAX_SEGS -> putU32(out, IFLA_TSO_MAX_SEGS, d.tsoMaxSegs());
                case IFLA_GRO_MAX_SIZE -> putU32(out, IFLA_GRO_MAX_SIZE, d.groMaxSize());
                case IFLA_PERM_ADDRESS -> putHw(out, IFLA_PERM_ADDRESS, l.type(), d.permAddress());
                case IFLA_PHYS_PORT_NAME -> Layout.putString(out, l.raw(), IFLA_PHYS_PORT_NAME, d.physPortName(),
                        true);
                case IFLA_PHYS_PORT_ID -> putHex(out, IFLA_PHYS_PORT_ID, d.physPortId());
                case IFLA_PHYS_SWITCH_ID -> putHex(out, IFLA_PHYS_SWITCH_ID, d.physSwitchId());
                case IFLA_PARENT_DEV_BUS_NAME -> Layout.putString(out, l.raw(), IFLA_PARENT_DEV_BUS_NAME, d.parentBus(),
                        true);
                case IFLA_PARENT_DEV_NAME -> Layout.putString(out, l.raw(), IFLA_PARENT_DEV_NAME, d.parentDev(), true);
                case IFLA_PROTO_DOWN -> putU8(out, IFLA_PROTO_DOWN, d.protoDown());
                case IFLA_CARRIER_CHANGES -> {
                    if (d.carrierChanges() >= 0) {
                        out.attrU32(IFLA_CARRIER_CHANGES, (int) d.carrierChanges());
                    }
                }
                case IFLA_EVENT -> putU32(out, IFLA_EVENT, d.event());
                case IFLA_NEW_NETNSID -> putU32(out, IFLA_NEW_NETNSID, d.newNetnsId());
                case IFLA_NEW_IFINDEX -> putU32(out, IFLA_NEW_IFINDEX, d.newIfindex());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static void encodeInfo(Link.Info info, NlWriter w) {
        if (info == null) {
            return;
        }
        int nest = w.beginNestedPlain(IFLA_LINKINFO);
        Layout.write(w, info.raw(), LINKINFO_ORDER, (out, type, recorded) -> {
            switch (type) {
                // ip writes a kind name without its NUL (strlen)
                case IFLA_INFO_KIND -> Layout.putString(out, info.raw(), IFLA_INFO_KIND, info.kind(), false);
                case IFLA_INFO_SLAVE_KIND -> Layout.putString(out, info.raw(), IFLA_INFO_SLAVE_KIND, info.slaveKind(),
                        false);
                case IFLA_INFO_DATA -> {
                    if (info.data() != null) {
                        int data = out.beginNestedPlain(IFLA_INFO_DATA);
                        LinkKinds.encode(info.data(), info.kind(), false, out);
                        out.endNested(data);
                    }
                }
                case IFLA_INFO_SLAVE_DATA -> {
                    if (info.portData() != null) {
                        int data = out.beginNestedPlain(IFLA_INFO_SLAVE_DATA);
                        String master = LinkKinds.portKind(info.kind(), info.slaveKind());
                        LinkKinds.encode(info.portData(), master, true, out);
                        out.endNested(data);
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
        w.endNested(nest);
    }

    private static void encodeStats(Link.Stats s, NlWriter w) {
        if (s != null) {
            long[] c = new long[s.count()];
            for (int i = 0; i < c.length; i++) {
                c[i] = s.counter(i);
            }
            w.attr(IFLA_STATS64, Wire.u64s(c));
        }
    }

    private static void putU32(NlWriter w, int type, long v) {
        if (v >= 0 || v < -1) {
            w.attrU32(type, (int) v);
        }
    }

    private static void putU8(NlWriter w, int type, int v) {
        if (v >= 0) {
            w.attrU8(type, v);
        }
    }

    /** An ifindex attribute: 0 means none, unless the message held it (the kernel sends IFLA_LINK 0 for some). */
    private static void putIndex(NlWriter w, int type, int index, boolean recorded) {
        if (index != 0 || recorded) {
            w.attrU32(type, index);
        }
    }

    private static void putHw(NlWriter w, int type, int arphrd, String text) {
        if (text != null) {
            w.attr(type, HardwareAddresses.parse(arphrd, text));
        }
    }

    private static void putHex(NlWriter w, int type, String hex) {
        if (hex != null) {
            w.attr(type, HexFormat.of().parseHex(hex));
        }
    }
}
