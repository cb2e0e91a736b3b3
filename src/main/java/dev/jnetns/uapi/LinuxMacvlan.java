package dev.jnetns.uapi;

/** Macvlan and macvtap attributes, modes and flags from {@code linux/if_link.h}. */
public final class LinuxMacvlan {
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int IFLA_MACVLAN_FLAGS = 2;
    public static final int IFLA_MACVLAN_MACADDR_MODE = 3;
    public static final int IFLA_MACVLAN_MACADDR = 4;
    public static final int IFLA_MACVLAN_MACADDR_DATA = 5;
    public static final int IFLA_MACVLAN_MACADDR_COUNT = 6;
    public static final int IFLA_MACVLAN_BC_QUEUE_LEN = 7;
    public static final int IFLA_MACVLAN_BC_QUEUE_LEN_USED = 8;

    public static final int MACVLAN_MODE_PRIVATE = 1;
    public static final int MACVLAN_MODE_VEPA = 2;
    public static final int MACVLAN_MODE_BRIDGE = 4;
    public static final int MACVLAN_MODE_PASSTHRU = 8;
    public static final int MACVLAN_MODE_SOURCE = 16;

    public static final int MACVLAN_FLAG_NOPROMISC = 1;
    public static final int MACVLAN_FLAG_NODST = 2;

    private LinuxMacvlan() {
    }
}
