package dev.jnetns;

import dev.jnetns.uapi.LinuxFibRules;
import dev.jnetns.uapi.LinuxRoute;
import dev.jnetns.uapi.LinuxSocket;
import java.net.Inet4Address;

/**
 * A rule to add or delete. Mirrors {@code ip rule add|del SELECTOR ACTION}: the selectors
 * {@code [not] [from PREFIX] [to PREFIX] [tos TOS] [fwmark M[/MASK]] [iif DEV] [oif DEV] [pref N]
 * [l3mdev] [uidrange A-B] [ipproto P] [sport A[-B]] [dport A[-B]] [tun_id ID]} and the actions
 * {@code [table ID] [protocol P] [realms [SRC/]DST] [goto N | nop | blackhole | unreachable |
 * prohibit] [suppress_prefixlength N] [suppress_ifgroup G]}. Unset fields are not sent (for a
 * delete: they match any value).
 */
public final class RuleSpec {
    IpPrefix src;
    IpPrefix dst;
    String iif;
    String oif;
    long fwmark = -1;
    long fwmask = -1;
    long priority = -1;
    Integer table;
    Integer action;
    boolean not;
    Integer family;
    int tos;
    long realms = -1;
    int protocol = -1;
    long tunId = -1;
    long suppressPrefixLength = -1;
    long suppressIfGroup = -1;
    boolean l3mdev;
    Rule.Range uidRange;
    int ipProto = -1;
    Rule.Range sport;
    Rule.Range dport;
    long gotoTarget = -1;
    boolean actionGiven;
    Integer headerFamily;
    Inet4Address natGateway;

    private RuleSpec() {
    }

    /**
     * An empty rule to add selectors and an action to ({@code ip rule add}).
     *
     * @return the spec
     */
    public static RuleSpec create() {
        return new RuleSpec();
    }

    /**
     * {@code from PREFIX}.
     *
     * @param src the source prefix
     * @return this spec
     * @throws IllegalArgumentException when {@link #family(int)} or {@link #to} gave another family
     */
    public RuleSpec from(IpPrefix src) {
        requireFamily("from", src, dst);
        this.src = src;
        return this;
    }

    /**
     * {@code to PREFIX}.
     *
     * @param dst the destination prefix
     * @return this spec
     * @throws IllegalArgumentException when {@link #family(int)} or {@link #from} gave another family
     */
    public RuleSpec to(IpPrefix dst) {
        requireFamily("to", dst, src);
        this.dst = dst;
        return this;
    }

    /**
     * {@code iif DEV}.
     *
     * @param dev the device's name
     * @return this spec
     */
    public RuleSpec iif(String dev) {
        this.iif = Links.checkName(dev);
        return this;
    }

    /**
     * {@code oif DEV}.
     *
     * @param dev the device's name
     * @return this spec
     */
    public RuleSpec oif(String dev) {
        this.oif = Links.checkName(dev);
        return this;
    }

    /**
     * {@code fwmark MARK}.
     *
     * @param mark the fwmark
     * @return this spec
     */
    public RuleSpec fwmark(long mark) {
        this.fwmark = u32("fwmark", mark);
        return this;
    }

    /**
     * {@code fwmark MARK/MASK}.
     *
     * @param mark the fwmark
     * @param mask the bits of the fwmark to compare
     * @return this spec
     */
    public RuleSpec fwmark(long mark, long mask) {
        this.fwmark = u32("fwmark", mark);
        this.fwmask = u32("fwmask", mask);
        return this;
    }

    /**
     * {@code pref N}.
     *
     * @param priority the priority, lower first
     * @return this spec
     */
    public RuleSpec priority(long priority) {
        this.priority = u32("preference", priority);
        return this;
    }

    /**
     * {@code tos TOS}: the TOS (IPv4) or traffic class (IPv6) byte.
     *
     * @param tos the TOS byte
     * @return this spec
     */
    public RuleSpec tos(int tos) {
        this.tos = Ranges.u8("tos", tos);
        return this;
    }

    /**
     * {@code table ID} (action lookup).
     *
     * @param table the table id
     * @return this spec
     */
    public RuleSpec table(int table) {
        this.table = table;
        return this;
    }

    /**
     * {@code blackhole}, {@code unreachable}, {@code prohibit} or {@code nop} (FR_ACT_*).
     *
     * @param action an FR_ACT_* number (0..255)
     * @return this spec
     * @throws IllegalArgumentException outside 0..255 (the action is a byte of fib_rule_hdr)
     */
    public RuleSpec action(int action) {
        this.action = Ranges.u8("action", action);
        this.actionGiven = true;
        return this;
    }

    /**
     * {@code goto PRIORITY}: continue with the rule of that priority.
     *
     * @param target the priority of the rule to continue with
     * @return this spec
     */
    public RuleSpec gotoRule(long target) {
        this.gotoTarget = u32("goto", target);
        this.action = LinuxFibRules.FR_ACT_GOTO;
        this.actionGiven = true;
        return this;
    }

    /**
     * {@code not}: invert the match.
     *
     * @return this spec
     */
    public RuleSpec not() {
        this.not = true;
        return this;
    }

    /**
     * {@code -6}: the family when no prefix gives it.
     *
     * @param family AF_INET (2) or AF_INET6 (10)
     * @return this spec
     * @throws IllegalArgumentException outside 0..255, or when a prefix given so far is of another
     *     family (unless {@link #headerFamily} was set)
     */
    public RuleSpec family(int family) {
        Ranges.u8("family", family);
        for (IpPrefix p : new IpPrefix[] {src, dst}) {
            if (p != null && p.family() != family && headerFamily == null) {
                throw new IllegalArgumentException("family " + family + " contradicts the rule's prefix " + p);
            }
        }
        this.family = family;
        return this;
    }

    /**
     * The family the request's header carries, whatever the prefixes are: {@code ip rule add|del}
     * without -4/-6 sends AF_INET even with IPv6 prefixes, and the kernel refuses them ("Invalid
     * source address"). Turns off the family checks of {@link #from}, {@link #to} and {@link #family(int)}.
     *
     * @param family the header's family (0..255)
     * @return this spec
     */
    public RuleSpec headerFamily(int family) {
        this.headerFamily = Ranges.u8("family", family);
        return this;
    }

    /**
     * {@code nat ADDRESS} (or {@code map-to}): the old route NAT action (RTN_NAT) with the address as
     * RTA_GATEWAY. The kernel keeps the action and drops the address (it shows {@code masquerade}).
     * Unlike the other actions it leaves the lookup of table main of an add in place, as in ip.
     *
     * @param gateway the IPv4 address to map to
     * @return this spec
     */
    public RuleSpec nat(Inet4Address gateway) {
        this.natGateway = gateway;
        this.action = LinuxRoute.RTN_NAT;
        return this;
    }

    /** Refuses a prefix of another family than {@link #family(int)} or the {@code other} prefix gave. */
    private void requireFamily(String what, IpPrefix p, IpPrefix other) {
        if (headerFamily != null) {
            return;
        }
        int given = other != null ? other.family() : family != null ? family : 0;
        if (p != null && given != 0 && p.family() != given) {
            throw new IllegalArgumentException(what + " " + p + " contradicts family " + given);
        }
    }

    /**
     * {@code realms [SRC/]DST}: realm numbers 0..65535.
     *
     * @param srcRealm the source realm, 0 for none
     * @param dstRealm the destination realm
     * @return this spec
     */
    public RuleSpec realms(int srcRealm, int dstRealm) {
        this.realms = Ranges.check("realms src", srcRealm, 0, 0xffff) << 16 | Ranges.check("realms dst", dstRealm, 0, 0xffff);
        return this;
    }

    /**
     * {@code protocol PROTO}: who adds the rule (RTPROT_*, 0..255).
     *
     * @param protocol who adds it: an RTPROT_* number (0..255)
     * @return this spec
     */
    public RuleSpec protocol(int protocol) {
        this.protocol = Ranges.u8("protocol", protocol);
        return this;
    }

    /**
     * {@code tun_id ID}: the tunnel id of metadata-based tunnels.
     *
     * @param id the tunnel id, a u64 (negative for those above 2^63-1)
     * @return this spec
     * @throws IllegalArgumentException for -1 (2^64-1), which the rule record reads as "none"
     */
    public RuleSpec tunId(long id) {
        if (id == -1) {
            throw new IllegalArgumentException("tun_id -1 (2^64-1) cannot be sent (the rule record reads it as none)");
        }
        this.tunId = id;
        return this;
    }

    /**
     * {@code suppress_prefixlength N}: ignore lookups whose route has a prefix of N or shorter.
     *
     * @param length the prefix length
     * @return this spec
     */
    public RuleSpec suppressPrefixLength(int length) {
        this.suppressPrefixLength = Ranges.check("suppress_prefixlength", length, 0, Integer.MAX_VALUE);
        return this;
    }

    /**
     * {@code suppress_ifgroup G}: ignore lookups whose route goes through a device of group G.
     *
     * @param group the device group
     * @return this spec
     */
    public RuleSpec suppressIfGroup(int group) {
        this.suppressIfGroup = Integer.toUnsignedLong(group);
        return this;
    }

    /**
     * {@code l3mdev}: look up the table of the L3 master device (VRF) of the packet's device.
     *
     * @return this spec
     */
    public RuleSpec l3mdev() {
        this.l3mdev = true;
        return this;
    }

    /**
     * {@code uidrange START-END}.
     *
     * @param start the first uid
     * @param end the last uid
     * @return this spec
     */
    public RuleSpec uidRange(long start, long end) {
        this.uidRange = new Rule.Range(u32("uidrange", start), u32("uidrange", end));
        return this;
    }

    /**
     * {@code ipproto P}: the IP protocol number (6 tcp, 17 udp ...).
     *
     * @param proto an IP protocol number
     * @return this spec
     */
    public RuleSpec ipProto(int proto) {
        this.ipProto = Ranges.u8("ipproto", proto);
        return this;
    }

    /**
     * {@code sport START[-END]}.
     *
     * @param start the first port
     * @param end the last (equal to {@code start} for one)
     * @return this spec
     */
    public RuleSpec sport(int start, int end) {
        this.sport = ports("sport", start, end);
        return this;
    }

    /**
     * {@code dport START[-END]}.
     *
     * @param start the first port
     * @param end the last (equal to {@code start} for one)
     * @return this spec
     */
    public RuleSpec dport(int start, int end) {
        this.dport = ports("dport", start, end);
        return this;
    }

    private static Rule.Range ports(String what, int start, int end) {
        return new Rule.Range(Ranges.check(what, start, 0, 0xffff), Ranges.check(what, end, 0, 0xffff));
    }

    private static long u32(String what, long v) {
        return Ranges.check(what, v, 0, 0xffffffffL);
    }

    int effectiveFamily() {
        if (headerFamily != null) {
            return headerFamily;
        }
        if (src != null) {
            return src.family();
        }
        if (dst != null) {
            return dst.family();
        }
        return family != null ? family : LinuxSocket.AF_INET;
    }
}
