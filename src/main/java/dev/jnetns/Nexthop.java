package dev.jnetns;

import static dev.jnetns.uapi.LinuxRoute.RTNH_F_ONLINK;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_UNSPEC;

import dev.jnetns.rtnl.NexthopCodec;
import java.net.InetAddress;
import java.util.List;

/**
 * A nexthop object ({@code ip nexthop}): a gateway and/or device, a blackhole, or a group of other
 * nexthops that routes refer to by id ({@code ip route add PREFIX nhid ID}). Immutable; the same
 * record is what {@link Nexthops#list(int)} reports and what {@link Nexthops#add(Nexthop)} sends.
 *
 * @param id the nexthop id (0 in a request: the kernel picks one)
 * @param family AF_INET, AF_INET6, or AF_UNSPEC for a blackhole or group
 * @param scope RT_SCOPE_* (reported by the kernel; 0 in a request)
 * @param protocol RTPROT_* that installed it
 * @param flags RTNH_F_* bits (onlink, dead, linkdown ...)
 * @param gateway the gateway, or null
 * @param oif the ifindex of the device, 0 for none
 * @param blackhole whether packets are dropped
 * @param group the members of a group, empty for a single nexthop
 * @param groupType NEXTHOP_GRP_TYPE_* of a group, -1 when not reported
 * @param fdb whether the nexthop belongs to a bridge FDB
 * @param other attributes this record does not model (encap, resilient-group data), kept as sent
 */
public record Nexthop(int id, int family, int scope, int protocol, int flags, InetAddress gateway, int oif,
                      boolean blackhole, List<Member> group, int groupType, boolean fdb, List<RawAttribute> other) {

    /**
     * An attribute of the nexthop this record does not model, kept as the kernel sent it.
     *
     * @param type its type, flag bits included
     * @param value its payload
     */
    public record RawAttribute(int type, byte[] value) {
    }

    /**
     * A member of a group: the id of a nexthop and its weight (1..65536).
     *
     * @param id the id of a nexthop
     * @param weight its weight, 1..65536
     */
    public record Member(int id, int weight) {
        /** Checks the weight. */
        public Member {
            if (weight < 1 || weight > 65536) {
                throw new IllegalArgumentException("invalid weight " + weight + " (1..65536)");
            }
        }
    }

    /** Copies the lists. */
    public Nexthop {
        group = List.copyOf(group);
        other = List.copyOf(other);
    }

    /**
     * {@code id ID via GW [dev DEV]}: {@code oif} 0 for no device. Equivalent to: {@code ip nexthop add id ID via GW dev DEV}.
     *
     * @param id the nexthop's id
     * @param gateway the gateway's address
     * @param oif the device's ifindex, 0 for none
     * @return the nexthop
     */
    public static Nexthop gateway(int id, InetAddress gateway, int oif) {
        return new Nexthop(id, Inet.family(gateway), 0, RTPROT_UNSPEC, 0, gateway, oif, false, List.of(), -1, false,
                List.of());
    }

    /**
     * {@code id ID dev DEV} for {@code family}. Equivalent to: {@code ip [-4|-6] nexthop add id ID dev DEV}.
     *
     * @param id the nexthop's id
     * @param family the address family: AF_INET (2), AF_INET6 (10), or AF_UNSPEC (0)
     * @param oif the device's ifindex
     * @return the nexthop
     */
    public static Nexthop device(int id, int family, int oif) {
        return new Nexthop(id, family, 0, RTPROT_UNSPEC, 0, null, oif, false, List.of(), -1, false, List.of());
    }

    /**
     * A blackhole of {@code family}. Equivalent to: {@code ip [-4|-6] nexthop add id ID blackhole}.
     *
     * @param id the nexthop's id
     * @param family the address family: AF_INET (2), AF_INET6 (10), or AF_UNSPEC (0)
     * @return the nexthop
     */
    public static Nexthop blackhole(int id, int family) {
        return new Nexthop(id, family, 0, RTPROT_UNSPEC, 0, null, 0, true, List.of(), -1, false, List.of());
    }

    /**
     * A multipath group of existing nexthops. Equivalent to: {@code ip nexthop add id ID group A[,W]/B[,W]...}.
     *
     * @param id the nexthop's id
     * @param members the nexthops of the group and their weights
     * @return the nexthop
     */
    public static Nexthop group(int id, List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one member");
        }
        return new Nexthop(id, 0, 0, RTPROT_UNSPEC, 0, null, 0, false, members, -1, false, List.of());
    }

    /**
     * The same with {@code proto PROTOCOL}.
     *
     * @param protocol an RTPROT_* number
     * @return the same nexthop with that protocol
     */
    public Nexthop withProtocol(int protocol) {
        return new Nexthop(id, family, scope, protocol, flags, gateway, oif, blackhole, group, groupType, fdb, other);
    }

    /**
     * The same with {@code onlink}: the gateway is on the device even without a matching prefix.
     *
     * @return the same nexthop, onlink
     */
    public Nexthop withOnlink() {
        return new Nexthop(id, family, scope, protocol, flags | RTNH_F_ONLINK, gateway, oif, blackhole, group,
                groupType, fdb, other);
    }

    /**
     * The same with {@code fdb}: for a bridge FDB (vxlan) rather than for routes.
     *
     * @return the same nexthop, for the FDB
     */
    public Nexthop withFdb() {
        return new Nexthop(id, family, scope, protocol, flags, gateway, oif, blackhole, group, groupType, true, other);
    }

    static Nexthop of(NexthopCodec.Message m) {
        return new Nexthop(m.id(), m.family(), m.scope(), m.protocol(), m.flags(),
                m.gateway() == null ? null : Inet.of(m.gateway()), m.oif(), m.blackhole(),
                m.group().stream().map(g -> new Member(g.id(), g.weight())).toList(), m.groupType(), m.fdb(), m.other());
    }

    NexthopCodec.Message message() {
        return new NexthopCodec.Message(id, family, scope, protocol, flags, gateway == null ? null : gateway.getAddress(),
                oif, blackhole, group.stream().map(g -> new NexthopCodec.Member(g.id(), g.weight())).toList(), groupType,
                fdb, other);
    }
}
