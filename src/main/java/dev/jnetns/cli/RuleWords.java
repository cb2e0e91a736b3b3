package dev.jnetns.cli;

import dev.jnetns.RtNames;
import dev.jnetns.Rule;

/** The values of {@code ip rule} words that add, del, show and flush read alike, with ip's messages. */
final class RuleWords {
    private RuleWords() {
    }

    /** {@code tos|dsfield TOS}: a dsfield name or number (ip's rtnl_dsfield_a2n). */
    static int tos(String v) {
        try {
            return RtNames.DSFIELDS.number(v);
        } catch (IllegalArgumentException e) {
            throw Words.invalid("TOS value is invalid", v);
        }
    }

    /** {@code uidrange A-B}: ip's sscanf("%u-%u"), both numbers required. */
    static Rule.Range uidRange(String v) {
        ScanfRange r = ScanfRange.read(v, 0xffffffffL);
        if (r.count() != 2) {
            throw Words.invalid("invalid UID range", v);
        }
        return new Rule.Range(r.start(), r.end());
    }

    /** {@code sport|dport A[-B]}: ip's sscanf("%hu-%hu"), one number for a one-port range. */
    static Rule.Range ports(String v, String why) {
        ScanfRange r = ScanfRange.read(v, 0xffff);
        if (r.count() == 0) {
            throw Words.invalid(why, v);
        }
        return new Rule.Range(r.start(), r.count() == 1 ? r.start() : r.end());
    }

    /**
     * {@code ipproto P}: a name of /etc/protocols, else a decimal number up to 255 as ip's get_u8
     * (base 10) reads it: blanks and a '+' first allowed, "017" is 17 (ip's inet_proto_a2n).
     */
    static int ipProto(String v) {
        try {
            return IpProtocols.number(v);
        } catch (UsageException e) {
            String t = v.stripLeading();
            t = t.startsWith("+") ? t.substring(1) : t;
            if (t.matches("[0-9]{1,10}") && Long.parseLong(t) <= 0xff) {
                return Integer.parseInt(t);
            }
            throw Words.invalid("Invalid \"ipproto\" value", v);
        }
    }

    /**
     * {@code tun_id ID}: ip's get_u64(base 0), so C's strtoull: decimal, 0x-hex or 0-octal up to
     * 2^64-1, and a minus sign negates modulo 2^64 ("-1" is 2^64-1); the bits as a long.
     */
    static long tunId(String v) {
        String t = v.stripLeading();
        boolean minus = t.startsWith("-");
        String digits = minus || t.startsWith("+") ? t.substring(1) : t;
        try {
            if (!digits.startsWith("+") && !digits.startsWith("-")) {
                long n = digits.startsWith("0x") || digits.startsWith("0X")
                        ? Long.parseUnsignedLong(digits.substring(2), 16)
                        : digits.length() > 1 && digits.startsWith("0") ? Long.parseUnsignedLong(digits.substring(1), 8)
                        : Long.parseUnsignedLong(digits);
                return minus ? -n : n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Words.invalid("\"tun_id\" value is invalid", v);
    }
}
