package dev.jnetns.kind;

import dev.jnetns.RawAttributes;
import java.net.InetAddress;

/**
 * A vxlan's data ({@code ip -d link show}: {@code id 42 remote 198.18.0.2 dev v0 srcport 0 0
 * dstport 4789 ...}). Absent numbers are -1; absent flag attributes false.
 *
 * @param id the VNI (IFLA_VXLAN_ID)
 * @param remote the remote or multicast group (IFLA_VXLAN_GROUP / GROUP6), or null
 * @param local the local address (IFLA_VXLAN_LOCAL / LOCAL6), or null
 * @param link ifindex of the underlay device ({@code dev}), 0 when none
 * @param ttl the TTL (0 auto)
 * @param tos the TOS (1 inherit)
 * @param learning 1 when learning (0 {@code nolearning})
 * @param ageing FDB entry lifetime in seconds (0 none)
 * @param limit the FDB's size limit ({@code maxaddr}, 0 unlimited)
 * @param portLow the lowest UDP source port ({@code srcport LOW HIGH})
 * @param portHigh the highest UDP source port
 * @param proxy 1 with ARP proxy
 * @param rsc 1 with route short-circuit
 * @param l2miss 1 when L2 misses are notified
 * @param l3miss 1 when L3 misses are notified
 * @param port the UDP destination port ({@code dstport})
 * @param udpCsum 1 with UDP checksums over IPv4
 * @param udpZeroCsum6Tx 1 when sending zero UDP checksums over IPv6
 * @param udpZeroCsum6Rx 1 when accepting zero UDP checksums over IPv6
 * @param remcsumTx 1 with remote checksum offload on transmit
 * @param remcsumRx 1 with remote checksum offload on receive
 * @param gbp the group-based policy extension (IFLA_VXLAN_GBP)
 * @param remcsumNoPartial IFLA_VXLAN_REMCSUM_NOPARTIAL
 * @param collectMetadata 1 for an {@code external} (metadata) device
 * @param label the IPv6 flow label ({@code flowlabel})
 * @param gpe the generic protocol extension (IFLA_VXLAN_GPE)
 * @param ttlInherit {@code ttl inherit} (IFLA_VXLAN_TTL_INHERIT): 1 on, 0 off (the kernel sends a u8), 2 on
 *     as ip requests it (a flag without a value)
 * @param df VXLAN_DF_* (0 unset, 1 set, 2 inherit)
 * @param vnifilter 1 with a VNI filter
 * @param raw unmodelled attributes
 */
public record Vxlan(long id, InetAddress remote, InetAddress local, int link, int ttl, int tos, int learning,
                    long ageing, long limit, int portLow, int portHigh, int proxy, int rsc, int l2miss, int l3miss,
                    int port, int udpCsum, int udpZeroCsum6Tx, int udpZeroCsum6Rx, int remcsumTx, int remcsumRx,
                    boolean gbp, boolean remcsumNoPartial, int collectMetadata, long label, boolean gpe,
                    int ttlInherit, int df, int vnifilter, RawAttributes raw) implements LinkData {

    /**
     * A vxlan to create: {@code id VNI}, everything else left to the kernel (learning on, as ip sends it).
     *
     * @param vni the VXLAN network identifier
     * @return the vxlan's data
     */
    public static Vxlan of(long vni) {
        return new Vxlan(vni, null, null, 0, -1, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                false, false, -1, -1, false, -1, -1, -1, RawAttributes.NONE);
    }
}
