package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_MPLS;

import dev.jnetns.Netconf;
import java.util.function.IntFunction;

/** Prints netconf entries as {@code ip netconf show} and {@code ip monitor netconf} do (iproute2's print_netconf), text and JSON through one path. */
final class NetconfPrinter {
    private NetconfPrinter() {
    }

    /** One entry as ip's print_netconf writes it: each setting the message holds, then the line's end. */
    static void fields(Netconf c, IntFunction<String> deviceName, Out out) {
        out.string("family", "%s ", familyName(c.family()));
        if (c.ifindex() != Netconf.ABSENT) {
            String dev = c.ifindex() == Netconf.ALL ? "all" : c.ifindex() == Netconf.DEFAULT ? "default"
                    : deviceName.apply(c.ifindex());
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
