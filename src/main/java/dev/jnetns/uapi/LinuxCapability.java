package dev.jnetns.uapi;

/** Capability constants from {@code linux/capability.h} and {@code linux/prctl.h}. */
public final class LinuxCapability {
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;
    public static final int CAP_SYS_ADMIN = 21;
    public static final int PR_CAPBSET_DROP = 24;
    public static final int PR_CAP_AMBIENT = 47;
    public static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    public static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    private LinuxCapability() {
    }

    /** The number of a capability name ("net_admin", "CAP_NET_ADMIN", "sys_admin", "net_raw"). */
    public static int byName(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT).replaceFirst("^cap_", "")) {
            case "net_admin": return CAP_NET_ADMIN;
            case "net_raw": return CAP_NET_RAW;
            case "sys_admin": return CAP_SYS_ADMIN;
            default: throw new IllegalArgumentException("unknown capability \"" + name + "\" (net_admin, net_raw, sys_admin)");
        }
    }
}
