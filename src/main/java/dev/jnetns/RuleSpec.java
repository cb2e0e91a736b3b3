package dev.jnetns;

import dev.jnetns.uapi.LinuxFibRules;
import dev.jnetns.uapi.LinuxSocket;

/**
 * A rule to add or delete. Mirrors {@code ip rule add [not] [from PREFIX] [to PREFIX] [iif DEV]
 * [oif DEV] [fwmark M[/MASK]] [pref N] [table ID | blackhole | unreachable | prohibit]}.
 */
public final class RuleSpec {
    IpPrefix src;
    IpPrefix dst;
    String iif;
    String oif;
    Long fwmark;
    Long fwmask;
    Long priority;
    Integer table;
    Integer action;
    boolean not;
    Integer family;

    private RuleSpec() {
    }

    public static RuleSpec create() {
        return new RuleSpec();
    }

    public RuleSpec from(IpPrefix src) {
        this.src = src;
        return this;
    }

    public RuleSpec to(IpPrefix dst) {
        this.dst = dst;
        return this;
    }

    public RuleSpec iif(String dev) {
        this.iif = Links.checkName(dev);
        return this;
    }

    public RuleSpec oif(String dev) {
        this.oif = Links.checkName(dev);
        return this;
    }

    public RuleSpec fwmark(long mark, long mask) {
        this.fwmark = mark;
        this.fwmask = mask;
        return this;
    }

    /** {@code pref N}. */
    public RuleSpec priority(long priority) {
        this.priority = priority;
        return this;
    }

    /** {@code table ID} (action lookup). */
    public RuleSpec table(int table) {
        this.table = table;
        this.action = LinuxFibRules.FR_ACT_TO_TBL;
        return this;
    }

    /** {@code blackhole}, {@code unreachable} or {@code prohibit} (FR_ACT_*). */
    public RuleSpec action(int action) {
        this.action = action;
        return this;
    }

    /** {@code not}: invert the match. */
    public RuleSpec not() {
        this.not = true;
        return this;
    }

    /** {@code -6}: the family when no prefix gives it. */
    public RuleSpec family(int family) {
        this.family = family;
        return this;
    }

    int effectiveFamily() {
        if (src != null) {
            return src.family();
        }
        if (dst != null) {
            return dst.family();
        }
        return family != null ? family : LinuxSocket.AF_INET;
    }
}
