package dev.jnetns.uapi;

/** Hardware types (ARPHRD_*) from {@code linux/if_arp.h}. */
public final class LinuxIfArp {
    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_IEEE1394 = 24;
    public static final int ARPHRD_INFINIBAND = 32;
    public static final int ARPHRD_PPP = 512;
    public static final int ARPHRD_TUNNEL = 768;
    public static final int ARPHRD_TUNNEL6 = 769;
    public static final int ARPHRD_LOOPBACK = 772;
    public static final int ARPHRD_SIT = 776;
    public static final int ARPHRD_IPGRE = 778;
    public static final int ARPHRD_IP6GRE = 823;
    public static final int ARPHRD_NONE = 65534;
    public static final int ARPHRD_VOID = 65535;

    private LinuxIfArp() {
    }
}
