package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxIfLink.IFF_POINTOPOINT;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINK;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINK_NETNSID;

import dev.jnetns.Link;
import dev.jnetns.RtNames;
import dev.jnetns.rtnl.LinkKinds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Prints links as {@code ip link show} (and the link part of {@code ip addr show}) does: one print
 * path for text and JSON (iproute2's print_linkinfo and print_linkinfo_brief).
 */
final class LinkPrinter {
    private static final String[] LINK_EVENTS = {
        "NONE", "REBOOT", "FEATURE CHANGE", "BONDING FAILOVER", "NOTIFY PEERS", "RESEND IGMP", "BONDING OPTION"};

    private final Map<Integer, Link> byIndex = new HashMap<>();
    private final boolean details;
    /** Devices ip -j prints as {} (those its own filtering drops after the kernel's: ip's quirk). */
    private Predicate<Link> hidden = l -> false;
    /** How many -s were given: 1 prints the counters, 2 the error counters too. */
    private final int stats;
    private final boolean linkLayer;
    private final Map<Integer, String> netnsNames;

    /**
     * @param all every device of the namespace, to name masters and peers
     * @param linkLayer false with {@code -4}/{@code -6} on {@code addr show}: ip then leaves out link/ether
     * @param netnsNames names of the namespaces known by nsid, for "link-netns NAME"
     */
    LinkPrinter(List<Link> all, boolean details, boolean linkLayer, Map<Integer, String> netnsNames, int stats) {
        this.stats = stats;
        all.forEach(l -> byIndex.put(l.index(), l));
        this.details = details;
        this.linkLayer = linkLayer;
        this.netnsNames = netnsNames;
    }

    /** The name ip gives ifindex {@code index}: the device's, or "if" + index when it is not here. */
    String nameOf(int index) {
        String known = names.get(index);
        if (known != null) {
            return known;
        }
        Link l = byIndex.get(index);
        return l != null ? l.name() : "if" + index;
    }

    /** Names devices as {@code names} has them: ip monitor's ll_map, which keeps a renamed device's first name. */
    LinkPrinter naming(Map<Integer, String> known) {
        names.putAll(known);
        return this;
    }

    private final Map<Integer, String> names = new HashMap<>();

    /** ip's filter.showqueue, unset under ip monitor: no "qlen N". */
    private boolean queueLength = true;

    /** Leaves "qlen N" out, as {@code ip monitor} does. */
    LinkPrinter withoutQueueLength() {
        queueLength = false;
        return this;
    }

    /** JSON output prints the devices {@code hidden} picks as an empty object, as ip -j prints those its filter drops. */
    void hideInJson(Predicate<Link> hidden) {
        this.hidden = hidden;
    }

    /** Whether {@link #hideInJson} picked {@code l}. */
    boolean hidden(Link l) {
        return hidden.test(l);
    }

    /**
     * ip's print_name_and_link: {@code NAME@PEER: } in text ("link" or "link_index" in JSON), padded
     * to 16 columns in brief output; returns whether the device this one is tied to is down (M-DOWN).
     */
    private boolean nameAndLink(Link l, Out out, boolean brief) {
        String name = l.name();
        boolean mDown = false;
        if (l.linkIndex() != 0) {
            if (l.linkNetnsId() >= 0) {
                out.number("link_index", null, l.linkIndex());
                name += "@if" + l.linkIndex();
            } else {
                out.string("link", null, nameOf(l.linkIndex()));
                name += "@" + nameOf(l.linkIndex());
                Link peer = byIndex.get(l.linkIndex());
                mDown = peer != null && !peer.isUp();   // ip: a device it cannot find counts as up
            }
        } else if (l.raw().recorded(IFLA_LINK)) {
            out.nullValue("link", null, null);
            name += "@NONE";
        }
        if (out.json()) {
            out.string("ifname", null, l.name());
        } else {
            out.text(brief ? String.format("%-16s ", name) : name + ": ");
        }
        return mDown;
    }

    /** The queue length; ip asks the device (SIOCGIFTXQLEN) when the message has none (the IPv6 layer's). */
    private int txQueueLen(Link l) {
        Link device = byIndex.get(l.index());
        return l.txQueueLen() >= 0 || device == null ? l.txQueueLen() : device.txQueueLen();
    }

    /** ip's print_link_flags: {@code <UP,LOWER_UP> } in text, the "flags" array in JSON. */
    private static void flags(Link l, Out out, boolean mDown) {
        List<String> names = new java.util.ArrayList<>(l.flagNames());
        if (mDown) {
            names.add("M-DOWN");
        }
        out.text("<");
        out.strings("flags", names, ",");
        out.text("> ");
    }

    private static void operState(Link l, Out out, boolean brief) {
        if (l.operState() < 0) {
            return;
        }
        String name = l.operStateName();
        if (name == null) {
            if (out.json()) {
                out.number("operstate_index", null, l.operState());
            } else {
                out.text("state 0x" + Integer.toHexString(l.operState()));
            }
        } else if (brief) {
            out.string("operstate", String.format("%-14s ", name), name);
        } else {
            out.string("operstate", "state %s ", name);
        }
    }

    /**
     * One device as {@code ip link show} (linkView) or the link part of {@code ip addr show} prints
     * it, without the final newline; in JSON its members (the caller opens the object).
     */
    void print(Link l, Out out, boolean linkView) {
        out.number("ifindex", "%s: ", l.index());
        boolean mDown = nameAndLink(l, out, false);
        flags(l, out, mDown);
        if (l.mtu() >= 0) {
            out.number("mtu", "mtu %s ", Integer.toUnsignedLong(l.mtu()));
        }
        if (l.qdisc() != null) {
            out.string("qdisc", "qdisc %s ", l.qdisc());
        }
        if (l.masterIndex() != 0) {
            out.string("master", "master %s ", nameOf(l.masterIndex()));
        }
        operState(l, out, false);
        if (linkView && l.linkMode() >= 0) {
            if (l.linkModeName() != null) {
                out.string("linkmode", "mode %s ", l.linkModeName());
            } else {
                out.number("linkmode_index", "mode %s ", l.linkMode());
            }
        }
        if (l.group() != -1) {
            out.name("group", "group %s ", RtNames.GROUPS, l.group());
        }
        int qlen = queueLength ? txQueueLen(l) : 0;
        if (qlen > 0) {
            out.number("txqlen", "qlen %s", qlen);
        }
        Link.Details d = l.details();
        if (d.event() >= LINK_EVENTS.length) {
            out.number("event", "event %s ", d.event());
        } else if (d.event() > 0) {
            out.string("event", "event %s ", LINK_EVENTS[d.event()]);
        }
        if (linkLayer || details) {
            out.text("\n");
            out.string("link_type", "    link/%s ", out.numeric() ? "[" + l.type() + "]" : l.typeName());
            if (l.address() != null) {
                out.string("address", "%s", l.address());
            }
            if (l.broadcast() != null) {
                if ((l.flags() & IFF_POINTOPOINT) != 0) {
                    out.text(" peer ");
                    out.bool("link_pointtopoint", null, true);
                } else {
                    out.text(" brd ");
                }
                out.string("broadcast", "%s", l.broadcast());
            }
            if (d.permAddress() != null && !d.permAddress().equals(l.address())) {
                out.text(" permaddr ");
                out.string("permaddr", "%s", d.permAddress());
            }
        }
        if (l.linkNetnsId() != -1 || l.raw().recorded(IFLA_LINK_NETNSID)) {
            if (out.json()) {
                out.number("link_netnsid", null, l.linkNetnsId());
            } else if (l.linkNetnsId() >= 0) {
                String ns = netnsNames.get(l.linkNetnsId());
                out.text(ns != null ? " link-netns " + ns : " link-netnsid " + l.linkNetnsId());
            } else {
                out.text(" link-netnsid unknown");
            }
        }
        if (d.newNetnsId() != -1) {
            String ns = netnsNames.get(d.newNetnsId());
            out.text(ns != null ? " new-netns " + ns : " new-netnsid " + d.newNetnsId());
        }
        if (d.newIfindex() != -1) {
            out.text(" new-ifindex " + d.newIfindex());
        }
        if (d.protoDown() > 0) {
            out.bool("proto_down", " protodown on ", true);
        }
        if (details) {
            detailFields(l, out, linkView);
        }
        if ((linkView || details) && l.alias() != null) {
            out.text("\n    ");
            out.string("ifalias", "alias %s", l.alias());
        }
        if (linkView && stats > 0) {
            out.text("\n");
            StatsPrinter.print(l, stats, out);
        }
        if (!d.altNames().isEmpty()) {
            out.beginArray("altnames");
            for (String alt : d.altNames()) {
                out.text("\n    altname ");
                out.string(null, "%s", alt);
            }
            out.endArray();
        }
    }

    /** What ip -d adds after the state: counters, MTU range, kind and port data, queues, limits. */
    private void detailFields(Link l, Out out, boolean linkView) {
        Link.Details d = l.details();
        if (d.promiscuity() >= 0) {
            out.number("promiscuity", " promiscuity %s ", Integer.toUnsignedLong(d.promiscuity()));
        }
        if (d.allmulti() >= 0) {
            out.number("allmulti", " allmulti %s ", Integer.toUnsignedLong(d.allmulti()));
        }
        unsigned(out, "min_mtu", "minmtu %s ", d.minMtu());
        unsigned(out, "max_mtu", "maxmtu %s ", d.maxMtu());
        if (l.info() != null) {
            linkInfo(l, out);
        }
        if (linkView && d.addrGenModeName() != null) {
            out.string("inet6_addr_gen_mode", "addrgenmode %s ", d.addrGenModeName());
        }
        unsigned(out, "num_tx_queues", "numtxqueues %s ", d.numTxQueues());
        unsigned(out, "num_rx_queues", "numrxqueues %s ", d.numRxQueues());
        unsigned(out, "gso_max_size", "gso_max_size %s ", d.gsoMaxSize());
        unsigned(out, "gso_max_segs", "gso_max_segs %s ", d.gsoMaxSegs());
        unsigned(out, "tso_max_size", "tso_max_size %s ", d.tsoMaxSize());
        unsigned(out, "tso_max_segs", "tso_max_segs %s ", d.tsoMaxSegs());
        unsigned(out, "gro_max_size", "gro_max_size %s ", d.groMaxSize());
        if (d.physPortName() != null) {
            out.string("phys_port_name", "portname %s ", d.physPortName());
        }
        if (d.physPortId() != null) {
            out.string("phys_port_id", "portid %s ", d.physPortId());
        }
        if (d.physSwitchId() != null) {
            out.string("phys_switch_id", "switchid %s ", d.physSwitchId());
        }
        if (d.parentBus() != null) {
            out.string("parentbus", "parentbus %s ", d.parentBus());
        }
        if (d.parentDev() != null) {
            out.string("parentdev", "parentdev %s ", d.parentDev());
        }
    }

    /** ip's print_linktype: the kind and its data, the port kind and its data. */
    private void linkInfo(Link l, Out out) {
        Link.Info info = l.info();
        out.beginObject("linkinfo");
        if (info.kind() != null) {
            out.text("\n");
            out.string("info_kind", "    %s ", info.kind());
            if (LinkKinds.printed(info.kind(), false)) {
                out.beginObject("info_data");
                LinkKinds.print(info.data(), info.kind(), false, out, this::nameOf);
                out.endObject();
            }
        }
        if (info.slaveKind() != null) {
            out.text("\n");
            out.string("info_slave_kind", "    %s_slave ", info.slaveKind());
            if (LinkKinds.printed(info.slaveKind(), true)) {
                out.beginObject("info_slave_data");
                LinkKinds.print(info.portData(), info.slaveKind(), true, out, this::nameOf);
                out.endObject();
            }
        }
        out.endObject();
    }

    private static void unsigned(Out out, String key, String fmt, int value) {
        if (value != -1) {
            out.number(key, fmt, Integer.toUnsignedLong(value));
        }
    }

    /** ip's print_linkinfo_brief: {@code NAME[@PEER] OPERSTATE}, then (with {@code address}) the MAC and flags. */
    void brief(Link l, Out out, boolean linkView) {
        boolean mDown = nameAndLink(l, out, true);
        operState(l, out, true);
        if (linkView) {
            if (l.address() != null) {
                out.string("address", "%s ", l.address());
            }
            flags(l, out, mDown);
        }
    }

    /** ip's {@code -o}: a record's lines joined by a backslash, one newline at the end. */
    static String oneline(String lines) {
        return lines.substring(0, lines.length() - 1).replace("\n", "\\") + "\n";
    }
}
