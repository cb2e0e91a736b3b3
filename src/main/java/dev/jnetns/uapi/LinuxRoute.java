package dev.jnetns.uapi;

/**
 * Routes: {@code struct rtmsg}, its attributes, types, protocols, scopes, tables and flags from
 * {@code linux/rtnetlink.h}; the metrics (RTAX_*), the IPv4 cache flags of {@code linux/in_route.h} and
 * the router preferences of {@code linux/icmpv6.h}.
 */
public final class LinuxRoute {
    /** {@code sizeof(struct rtmsg)}. */
    public static final int RTMSG_SIZE = 12;
    /** {@code sizeof(struct rtnexthop)}. */
    public static final int RTNEXTHOP_SIZE = 8;
    /** {@code sizeof(struct rta_cacheinfo)}. */
    public static final int RTA_CACHEINFO_SIZE = 32;

    /** The rtm_family of IPv4 multicast forwarding entries. */
    public static final int RTNL_FAMILY_IPMR = 128;
    /** The rtm_family of IPv6 multicast forwarding entries. */
    public static final int RTNL_FAMILY_IP6MR = 129;

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
    public static final int RTA_MFC_STATS = 17;
    public static final int RTA_VIA = 18;
    public static final int RTA_NEWDST = 19;
    public static final int RTA_PREF = 20;
    public static final int RTA_ENCAP_TYPE = 21;
    public static final int RTA_ENCAP = 22;
    public static final int RTA_EXPIRES = 23;
    public static final int RTA_PAD = 24;
    public static final int RTA_UID = 25;
    public static final int RTA_TTL_PROPAGATE = 26;
    public static final int RTA_IP_PROTO = 27;
    public static final int RTA_SPORT = 28;
    public static final int RTA_DPORT = 29;
    public static final int RTA_NH_ID = 30;

    public static final int RTAX_LOCK = 1;
    public static final int RTAX_MTU = 2;
    public static final int RTAX_WINDOW = 3;
    public static final int RTAX_RTT = 4;
    public static final int RTAX_RTTVAR = 5;
    public static final int RTAX_SSTHRESH = 6;
    public static final int RTAX_CWND = 7;
    public static final int RTAX_ADVMSS = 8;
    public static final int RTAX_REORDERING = 9;
    public static final int RTAX_HOPLIMIT = 10;
    public static final int RTAX_INITCWND = 11;
    public static final int RTAX_FEATURES = 12;
    public static final int RTAX_RTO_MIN = 13;
    public static final int RTAX_INITRWND = 14;
    public static final int RTAX_QUICKACK = 15;
    public static final int RTAX_CC_ALGO = 16;
    public static final int RTAX_FASTOPEN_NO_COOKIE = 17;
    public static final int RTAX_MAX = 17;
    public static final int RTAX_FEATURE_ECN = 1;

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
    public static final int RTN_XRESOLVE = 11;

    public static final int RTPROT_UNSPEC = 0;
    public static final int RTPROT_REDIRECT = 1;
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;
    public static final int RTPROT_GATED = 8;
    public static final int RTPROT_RA = 9;
    public static final int RTPROT_MRT = 10;
    public static final int RTPROT_ZEBRA = 11;
    public static final int RTPROT_BIRD = 12;
    public static final int RTPROT_DNROUTED = 13;
    public static final int RTPROT_XORP = 14;
    public static final int RTPROT_NTK = 15;
    public static final int RTPROT_DHCP = 16;
    public static final int RTPROT_KEEPALIVED = 18;
    public static final int RTPROT_BABEL = 42;
    public static final int RTPROT_OPENR = 99;
    public static final int RTPROT_BGP = 186;
    public static final int RTPROT_ISIS = 187;
    public static final int RTPROT_OSPF = 188;
    public static final int RTPROT_RIP = 189;
    public static final int RTPROT_EIGRP = 192;

    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_COMPAT = 252;
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
    public static final int RTM_F_EQUALIZE = 0x400;
    public static final int RTM_F_PREFIX = 0x800;
    public static final int RTM_F_LOOKUP_TABLE = 0x1000;
    public static final int RTM_F_FIB_MATCH = 0x2000;
    public static final int RTM_F_OFFLOAD = 0x4000;
    public static final int RTM_F_TRAP = 0x8000;
    public static final int RTM_F_OFFLOAD_FAILED = 0x20000000;

    public static final int RTCF_NOTIFY = 0x00010000;
    public static final int RTCF_DIRECTDST = 0x00020000;
    public static final int RTCF_REDIRECTED = 0x00040000;
    public static final int RTCF_TPROXY = 0x00080000;
    public static final int RTCF_FAST = 0x00200000;
    public static final int RTCF_MASQ = 0x00400000;
    public static final int RTCF_SNAT = 0x00800000;
    public static final int RTCF_DOREDIRECT = 0x01000000;
    public static final int RTCF_DIRECTSRC = 0x04000000;
    public static final int RTCF_DNAT = 0x08000000;
    public static final int RTCF_BROADCAST = 0x10000000;
    public static final int RTCF_MULTICAST = 0x20000000;
    public static final int RTCF_REJECT = 0x40000000;
    public static final long RTCF_LOCAL = 0x80000000L;

    public static final int ICMPV6_ROUTER_PREF_LOW = 3;
    public static final int ICMPV6_ROUTER_PREF_MEDIUM = 0;
    public static final int ICMPV6_ROUTER_PREF_HIGH = 1;


    private LinuxRoute() {
    }
}
