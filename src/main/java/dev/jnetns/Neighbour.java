package dev.jnetns;

import dev.jnetns.rtnl.Escape;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_EXT_LEARNED;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_PROXY;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_ROUTER;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A neighbour (ARP/NDP) entry as the kernel reports it ({@code ip neigh show}), every attribute
 * of its RTM_NEWNEIGH message included. Immutable. Absent numbers are -1, absent objects null.
 *
 * @param index ifindex of the device (ndm_ifindex)
 * @param family AF_INET or AF_INET6 (AF_BRIDGE for a bridge's forwarding entries)
 * @param dst the neighbour's address (NDA_DST), or null
 * @param lladdr its link-layer address as colon-separated hex (NDA_LLADDR), or null
 * @param state NUD_* bits (ndm_state)
 * @param flags NTF_* bits (ndm_flags)
 * @param type the ndm_type byte (an RTN_* type)
 * @param probes probes sent (NDA_PROBES)
 * @param cache the ages of the entry (NDA_CACHEINFO), or null
 * @param vlan NDA_VLAN (bridge forwarding entries)
 * @param port NDA_PORT, the VXLAN destination port in host order
 * @param vni NDA_VNI
 * @param ifindex NDA_IFINDEX: the device a dump is filtered by, or a VXLAN entry's outgoing device
 * @param master NDA_MASTER: the master device a dump is filtered by
 * @param linkNetnsId NDA_LINK_NETNSID
 * @param srcVni NDA_SRC_VNI
 * @param protocol who added the entry (NDA_PROTOCOL, an RTPROT_*)
 * @param nhId the nexthop id of a forwarding entry (NDA_NH_ID)
 * @param flagsExt NTF_EXT_* bits (NDA_FLAGS_EXT)
 * @param raw what the message held beyond these fields (see {@link RawAttributes})
 */
public record Neighbour(int index, int family, InetAddress dst, String lladdr, int state, int flags, int type,
                        long probes, CacheInfo cache, int vlan, int port, long vni, long ifindex, long master,
                        int linkNetnsId, long srcVni, int protocol, long nhId, long flagsExt, RawAttributes raw) {
    private static final String[] STATE_NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED",
        "NOARP", "PERMANENT"};

    /**
     * The ages of an entry (struct nda_cacheinfo), in clock ticks ({@code LinuxParam.HZ} a second):
     * since it was last confirmed, used and updated; and its reference count.
     *
     * @param confirmed ticks since the entry was last confirmed
     * @param used ticks since it was last used
     * @param updated ticks since it was last updated
     * @param refcnt its reference count
     */
    public record CacheInfo(long confirmed, long used, long updated, long refcnt) {
    }

    /**
     * An entry to add, replace or delete, or the filter of a dump: the ndmsg fields with no
     * attributes but the address and link-layer address.
     *
     * @param index the device's ifindex
     * @param family the address family: AF_INET (2), AF_INET6 (10), or AF_UNSPEC (0) for a dump of both
     * @param dst the neighbour's address
     * @param lladdr its link-layer address, "aa:bb:cc:dd:ee:ff", or null
     * @param state NUD_* bits
     * @param flags NTF_* bits
     * @return the entry
     */
    public static Neighbour of(int index, int family, InetAddress dst, String lladdr, int state, int flags) {
        return new Neighbour(index, family, dst, lladdr, state, flags, 0, -1, null, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                -1, RawAttributes.NONE);
    }

    /**
     * {@return this entry without what changes while nothing happens to it (its ages and probe count): what
     * a monitor compares to tell a real change}
     */
    public Neighbour withoutAges() {
        return new Neighbour(index, family, dst, lladdr, state, flags, type, -1, null, vlan, port, vni, ifindex,
                master, linkNetnsId, srcVni, protocol, nhId, flagsExt, raw.withoutLayout());
    }

    /** {@return true for a proxy entry ({@code ip neigh add proxy ADDR dev DEV})} */
    public boolean isProxy() {
        return (flags & NTF_PROXY) != 0;
    }

    /** {@return the states as {@code ip neigh} names them, e.g. {@code [PERMANENT]}; {@code [NONE]} for 0} */
    public List<String> stateNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < STATE_NAMES.length; i++) {
            if ((state & (1 << i)) != 0) {
                out.add(STATE_NAMES[i]);
            }
        }
        if (out.isEmpty()) {
            out.add("NONE");
        }
        return out;
    }

    /**
     * {@return true when {@code ip neigh show nud ...} lists this entry: its state has one of the NUD_* bits
     * {@code states}, or it has none and {@code none} is set ({@code nud none}, {@code nud all}), or
     * it is a proxy or externally learned entry (always listed)} {@code ip neigh show} alone lists
     * every state but NOARP.
     *
     * @param states NUD_* bits
     * @param none true to list entries with no state too
     */
    public boolean shownBy(int states, boolean none) {
        return (states & state) != 0 || (flags & (NTF_PROXY | NTF_EXT_LEARNED)) != 0 || (state == 0 && none);
    }

    /**
     * {@return NUD_* value of a state name ("permanent", "reachable", "noarp", "stale", "none" …), as {@code ip neigh ... nud NAME}}
     *
     * @param name the state's name
     */
    public static int state(String name) {
        if (name.equalsIgnoreCase("none")) {
            return 0;
        }
        for (int i = 0; i < STATE_NAMES.length; i++) {
            if (STATE_NAMES[i].equalsIgnoreCase(name)) {
                return 1 << i;
            }
        }
        throw new IllegalArgumentException("invalid nud state " + Escape.quoted(name));
    }

    /** As {@code ip neigh} writes it: {@code 198.18.0.9 dev if3 lladdr 02:00:00:00:00:09 router PERMANENT}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (dst != null) {
            sb.append(Inet.format(dst)).append(' ');
        }
        sb.append("dev if").append(index);
        if (lladdr != null) {
            sb.append(" lladdr ").append(lladdr);
        }
        if ((flags & NTF_ROUTER) != 0) {
            sb.append(" router");
        }
        if (isProxy()) {
            sb.append(" proxy");
        }
        if (state != 0) {
            sb.append(' ').append(String.join(" ", stateNames()));
        }
        return sb.toString();
    }
}
