package dev.jnetns.kind;

import static dev.jnetns.uapi.LinuxIpvlan.IPVLAN_MODE_L2;
import static dev.jnetns.uapi.LinuxIpvlan.IPVLAN_MODE_L3;
import static dev.jnetns.uapi.LinuxIpvlan.IPVLAN_MODE_L3S;

import dev.jnetns.RawAttributes;

/**
 * An ipvlan's or ipvtap's data (IFLA_IPVLAN_*, {@code ip -d link show}: {@code ipvlan  mode l2 bridge}).
 * Absent numbers are -1.
 *
 * @param mode IPVLAN_MODE_* (0 l2, 1 l3, 2 l3s)
 * @param flags IPVLAN_F_* (0 bridge, 1 private, 2 vepa)
 * @param raw unmodelled attributes
 */
public record Ipvlan(int mode, int flags, RawAttributes raw) implements LinkData {

    /**
     * An ipvlan to create in {@code mode}, as {@code ip link add ... type ipvlan mode M} sends it (flags 0).
     *
     * @param mode an IPVLAN_MODE_* number
     * @return the ipvlan's data
     */
    public static Ipvlan of(int mode) {
        return new Ipvlan(mode, 0, RawAttributes.NONE);
    }

    /** {@return the mode as ip names it ("l2", "l3", "l3s"), "unknown" for other codes} */
    public String modeName() {
        switch (mode) {
            case IPVLAN_MODE_L2: return "l2";
            case IPVLAN_MODE_L3: return "l3";
            case IPVLAN_MODE_L3S: return "l3s";
            default: return "unknown";
        }
    }
}
