package dev.jnetns.uapi;

/**
 * Vlan attributes from {@code linux/if_link.h}, its flags from {@code linux/if_vlan.h}, and the two
 * protocols a vlan (or a vlan-filtering bridge) speaks, from {@code linux/if_ether.h}.
 */
public final class LinuxVlan {
    public static final int IFLA_VLAN_ID = 1;
    public static final int IFLA_VLAN_FLAGS = 2;
    public static final int IFLA_VLAN_EGRESS_QOS = 3;
    public static final int IFLA_VLAN_INGRESS_QOS = 4;
    public static final int IFLA_VLAN_PROTOCOL = 5;

    public static final int IFLA_VLAN_QOS_MAPPING = 1;

    public static final int VLAN_FLAG_REORDER_HDR = 0x1;
    public static final int VLAN_FLAG_GVRP = 0x2;
    public static final int VLAN_FLAG_LOOSE_BINDING = 0x4;
    public static final int VLAN_FLAG_MVRP = 0x8;
    public static final int VLAN_FLAG_BRIDGE_BINDING = 0x10;

    public static final int ETH_P_8021Q = 0x8100;
    public static final int ETH_P_8021AD = 0x88a8;

    /** sizeof(struct ifla_vlan_flags). */
    public static final int IFLA_VLAN_FLAGS_SIZE = 8;
    /** sizeof(struct ifla_vlan_qos_mapping). */
    public static final int IFLA_VLAN_QOS_MAPPING_SIZE = 8;

    private LinuxVlan() {
    }
}
