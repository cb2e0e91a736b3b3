package dev.jnetns.cli;

import dev.jnetns.Link;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints links as {@code ip link show} (and the link part of {@code ip addr show}) does, in text and JSON. */
final class LinkPrinter {
    private static final int MACVLAN_FLAG_NOPROMISC = 1;
    private static final int MACVLAN_FLAG_NODST = 2;
    private final Map<Integer, Link> byIndex = new HashMap<>();
    private final boolean details;
    /** Devices ip -j prints as {} (those its own filtering drops after the kernel's: ip's quirk). */
    private java.util.function.Predicate<Link> hidden = l -> false;
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

    private String nameOf(int index) {
        Link l = byIndex.get(index);
        return l != null ? l.name() : "if" + index;
    }

    private static String group(Link l) {
        return l.group() == 0 ? "default" : Integer.toUnsignedString(l.group());
    }

    /** ip's flags, plus "M-DOWN" when the device this one is tied to (same namespace) is down. */
    private List<String> flags(Link l) {
        List<String> f = new ArrayList<>(l.flagNames());
        if (l.linkIndex() != 0 && l.linkNetnsId() < 0) {
            Link peer = byIndex.get(l.linkIndex());
            if (peer == null || !peer.isUp()) {
                f.add("M-DOWN");
            }
        }
        return f;
    }

    /** JSON output prints the devices {@code hidden} picks as an empty object, as ip -j prints those its filter drops. */
    void hideInJson(java.util.function.Predicate<Link> hidden) {
        this.hidden = hidden;
    }

    /** Whether {@link #hideInJson} picked {@code l}. */
    boolean hidden(Link l) {
        return hidden.test(l);
    }

    /** The name as ip's first column shows it: {@code NAME@PEER} for a device tied to another. */
    private String displayName(Link l) {
        if (l.linkIndex() == 0) {
            return l.name();
        }
        return l.name() + '@' + (l.linkNetnsId() >= 0 ? "if" + l.linkIndex() : nameOf(l.linkIndex()));
    }

    private static String operState(Link l) {
        return l.operStateName() != null ? l.operStateName() : "0x" + Integer.toHexString(l.operState());
    }

    /** The first columns of an {@code ip -br} line: {@code NAME[@PEER] OPERSTATE}, padded as ip pads them. */
    String briefHead(Link l) {
        return String.format("%-16s %-14s ", displayName(l), operState(l));
    }

    /** The device this one is tied to: "link" by name, or "link_index" when it lives in another namespace. */
    private void linkRef(Link l, Json j) {
        if (l.linkIndex() != 0) {
            if (l.linkNetnsId() >= 0) {
                j.put("link_index", l.linkIndex());
            } else {
                j.put("link", nameOf(l.linkIndex()));
            }
        }
    }

    /** The first members of an {@code ip -br -j} object: link, ifname, operstate. */
    void briefHead(Link l, Json j) {
        linkRef(l, j);
        j.put("ifname", l.name()).put("operstate", operState(l));
    }

    /** {@code ip -br link show}: one line per device. Equivalent to: {@code ip -br link show}. */
    String brief(List<Link> links) {
        StringBuilder sb = new StringBuilder();
        for (Link l : links) {
            sb.append(briefHead(l));
            if (l.address() != null) {
                sb.append(l.address()).append(' ');
            }
            sb.append('<').append(String.join(",", flags(l))).append("> \n");
        }
        return sb.toString();
    }

    /** {@code ip -br -j link show}. */
    String briefJson(List<Link> links, Json j) {
        j.beginArray();
        for (Link l : links) {
            j.beginObject();
            if (!hidden(l)) {
                briefHead(l, j);
                if (l.address() != null) {
                    j.put("address", l.address());
                }
                j.put("flags", flags(l));
            }
            j.endObject();
        }
        return j.endArray().toString();
    }

    /** The JSON array of {@code ip -j link show}. */
    String json(List<Link> links, Json j) {
        j.beginArray();
        for (Link l : links) {
            j.beginObject();
            if (!hidden(l)) {
                jsonFields(l, j, true);
                statsJson(l, j);
            }
            j.endObject();
        }
        return j.endArray().toString();
    }

    /** The {@code "stats64"} member with -s, when the kernel sent counters. */
    void statsJson(Link l, Json j) {
        if (stats > 0 && l.stats() != null) {
            StatsPrinter.json(l.stats(), stats, j);
        }
    }

    /** ip's {@code -o}: a record's lines joined by a backslash, one newline at the end. */
    static String oneline(String lines) {
        return lines.substring(0, lines.length() - 1).replace("\n", "\\") + "\n";
    }

    /** The counter lines with -s, when the kernel sent counters; else "". */
    String statsText(Link l) {
        return stats > 0 && l.stats() != null ? StatsPrinter.text(l.stats(), stats) : "";
    }

    /**
     * The fields of one link object. {@code linkView} is true for {@code link show} (prints linkmode,
     * alias and details) and false for {@code addr show}.
     */
    void jsonFields(Link l, Json j, boolean linkView) {
        j.put("ifindex", l.index());
        linkRef(l, j);
        j.put("ifname", l.name());
        j.put("flags", flags(l));
        j.put("mtu", l.mtu());
        if (l.qdisc() != null) {
            j.put("qdisc", l.qdisc());
        }
        if (l.masterIndex() != 0) {
            j.put("master", nameOf(l.masterIndex()));
        }
        if (l.operStateName() != null) {
            j.put("operstate", l.operStateName());
        } else if (l.operState() >= 0) {
            j.put("operstate_index", l.operState());
        }
        if (linkView) {
            if (l.linkModeName() != null) {
                j.put("linkmode", l.linkModeName());
            } else if (l.linkMode() >= 0) {
                j.put("linkmode_index", l.linkMode());
            }
        }
        if (l.group() >= 0) {
            j.put("group", group(l));
        }
        if (l.txQueueLen() > 0) {
            j.put("txqlen", l.txQueueLen());
        }
        if (linkLayer) {
            j.put("link_type", l.typeName());
            if (l.address() != null) {
                j.put("address", l.address());
            }
            if (l.broadcast() != null) {
                j.put("broadcast", l.broadcast());
            }
        }
        if (l.linkNetnsId() >= 0) {
            j.put("link_netnsid", l.linkNetnsId());
        }
        Link.Details d = l.details();
        if (details) {   // iproute2's order: counters and MTU range, linkinfo, then the rest
            putIfSent(j, "promiscuity", d.promiscuity());
            putIfSent(j, "allmulti", d.allmulti());
            putIfSent(j, "min_mtu", d.minMtu());
            putIfSent(j, "max_mtu", d.maxMtu());
        }
        if (details && (l.kind() != null || l.slaveKind() != null)) {
            j.beginObject("linkinfo");
            if (l.kind() != null) {
                j.put("info_kind", l.kind());
                if (isMacvlan(l)) {
                    Link.Info i = l.info();
                    j.beginObject("info_data").put("mode", macvlanMode(l));
                    if ((i.macvlanFlags() & MACVLAN_FLAG_NOPROMISC) != 0) {
                        j.put("nopromisc", true);
                    }
                    if ((i.macvlanFlags() & MACVLAN_FLAG_NODST) != 0) {
                        j.put("nodst", true);
                    }
                    putIfSent(j, "bcqueuelen", i.bcQueueLen());
                    putIfSent(j, "usedbcqueuelen", i.usedBcQueueLen());
                    j.endObject();
                } else if (l.info().tun() != null) {
                    tunJson(l.info(), j.beginObject("info_data"));
                    j.endObject();
                }
            }
            if (l.slaveKind() != null) {
                j.put("info_slave_kind", l.slaveKind());
            }
            j.endObject();
        }
        if (details) {
            if (linkView && d.addrGenModeName() != null) {
                j.put("inet6_addr_gen_mode", d.addrGenModeName());
            }
            putIfSent(j, "num_tx_queues", d.numTxQueues());
            putIfSent(j, "num_rx_queues", d.numRxQueues());
            putIfSent(j, "gso_max_size", d.gsoMaxSize());
            putIfSent(j, "gso_max_segs", d.gsoMaxSegs());
            putIfSent(j, "tso_max_size", d.tsoMaxSize());
            putIfSent(j, "tso_max_segs", d.tsoMaxSegs());
            putIfSent(j, "gro_max_size", d.groMaxSize());
        }
        if ((linkView || details) && l.alias() != null) {
            j.put("ifalias", l.alias());
        }
    }

    /** A tun device's info_data as ip -d -j prints it (iproute2's tun_print_opt). */
    private static void tunJson(Link.Info i, Json j) {
        Link.Tun t = i.tun();
        if (i.tunType() >= 0) {
            j.put("type", tunType(i.tunType()));
        }
        putFlag(j, "pi", t.pi());
        putFlag(j, "vnet_hdr", t.vnetHdr());
        putFlag(j, "multi_queue", t.multiQueue());
        if (t.multiQueue() == 1) {
            putIfSent(j, "numqueues", t.numQueues());
            putIfSent(j, "numdisabled", t.numDisabledQueues());
        }
        putFlag(j, "persist", t.persist());
        if (t.owner() >= 0) {
            j.put("user", SystemNames.user(t.owner()));
        }
        if (t.group() >= 0) {
            j.put("group", SystemNames.group(t.group()));
        }
    }

    /** The same as text: {@code type tap pi off vnet_hdr off persist on ...}. */
    private static void tunText(Link.Info i, StringBuilder sb) {
        Link.Tun t = i.tun();
        if (i.tunType() >= 0) {
            sb.append("type ").append(tunType(i.tunType())).append(' ');
        }
        appendOnOff(sb, "pi", t.pi());
        appendOnOff(sb, "vnet_hdr", t.vnetHdr());
        if (t.multiQueue() == 1) {
            sb.append("multi_queue ");
            appendIfSent(sb, "numqueues", t.numQueues());
            appendIfSent(sb, "numdisabled", t.numDisabledQueues());
        }
        appendOnOff(sb, "persist", t.persist());
        if (t.owner() >= 0) {
            sb.append("user ").append(SystemNames.user(t.owner())).append(' ');
        }
        if (t.group() >= 0) {
            sb.append("group ").append(SystemNames.group(t.group())).append(' ');
        }
    }

    private static String tunType(int type) {
        return type == 1 ? "tun" : type == 2 ? "tap" : "UNKNOWN:" + type;
    }

    private static void putFlag(Json j, String key, int value) {
        if (value >= 0) {
            j.put(key, value != 0);
        }
    }

    private static void appendOnOff(StringBuilder sb, String word, int value) {
        if (value >= 0) {
            sb.append(word).append(value != 0 ? " on " : " off ");
        }
    }

    /** A macvlan or macvtap whose mode the kernel sent: ip prints its info_data. */
    private static boolean isMacvlan(Link l) {
        return ("macvlan".equals(l.kind()) || "macvtap".equals(l.kind())) && l.info().macvlanMode() >= 0;
    }

    private static String macvlanMode(Link l) {
        String mode = l.macvlanModeName();
        return mode != null ? mode : "unknown";
    }

    private static void putIfSent(Json j, String key, long value) {
        if (value >= 0) {
            j.put(key, value);
        }
    }

    /** {@code WORD N } (ip's text for one detail), when the kernel sent it. */
    private static void appendIfSent(StringBuilder sb, String word, long value) {
        if (value >= 0) {
            sb.append(word).append(' ').append(value).append(' ');
        }
    }

    /** The lines of {@code ip link show} (linkView) or the link part of {@code ip addr show} for one link. */
    String text(Link l, boolean linkView) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.index()).append(": ").append(displayName(l));
        sb.append(": <").append(String.join(",", flags(l))).append("> mtu ").append(l.mtu());
        if (l.qdisc() != null) {
            sb.append(" qdisc ").append(l.qdisc());
        }
        if (l.masterIndex() != 0) {
            sb.append(" master ").append(nameOf(l.masterIndex()));
        }
        sb.append(" state ").append(l.operStateName() != null ? l.operStateName()
                : "0x" + Integer.toHexString(l.operState()));
        if (linkView) {
            sb.append(" mode ").append(l.linkModeName() != null ? l.linkModeName() : String.valueOf(l.linkMode()));
        }
        if (l.group() >= 0) {
            sb.append(" group ").append(group(l));
        }
        if (l.txQueueLen() > 0) {
            sb.append(" qlen ").append(l.txQueueLen());
        }
        if (linkLayer) {
            sb.append("\n    link/").append(l.typeName()).append(' ');   // ip's trailing space, even with no address
            if (l.address() != null) {
                sb.append(l.address());
            }
            if (l.broadcast() != null) {
                sb.append(" brd ").append(l.broadcast());
            }
        }
        if (l.linkNetnsId() >= 0) {
            String ns = netnsNames.get(l.linkNetnsId());
            sb.append(ns != null ? " link-netns " + ns : " link-netnsid " + l.linkNetnsId());
        }
        Link.Details d = l.details();
        if (details) {
            if (d.promiscuity() >= 0) {
                sb.append(" promiscuity ").append(d.promiscuity()).append(' ');
            }
            if (d.allmulti() >= 0) {
                sb.append(" allmulti ").append(d.allmulti()).append(' ');
            }
            appendIfSent(sb, "minmtu", d.minMtu());
            appendIfSent(sb, "maxmtu", d.maxMtu());
        }
        if (details && l.kind() != null) {
            sb.append("\n    ").append(l.kind()).append(' ');
            if (isMacvlan(l)) {
                Link.Info i = l.info();
                sb.append("mode ").append(macvlanMode(l)).append(' ');
                if ((i.macvlanFlags() & MACVLAN_FLAG_NOPROMISC) != 0) {
                    sb.append("nopromisc ");
                }
                if ((i.macvlanFlags() & MACVLAN_FLAG_NODST) != 0) {
                    sb.append("nodst ");
                }
                appendIfSent(sb, "bcqueuelen", i.bcQueueLen());
                appendIfSent(sb, "usedbcqueuelen", i.usedBcQueueLen());
            } else if (l.info().tun() != null) {
                tunText(l.info(), sb);
            }
        }
        if (details && l.slaveKind() != null) {
            sb.append("\n    ").append(l.slaveKind()).append("_slave ");
        }
        if (details) {
            if (linkView && d.addrGenModeName() != null) {
                sb.append("addrgenmode ").append(d.addrGenModeName()).append(' ');
            }
            appendIfSent(sb, "numtxqueues", d.numTxQueues());
            appendIfSent(sb, "numrxqueues", d.numRxQueues());
            appendIfSent(sb, "gso_max_size", d.gsoMaxSize());
            appendIfSent(sb, "gso_max_segs", d.gsoMaxSegs());
            appendIfSent(sb, "tso_max_size", d.tsoMaxSize());
            appendIfSent(sb, "tso_max_segs", d.tsoMaxSegs());
            appendIfSent(sb, "gro_max_size", d.groMaxSize());
        }
        if ((linkView || details) && l.alias() != null) {
            sb.append("\n    alias ").append(l.alias());
        }
        return sb.append('\n').toString();
    }
}
