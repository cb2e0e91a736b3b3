package dev.jnetns.uapi;

/** Ipvlan and ipvtap attributes, modes and flags from {@code linux/if_link.h}. */
public final class LinuxIpvlan {
    public static final int IFLA_IPVLAN_MODE = 1;
    public static final int IFLA_IPVLAN_FLAGS = 2;

    public static final int IPVLAN_MODE_L2 = 0;
    public static final int IPVLAN_MODE_L3 = 1;
    public static final int IPVLAN_MODE_L3S = 2;

    public static final int IPVLAN_F_PRIVATE = 0x1;
    public static final int IPVLAN_F_VEPA = 0x2;

    private LinuxIpvlan() {
    }
}
