package dev.jnetns.kind;

import static dev.jnetns.uapi.LinuxVlan.ETH_P_8021AD;
import static dev.jnetns.uapi.LinuxVlan.ETH_P_8021Q;

import dev.jnetns.RawAttributes;
import java.util.List;

/**
 * A vlan's data (IFLA_VLAN_*, {@code ip -d link show}: {@code vlan protocol 802.1Q id 10 <REORDER_HDR>}).
 * Absent numbers are -1, absent objects null.
 *
 * @param id the VLAN id ({@code id})
 * @param protocol the tag's ethertype, 0x8100 (802.1Q) or 0x88a8 (802.1ad) ({@code protocol})
 * @param flags the VLAN_FLAG_* bits ({@code reorder_hdr}, {@code gvrp}, {@code mvrp}, {@code loose_binding},
 *     {@code bridge_binding}), or null
 * @param ingressQos the priority mappings of received frames ({@code ingress-qos-map}), or null
 * @param egressQos the priority mappings of sent frames ({@code egress-qos-map}), or null
 * @param raw unmodelled attributes
 */
public record Vlan(int id, int protocol, Flags flags, List<QosMapping> ingressQos, List<QosMapping> egressQos,
                   RawAttributes raw) implements LinkData {

    /**
     * A vlan to create: {@code id ID}, as ip sends it.
     *
     * @param id the VLAN id, 0..4094
     * @return the vlan's data
     */
    public static Vlan of(int id) {
        return new Vlan(id, -1, null, null, null, RawAttributes.NONE);
    }

    /**
     * The flags (struct ifla_vlan_flags).
     *
     * @param flags the VLAN_FLAG_* bits set
     * @param mask the bits {@code flags} holds (in a request: the ones to change; the kernel sends all ones)
     */
    public record Flags(int flags, int mask) {
    }

    /**
     * One priority mapping (struct ifla_vlan_qos_mapping): {@code FROM:TO}.
     *
     * @param from the skb priority (egress) or the VLAN priority (ingress)
     * @param to what it maps to
     */
    public record QosMapping(long from, long to) {
    }

    /**
     * {@return the name ip gives an ethertype of a VLAN tag (iproute2's ll_proto_n2a): "802.1Q", "802.1ad", or
     * "[N]" for the others (which the kernel refuses for vlans and bridges)}
     *
     * @param ethertype the tag's ethertype
     */
    public static String protocolName(int ethertype) {
        switch (ethertype) {
            case ETH_P_8021Q: return "802.1Q";
            case ETH_P_8021AD: return "802.1ad";
            default: return "[" + ethertype + "]";
        }
    }
}
