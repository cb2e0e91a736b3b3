package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxNexthop.NEXTHOP_GRP_TYPE_RES;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_DEAD;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_LINKDOWN;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_OFFLOAD;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_PERVASIVE;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_TRAP;
import static dev.jnetns.uapi.LinuxRoute.RTNH_F_UNRESOLVED;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_UNIVERSE;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Nexthop;
import dev.jnetns.RtNames;
import java.util.ArrayList;
import java.util.List;

/**
 * One nexthop object as ip's print_nexthop prints it: for {@code ip nexthop show|get} and, after
 * {@code nh_info}, for a route through it with {@code ip -d route show}.
 */
final class NexthopPrinter {
    /** RTNH_F_* bits and their names, in ip's order (print_rt_flags). */
    private static final int[] FLAG_BITS = {RTNH_F_DEAD, RTNH_F_ONLINK, RTNH_F_PERVASIVE, RTNH_F_OFFLOAD, RTNH_F_TRAP,
        RTNH_F_LINKDOWN, RTNH_F_UNRESOLVED};
    private static final String[] FLAG_NAMES = {"dead", "onlink", "pervasive", "offload", "trap", "linkdown",
        "unresolved"};

    private NexthopPrinter() {
    }

    /**
     * The nexthop's fields: its words appended to {@code t}, and its members put into {@code j}
     * (an object the caller opened) when {@code j} is not null.
     *
     * @param details {@code -d}: scope and protocol always
     * @param numeric {@code -N}: scope and protocol as numbers
     */
    static void fields(Nexthop n, List<Link> links, boolean details, boolean numeric, Json j, StringBuilder t) {
        field(j, t, "id", Integer.toUnsignedString(n.id()), "id ", true);
        if (!n.group().isEmpty()) {
            if (j != null) {
                j.beginArrayKey("group");
                for (Nexthop.Member m : n.group()) {
                    j.beginObject().put("id", Integer.toUnsignedLong(m.id()));
                    if (m.weight() > 1) {
                        j.put("weight", m.weight());
                    }
                    j.endObject();
                }
                j.endArray();
            }
            t.append("group ");
            for (int i = 0; i < n.group().size(); i++) {
                Nexthop.Member m = n.group().get(i);
                t.append(i > 0 ? "/" : "").append(Integer.toUnsignedString(m.id()))
                        .append(m.weight() > 1 ? "," + m.weight() : "");
            }
            t.append(' ');
        }
        if (n.groupType() == NEXTHOP_GRP_TYPE_RES) {
            field(j, t, "type", "resilient", "type ", false);
        }
        if (n.gateway() != null) {
            field(j, t, "gateway", IpPrefix.format(n.gateway()), "via ", false);
        }
        if (n.oif() != 0) {
            field(j, t, "dev", name(links, n.oif()), "dev ", false);
        }
        if (n.scope() != RT_SCOPE_UNIVERSE || details) {
            field(j, t, "scope", numeric ? Integer.toString(n.scope()) : RtNames.SCOPES.name(n.scope()), "scope ",
                    false);   // -N: numbers, as rtnl_rtscope_n2a
        }
        if (n.blackhole()) {
            if (j != null) {
                j.putNull("blackhole");
            }
            t.append("blackhole ");
        }
        if (n.protocol() != 0 || details) {
            field(j, t, "protocol", numeric ? Integer.toString(n.protocol())
                    : RtNames.PROTOCOLS.name(n.protocol()), "proto ", false);
        }
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((n.flags() & FLAG_BITS[i]) != 0) {
                flags.add(FLAG_NAMES[i]);
                t.append(FLAG_NAMES[i]).append(' ');
            }
        }
        if (j != null) {
            j.put("flags", flags);
        }
        if (n.fdb()) {
            if (j != null) {
                j.putNull("fdb");
            }
            t.append("fdb");
        }
    }

    /** One field in whichever form is being printed; {@code number} writes it as a JSON number. */
    private static void field(Json j, StringBuilder t, String key, String value, String label, boolean number) {
        if (j != null) {
            if (number) {
                j.put(key, Long.parseLong(value));
            } else {
                j.put(key, value);
            }
        }
        t.append(label).append(value).append(' ');
    }

    private static String name(List<Link> links, int index) {
        return links.stream().filter(l -> l.index() == index).map(Link::name).findFirst().orElse("if" + index);
    }
}
