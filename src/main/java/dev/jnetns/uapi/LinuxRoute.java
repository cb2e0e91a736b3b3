package dev.jnetns.uapi;

/** Route attributes, types, protocols, scopes and tables from {@code linux/rtnetlink.h}. */
public final class LinuxRoute {
    /** {@code sizeof(struct rtmsg)}. */
    public static final int RTMSG_SIZE = 12;
    /** {@code sizeof(struct rtnexthop)}. */
    public static final int RTNEXTHOP_SIZE = 8;

    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_IIF = 3;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_FLOW = 11;
    public static final int RTA_CACHEINFO = 12;
    public static final int RTA_TABLE = 15;
    public static final int RTA_MARK = 16;
    public static final int RTA_VIA = 18;
    public static final int RTA_PREF = 20;
    public static final int RTA_EXPIRES = 23;
    public static final int RTA_UID = 25;

    public static final int RTAX_MTU = 2;

    public static final int RTN_UNSPEC = 0;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTN_THROW = 9;
    public static final int RTN_NAT = 10;

    public static final int RTPROT_UNSPEC = 0;
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;

    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_DEFAULT = 253;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    public static final int RTNH_F_DEAD = 1;
    public static final int RTNH_F_PERVASIVE = 2;
    public static final int RTNH_F_ONLINK = 4;
    public static final int RTNH_F_OFFLOAD = 8;
    public static final int RTNH_F_LINKDOWN = 16;
    public static final int RTNH_F_UNRESOLVED = 32;
    public static final int RTNH_F_TRAP = 64;
    public static final int RTM_F_NOTIFY = 0x100;
    public static final int RTM_F_CLONED = 0x200;
    public static final int RTM_F_LOOKUP_TABLE = 0x1000;
    public static final int RTM_F_FIB_MATCH = 0x2000;

    private LinuxRoute() {
    }
}
