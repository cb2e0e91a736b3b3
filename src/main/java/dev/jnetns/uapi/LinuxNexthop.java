package dev.jnetns.uapi;

/** Nexthop objects from {@code linux/nexthop.h}: {@code struct nhmsg}, {@code struct nexthop_grp}, NHA_*. */
public final class LinuxNexthop {
    /** {@code sizeof(struct nhmsg)}. */
    public static final int NHMSG_SIZE = 8;
    /** {@code sizeof(struct nexthop_grp)}. */
    public static final int NEXTHOP_GRP_SIZE = 8;
    public static final int NHA_ID = 1;
    public static final int NHA_GROUP = 2;
    public static final int NHA_GROUP_TYPE = 3;
    public static final int NHA_BLACKHOLE = 4;
    public static final int NHA_OIF = 5;
    public static final int NHA_GATEWAY = 6;
    public static final int NHA_ENCAP_TYPE = 7;
    public static final int NHA_ENCAP = 8;
    public static final int NHA_GROUPS = 9;
    public static final int NHA_MASTER = 10;
    public static final int NHA_FDB = 11;
    public static final int NHA_RES_GROUP = 12;
    public static final int NHA_RES_BUCKET = 13;
    public static final int NEXTHOP_GRP_TYPE_MPATH = 0;
    public static final int NEXTHOP_GRP_TYPE_RES = 1;

    private LinuxNexthop() {
    }
}
