package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_BACKUP_PORT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_BCAST_FLOOD;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_COST;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_FAST_LEAVE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_FLUSH;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_GROUP_FWD_MASK;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_GUARD;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_ISOLATED;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_LEARNING;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_LOCKED;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MCAST_FLOOD;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MCAST_TO_UCAST;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MODE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MULTICAST_ROUTER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_NEIGH_SUPPRESS;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_PRIORITY;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_PROTECT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_PROXYARP;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_PROXYARP_WIFI;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_STATE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_UNICAST_FLOOD;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_VLAN_TUNNEL;

import dev.jnetns.ErrnoException;
import dev.jnetns.Link;
import dev.jnetns.Rtnl;
import dev.jnetns.kind.BridgePort;
import java.util.Arrays;
import java.util.List;

/**
 * The words after {@code ip link set DEV type bridge_slave}, as iproute2 6.1's
 * ip/iplink_bridge_slave.c reads them: in its order (a word names the first option it is a prefix
 * of), its number readers and its messages.
 */
final class BridgePortOptions {
    /** ip's usage for {@code type bridge_slave help}, printed on stderr (exit 1). */
    static final String USAGE = "Usage: ... bridge_slave [ fdb_flush ]\n"
            + "\t\t\t[ state STATE ]\n"
            + "\t\t\t[ priority PRIO ]\n"
            + "\t\t\t[ cost COST ]\n"
            + "\t\t\t[ guard {on | off} ]\n"
            + "\t\t\t[ hairpin {on | off} ]\n"
            + "\t\t\t[ fastleave {on | off} ]\n"
            + "\t\t\t[ root_block {on | off} ]\n"
            + "\t\t\t[ learning {on | off} ]\n"
            + "\t\t\t[ flood {on | off} ]\n"
            + "\t\t\t[ proxy_arp {on | off} ]\n"
            + "\t\t\t[ proxy_arp_wifi {on | off} ]\n"
            + "\t\t\t[ mcast_router MULTICAST_ROUTER ]\n"
            + "\t\t\t[ mcast_fast_leave {on | off} ]\n"
            + "\t\t\t[ mcast_flood {on | off} ]\n"
            + "\t\t\t[ bcast_flood {on | off} ]\n"
            + "\t\t\t[ mcast_to_unicast {on | off} ]\n"
            + "\t\t\t[ group_fwd_mask MASK ]\n"
            + "\t\t\t[ neigh_suppress {on | off} ]\n"
            + "\t\t\t[ vlan_tunnel {on | off} ]\n"
            + "\t\t\t[ isolated {on | off} ]\n"
            + "\t\t\t[ locked {on | off} ]\n"
            + "\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n";

    /** What an option's value is, besides a u8, u16 or u32 number (its width in bits). */
    private static final int FLAG = 0;
    private static final int ON_OFF = 1;
    private static final int DEVICE = 2;
    private static final int NONE = 3;

    /**
     * One option of bridge_slave_parse_opt: its word, its attribute, its value's width in bits (or
     * FLAG, ON_OFF, DEVICE, NONE: nobackup_port's 0) and ip's invarg text for a bad number.
     */
    private record Option(String word, int attr, int bits, String why) {
        Option(String word, int attr, int bits) {
            this(word, attr, bits, null);
        }
    }

    /** ip 6.1's options in the order bridge_slave_parse_opt tries them. */
    private static final List<Option> OPTIONS = List.of(
            new Option("fdb_flush", IFLA_BRPORT_FLUSH, FLAG),
            new Option("state", IFLA_BRPORT_STATE, 8, "state is invalid"),
            new Option("priority", IFLA_BRPORT_PRIORITY, 16, "priority is invalid"),
            new Option("cost", IFLA_BRPORT_COST, 32, "cost is invalid"),
            new Option("hairpin", IFLA_BRPORT_MODE, ON_OFF),
            new Option("guard", IFLA_BRPORT_GUARD, ON_OFF),
            new Option("root_block", IFLA_BRPORT_PROTECT, ON_OFF),
            new Option("fastleave", IFLA_BRPORT_FAST_LEAVE, ON_OFF),
            new Option("learning", IFLA_BRPORT_LEARNING, ON_OFF),
            new Option("flood", IFLA_BRPORT_UNICAST_FLOOD, ON_OFF),
            new Option("mcast_flood", IFLA_BRPORT_MCAST_FLOOD, ON_OFF),
            new Option("bcast_flood", IFLA_BRPORT_BCAST_FLOOD, ON_OFF),
            new Option("mcast_to_unicast", IFLA_BRPORT_MCAST_TO_UCAST, ON_OFF),
            new Option("proxy_arp", IFLA_BRPORT_PROXYARP, ON_OFF),
            new Option("proxy_arp_wifi", IFLA_BRPORT_PROXYARP_WIFI, ON_OFF),
            new Option("mcast_router", IFLA_BRPORT_MULTICAST_ROUTER, 8, "invalid mcast_router"),
            new Option("mcast_fast_leave", IFLA_BRPORT_FAST_LEAVE, ON_OFF),
            new Option("neigh_suppress", IFLA_BRPORT_NEIGH_SUPPRESS, ON_OFF),
            new Option("group_fwd_mask", IFLA_BRPORT_GROUP_FWD_MASK, 16, "invalid group_fwd_mask"),
            new Option("vlan_tunnel", IFLA_BRPORT_VLAN_TUNNEL, ON_OFF),
            new Option("isolated", IFLA_BRPORT_ISOLATED, ON_OFF),
            new Option("locked", IFLA_BRPORT_LOCKED, ON_OFF),
            new Option("backup_port", IFLA_BRPORT_BACKUP_PORT, DEVICE),
            new Option("nobackup_port", IFLA_BRPORT_BACKUP_PORT, NONE));

    private BridgePortOptions() {
    }

    /**
     * Reads the rest of the words as bridge port options: the port data ip sends (its attributes in
     * the order given, as ip sends them), or null when there are no words (ip then sends the kind
     * alone). {@code rtnl} finds the ifindex of a backup_port. {@code help} prints ip's usage (exit
     * 1); a word ip does not take fails as ip fails it.
     */
    static BridgePort parse(Words w, Rtnl rtnl) throws ErrnoException {
        if (!w.hasNext()) {
            return null;
        }
        long[] v = new long[IFLA_BRPORT_LOCKED + 1];
        Arrays.fill(v, -1);
        boolean flush = false;
        AttributeOrder order = new AttributeOrder(v.length);
        while (w.hasNext()) {
            String word = w.next();
            Option o = option(word);
            if (o == null) {
                if (Words.matches(word, "help")) {
                    throw new KindUsage(USAGE, false);
                }
                throw new CommandFailed("bridge_slave: unknown option \"" + word + "\"?");   // then ip's usage, exit 1
            }
            order.add(o.attr());
            switch (o.bits()) {
                case FLAG -> flush = true;
                case NONE -> v[o.attr()] = 0;
                case ON_OFF -> v[o.attr()] = onOff(o.word(), w.value());
                case DEVICE -> {
                    String dev = w.value();
                    v[o.attr()] = rtnl.links().find(dev).map(Link::index).orElseThrow(
                            () -> Words.invalid("Device does not exist", dev));   // ip's ll_name_to_index
                }
                default -> v[o.attr()] = CNumbers.unsigned(w.value(), o.bits(), o.why());
            }
        }
        return new BridgePort((int) v[IFLA_BRPORT_STATE], (int) v[IFLA_BRPORT_PRIORITY], v[IFLA_BRPORT_COST],
                (int) v[IFLA_BRPORT_MODE], (int) v[IFLA_BRPORT_GUARD], (int) v[IFLA_BRPORT_PROTECT],
                (int) v[IFLA_BRPORT_FAST_LEAVE], (int) v[IFLA_BRPORT_LEARNING], (int) v[IFLA_BRPORT_UNICAST_FLOOD],
                -1, -1, -1, -1, null, null, -1, -1, -1, -1, -1, (int) v[IFLA_BRPORT_PROXYARP],
                (int) v[IFLA_BRPORT_PROXYARP_WIFI], (int) v[IFLA_BRPORT_MULTICAST_ROUTER],
                (int) v[IFLA_BRPORT_MCAST_FLOOD], (int) v[IFLA_BRPORT_BCAST_FLOOD], (int) v[IFLA_BRPORT_MCAST_TO_UCAST],
                (int) v[IFLA_BRPORT_NEIGH_SUPPRESS], (int) v[IFLA_BRPORT_GROUP_FWD_MASK],
                (int) v[IFLA_BRPORT_VLAN_TUNNEL], (int) v[IFLA_BRPORT_ISOLATED], (int) v[IFLA_BRPORT_LOCKED],
                v[IFLA_BRPORT_BACKUP_PORT], flush,
                order.raw());   // ip's order on the wire
    }

    /** The first option {@code word} is a prefix of, as bridge_slave_parse_opt tries them; null for none. */
    private static Option option(String word) {
        for (Option o : OPTIONS) {
            if (Words.matches(word, o.word())) {
                return o;
            }
        }
        return null;
    }

    /** ip's parse_on_off for a port option: 1 or 0; another word fails with exit 1. */
    private static int onOff(String option, String value) {
        if (!value.equals("on") && !value.equals("off")) {
            throw new CommandFailed("Error: argument of \"" + option + "\" must be one of \"off\", \"on\", not \""
                    + value + "\"");
        }
        return value.equals("on") ? 1 : 0;
    }
}
