package dev.jnetns;

/**
 * An RTM_NEWNETCONF message: the forwarding-related settings of one family on one device (or on
 * the namespace's {@code all} and {@code default} entries), as {@code ip netconf show} prints them;
 * the same values are in {@code /proc/sys/net/ipv4|ipv6/conf/DEV/}. Immutable. A value the
 * message does not hold (IPv6 has no rp_filter; a change notification holds only what changed)
 * is {@link #ABSENT}.
 *
 * @param family the address family (AF_INET, AF_INET6, AF_MPLS)
 * @param ifindex the device (NETCONFA_IFINDEX), {@link #ALL}, {@link #DEFAULT}, or {@link #ABSENT}
 * @param forwarding {@code forwarding} (NETCONFA_FORWARDING): 0 or 1
 * @param rpFilter {@code rp_filter} (NETCONFA_RP_FILTER): 0 off, 1 strict, 2 loose
 * @param mcForwarding {@code mc_forwarding} (NETCONFA_MC_FORWARDING)
 * @param proxyNeigh {@code proxy_arp} or {@code proxy_ndp} (NETCONFA_PROXY_NEIGH)
 * @param ignoreRoutesWithLinkdown {@code ignore_routes_with_linkdown} (NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN)
 * @param input MPLS {@code input} (NETCONFA_INPUT)
 * @param raw what the message held beyond these fields (see {@link RawAttributes})
 */
public record Netconf(int family, int ifindex, int forwarding, int rpFilter, int mcForwarding, int proxyNeigh,
        int ignoreRoutesWithLinkdown, int input, RawAttributes raw) {
    /** The value of an attribute the message does not hold. */
    public static final int ABSENT = Integer.MIN_VALUE;
    /** The ifindex of the {@code all} entry ({@code conf/all}). */
    public static final int ALL = -1;
    /** The ifindex of the {@code default} entry ({@code conf/default}, what new devices start with). */
    public static final int DEFAULT = -2;

    /**
     * {@return this entry with the settings {@code change} holds in place of its own} A change
     * notification holds only what changed; {@code raw} stays this entry's.
     *
     * @param change a notification about the same entry
     */
    public Netconf updatedBy(Netconf change) {
        return new Netconf(family, ifindex, or(change.forwarding, forwarding), or(change.rpFilter, rpFilter),
                or(change.mcForwarding, mcForwarding), or(change.proxyNeigh, proxyNeigh),
                or(change.ignoreRoutesWithLinkdown, ignoreRoutesWithLinkdown), or(change.input, input), raw);
    }

    private static int or(int value, int otherwise) {
        return value != ABSENT ? value : otherwise;
    }

    /**
     * A request for one family's settings of one device (or {@link #ALL}, {@link #DEFAULT}).
     *
     * @param family the address family
     * @param ifindex the device's index, or {@link #ALL}, {@link #DEFAULT}
     * @return the request
     */
    public static Netconf request(int family, int ifindex) {
        return new Netconf(family, ifindex, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, RawAttributes.NONE);
    }
}
