package dev.jnetns;

import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_INVERT;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_GOTO;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_NOP;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_TO_TBL;

/**
 * A policy-routing rule as the kernel reports it ({@code ip rule show}), every attribute of its
 * RTM_NEWRULE message included. Immutable. Absent numbers are -1, absent objects null.
 *
 * @param family AF_INET or AF_INET6
 * @param priority the rule's priority ({@code pref}, FRA_PRIORITY)
 * @param src the source prefix (FRA_SRC and src_len), or null for all
 * @param dst the destination prefix (FRA_DST and dst_len), or null for all
 * @param iif input device name (FRA_IIFNAME), or null
 * @param oif output device name (FRA_OIFNAME), or null
 * @param fwmark the firewall mark (FRA_FWMARK)
 * @param fwmask the mark's mask (FRA_FWMASK)
 * @param table the table looked up: FRA_TABLE, or the header's 8-bit table without it
 * @param action FR_ACT_* (1 lookup, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit)
 * @param flags FIB_RULE_* bits (2 = not, 8/16 = iif/oif detached, 4 = goto unresolved)
 * @param protocol the RTPROT_* that added it (FRA_PROTOCOL)
 * @param tos the TOS (IPv4) or traffic class (IPv6) to match, 0 for any
 * @param gotoTarget the priority {@code goto} jumps to (FRA_GOTO)
 * @param realms {@code realms}: source realm in the high 16 bits, destination realm in the low (FRA_FLOW)
 * @param tunId {@code tun_id} (FRA_TUN_ID, sent big-endian)
 * @param suppressPrefixLength {@code suppress_prefixlength} (FRA_SUPPRESS_PREFIXLEN; 4294967295 = off)
 * @param suppressIfGroup {@code suppress_ifgroup} (FRA_SUPPRESS_IFGROUP; 4294967295 = off)
 * @param l3mdev {@code l3mdev}: 1 to look up the table of the device's L3 master (FRA_L3MDEV)
 * @param uidRange {@code uidrange} (FRA_UID_RANGE), or null
 * @param ipProto {@code ipproto} (FRA_IP_PROTO)
 * @param sport {@code sport} (FRA_SPORT_RANGE), or null
 * @param dport {@code dport} (FRA_DPORT_RANGE), or null
 * @param raw what the message held beyond these fields (see {@link RawAttributes})
 */
public record Rule(int family, long priority, IpPrefix src, IpPrefix dst, String iif, String oif, long fwmark,
                   long fwmask, int table, int action, int flags, int protocol, int tos, long gotoTarget, long realms,
                   long tunId, long suppressPrefixLength, long suppressIfGroup, int l3mdev, Range uidRange,
                   int ipProto, Range sport, Range dport, RawAttributes raw) {

    /**
     * An inclusive range of user ids or ports (struct fib_rule_uid_range / fib_rule_port_range).
     *
     * @param start the first user id or port
     * @param end the last
     */
    public record Range(long start, long end) {
        @Override
        public String toString() {
            return start == end ? Long.toString(start) : start + "-" + end;
        }
    }

    /** {@return true for {@code not}: the selector is inverted} */
    public boolean inverted() {
        return (flags & FIB_RULE_INVERT) != 0;
    }

    /** As {@code ip rule} writes it, with numbers for names: {@code 100: from 198.18.0.0/24 lookup 100}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(Math.max(priority, 0)).append(": ");
        if (inverted()) {
            sb.append("not ");
        }
        sb.append("from ").append(src == null ? "all" : src);
        if (dst != null) {
            sb.append(" to ").append(dst);
        }
        if (tos != 0) {
            sb.append(" tos 0x").append(Integer.toHexString(tos));
        }
        if (fwmark >= 0) {
            sb.append(" fwmark 0x").append(Long.toHexString(fwmark));
        }
        if (iif != null) {
            sb.append(" iif ").append(iif);
        }
        if (oif != null) {
            sb.append(" oif ").append(oif);
        }
        if (l3mdev > 0) {
            sb.append(" l3mdev");
        }
        if (uidRange != null) {
            sb.append(" uidrange ").append(uidRange.start()).append('-').append(uidRange.end());
        }
        if (ipProto >= 0) {
            sb.append(" ipproto ").append(ipProto);
        }
        if (sport != null) {
            sb.append(" sport ").append(sport);
        }
        if (dport != null) {
            sb.append(" dport ").append(dport);
        }
        if (table > 0) {
            sb.append(" lookup ").append(RtNames.TABLES.name(table));
        }
        if (action == FR_ACT_GOTO) {
            sb.append(" goto ").append(gotoTarget);
        } else if (action == FR_ACT_NOP) {
            sb.append(" nop");
        } else if (action != FR_ACT_TO_TBL) {
            sb.append(' ').append(RtNames.TYPES.name(action));
        }
        return sb.toString();
    }
}
