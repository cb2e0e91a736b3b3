package dev.jnetns.kind;

import static dev.jnetns.uapi.LinuxBond.BOND_MODE_8023AD;
import static dev.jnetns.uapi.LinuxBond.BOND_MODE_ACTIVEBACKUP;
import static dev.jnetns.uapi.LinuxBond.BOND_MODE_ALB;
import static dev.jnetns.uapi.LinuxBond.BOND_MODE_BROADCAST;
import static dev.jnetns.uapi.LinuxBond.BOND_MODE_ROUNDROBIN;
import static dev.jnetns.uapi.LinuxBond.BOND_MODE_TLB;
import static dev.jnetns.uapi.LinuxBond.BOND_MODE_XOR;

import dev.jnetns.RawAttributes;
import java.net.InetAddress;
import java.util.List;

/**
 * A bond's data (IFLA_BOND_*, {@code ip -d link show}: {@code bond mode active-backup miimon 100 ...}).
 * Absent numbers are -1, absent objects null; enumerations are the kernel's numbers (ip's names in
 * {@code ip link help bond}).
 *
 * @param mode BOND_MODE_* (0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast, 4 802.3ad,
 *     5 balance-tlb, 6 balance-alb)
 * @param activeSlave ifindex of the active port ({@code active_slave}; 0 in a request: {@code clear_active_slave})
 * @param miimon MII link monitoring interval in ms
 * @param updelay ms before a port that came up is used
 * @param downdelay ms before a port that went down is disabled
 * @param peerNotifyDelay ms between peer notifications ({@code peer_notify_delay})
 * @param useCarrier 1 when link state comes from the carrier ({@code use_carrier})
 * @param arpInterval ARP link monitoring interval in ms
 * @param arpMissedMax ARP probes missed before a port is down ({@code arp_missed_max})
 * @param arpIpTargets the ARP monitoring targets ({@code arp_ip_target}), or null
 * @param nsIp6Targets the IPv6 neighbour solicitation targets ({@code ns_ip6_target}), or null
 * @param arpValidate 0 none, 1 active, 2 backup, 3 all, 4 filter, 5 filter_active, 6 filter_backup
 * @param arpAllTargets 0 any, 1 all
 * @param primary ifindex of the primary port ({@code primary})
 * @param primaryReselect 0 always, 1 better, 2 failure
 * @param failOverMac 0 none, 1 active, 2 follow
 * @param xmitHashPolicy BOND_XMIT_POLICY_* (0 layer2, 1 layer3+4, 2 layer2+3, 3 encap2+3, 4 encap3+4, 5 vlan+srcmac)
 * @param resendIgmp IGMP reports sent after a failover ({@code resend_igmp})
 * @param numPeerNotif peer notifications after a failover ({@code num_grat_arp})
 * @param allSlavesActive 1 when inactive ports deliver frames too ({@code all_slaves_active})
 * @param minLinks ports that must be up for the bond to be up ({@code min_links})
 * @param lpInterval seconds between learning packets ({@code lp_interval})
 * @param packetsPerSlave packets sent through a port before the next (balance-rr)
 * @param adLacpActive 0 off, 1 on ({@code lacp_active})
 * @param adLacpRate 0 slow, 1 fast ({@code lacp_rate})
 * @param adSelect 0 stable, 1 bandwidth, 2 count ({@code ad_select})
 * @param adInfo the 802.3ad aggregator the bond uses, or null
 * @param adActorSysPrio {@code ad_actor_sys_prio}
 * @param adUserPortKey {@code ad_user_port_key}
 * @param adActorSystem {@code ad_actor_system}, a MAC address, or null
 * @param tlbDynamicLb 1 with dynamic load balancing (balance-tlb)
 * @param raw unmodelled attributes
 */
public record Bond(int mode, long activeSlave, long miimon, long updelay, long downdelay, long peerNotifyDelay,
                   int useCarrier, long arpInterval, int arpMissedMax, List<InetAddress> arpIpTargets,
                   List<InetAddress> nsIp6Targets, long arpValidate, long arpAllTargets, long primary,
                   int primaryReselect, int failOverMac, int xmitHashPolicy, long resendIgmp, int numPeerNotif,
                   int allSlavesActive, long minLinks, long lpInterval, long packetsPerSlave, int adLacpActive,
                   int adLacpRate, int adSelect, AdInfo adInfo, int adActorSysPrio, int adUserPortKey,
                   String adActorSystem, int tlbDynamicLb, RawAttributes raw) implements LinkData {

    /**
     * A bond to create in {@code mode} (a BOND_MODE_* number), as {@code ip link add NAME type bond
     * mode M} sends it.
     *
     * @param mode a BOND_MODE_* number
     * @return the bond's data
     */
    public static Bond of(int mode) {
        return new Bond(mode, -1, -1, -1, -1, -1, -1, -1, -1, null, null, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                -1, -1, -1, -1, null, -1, -1, null, -1, RawAttributes.NONE);
    }

    /** The modes, in ip's order. */
    private static final int[] MODES = {BOND_MODE_ROUNDROBIN, BOND_MODE_ACTIVEBACKUP, BOND_MODE_XOR,
        BOND_MODE_BROADCAST, BOND_MODE_8023AD, BOND_MODE_TLB, BOND_MODE_ALB};

    /**
     * {@return the name ip gives bond mode {@code mode} ("balance-rr", "active-backup" ...), "UNKNOWN" for other numbers}
     *
     * @param mode a BOND_MODE_* number
     */
    public static String modeName(int mode) {
        switch (mode) {
            case BOND_MODE_ROUNDROBIN: return "balance-rr";
            case BOND_MODE_ACTIVEBACKUP: return "active-backup";
            case BOND_MODE_XOR: return "balance-xor";
            case BOND_MODE_BROADCAST: return "broadcast";
            case BOND_MODE_8023AD: return "802.3ad";
            case BOND_MODE_TLB: return "balance-tlb";
            case BOND_MODE_ALB: return "balance-alb";
            default: return "UNKNOWN";
        }
    }

    /**
     * {@return the BOND_MODE_* number ip reads for mode name {@code name}, -1 for a name it does not know}
     *
     * @param name the mode's name
     */
    public static int mode(String name) {
        for (int m : MODES) {
            if (modeName(m).equals(name)) {
                return m;
            }
        }
        return -1;
    }

    /**
     * The 802.3ad aggregator a bond uses (IFLA_BOND_AD_INFO); absent numbers -1.
     *
     * @param aggregator the aggregator's id
     * @param numPorts its ports
     * @param actorKey the actor's operational key
     * @param partnerKey the partner's operational key
     * @param partnerMac the partner's system address, or null
     * @param raw unmodelled attributes of the nest
     */
    public record AdInfo(int aggregator, int numPorts, int actorKey, int partnerKey, String partnerMac,
                         RawAttributes raw) {
    }
}
