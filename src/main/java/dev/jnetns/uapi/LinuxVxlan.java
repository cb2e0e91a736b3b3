package dev.jnetns.uapi;

/** Vxlan attributes from {@code linux/if_link.h}. */
public final class LinuxVxlan {
    public static final int IFLA_VXLAN_ID = 1;
    public static final int IFLA_VXLAN_GROUP = 2;
    public static final int IFLA_VXLAN_LINK = 3;
    public static final int IFLA_VXLAN_LOCAL = 4;
    public static final int IFLA_VXLAN_TTL = 5;
    public static final int IFLA_VXLAN_TOS = 6;
    public static final int IFLA_VXLAN_LEARNING = 7;
    public static final int IFLA_VXLAN_AGEING = 8;
    public static final int IFLA_VXLAN_LIMIT = 9;
    public static final int IFLA_VXLAN_PORT_RANGE = 10;
    public static final int IFLA_VXLAN_PROXY = 11;
    public static final int IFLA_VXLAN_RSC = 12;
    public static final int IFLA_VXLAN_L2MISS = 13;
    public static final int IFLA_VXLAN_L3MISS = 14;
    public static final int IFLA_VXLAN_PORT = 15;
    public static final int IFLA_VXLAN_GROUP6 = 16;
    public static final int IFLA_VXLAN_LOCAL6 = 17;
    public static final int IFLA_VXLAN_UDP_CSUM = 18;
    public static final int IFLA_VXLAN_UDP_ZERO_CSUM6_TX = 19;
    public static final int IFLA_VXLAN_UDP_ZERO_CSUM6_RX = 20;
    public static final int IFLA_VXLAN_REMCSUM_TX = 21;
    public static final int IFLA_VXLAN_REMCSUM_RX = 22;
    public static final int IFLA_VXLAN_GBP = 23;
    public static final int IFLA_VXLAN_REMCSUM_NOPARTIAL = 24;
    public static final int IFLA_VXLAN_COLLECT_METADATA = 25;
    public static final int IFLA_VXLAN_LABEL = 26;
    public static final int IFLA_VXLAN_GPE = 27;
    public static final int IFLA_VXLAN_TTL_INHERIT = 28;
    public static final int IFLA_VXLAN_DF = 29;
    public static final int IFLA_VXLAN_VNIFILTER = 30;

    public static final int VXLAN_DF_UNSET = 0;
    public static final int VXLAN_DF_SET = 1;
    public static final int VXLAN_DF_INHERIT = 2;

    /** {@code sizeof(struct ifla_vxlan_port_range)}. */
    public static final int IFLA_VXLAN_PORT_RANGE_SIZE = 4;

    private LinuxVxlan() {
    }
}
