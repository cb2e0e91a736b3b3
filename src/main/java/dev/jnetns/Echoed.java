package dev.jnetns;

import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELNEXTHOP;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWLINK;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNEXTHOP;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWROUTE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWRULE;

import dev.jnetns.netlink.NlMessage;
import dev.jnetns.rtnl.AddressCodec;
import dev.jnetns.rtnl.LinkCodec;
import dev.jnetns.rtnl.NexthopCodec;
import dev.jnetns.rtnl.RouteCodec;
import dev.jnetns.rtnl.RuleCodec;

/**
 * What the kernel echoes for a change request sent with NLM_F_ECHO ({@code ip -echo}, see
 * {@link Rtnl#echo}): the device, address, route, rule or nexthop as it was made, changed or deleted.
 *
 * @param deleted whether the request deleted it (an RTM_DEL* message)
 * @param object a {@link Link}, {@link Address}, {@link Route}, {@link Rule} or {@link Nexthop}
 */
public record Echoed(boolean deleted, Object object) {
    /** The object of an echoed message; null for a message of another type. */
    static Echoed of(NlMessage m) {
        switch (m.type()) {
            case RTM_NEWLINK: case RTM_DELLINK: return new Echoed(m.type() == RTM_DELLINK, LinkCodec.decode(m));
            case RTM_NEWADDR: case RTM_DELADDR: return new Echoed(m.type() == RTM_DELADDR, AddressCodec.decode(m));
            case RTM_NEWROUTE: case RTM_DELROUTE: return new Echoed(m.type() == RTM_DELROUTE, RouteCodec.decode(m));
            case RTM_NEWRULE: case RTM_DELRULE: return new Echoed(m.type() == RTM_DELRULE, RuleCodec.decode(m));
            case RTM_NEWNEXTHOP: case RTM_DELNEXTHOP:
                return new Echoed(m.type() == RTM_DELNEXTHOP, Nexthop.of(NexthopCodec.decode(m)));
            default: return null;
        }
    }
}
