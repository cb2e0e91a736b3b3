package dev.jnetns.kind;

import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_BRIDGE;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_PASSTHRU;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_PRIVATE;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_SOURCE;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_VEPA;

import dev.jnetns.RawAttributes;
import java.util.List;

/**
 * A macvlan's or macvtap's data ({@code ip -d link show}: {@code mode bridge nopromisc ...}).
 * Absent numbers are -1.
 *
 * @param mode MACVLAN_MODE_* (1 private, 2 vepa, 4 bridge, 8 passthru, 16 source)
 * @param flags MACVLAN_FLAG_* (1 nopromisc, 2 nodst)
 * @param macaddrMode in a request, what to do with {@code macaddr} (IFLA_MACVLAN_MACADDR_MODE)
 * @param macaddr in a request, a source address to add or delete, or null
 * @param sources the source addresses a source-mode device accepts (IFLA_MACVLAN_MACADDR_DATA), or null
 * @param macaddrCount how many source addresses there are (IFLA_MACVLAN_MACADDR_COUNT)
 * @param bcQueueLen the broadcast queue length asked for ({@code bcqueuelen})
 * @param usedBcQueueLen the broadcast queue length in use ({@code usedbcqueuelen})
 * @param raw unmodelled attributes
 */
public record Macvlan(int mode, int flags, int macaddrMode, String macaddr, List<String> sources, long macaddrCount,
                      long bcQueueLen, long usedBcQueueLen, RawAttributes raw) implements LinkData {

    /** {@return the mode as ip names it ("bridge", "private" …), or null for a code ip has no name for} */
    public String modeName() {
        switch (mode) {
            case MACVLAN_MODE_PRIVATE: return "private";
            case MACVLAN_MODE_VEPA: return "vepa";
            case MACVLAN_MODE_BRIDGE: return "bridge";
            case MACVLAN_MODE_PASSTHRU: return "passthru";
            case MACVLAN_MODE_SOURCE: return "source";
            default: return null;
        }
    }
}
