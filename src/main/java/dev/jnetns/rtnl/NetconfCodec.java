package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxNetconf.NETCONFA_FORWARDING;
import static dev.jnetns.uapi.LinuxNetconf.NETCONFA_IFINDEX;
import static dev.jnetns.uapi.LinuxNetconf.NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN;
import static dev.jnetns.uapi.LinuxNetconf.NETCONFA_INPUT;
import static dev.jnetns.uapi.LinuxNetconf.NETCONFA_MC_FORWARDING;
import static dev.jnetns.uapi.LinuxNetconf.NETCONFA_PROXY_NEIGH;
import static dev.jnetns.uapi.LinuxNetconf.NETCONFA_RP_FILTER;
import static dev.jnetns.uapi.LinuxNetconf.NETCONFMSG_SIZE;

import dev.jnetns.Netconf;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * RTM_NEWNETCONF / RTM_GETNETCONF ({@code linux/netconf.h}): a {@code struct netconfmsg} (one
 * family byte, padded to 4) and the NETCONFA_* attributes, all 32-bit, read into a {@link Netconf}
 * and written back from one. Equivalent to what {@code ip netconf show} sends and reads.
 */
public final class NetconfCodec {
    /** The order the kernel writes attributes in (inet_netconf_fill_devconf). */
    private static final int[] ORDER = {NETCONFA_IFINDEX, NETCONFA_FORWARDING, NETCONFA_RP_FILTER,
        NETCONFA_MC_FORWARDING, NETCONFA_PROXY_NEIGH, NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, NETCONFA_INPUT};

    /** The netconfmsg as written: its family byte and the padding to 4. */
    private static final int HEADER_SIZE = 4;

    private NetconfCodec() {
    }

    /** Reads a netconf message. */
    public static Netconf decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        NlReader r = NlReader.of(m, NETCONFMSG_SIZE, "RTM_NEWNETCONF");
        Layout layout = new Layout().header(b, m.payloadOffset(), Math.min(HEADER_SIZE, m.end() - m.payloadOffset()));
        int[] v = new int[ORDER.length];
        Arrays.fill(v, Netconf.ABSENT);
        while (r.next()) {
            int at = index(r.type());
            if (at < 0 || r.valueLength() != 4) {
                layout.unknown(r);
                continue;
            }
            v[at] = r.u32();
            layout.known(r);
        }
        return new Netconf(b.get(m.payloadOffset()) & 0xff, v[0], v[1], v[2], v[3], v[4], v[5], v[6], layout.done());
    }

    /** Writes {@code c} as the body of a netconf message (after the nlmsghdr): the netconfmsg, then the attributes. */
    public static void encode(Netconf c, NlWriter w) {
        w.u8(c.family());
        for (int i = 1; i < HEADER_SIZE; i++) {
            w.u8(c.raw().headerByte(i, 0));
        }
        int[] v = {c.ifindex(), c.forwarding(), c.rpFilter(), c.mcForwarding(), c.proxyNeigh(),
            c.ignoreRoutesWithLinkdown(), c.input()};
        Layout.write(w, c.raw(), ORDER, (out, type, recorded) -> {
            int at = index(type);
            if (at < 0) {
                return false;
            }
            if (recorded || v[at] != Netconf.ABSENT) {
                out.attrU32(type, v[at]);
            }
            return true;
        });
    }

    private static int index(int type) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i] == type) {
                return i;
            }
        }
        return -1;
    }
}
