package dev.jnetns;

import dev.jnetns.rtnl.NeighMessage;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A neighbour (ARP/NDP) entry as the kernel reports it ({@code ip neigh show}). Immutable.
 *
 * @param index ifindex of the device
 * @param family AF_INET or AF_INET6
 * @param dst the neighbour's address
 * @param lladdr its link-layer address as {@code ip} prints it, or null
 * @param state NUD_* bits
 * @param flags NTF_* bits
 */
public record Neighbour(int index, int family, InetAddress dst, String lladdr, int state, int flags) {
    private static final String[] STATE_NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED",
        "NOARP", "PERMANENT"};

    static Neighbour of(NeighMessage m) {
        return new Neighbour(m.index(), m.family(), Inet.of(m.dst()), dev.jnetns.rtnl.HardwareAddresses.format(dev.jnetns.uapi.LinuxIfArp.ARPHRD_ETHER, m.lladdr()),
                m.state(), m.flags());
    }

    /** The states as {@code ip neigh} names them, e.g. {@code [PERMANENT]}; {@code [NONE]} for 0. */
    public List<String> stateNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < STATE_NAMES.length; i++) {
            if ((state & (1 << i)) != 0) {
                out.add(STATE_NAMES[i]);
            }
        }
        if (out.isEmpty()) {
            out.add("NONE");
        }
        return out;
    }

    /** NUD_* value of a state name ("permanent", "reachable", "noarp", "stale", "none" …), as {@code ip neigh ... nud NAME}. */
    public static int state(String name) {
        if (name.equalsIgnoreCase("none")) {
            return 0;
        }
        for (int i = 0; i < STATE_NAMES.length; i++) {
            if (STATE_NAMES[i].equalsIgnoreCase(name)) {
                return 1 << i;
            }
        }
        throw new IllegalArgumentException("invalid nud state \"" + name + "\"");
    }
}
