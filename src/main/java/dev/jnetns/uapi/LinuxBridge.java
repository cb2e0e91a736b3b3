package dev.jnetns.uapi;

/**
 * Bridge and bridge port attributes from {@code linux/if_link.h}; boolean options and port states
 * from {@code linux/if_bridge.h}.
 */
public final class LinuxBridge {
    public static final int IFLA_BR_FORWARD_DELAY = 1;
    public static final int IFLA_BR_HELLO_TIME = 2;
    public static final int IFLA_BR_MAX_AGE = 3;
    public static final int IFLA_BR_AGEING_TIME = 4;
    public static final int IFLA_BR_STP_STATE = 5;
    public static final int IFLA_BR_PRIORITY = 6;
    public static final int IFLA_BR_VLAN_FILTERING = 7;
    public static final int IFLA_BR_VLAN_PROTOCOL = 8;
    public static final int IFLA_BR_GROUP_FWD_MASK = 9;
    public static final int IFLA_BR_ROOT_ID = 10;
    public static final int IFLA_BR_BRIDGE_ID = 11;
    public static final int IFLA_BR_ROOT_PORT = 12;
    public static final int IFLA_BR_ROOT_PATH_COST = 13;
    public static final int IFLA_BR_TOPOLOGY_CHANGE = 14;
    public static final int IFLA_BR_TOPOLOGY_CHANGE_DETECTED = 15;
    public static final int IFLA_BR_HELLO_TIMER = 16;
    public static final int IFLA_BR_TCN_TIMER = 17;
    public static final int IFLA_BR_TOPOLOGY_CHANGE_TIMER = 18;
    public static final int IFLA_BR_GC_TIMER = 19;
    public static final int IFLA_BR_GROUP_ADDR = 20;
    public static final int IFLA_BR_FDB_FLUSH = 21;
    public static final int IFLA_BR_MCAST_ROUTER = 22;
    public static final int IFLA_BR_MCAST_SNOOPING = 23;
    public static final int IFLA_BR_MCAST_QUERY_USE_IFADDR = 24;
    public static final int IFLA_BR_MCAST_QUERIER = 25;
    public static final int IFLA_BR_MCAST_HASH_ELASTICITY = 26;
    public static final int IFLA_BR_MCAST_HASH_MAX = 27;
    public static final int IFLA_BR_MCAST_LAST_MEMBER_CNT = 28;
    public static final int IFLA_BR_MCAST_STARTUP_QUERY_CNT = 29;
    public static final int IFLA_BR_MCAST_LAST_MEMBER_INTVL = 30;
    public static final int IFLA_BR_MCAST_MEMBERSHIP_INTVL = 31;
    public static final int IFLA_BR_MCAST_QUERIER_INTVL = 32;
    public static final int IFLA_BR_MCAST_QUERY_INTVL = 33;
    public static final int IFLA_BR_MCAST_QUERY_RESPONSE_INTVL = 34;
    public static final int IFLA_BR_MCAST_STARTUP_QUERY_INTVL = 35;
    public static final int IFLA_BR_NF_CALL_IPTABLES = 36;
    public static final int IFLA_BR_NF_CALL_IP6TABLES = 37;
    public static final int IFLA_BR_NF_CALL_ARPTABLES = 38;
    public static final int IFLA_BR_VLAN_DEFAULT_PVID = 39;
    public static final int IFLA_BR_VLAN_STATS_ENABLED = 41;
    public static final int IFLA_BR_MCAST_STATS_ENABLED = 42;
    public static final int IFLA_BR_MCAST_IGMP_VERSION = 43;
    public static final int IFLA_BR_MCAST_MLD_VERSION = 44;
    public static final int IFLA_BR_VLAN_STATS_PER_PORT = 45;
    public static final int IFLA_BR_MULTI_BOOLOPT = 46;

    public static final int IFLA_BRPORT_STATE = 1;
    public static final int IFLA_BRPORT_PRIORITY = 2;
    public static final int IFLA_BRPORT_COST = 3;
    public static final int IFLA_BRPORT_MODE = 4;
    public static final int IFLA_BRPORT_GUARD = 5;
    public static final int IFLA_BRPORT_PROTECT = 6;
    public static final int IFLA_BRPORT_FAST_LEAVE = 7;
    public static final int IFLA_BRPORT_LEARNING = 8;
    public static final int IFLA_BRPORT_UNICAST_FLOOD = 9;
    public static final int IFLA_BRPORT_PROXYARP = 10;
    public static final int IFLA_BRPORT_PROXYARP_WIFI = 12;
    public static final int IFLA_BRPORT_ROOT_ID = 13;
    public static final int IFLA_BRPORT_BRIDGE_ID = 14;
    public static final int IFLA_BRPORT_DESIGNATED_PORT = 15;
    public static final int IFLA_BRPORT_DESIGNATED_COST = 16;
    public static final int IFLA_BRPORT_ID = 17;
    public static final int IFLA_BRPORT_NO = 18;
    public static final int IFLA_BRPORT_TOPOLOGY_CHANGE_ACK = 19;
    public static final int IFLA_BRPORT_CONFIG_PENDING = 20;
    public static final int IFLA_BRPORT_MESSAGE_AGE_TIMER = 21;
    public static final int IFLA_BRPORT_FORWARD_DELAY_TIMER = 22;
    public static final int IFLA_BRPORT_HOLD_TIMER = 23;
    public static final int IFLA_BRPORT_FLUSH = 24;
    public static final int IFLA_BRPORT_MULTICAST_ROUTER = 25;
    public static final int IFLA_BRPORT_MCAST_FLOOD = 27;
    public static final int IFLA_BRPORT_MCAST_TO_UCAST = 28;
    public static final int IFLA_BRPORT_VLAN_TUNNEL = 29;
    public static final int IFLA_BRPORT_BCAST_FLOOD = 30;
    public static final int IFLA_BRPORT_GROUP_FWD_MASK = 31;
    public static final int IFLA_BRPORT_NEIGH_SUPPRESS = 32;
    public static final int IFLA_BRPORT_ISOLATED = 33;
    public static final int IFLA_BRPORT_BACKUP_PORT = 34;
    public static final int IFLA_BRPORT_MCAST_EHT_HOSTS_CNT = 38;
    public static final int IFLA_BRPORT_LOCKED = 39;

    public static final int BR_BOOLOPT_NO_LL_LEARN = 0;
    public static final int BR_BOOLOPT_MCAST_VLAN_SNOOPING = 1;
    public static final int BR_BOOLOPT_MST_ENABLE = 2;

    public static final int BR_STATE_DISABLED = 0;
    public static final int BR_STATE_LISTENING = 1;
    public static final int BR_STATE_LEARNING = 2;
    public static final int BR_STATE_FORWARDING = 3;
    public static final int BR_STATE_BLOCKING = 4;

    /** sizeof(struct ifla_bridge_id). */
    public static final int IFLA_BRIDGE_ID_SIZE = 8;
    /** sizeof(struct br_boolopt_multi). */
    public static final int BR_BOOLOPT_MULTI_SIZE = 8;

    private LinuxBridge() {
    }
}
