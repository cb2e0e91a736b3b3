package dev.jnetns.kind;

import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MCAST_EHT_HOSTS_CNT;

import dev.jnetns.RawAttributes;

/**
 * A bridge port's data (IFLA_INFO_SLAVE_DATA of a device whose master is a bridge, IFLA_BRPORT_*;
 * {@code ip -d link show}: {@code bridge_slave state forwarding priority 32 cost 2 ...}). Absent
 * numbers are -1; the on/off settings are 1 or 0; times are in hundredths of a second.
 *
 * @param state BR_STATE_* (0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking)
 * @param priority the port priority ({@code priority})
 * @param cost the path cost ({@code cost})
 * @param hairpin 1 when frames may go back out of the port they came in on ({@code hairpin})
 * @param guard 1 when BPDUs are refused ({@code guard})
 * @param rootBlock 1 when the port may not become the root port ({@code root_block})
 * @param fastLeave 1 with multicast fast leave ({@code fastleave})
 * @param learning 1 when source addresses are learnt ({@code learning})
 * @param flood 1 when unknown unicast is flooded to the port ({@code flood})
 * @param id the port identifier ({@code port_id})
 * @param no the port number ({@code port_no})
 * @param designatedPort {@code designated_port}
 * @param designatedCost {@code designated_cost}
 * @param designatedBridge {@code designated_bridge}, or null
 * @param designatedRoot {@code designated_root}, or null
 * @param holdTimer time left on the hold timer
 * @param messageAgeTimer time left on the message age timer
 * @param forwardDelayTimer time left on the forward delay timer
 * @param topologyChangeAck {@code topology_change_ack}
 * @param configPending {@code config_pending}
 * @param proxyArp 1 with proxy ARP ({@code proxy_arp})
 * @param proxyArpWifi 1 with proxy ARP for Wi-Fi ({@code proxy_arp_wifi})
 * @param multicastRouter 0 never, 1 learnt, 2 always, 3 temporary ({@code mcast_router})
 * @param mcastFlood 1 when unknown multicast is flooded to the port ({@code mcast_flood})
 * @param bcastFlood 1 when broadcast is flooded to the port ({@code bcast_flood})
 * @param mcastToUnicast 1 when multicast is sent as unicast ({@code mcast_to_unicast})
 * @param neighSuppress 1 with ARP/ND suppression ({@code neigh_suppress})
 * @param groupFwdMask link-local groups forwarded through the port ({@code group_fwd_mask})
 * @param vlanTunnel 1 with VLAN tunnel mapping ({@code vlan_tunnel})
 * @param isolated 1 when the port talks to unisolated ports only ({@code isolated})
 * @param locked 1 when only authenticated hosts get through ({@code locked})
 * @param backupPort ifindex of the backup port ({@code backup_port}; 0 in a request: {@code nobackup_port})
 * @param flush in a request, flush the port's forwarding entries ({@code fdb_flush})
 * @param raw unmodelled attributes (a newer kernel's: mab, multicast limits ...)
 */
public record BridgePort(int state, int priority, long cost, int hairpin, int guard, int rootBlock, int fastLeave,
                         int learning, int flood, int id, int no, int designatedPort, int designatedCost,
                         Bridge.Id designatedBridge, Bridge.Id designatedRoot, long holdTimer, long messageAgeTimer,
                         long forwardDelayTimer, int topologyChangeAck, int configPending, int proxyArp,
                         int proxyArpWifi, int multicastRouter, int mcastFlood, int bcastFlood, int mcastToUnicast,
                         int neighSuppress, int groupFwdMask, int vlanTunnel, int isolated, int locked,
                         long backupPort, boolean flush, RawAttributes raw) implements LinkData {
    /**
     * This port without what moves on its own: its running timers (hold, message age, forward delay) and
     * the counts kept raw of the multicast groups and hosts it has (the kernel joins groups by itself).
     */
    @Override
    public BridgePort withoutTimers() {
        return new BridgePort(state, priority, cost, hairpin, guard, rootBlock, fastLeave, learning, flood, id, no,
                designatedPort, designatedCost, designatedBridge, designatedRoot, -1, -1, -1, topologyChangeAck,
                configPending, proxyArp, proxyArpWifi, multicastRouter, mcastFlood, bcastFlood, mcastToUnicast,
                neighSuppress, groupFwdMask, vlanTunnel, isolated, locked, backupPort, flush,
                raw.without(IFLA_BRPORT_MCAST_N_GROUPS, IFLA_BRPORT_MCAST_EHT_HOSTS_CNT));
    }

    /**
     * Linux 6.3's IFLA_BRPORT_MCAST_N_GROUPS, the count of multicast groups the port is in: newer
     * than the headers the uapi constants are checked against (AbiConformanceTest), so kept here.
     */
    private static final int IFLA_BRPORT_MCAST_N_GROUPS = 41;
}
