package dev.jnetns.uapi;

/**
 * Bond and bond port attributes from {@code linux/if_link.h}; modes, hash policies, port states and
 * LACP state bits from {@code linux/if_bonding.h}.
 */
public final class LinuxBond {
    public static final int IFLA_BOND_MODE = 1;
    public static final int IFLA_BOND_ACTIVE_SLAVE = 2;
    public static final int IFLA_BOND_MIIMON = 3;
    public static final int IFLA_BOND_UPDELAY = 4;
    public static final int IFLA_BOND_DOWNDELAY = 5;
    public static final int IFLA_BOND_USE_CARRIER = 6;
    public static final int IFLA_BOND_ARP_INTERVAL = 7;
    public static final int IFLA_BOND_ARP_IP_TARGET = 8;
    public static final int IFLA_BOND_ARP_VALIDATE = 9;
    public static final int IFLA_BOND_ARP_ALL_TARGETS = 10;
    public static final int IFLA_BOND_PRIMARY = 11;
    public static final int IFLA_BOND_PRIMARY_RESELECT = 12;
    public static final int IFLA_BOND_FAIL_OVER_MAC = 13;
    public static final int IFLA_BOND_XMIT_HASH_POLICY = 14;
    public static final int IFLA_BOND_RESEND_IGMP = 15;
    public static final int IFLA_BOND_NUM_PEER_NOTIF = 16;
    public static final int IFLA_BOND_ALL_SLAVES_ACTIVE = 17;
    public static final int IFLA_BOND_MIN_LINKS = 18;
    public static final int IFLA_BOND_LP_INTERVAL = 19;
    public static final int IFLA_BOND_PACKETS_PER_SLAVE = 20;
    public static final int IFLA_BOND_AD_LACP_RATE = 21;
    public static final int IFLA_BOND_AD_SELECT = 22;
    public static final int IFLA_BOND_AD_INFO = 23;
    public static final int IFLA_BOND_AD_ACTOR_SYS_PRIO = 24;
    public static final int IFLA_BOND_AD_USER_PORT_KEY = 25;
    public static final int IFLA_BOND_AD_ACTOR_SYSTEM = 26;
    public static final int IFLA_BOND_TLB_DYNAMIC_LB = 27;
    public static final int IFLA_BOND_PEER_NOTIF_DELAY = 28;
    public static final int IFLA_BOND_AD_LACP_ACTIVE = 29;
    public static final int IFLA_BOND_MISSED_MAX = 30;
    public static final int IFLA_BOND_NS_IP6_TARGET = 31;

    public static final int IFLA_BOND_AD_INFO_AGGREGATOR = 1;
    public static final int IFLA_BOND_AD_INFO_NUM_PORTS = 2;
    public static final int IFLA_BOND_AD_INFO_ACTOR_KEY = 3;
    public static final int IFLA_BOND_AD_INFO_PARTNER_KEY = 4;
    public static final int IFLA_BOND_AD_INFO_PARTNER_MAC = 5;

    public static final int IFLA_BOND_SLAVE_STATE = 1;
    public static final int IFLA_BOND_SLAVE_MII_STATUS = 2;
    public static final int IFLA_BOND_SLAVE_LINK_FAILURE_COUNT = 3;
    public static final int IFLA_BOND_SLAVE_PERM_HWADDR = 4;
    public static final int IFLA_BOND_SLAVE_QUEUE_ID = 5;
    public static final int IFLA_BOND_SLAVE_AD_AGGREGATOR_ID = 6;
    public static final int IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE = 7;
    public static final int IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE = 8;
    public static final int IFLA_BOND_SLAVE_PRIO = 9;

    public static final int BOND_MODE_ROUNDROBIN = 0;
    public static final int BOND_MODE_ACTIVEBACKUP = 1;
    public static final int BOND_MODE_XOR = 2;
    public static final int BOND_MODE_BROADCAST = 3;
    public static final int BOND_MODE_8023AD = 4;
    public static final int BOND_MODE_TLB = 5;
    public static final int BOND_MODE_ALB = 6;

    public static final int BOND_XMIT_POLICY_LAYER2 = 0;
    public static final int BOND_XMIT_POLICY_LAYER34 = 1;
    public static final int BOND_XMIT_POLICY_LAYER23 = 2;
    public static final int BOND_XMIT_POLICY_ENCAP23 = 3;
    public static final int BOND_XMIT_POLICY_ENCAP34 = 4;
    public static final int BOND_XMIT_POLICY_VLAN_SRCMAC = 5;

    public static final int BOND_STATE_ACTIVE = 0;
    public static final int BOND_STATE_BACKUP = 1;

    public static final int BOND_LINK_UP = 0;
    public static final int BOND_LINK_FAIL = 1;
    public static final int BOND_LINK_DOWN = 2;
    public static final int BOND_LINK_BACK = 3;

    public static final int LACP_STATE_LACP_ACTIVITY = 0x1;
    public static final int LACP_STATE_LACP_TIMEOUT = 0x2;
    public static final int LACP_STATE_AGGREGATION = 0x4;
    public static final int LACP_STATE_SYNCHRONIZATION = 0x8;
    public static final int LACP_STATE_COLLECTING = 0x10;
    public static final int LACP_STATE_DISTRIBUTING = 0x20;
    public static final int LACP_STATE_DEFAULTED = 0x40;
    public static final int LACP_STATE_EXPIRED = 0x80;

    private LinuxBond() {
    }
}
