package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxNeighbour.NTF_EXT_LEARNED;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_EXT_MANAGED;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_OFFLOADED;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_PROXY;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_ROUTER;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Neighbour;
import dev.jnetns.RtNames;
import dev.jnetns.uapi.LinuxParam;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints neighbour entries as {@code ip neigh show} does (iproute2's print_neigh and
 * print_neigh_brief), text and JSON through one path.
 */
final class NeighbourPrinter {
    private final Map<Integer, String> names = new HashMap<>();
    private final boolean showDev;
    private final boolean stats;
    private final boolean brief;

    /**
     * @param showDev false under {@code show dev DEV}, where ip leaves the device out
     * @param stats {@code -s}: the entry's ages, reference count and probes
     * @param brief {@code -br}: address, device and link-layer address in columns
     */
    NeighbourPrinter(List<Link> links, boolean showDev, boolean stats, boolean brief) {
        links.forEach(l -> names.put(l.index(), l.name()));
        this.showDev = showDev;
        this.stats = stats;
        this.brief = brief;
    }

    /** Names devices as {@code names} has them: ip monitor's ll_map, which keeps a renamed device's first name. */
    NeighbourPrinter naming(Map<Integer, String> known) {
        names.putAll(known);
        return this;
    }

    private String dev(int index) {
        String n = names.get(index);
        return n != null ? n : "if" + index;
    }

    /** One entry's fields and, in text, its line end. */
    void fields(Neighbour n, Out out) {
        if (brief) {
            briefFields(n, out);
            return;
        }
        if (n.dst() != null) {
            out.string("dst", "%s ", IpPrefix.format(n.dst()));
        }
        if (showDev && n.index() != 0) {
            out.string("dev", "dev %s ", dev(n.index()));
        }
        if (n.lladdr() != null) {
            out.string("lladdr", "lladdr %s ", n.lladdr());
        }
        flag(out, (n.flags() & NTF_ROUTER) != 0, "router");
        flag(out, (n.flags() & NTF_PROXY) != 0, "proxy");
        flag(out, n.flagsExt() > 0 && (n.flagsExt() & NTF_EXT_MANAGED) != 0, "managed");
        flag(out, (n.flags() & NTF_EXT_LEARNED) != 0, "extern_learn");
        flag(out, (n.flags() & NTF_OFFLOADED) != 0, "offload");
        if (stats) {
            Neighbour.CacheInfo c = n.cache();
            if (c != null) {
                if (c.refcnt() != 0) {
                    out.number("refcnt", " ref %s", c.refcnt());
                }
                out.number("used", " used %s", c.used() / LinuxParam.HZ);
                out.number("confirmed", "/%s", c.confirmed() / LinuxParam.HZ);
                out.number("updated", "/%s", c.updated() / LinuxParam.HZ);
            }
            if (n.probes() >= 0) {
                out.number("probes", "probes %s ", n.probes());
            }
        }
        if (n.state() != 0) {   // ip names the eight NUD bits, each followed by a space
            out.beginArray("state");
            if ((n.state() & 0xff) != 0) {
                n.stateNames().forEach(name -> out.string(null, "%s ", name));
            }
            out.endArray();
        }
        if (n.protocol() > 0) {
            out.name("protocol", "proto %s ", RtNames.PROTOCOLS, n.protocol());
        }
        out.text("\n");
    }

    /** {@code ip -br neigh}: the address in 39 columns, the device in 16, the link-layer address. */
    private void briefFields(Neighbour n, Out out) {
        if (n.dst() != null) {
            String dst = IpPrefix.format(n.dst());
            out.string("dst", null, dst);
            out.text(String.format("%-39s ", dst));
        }
        if (showDev && n.index() != 0) {
            out.string("dev", null, dev(n.index()));
            out.text(String.format("%-16s ", dev(n.index())));
        }
        if (n.lladdr() != null) {
            out.string("lladdr", "%s", n.lladdr());
        }
        out.text("\n");
    }

    /** A flag ip prints as a word in text and as {@code "word": null} in JSON. */
    private static void flag(Out out, boolean set, String word) {
        if (set) {
            out.nullValue(word, "%s ", word);
        }
    }
}
