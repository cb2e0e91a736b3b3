package dev.jnetns.cli;

import dev.jnetns.Link;
import java.util.List;
import java.util.Map;

/** Prints links as {@code ip link show} does, in text and in {@code ip -j} JSON. */
final class LinkPrinter {
    private final Map<Integer, String> names;
    private final boolean details;

    /** @param names ifindex to name of the namespace's devices, to name masters and peers */
    LinkPrinter(Map<Integer, String> names, boolean details) {
        this.names = names;
        this.details = details;
    }

    private String nameOf(int index) {
        String n = names.get(index);
        return n != null ? n : "if" + index;
    }

    String group(Link l) {
        return l.group() == 0 ? "default" : Integer.toUnsignedString(l.group());
    }

    /** The JSON array of {@code ip -j link show}. */
    String json(List<Link> links, Json j) {
        j.beginArray();
        for (Link l : links) {
            j.beginObject();
            j.put("ifindex", l.index());
            if (l.linkIndex() != 0) {
                if (l.linkNetnsId() >= 0) {
                    j.put("link_index", l.linkIndex());
                } else {
                    j.put("link", nameOf(l.linkIndex()));
                }
            }
            j.put("ifname", l.name());
            j.put("flags", l.flagNames());
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
            if (l.linkModeName() != null) {
                j.put("linkmode", l.linkModeName());
            } else if (l.linkMode() >= 0) {
                j.put("linkmode_index", l.linkMode());
            }
            if (l.group() >= 0) {
                j.put("group", group(l));
            }
            if (l.txQueueLen() > 0) {
                j.put("txqlen", l.txQueueLen());
            }
            j.put("link_type", l.typeName());
            if (l.address() != null) {
                j.put("address", l.address());
            }
            if (l.broadcast() != null) {
                j.put("broadcast", l.broadcast());
            }
            if (l.linkNetnsId() >= 0) {
                j.put("link_netnsid", l.linkNetnsId());
            }
            if (details && (l.kind() != null || l.slaveKind() != null)) {
                j.beginObject("linkinfo");
                if (l.kind() != null) {
                    j.put("info_kind", l.kind());
                }
                if (l.slaveKind() != null) {
                    j.put("info_slave_kind", l.slaveKind());
                }
                j.endObject();
            }
            if (l.alias() != null) {
                j.put("ifalias", l.alias());
            }
            j.endObject();
        }
        return j.endArray().toString();
    }

    /** Two or more lines of {@code ip link show} for one link. */
    String text(Link l) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.index()).append(": ").append(l.name());
        if (l.linkIndex() != 0) {
            sb.append('@').append(l.linkNetnsId() >= 0 ? "if" + l.linkIndex() : nameOf(l.linkIndex()));
        }
        sb.append(": <").append(String.join(",", l.flagNames())).append("> mtu ").append(l.mtu());
        if (l.qdisc() != null) {
            sb.append(" qdisc ").append(l.qdisc());
        }
        if (l.masterIndex() != 0) {
            sb.append(" master ").append(nameOf(l.masterIndex()));
        }
        sb.append(" state ").append(l.operStateName() != null ? l.operStateName()
                : "0x" + Integer.toHexString(l.operState()));
        sb.append(" mode ").append(l.linkModeName() != null ? l.linkModeName() : String.valueOf(l.linkMode()));
        if (l.group() >= 0) {
            sb.append(" group ").append(group(l));
        }
        if (l.txQueueLen() > 0) {
            sb.append(" qlen ").append(l.txQueueLen());
        }
        sb.append("\n    link/").append(l.typeName());
        if (l.address() != null) {
            sb.append(' ').append(l.address());
        }
        if (l.broadcast() != null) {
            sb.append(" brd ").append(l.broadcast());
        }
        if (l.linkNetnsId() >= 0) {
            sb.append(" link-netnsid ").append(l.linkNetnsId());
        }
        if (details && l.kind() != null) {
            sb.append("\n    ").append(l.kind()).append(' ');
        }
        if (details && l.slaveKind() != null) {
            sb.append("\n    ").append(l.slaveKind()).append("_slave ");
        }
        if (l.alias() != null) {
            sb.append("\n    alias ").append(l.alias());
        }
        return sb.append('\n').toString();
    }
}
