package dev.jnetns.rtnl;

import dev.jnetns.uapi.LinuxIfLink;
import static dev.jnetns.uapi.LinuxIfLink.IFINFOMSG_SIZE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_ADDRESS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_BROADCAST;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GROUP;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_IFALIAS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_IFNAME;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_DATA;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_KIND;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MACVLAN_BC_QUEUE_LEN;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MACVLAN_BC_QUEUE_LEN_USED;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MACVLAN_FLAGS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MACVLAN_MODE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_GROUP;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_MULTI_QUEUE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_NUM_DISABLED_QUEUES;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_NUM_QUEUES;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_OWNER;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_PERSIST;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_PI;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_TYPE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TUN_VNET_HDR;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_ID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_LINK;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_PORT;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_SLAVE_KIND;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINK;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINKINFO;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINKMODE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINK_NETNSID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MASTER;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MAX_MTU;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MIN_MTU;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MTU;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_OPERSTATE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_QDISC;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TXQLEN;

import static dev.jnetns.uapi.LinuxIfLink.IFLA_AF_SPEC;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_CARRIER_CHANGES;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_STATS64;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_ALLMULTI;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GRO_MAX_SIZE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GSO_MAX_SEGS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_GSO_MAX_SIZE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INET6_ADDR_GEN_MODE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NUM_RX_QUEUES;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NUM_TX_QUEUES;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_PROMISCUITY;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TSO_MAX_SEGS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TSO_MAX_SIZE;

import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.netlink.NlAttrs;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;

/**
 * An RTM_NEWLINK message as the kernel reports a link: the {@code struct ifinfomsg} header and the
 * attributes jnetns reads. Absent numeric attributes are -1 (or 0 for master/link, which the kernel
 * never uses as an index); absent strings and byte arrays are null.
 *
 * @param family ifi_family
 * @param type ifi_type (ARPHRD_*)
 * @param index ifi_index
 * @param flags ifi_flags (IFF_*)
 * @param change ifi_change
 * @param macvlanMode IFLA_MACVLAN_MODE of a macvlan/macvtap, -1 otherwise
 * @param macvlanFlags IFLA_MACVLAN_FLAGS (MACVLAN_FLAG_*) of a macvlan/macvtap, 0 when absent
 * @param macvlanBcQueueLen IFLA_MACVLAN_BC_QUEUE_LEN, -1 when absent
 * @param macvlanUsedBcQueueLen IFLA_MACVLAN_BC_QUEUE_LEN_USED, -1 when absent
 * @param vxlanId IFLA_VXLAN_ID, -1 when not a vxlan
 * @param vxlanPort IFLA_VXLAN_PORT (host order), -1 when not a vxlan
 * @param vxlanLink IFLA_VXLAN_LINK, 0 when none
 * @param tunType IFLA_TUN_TYPE (1 tun, 2 tap), -1 when not a tun device
 * @param tun the other IFLA_TUN_* of a tun device, each -1 when absent: pi, vnet_hdr, persist,
 *     multi_queue, num_queues, num_disabled_queues, owner, group (in that order)
 * @param addrGenMode IFLA_INET6_ADDR_GEN_MODE in IFLA_AF_SPEC, -1 when absent
 * @param stats64 the counters of IFLA_STATS64 ({@code struct rtnl_link_stats64}, in its order), or null
 * @param carrierChanges IFLA_CARRIER_CHANGES, -1 when absent
 */
public record LinkMessage(
        int family, int type, int index, int flags, int change,
        String name, int mtu, int minMtu, int maxMtu, String qdisc, int operState, int linkMode,
        int group, int txQueueLen, byte[] address, byte[] broadcast, int master, int link,
        int linkNetnsId, String alias, String kind, String slaveKind, int macvlanMode, int macvlanFlags,
        int macvlanBcQueueLen, int macvlanUsedBcQueueLen, int vxlanId,
        int vxlanPort, int vxlanLink, int tunType, long[] tun, int promiscuity, int allmulti, int numTxQueues,
        int numRxQueues, int gsoMaxSize, int gsoMaxSegs, int tsoMaxSize, int tsoMaxSegs, int groMaxSize,
        int addrGenMode, long[] stats64, int carrierChanges) {

    /** Writes a {@code struct ifinfomsg}. */
    public static void writeHeader(NlWriter w, int family, int type, int index, int flags, int change) {
        w.u8(family).u8(0).u16(type).u32(index).u32(flags).u32(change);
    }

    /** Decodes an RTM_NEWLINK message. */
    public static LinkMessage decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlAttrs a = m.attrs(IFINFOMSG_SIZE, "RTM_NEWLINK");
        NlAttrs info = a.nestedOrNull(IFLA_LINKINFO);
        String kind = info == null ? null : info.stringOrNull(IFLA_INFO_KIND);
        NlAttrs data = info == null ? null : info.nestedOrNull(IFLA_INFO_DATA);
        boolean macvlan = "macvlan".equals(kind) || "macvtap".equals(kind);
        boolean vxlan = "vxlan".equals(kind);
        return new LinkMessage(
                Byte.toUnsignedInt(b.get(p)), Short.toUnsignedInt(b.getShort(p + 2)), b.getInt(p + 4),
                b.getInt(p + 8), b.getInt(p + 12),
                a.stringOrNull(IFLA_IFNAME),
                a.u32(IFLA_MTU, -1), a.u32(IFLA_MIN_MTU, -1), a.u32(IFLA_MAX_MTU, -1),
                a.stringOrNull(IFLA_QDISC),
                a.has(IFLA_OPERSTATE) ? a.u8(IFLA_OPERSTATE) : -1,
                a.has(IFLA_LINKMODE) ? a.u8(IFLA_LINKMODE) : -1,
                a.u32(IFLA_GROUP, -1), a.u32(IFLA_TXQLEN, -1),
                a.bytesOrNull(IFLA_ADDRESS), a.bytesOrNull(IFLA_BROADCAST),
                a.u32(IFLA_MASTER, 0), a.u32(IFLA_LINK, 0), a.u32(IFLA_LINK_NETNSID, -1),
                a.stringOrNull(IFLA_IFALIAS),
                kind, info == null ? null : info.stringOrNull(IFLA_INFO_SLAVE_KIND),
                macvlan && data != null ? data.u32(IFLA_MACVLAN_MODE, -1) : -1,
                macvlan && data != null && data.has(IFLA_MACVLAN_FLAGS) ? data.u16(IFLA_MACVLAN_FLAGS) : 0,
                macvlan && data != null ? data.u32(IFLA_MACVLAN_BC_QUEUE_LEN, -1) : -1,
                macvlan && data != null ? data.u32(IFLA_MACVLAN_BC_QUEUE_LEN_USED, -1) : -1,
                vxlan && data != null ? data.u32(IFLA_VXLAN_ID, -1) : -1,
                vxlan && data != null && data.has(IFLA_VXLAN_PORT) ? Short.toUnsignedInt(Short.reverseBytes((short) data.u16(IFLA_VXLAN_PORT))) : -1,
                vxlan && data != null ? data.u32(IFLA_VXLAN_LINK, 0) : 0,
                "tun".equals(kind) && data != null && data.has(IFLA_TUN_TYPE) ? data.u8(IFLA_TUN_TYPE) : -1,
                "tun".equals(kind) && data != null ? tun(data) : null,
                a.u32(IFLA_PROMISCUITY, -1), a.u32(IFLA_ALLMULTI, -1), a.u32(IFLA_NUM_TX_QUEUES, -1),
                a.u32(IFLA_NUM_RX_QUEUES, -1), a.u32(IFLA_GSO_MAX_SIZE, -1), a.u32(IFLA_GSO_MAX_SEGS, -1),
                a.u32(IFLA_TSO_MAX_SIZE, -1), a.u32(IFLA_TSO_MAX_SEGS, -1), a.u32(IFLA_GRO_MAX_SIZE, -1),
                addrGenMode(a.nestedOrNull(IFLA_AF_SPEC)), stats64(a), a.u32(IFLA_CARRIER_CHANGES, -1));
    }

    /** The u64 counters of IFLA_STATS64 (as many as the kernel sent), or null. */
    private static long[] stats64(NlAttrs a) {
        if (!a.has(IFLA_STATS64)) {
            return null;
        }
        ByteBuffer b = a.buffer();
        int pos = a.valueOffset(IFLA_STATS64);
        long[] out = new long[a.valueLength(IFLA_STATS64) / Long.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong(pos + i * Long.BYTES);
        }
        return out;
    }

    /** The IFLA_TUN_* of {@link #tun()}, -1 for each one absent. */
    private static long[] tun(NlAttrs data) {
        int[] u8 = {IFLA_TUN_PI, IFLA_TUN_VNET_HDR, IFLA_TUN_PERSIST, IFLA_TUN_MULTI_QUEUE};
        int[] u32 = {IFLA_TUN_NUM_QUEUES, IFLA_TUN_NUM_DISABLED_QUEUES, IFLA_TUN_OWNER, IFLA_TUN_GROUP};
        long[] out = new long[u8.length + u32.length];
        for (int i = 0; i < u8.length; i++) {
            out[i] = data.has(u8[i]) ? data.u8(u8[i]) : -1;
        }
        for (int i = 0; i < u32.length; i++) {
            out[u8.length + i] = data.has(u32[i]) ? Integer.toUnsignedLong(data.u32(u32[i])) : -1;
        }
        return out;
    }

    /** IFLA_INET6_ADDR_GEN_MODE of the AF_INET6 part of IFLA_AF_SPEC (nested by family), or -1. */
    private static int addrGenMode(NlAttrs afSpec) {
        NlAttrs inet6 = afSpec == null ? null : afSpec.nestedOrNull(AF_INET6);
        return inet6 != null && inet6.has(IFLA_INET6_ADDR_GEN_MODE) ? inet6.u8(IFLA_INET6_ADDR_GEN_MODE) : -1;
    }
}
