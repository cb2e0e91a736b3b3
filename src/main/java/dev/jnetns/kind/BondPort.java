package dev.jnetns.kind;

import dev.jnetns.RawAttributes;

/**
 * A bond port's data (IFLA_INFO_SLAVE_DATA of a device whose master is a bond, IFLA_BOND_SLAVE_*;
 * {@code ip -d link show}: {@code bond_slave state ACTIVE mii_status UP ...}). Absent numbers are -1.
 *
 * @param state BOND_STATE_* (0 active, 1 backup)
 * @param miiStatus BOND_LINK_* (0 up, 1 going down, 2 down, 3 going back)
 * @param linkFailureCount how often the port's link failed
 * @param permHwaddr the port's permanent hardware address, or null
 * @param queueId the transmit queue of the port ({@code queue_id})
 * @param prio the port's priority for active port selection ({@code prio}; an s32), or null
 * @param adAggregatorId the 802.3ad aggregator the port is in
 * @param adActorOperPortState the LACP_STATE_* bits of the port's actor
 * @param adPartnerOperPortState the LACP_STATE_* bits of its partner (a u16; ip prints the low byte)
 * @param raw unmodelled attributes
 */
public record BondPort(int state, int miiStatus, long linkFailureCount, String permHwaddr, int queueId,
                       Integer prio, int adAggregatorId, int adActorOperPortState, int adPartnerOperPortState,
                       RawAttributes raw) implements LinkData {
}
