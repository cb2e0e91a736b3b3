package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_INVERT;

import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import dev.jnetns.Rule;
import java.math.BigInteger;

/**
 * The selectors of {@code ip rule show|flush} (iprule.c's filter and filter_nlmsg): each given one
 * must match; {@code protocol} only filters what flush deletes, as in ip.
 */
final class RuleFilter {
    private final int family;
    private Long pref;
    private boolean not;
    private Integer tos;
    private long fwmark;
    private long fwmask;
    private String iif;
    private String oif;
    private boolean l3mdev;
    private Rule.Range uidRange;
    private long tunId;
    private long table;
    private IpPrefix from;
    private IpPrefix to;
    private int protocol;
    private boolean protocolGiven;
    private int ipProto;
    private Rule.Range sport;
    private Rule.Range dport;

    /** @param family the dump's family: -4/-6, else AF_INET; the prefixes are read in it */
    RuleFilter(int family) {
        this.family = family;
    }

    /** Reads ip's selector words in ip's order of tests (so "t" is tun_id, "p" preference, "s" src). */
    RuleFilter parse(Words w) {
        while (w.hasNext()) {
            String word = w.next();
            if (Words.matches(word, "preference") || Words.matches(word, "order") || Words.matches(word, "priority")) {
                pref = Words.u32(w.value(), "preference value is invalid");
            } else if (word.equals("not")) {
                not = true;
            } else if (word.equals("tos") || word.equals("dsfield")) {
                tos = RuleWords.tos(w.value());
            } else if (word.equals("fwmark")) {
                String v = w.value();
                int slash = v.indexOf('/');
                fwmark = Words.u32(slash < 0 ? v : v.substring(0, slash), "fwmark value is invalid");
                if (slash >= 0) {
                    fwmask = Words.u32(v.substring(slash + 1), "fwmask value is invalid");
                }
            } else if (word.equals("dev") || word.equals("iif")) {
                iif = LinkCommand.ifname(w.value(), "\"iif\"/\"dev\" not a valid ifname", 16);
            } else if (word.equals("oif")) {
                oif = LinkCommand.ifname(w.value(), "\"oif\" not a valid ifname", 16);
            } else if (word.equals("l3mdev")) {
                l3mdev = true;
            } else if (word.equals("uidrange")) {
                uidRange = RuleWords.uidRange(w.value());
            } else if (Words.matches(word, "tun_id")) {
                tunId = RuleWords.tunId(w.value());
            } else if (Words.matches(word, "lookup") || Words.matches(word, "table")) {
                String v = w.value();
                try {
                    table = Integer.toUnsignedLong(RtNames.TABLES.number(v));
                } catch (IllegalArgumentException e) {
                    throw Words.invalid("table id value is invalid", v);
                }
            } else if (Words.matches(word, "from") || Words.matches(word, "src")) {
                from = Words.prefix(w.value(), family);
            } else if (Words.matches(word, "protocol")) {
                String v = w.value();
                protocolGiven = !v.equals("all");
                try {
                    protocol = RtNames.PROTOCOLS.number(v);
                } catch (IllegalArgumentException e) {
                    if (protocolGiven) {
                        throw Words.invalid("invalid \"protocol\"", v);
                    }
                    protocol = 0;
                }
            } else if (word.equals("ipproto")) {
                ipProto = RuleWords.ipProto(w.value());
            } else if (word.equals("sport")) {
                sport = RuleWords.ports(w.value(), "invalid port range");
            } else if (word.equals("dport")) {
                dport = RuleWords.ports(w.value(), "invalid dport range");
            } else {
                if (Words.matches(word, "dst") || Words.matches(word, "to")) {
                    word = w.value();
                }
                to = Words.prefix(word, family);
            }
        }
        return this;
    }

    /** ip's filter_nlmsg: whether {@code ip rule show} lists {@code r}. */
    boolean shows(Rule r) {
        return r.family() == family
                && (pref == null || Math.max(0, r.priority()) == pref)
                && (!not || (r.flags() & FIB_RULE_INVERT) != 0)
                && covers(from, r.src(), r.raw().headerByte(2, 0))
                && covers(to, r.dst(), r.raw().headerByte(1, 0))
                && (tos == null || tos == r.tos())
                && (fwmark == 0 || fwmark == Math.max(0, r.fwmark()))
                && (fwmask == 0 || fwmask == Math.max(0, r.fwmask()))
                && (iif == null || iif.equals(r.iif()))
                && (oif == null || oif.equals(r.oif()))
                && (!l3mdev || r.l3mdev() > 0)
                && (uidRange == null || uidRange.equals(r.uidRange()))
                && (ipProto == 0 || ipProto == Math.max(0, r.ipProto()))
                && (sport == null || sport.start() == 0 || sport.equals(r.sport()))
                && (dport == null || dport.start() == 0 || dport.equals(r.dport()))
                && (tunId == 0 || r.tunId() != -1 && tunId == r.tunId()) // -1: absent (RuleSpec refuses sending it)
                && (table == 0 || table == Integer.toUnsignedLong(r.table()));
    }

    /** ip's flush_rule: what show lists, of the given protocol (a rule without one passes). */
    boolean flushes(Rule r) {
        return shows(r) && (!protocolGiven || r.protocol() < 0 || r.protocol() == protocol);
    }

    /**
     * A selector prefix against a rule's (ip's inet_addr_match_rta): the rule's length at least the
     * selector's (its header's length when it has no address), the selector's leading bits equal;
     * a rule without the address passes.
     */
    private static boolean covers(IpPrefix selector, IpPrefix p, int headerLength) {
        if (selector == null) {
            return true;
        }
        int length = p != null ? p.length() : headerLength;
        if (selector.length() > length) {
            return false;
        }
        if (p == null || selector.length() == 0) {
            return true;
        }
        BigInteger a = new BigInteger(1, p.address().getAddress());
        BigInteger b = new BigInteger(1, selector.address().getAddress());
        int shift = p.address().getAddress().length * 8 - selector.length();
        return a.shiftRight(shift).equals(b.shiftRight(shift));
    }
}
