package dev.jnetns;

import dev.jnetns.rtnl.RuleMessage;

/**
 * A policy-routing rule as the kernel reports it ({@code ip rule show}). Immutable.
 *
 * @param family AF_INET or AF_INET6
 * @param priority the rule's priority ({@code pref}), -1 when not reported
 * @param src the source prefix, or null for all
 * @param dst the destination prefix, or null for all
 * @param iif input device name, or null
 * @param oif output device name, or null
 * @param fwmark the firewall mark, -1 when none
 * @param fwmask the mark's mask, -1 when none
 * @param table the table looked up (for action to_tbl)
 * @param action FR_ACT_* (1 lookup, 6 blackhole, 7 unreachable, 8 prohibit)
 * @param flags FIB_RULE_* bits (2 = not)
 * @param protocol the RTPROT_* that added it, -1 when not reported
 * @param tos the TOS to match
 */
public record Rule(int family, long priority, IpPrefix src, IpPrefix dst, String iif, String oif, long fwmark,
                   long fwmask, int table, int action, int flags, int protocol, int tos) {

    static Rule of(RuleMessage m) {
        return new Rule(m.family(), m.priority(),
                m.src() != null ? new IpPrefix(Inet.of(m.src()), m.srcLen()) : null,
                m.dst() != null ? new IpPrefix(Inet.of(m.dst()), m.dstLen()) : null,
                m.iifName(), m.oifName(), m.fwmark(), m.fwmask(), m.table(), m.action(), m.flags(), m.protocol(),
                m.tos());
    }
}
