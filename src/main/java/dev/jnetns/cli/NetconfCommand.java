package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_MPLS;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.ErrnoException;
import dev.jnetns.Link;
import dev.jnetns.Netconf;
import dev.jnetns.Rtnl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code jnetns netconf show [dev NAME]}: the forwarding settings of devices, as {@code ip netconf} (ipnetconf.c). */
final class NetconfCommand extends ObjectCommand {
    static final String USAGE = "Usage: jnetns netconf show [ dev STRING ]\n";

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (!isShow(verb)) {
            return null;
        }
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int ifindex = 0;
        while (w.hasNext()) {   // ip ignores any other word
            if (w.next().equals("dev")) {
                ifindex = LinkFilter.named(links, w.value()).index();
            }
        }
        Map<Integer, String> names = new HashMap<>();
        links.forEach(l -> names.put(l.index(), l.name()));
        int family = top.family(AF_UNSPEC);
        if (ifindex != 0 && family != AF_UNSPEC) {
            // ip asks for the one entry and prints it as text even under -j; it says nothing of a refusal
            Netconf c;
            try {
                c = rtnl.netconf(family, ifindex);
            } catch (ErrnoException e) {
                return 0;
            }
            Out out = Out.text();
            fields(c, names, out);
            top.out().print(out);
            return 0;
        }
        int dev = ifindex;
        List<Netconf> shown = rtnl.netconfs(family).stream()
                .filter(c -> (family == AF_UNSPEC || c.family() == family) && (dev == 0 || c.ifindex() == dev))
                .toList();
        Out out = top.printOut();
        out.records(shown, (c, o) -> fields(c, names, o));
        top.print(out);
        return 0;
    }

    /** One entry as ip's print_netconf writes it: each setting the message holds, then the line's end. */
    private static void fields(Netconf c, Map<Integer, String> names, Out out) {
        out.string("family", "%s ", familyName(c.family()));
        if (c.ifindex() != Netconf.ABSENT) {
            String dev = c.ifindex() == Netconf.ALL ? "all" : c.ifindex() == Netconf.DEFAULT ? "default"
                    : names.getOrDefault(c.ifindex(), "if" + Integer.toUnsignedString(c.ifindex()));
            out.string("interface", "%s ", dev);
        }
        onOff(out, "forwarding", c.forwarding());
        if (c.rpFilter() != Netconf.ABSENT) {
            String mode = switch (c.rpFilter()) {
                case 0 -> "off";
                case 1 -> "strict";
                case 2 -> "loose";
                default -> "unknown mode";
            };
            out.string("rp_filter", "rp_filter %s ", mode);
        }
        onOff(out, "mc_forwarding", c.mcForwarding());
        onOff(out, "proxy_neigh", c.proxyNeigh());
        onOff(out, "ignore_routes_with_linkdown", c.ignoreRoutesWithLinkdown());
        onOff(out, "input", c.input());
        out.text("\n");
    }

    /** ip's family_name for the families that have netconf entries. */
    private static String familyName(int family) {
        return switch (family) {
            case AF_INET -> "inet";
            case AF_INET6 -> "inet6";
            case AF_MPLS -> "mpls";
            default -> "???";
        };
    }

    private static void onOff(Out out, String key, int value) {
        if (value != Netconf.ABSENT) {
            out.onOff(key, key + " %s ", value != 0);
        }
    }
}
