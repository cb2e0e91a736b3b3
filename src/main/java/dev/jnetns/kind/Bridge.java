package dev.jnetns.kind;

import dev.jnetns.RawAttributes;

/**
 * A bridge's data (IFLA_BR_*, {@code ip -d link show}: {@code bridge forward_delay 1500 hello_time 200 ...}).
 * Absent numbers are -1; times are in hundredths of a second (the kernel's clock_t), as ip prints them.
 *
 * @param forwardDelay time spent listening and learning before forwarding ({@code forward_delay})
 * @param helloTime time between hello packets ({@code hello_time})
 * @param maxAge lifetime of hello packets ({@code max_age})
 * @param ageingTime lifetime of learnt MAC addresses ({@code ageing_time})
 * @param stpState 0 no STP, 1 the kernel's STP, 2 a user space STP ({@code stp_state})
 * @param priority the bridge priority ({@code priority})
 * @param vlanFiltering 1 when VLAN filtering is on ({@code vlan_filtering})
 * @param vlanProtocol the ethertype of VLAN filtering, 0x8100 or 0x88a8 ({@code vlan_protocol})
 * @param bridgeId this bridge's identifier, or null
 * @param rootId the designated root's identifier, or null
 * @param rootPort the port number towards the root ({@code root_port})
 * @param rootPathCost the path cost to the root ({@code root_path_cost})
 * @param topologyChange 1 while a topology change is signalled
 * @param topologyChangeDetected 1 when a topology change was detected
 * @param helloTimer time left on the hello timer
 * @param tcnTimer time left on the topology change notification timer
 * @param topologyChangeTimer time left on the topology change timer
 * @param gcTimer time left until the next FDB garbage collection
 * @param vlanDefaultPvid the PVID of new ports ({@code vlan_default_pvid})
 * @param vlanStatsEnabled 1 with per-VLAN counters ({@code vlan_stats_enabled})
 * @param vlanStatsPerPort 1 with per-port VLAN counters ({@code vlan_stats_per_port})
 * @param groupFwdMask the link-local groups forwarded, a bit per 01:80:c2:00:00:0X ({@code group_fwd_mask})
 * @param groupAddr the STP group address ({@code group_address}), or null
 * @param mcastSnooping 1 with IGMP/MLD snooping ({@code mcast_snooping})
 * @param options the boolean options (IFLA_BR_MULTI_BOOLOPT: {@code no_linklocal_learn}, {@code
 *     mcast_vlan_snooping}, {@code mst_enabled}), or null
 * @param mcastRouter 0 never, 1 learnt, 2 always a multicast router ({@code mcast_router})
 * @param mcastQueryUseIfaddr 1 when queries use the bridge's address ({@code mcast_query_use_ifaddr})
 * @param mcastQuerier 1 when the bridge sends queries ({@code mcast_querier})
 * @param mcastHashElasticity {@code mcast_hash_elasticity}
 * @param mcastHashMax the size of the multicast group table ({@code mcast_hash_max})
 * @param mcastLastMemberCount {@code mcast_last_member_count}
 * @param mcastStartupQueryCount {@code mcast_startup_query_count}
 * @param mcastLastMemberInterval {@code mcast_last_member_interval}
 * @param mcastMembershipInterval {@code mcast_membership_interval}
 * @param mcastQuerierInterval {@code mcast_querier_interval}
 * @param mcastQueryInterval {@code mcast_query_interval}
 * @param mcastQueryResponseInterval {@code mcast_query_response_interval}
 * @param mcastStartupQueryInterval {@code mcast_startup_query_interval}
 * @param mcastStatsEnabled 1 with multicast counters ({@code mcast_stats_enabled})
 * @param mcastIgmpVersion the IGMP version (2 or 3)
 * @param mcastMldVersion the MLD version (1 or 2)
 * @param nfCallIptables 1 when bridged IPv4 traffic passes iptables
 * @param nfCallIp6tables 1 when bridged IPv6 traffic passes ip6tables
 * @param nfCallArptables 1 when bridged ARP traffic passes arptables
 * @param fdbFlush in a request, flush the forwarding database ({@code fdb_flush})
 * @param raw unmodelled attributes (a newer kernel's, the multicast querier state)
 */
public record Bridge(long forwardDelay, long helloTime, long maxAge, long ageingTime, long stpState, int priority,
                     int vlanFiltering, int vlanProtocol, Id bridgeId, Id rootId, int rootPort, long rootPathCost,
                     int topologyChange, int topologyChangeDetected, long helloTimer, long tcnTimer,
                     long topologyChangeTimer, long gcTimer, int vlanDefaultPvid, int vlanStatsEnabled,
                     int vlanStatsPerPort, int groupFwdMask, String groupAddr, int mcastSnooping, Options options,
                     int mcastRouter, int mcastQueryUseIfaddr, int mcastQuerier, long mcastHashElasticity,
                     long mcastHashMax, long mcastLastMemberCount, long mcastStartupQueryCount,
                     long mcastLastMemberInterval, long mcastMembershipInterval, long mcastQuerierInterval,
                     long mcastQueryInterval, long mcastQueryResponseInterval, long mcastStartupQueryInterval,
                     int mcastStatsEnabled, int mcastIgmpVersion, int mcastMldVersion, int nfCallIptables,
                     int nfCallIp6tables, int nfCallArptables, boolean fdbFlush, RawAttributes raw)
        implements LinkData {
    /** This bridge without its running timers (hello, tcn, topology change, gc): they move on their own. */
    @Override
    public Bridge withoutTimers() {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering, vlanProtocol,
                bridgeId, rootId, rootPort, rootPathCost, topologyChange, topologyChangeDetected, -1, -1, -1,
                -1, vlanDefaultPvid, vlanStatsEnabled, vlanStatsPerPort, groupFwdMask, groupAddr, mcastSnooping,
                options, mcastRouter, mcastQueryUseIfaddr, mcastQuerier, mcastHashElasticity, mcastHashMax,
                mcastLastMemberCount, mcastStartupQueryCount, mcastLastMemberInterval, mcastMembershipInterval,
                mcastQuerierInterval, mcastQueryInterval, mcastQueryResponseInterval, mcastStartupQueryInterval,
                mcastStatsEnabled, mcastIgmpVersion, mcastMldVersion, nfCallIptables, nfCallIp6tables,
                nfCallArptables, fdbFlush, raw);
    }


    /**
     * A bridge identifier (struct ifla_bridge_id): a priority and a MAC address.
     *
     * @param priority the priority (the struct's first two bytes, big-endian)
     * @param address the MAC address, "aa:bb:cc:dd:ee:ff"
     */
    public record Id(int priority, String address) {
        /**
         * As ip prints it: the priority in 4 hex digits, then the address as ether_ntoa writes it
         * ({@code 8000.2:0:0:0:0:1}).
         */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format("%04x.", priority));
            for (String octet : address.split(":")) {
                sb.append(Integer.toHexString(Integer.parseInt(octet, 16))).append(':');
            }
            return sb.substring(0, sb.length() - 1);
        }
    }

    /**
     * The bridge's boolean options (struct br_boolopt_multi): a bit per BR_BOOLOPT_* option.
     *
     * @param values the options' values
     * @param mask the options these values hold (in a request: the ones to change)
     */
    public record Options(int values, int mask) {
        /**
         * {@return option {@code opt} (a BR_BOOLOPT_* number): 1 on, 0 off, -1 when the mask leaves it out}
         *
         * @param opt a BR_BOOLOPT_* number
         */
        public int get(int opt) {
            return (mask & 1 << opt) == 0 ? -1 : (values >>> opt) & 1;
        }
    }
}
