package dev.jnetns.uapi;

/** The body of RTM_*NETCONF messages, from {@code linux/netconf.h}. */
public final class LinuxNetconf {
    /** {@code sizeof(struct netconfmsg)}: one family byte (attributes follow at 4). */
    public static final int NETCONFMSG_SIZE = 1;
    public static final int NETCONFA_UNSPEC = 0;
    public static final int NETCONFA_IFINDEX = 1;
    public static final int NETCONFA_FORWARDING = 2;
    public static final int NETCONFA_RP_FILTER = 3;
    public static final int NETCONFA_MC_FORWARDING = 4;
    public static final int NETCONFA_PROXY_NEIGH = 5;
    public static final int NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN = 6;
    public static final int NETCONFA_INPUT = 7;
    public static final int NETCONFA_BC_FORWARDING = 8;
    /** The ifindex of the {@code all} entry. */
    public static final int NETCONFA_IFINDEX_ALL = -1;
    /** The ifindex of the {@code default} entry. */
    public static final int NETCONFA_IFINDEX_DEFAULT = -2;

    private LinuxNetconf() {
    }
}
