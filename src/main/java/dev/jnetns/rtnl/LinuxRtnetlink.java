package dev.jnetns.rtnl;

/** Message types and constants from {@code linux/rtnetlink.h}; names as in the kernel. */
public final class LinuxRtnetlink {
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNSID = 88;
    public static final int RTM_GETNSID = 90;

    /** {@code sizeof(struct rtgenmsg)}. */
    public static final int RTGENMSG_SIZE = 1;

    public static final int RTEXT_FILTER_VF = 1;
    public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    private LinuxRtnetlink() {
    }

    /** "RTM_NEWLINK" for 16 and so on; the number for types this class does not name. */
    public static String name(int type) {
        switch (type) {
            case RTM_NEWLINK: return "RTM_NEWLINK";
            case RTM_DELLINK: return "RTM_DELLINK";
            case RTM_GETLINK: return "RTM_GETLINK";
            case RTM_SETLINK: return "RTM_SETLINK";
            case RTM_NEWADDR: return "RTM_NEWADDR";
            case RTM_DELADDR: return "RTM_DELADDR";
            case RTM_GETADDR: return "RTM_GETADDR";
            case RTM_NEWROUTE: return "RTM_NEWROUTE";
            case RTM_DELROUTE: return "RTM_DELROUTE";
            case RTM_GETROUTE: return "RTM_GETROUTE";
            case RTM_NEWNSID: return "RTM_NEWNSID";
            case RTM_GETNSID: return "RTM_GETNSID";
            default: return "RTM_" + type;
        }
    }
}
