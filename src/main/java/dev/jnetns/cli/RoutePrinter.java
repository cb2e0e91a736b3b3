package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Route;
import dev.jnetns.RtNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints routes as {@code ip route show} does (iproute2's print_route), in text and JSON. */
final class RoutePrinter {
    private static final int RTN_UNICAST = 1;
    private static final int RT_TABLE_MAIN = 254;
    private static final int RTPROT_BOOT = 3;
    private static final int RTM_F_CLONED = 0x200;
    private static final Map<Integer, String> METRICS = Map.of(2, "mtu", 3, "window", 4, "rtt", 8, "advmss", 10, "hoplimit");

    private final Map<Integer, String> names = new HashMap<>();
    private final boolean showTable;
    private final boolean showDev;
    /** False for each field a {@code route show} selector fixes: ip then leaves it out. */
    private final boolean showProto;
    private final boolean showScope;
    private final boolean showVia;
    private final boolean showSrc;

    /**
     * @param links the namespace's devices, to name them
     * @param showTable true when listing all tables: then non-main tables are printed
     * @param showDev false when the listing is filtered by device: ip then leaves "dev" out
     */
    RoutePrinter(List<Link> links, boolean showTable, boolean showDev) {
        this(links, showTable, showDev, true, true, true, true);
    }

    /** A printer for {@code route show} with {@code filter}'s selectors. */
    RoutePrinter(List<Link> links, RouteFilter filter) {
        this(links, filter.table() == 0, filter.dev() == null, filter.proto() == null, filter.scope() == null,
                filter.via() == null, filter.src() == null);
    }

    private RoutePrinter(List<Link> links, boolean showTable, boolean showDev, boolean showProto, boolean showScope,
            boolean showVia, boolean showSrc) {
        links.forEach(l -> names.put(l.index(), l.name()));
        this.showTable = showTable;
        this.showDev = showDev;
        this.showProto = showProto;
        this.showScope = showScope;
        this.showVia = showVia;
        this.showSrc = showSrc;
    }

    private String dev(int index) {
        String n = names.get(index);
        return n != null ? n : "if" + index;
    }

    private static String dst(Route r) {
        IpPrefix d = r.dst();
        if (d.length() == 0 && d.address().isAnyLocalAddress()) {
            return "default";
        }
        return d.length() == IpPrefix.bits(d.address()) ? IpPrefix.format(d.address()) : d.toString();
    }

    private static String pref(int pref) {
        switch (pref) {
            case 0: return "medium";
            case 1: return "high";
            case 3: return "low";
            default: return String.valueOf(pref);
        }
    }

    /** One route as a JSON object. */
    void json(Route r, Json j) {
        j.beginObject();
        fields(r, j);
        j.endObject();
    }

    /** The members of one route's JSON object. */
    void fields(Route r, Json j) {
        if (r.type() != RTN_UNICAST) {
            j.put("type", RtNames.TYPES.name(r.type()));
        }
        j.put("dst", dst(r));
        if (r.src() != null) {
            j.put("from", r.src().toString());
        }
        if (r.gateway() != null && showVia) {
            j.put("gateway", IpPrefix.format(r.gateway()));
        }
        if (r.oif() != 0 && showDev) {
            j.put("dev", dev(r.oif()));
        }
        if (showTable && r.table() != RT_TABLE_MAIN && r.table() != 0) {
            j.put("table", RtNames.TABLES.name(r.table()));
        }
        if ((r.flags() & RTM_F_CLONED) == 0) {
            if (r.protocol() != RTPROT_BOOT && showProto) {
                j.put("protocol", RtNames.PROTOCOLS.name(r.protocol()));
            }
            if (r.scope() != 0 && showScope) {
                j.put("scope", RtNames.SCOPES.name(r.scope()));
            }
        }
        if (r.prefsrc() != null && showSrc) {
            j.put("prefsrc", IpPrefix.format(r.prefsrc()));
        }
        if (r.metric() >= 0) {
            j.put("metric", r.metric());
        }
        j.put("flags", r.flagNames());
        if (r.uid() >= 0) {
            j.put("uid", r.uid());
        }
        if ((r.flags() & RTM_F_CLONED) != 0 && r.family() == 2) {
            j.put("cache", List.of());
        }
        if (!r.metrics().isEmpty()) {
            j.beginArrayKey("metrics").beginObject();
            r.metrics().forEach((k, v) -> j.put(METRICS.getOrDefault(k, "metric_" + k), Integer.toUnsignedLong(v)));
            j.endObject().endArray();
        }
        if (r.pref() >= 0) {
            j.put("pref", pref(r.pref()));
        }
        if (!r.nexthops().isEmpty()) {
            j.beginArrayKey("nexthops");
            for (Route.Nexthop n : r.nexthops()) {
                j.beginObject();
                if (n.gateway() != null) {
                    j.put("gateway", IpPrefix.format(n.gateway()));
                }
                j.put("dev", dev(n.oif()));
                j.put("weight", n.weight());
                j.put("flags", n.flagNames());
                j.endObject();
            }
            j.endArray();
        }
    }

    /** One route as text, newline included. */
    String text(Route r) {
        StringBuilder sb = new StringBuilder();
        if (r.type() != RTN_UNICAST) {
            sb.append(RtNames.TYPES.name(r.type())).append(' ');
        }
        sb.append(dst(r)).append(' ');
        if (r.src() != null) {
            sb.append("from ").append(r.src()).append(' ');
        }
        if (r.gateway() != null && showVia) {
            sb.append("via ").append(IpPrefix.format(r.gateway())).append(' ');
        }
        if (r.oif() != 0 && showDev) {
            sb.append("dev ").append(dev(r.oif())).append(' ');
        }
        if (showTable && r.table() != RT_TABLE_MAIN && r.table() != 0) {
            sb.append("table ").append(RtNames.TABLES.name(r.table())).append(' ');
        }
        if ((r.flags() & RTM_F_CLONED) == 0) {
            if (r.protocol() != RTPROT_BOOT && showProto) {
                sb.append("proto ").append(RtNames.PROTOCOLS.name(r.protocol())).append(' ');
            }
            if (r.scope() != 0 && showScope) {
                sb.append("scope ").append(RtNames.SCOPES.name(r.scope())).append(' ');
            }
        }
        if (r.prefsrc() != null && showSrc) {
            sb.append("src ").append(IpPrefix.format(r.prefsrc())).append(' ');
        }
        if (r.metric() >= 0) {
            sb.append("metric ").append(r.metric()).append(' ');
        }
        r.flagNames().forEach(f -> sb.append(f).append(' '));
        if (r.uid() >= 0) {
            sb.append("uid ").append(r.uid()).append(' ');
        }
        if ((r.flags() & RTM_F_CLONED) != 0 && r.family() == 2) {
            sb.append("\n    cache ");
        }
        r.metrics().forEach((k, v) -> sb.append(METRICS.getOrDefault(k, "metric_" + k)).append(' ')
                .append(Integer.toUnsignedLong(v)).append(' '));
        if (r.pref() >= 0) {
            sb.append("pref ").append(pref(r.pref()));
        }
        for (Route.Nexthop n : r.nexthops()) {
            sb.append("\n\tnexthop ");
            if (n.gateway() != null) {
                sb.append("via ").append(IpPrefix.format(n.gateway())).append(' ');
            }
            sb.append("dev ").append(dev(n.oif())).append(' ').append("weight ").append(n.weight()).append(' ');
            n.flagNames().forEach(f -> sb.append(f).append(' '));
        }
        return sb.append('\n').toString();
    }
}
