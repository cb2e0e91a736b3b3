package dev.jnetns.uapi;

/** /dev/net/tun ioctls and flags from {@code linux/if_tun.h}, and {@code struct ifreq} from {@code linux/if.h}. */
public final class LinuxTun {
    public static final long TUNSETIFF = 0x400454caL;
    public static final long TUNSETPERSIST = 0x400454cbL;
    public static final int IFF_TUN = 0x0001;
    public static final int IFF_TAP = 0x0002;
    public static final int IFF_NO_PI = 0x1000;
    public static final int IFF_TUN_EXCL = 0x8000;
    /** {@code sizeof(struct ifreq)}. */
    public static final int IFREQ_SIZE = 40;
    /** {@code offsetof(struct ifreq, ifr_flags)}. */
    public static final int IFREQ_FLAGS_OFFSET = 16;

    public static final int IFLA_TUN_OWNER = 1;
    public static final int IFLA_TUN_GROUP = 2;
    public static final int IFLA_TUN_TYPE = 3;
    public static final int IFLA_TUN_PI = 4;
    public static final int IFLA_TUN_VNET_HDR = 5;
    public static final int IFLA_TUN_PERSIST = 6;
    public static final int IFLA_TUN_MULTI_QUEUE = 7;
    public static final int IFLA_TUN_NUM_QUEUES = 8;
    public static final int IFLA_TUN_NUM_DISABLED_QUEUES = 9;

    private LinuxTun() {
    }
}
