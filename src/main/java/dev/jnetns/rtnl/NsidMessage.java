package dev.jnetns.rtnl;

import dev.jnetns.uapi.LinuxRtnetlink;
import dev.jnetns.uapi.LinuxNetNamespace;
import dev.jnetns.netlink.NlAttrs;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;

/**
 * RTM_NEWNSID / RTM_GETNSID ({@code linux/net_namespace.h}): the id under which the requesting
 * namespace knows another one. The header is a {@code struct rtgenmsg} (one family byte, padded).
 *
 * @param nsid the id, or {@link LinuxNetNamespace#NETNSA_NSID_NOT_ASSIGNED}
 */
public record NsidMessage(int nsid) {

    /** Writes the rtgenmsg header (AF_UNSPEC) padded to 4 bytes. */
    public static void writeHeader(NlWriter w) {
        w.u8(0).u8(0).u16(0);
    }

    public static NsidMessage decode(NlMessage m) {
        NlAttrs a = m.attrs(LinuxRtnetlink.RTGENMSG_SIZE, "RTM_NEWNSID");
        return new NsidMessage(a.u32(LinuxNetNamespace.NETNSA_NSID, LinuxNetNamespace.NETNSA_NSID_NOT_ASSIGNED));
    }
}
