package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_INVERT;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_NOP;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_TO_TBL;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;

import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import dev.jnetns.Rule;
import dev.jnetns.Rtnl;
import dev.jnetns.RuleSpec;
import dev.jnetns.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns rule ...}: policy-routing rules, as {@code ip rule}. */
final class RuleCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] [-d] rule [show] [table ID] [pref N] [not] [from PREFIX] [to PREFIX] [iif DEV] [oif DEV]\n"
            + "       jnetns [-4|-6] rule add|del SELECTOR ACTION   (at least one word: ip refuses none)\n"
            + "       jnetns [-4|-6] rule flush [SELECTORS of show]\n"
            + "SELECTOR := [not] [from PREFIX] [to PREFIX] [tos TOS] [fwmark MARK[/MASK]] [iif DEV] [oif DEV]\n"
            + "            [pref N] [l3mdev] [uidrange N-N] [ipproto PROTO] [sport N[-N]] [dport N[-N]] [tun_id ID]\n"
            + "ACTION := [table ID] [protocol PROTO] [realms [SRC/]DST] [suppress_prefixlength N]\n"
            + "          [suppress_ifgroup GROUP] [goto N | nop | blackhole | unreachable | prohibit]\n";

    /** ip's verbs in its order (iprule.c do_iprule). */
    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (isShow(verb)) {
            show(w, false);
        } else if (Words.matches(verb, "save") || Words.matches(verb, "restore")) {
            throw new CommandFailed("\"ip rule " + verb + "\" is not implemented by jnetns");
        } else if (Words.matches(verb, "add") || Words.matches(verb, "delete")) {
            boolean add = Words.matches(verb, "add");
            if (!w.hasNext()) {
                throw new CommandFailed("\"ip rule " + (add ? "add" : "del") + "\" requires arguments.");
            }
            RuleSpec s = parse(w, top.family(0), add);
            Rtnl rtnl = top.rtnl();
            if (add) {
                rtnl.rules().add(s);
            } else {
                rtnl.rules().delete(s);
            }
        } else if (Words.matches(verb, "flush")) {
            show(w, true);
        } else {
            return null;
        }
        return 0;
    }

    /** {@code rule show|flush}: ip's selectors; flush deletes what show lists, but priority 0. */
    private void show(Words w, boolean flush) throws ErrnoException {
        int family = top.family(AF_INET);
        Integer table = null;
        Long pref = null;
        boolean not = false;
        IpPrefix from = null;
        IpPrefix to = null;
        String iif = null;
        String oif = null;
        while (w.hasNext()) {
            String word = w.next();
            if (Words.matches(word, "preference") || Words.matches(word, "order") || Words.matches(word, "priority")) {
                pref = Words.u32(w.value(), "preference value is invalid");
            } else if (word.equals("not")) {
                not = true;
            } else if (word.equals("dev") || word.equals("iif")) {
                iif = LinkCommand.ifname(w.value(), "\"iif\"/\"dev\" not a valid ifname", 16);
            } else if (word.equals("oif")) {
                oif = LinkCommand.ifname(w.value(), "\"oif\" not a valid ifname", 16);
            } else if (Words.matches(word, "lookup") || Words.matches(word, "table")) {
                String v = w.value();
                try {
                    table = RtNames.TABLES.number(v);
                } catch (IllegalArgumentException e) {
                    throw Words.invalid("table id value is invalid", v);
                }
            } else if (Words.matches(word, "from") || Words.matches(word, "src")) {
                from = Words.prefix(w.value(), family);
            } else {
                if (Words.matches(word, "dst") || Words.matches(word, "to")) {
                    word = w.value();
                }
                to = Words.prefix(word, family);
            }
        }
        Rtnl rtnl = top.rtnl();
        List<Rule> all;
        try {
            all = rtnl.rules().list(family);
        } catch (ErrnoException e) {   // ip's "Dump terminated": the line fails with exit code 255
            throw new CommandFailed(e.getMessage(), Main.EXIT_ABORT);
        }
        List<Rule> rules = new ArrayList<>();
        for (Rule r : all) {
            if ((table == null || r.table() == table) && (pref == null || Math.max(0, r.priority()) == pref)
                    && (!not || (r.flags() & FIB_RULE_INVERT) != 0) && (iif == null || iif.equals(r.iif()))
                    && (oif == null || oif.equals(r.oif())) && same(from, r.src()) && same(to, r.dst())) {
                rules.add(r);
            }
        }
        if (flush) {
            for (Rule r : rules) {
                if (r.priority() > 0) {
                    rtnl.rules().delete(spec(r));
                }
            }
            rules = List.of();   // ip's flush prints an empty listing: [] with -j
        }
        RulePrinter p = new RulePrinter(top.details);
        Out out = top.printOut();
        out.records(rules, p::fields);
        top.print(out);
    }

    /** A selector prefix (null: any) against a rule's (null: all). */
    private static boolean same(IpPrefix selector, IpPrefix p) {
        return selector == null || (selector.length() == 0 ? p == null : selector.equals(p));
    }

    /** The request that deletes {@code r} again (ip's flush sends the rule back). */
    private static RuleSpec spec(Rule r) {
        RuleSpec s = RuleSpec.create().family(r.family()).priority(r.priority());
        if (r.src() != null) {
            s.from(r.src());
        }
        if (r.dst() != null) {
            s.to(r.dst());
        }
        if (r.iif() != null) {
            s.iif(r.iif());
        }
        if (r.oif() != null) {
            s.oif(r.oif());
        }
        if (r.fwmark() >= 0) {
            s.fwmark(r.fwmark(), r.fwmask() >= 0 ? r.fwmask() : 0xffffffffL);
        }
        if ((r.flags() & FIB_RULE_INVERT) != 0) {
            s.not();
        }
        return r.action() == FR_ACT_TO_TBL ? s.table(r.table()) : s.action(r.action());
    }

    private static int name(RtNames names, String text, String why) {
        try {
            return names.number(text);
        } catch (IllegalArgumentException e) {
            throw Words.invalid(why, text);
        }
    }

    /**
     * ip's get_u64(base 0) for {@code tun_id}: C's strtoull, so decimal, 0x-hex or 0-octal up to
     * 2^64-1, and a minus sign negates modulo 2^64 ("-1" is 2^64-1); the bits as a long.
     */
    private static long u64(String key, String v) {
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
        throw Words.invalid("\"" + key + "\" value is invalid", v);
    }

    /** {@code rule add|del} words as ip's iprule_modify reads them. */
    private static RuleSpec parse(Words w, int family, boolean add) {
        RuleSpec s = RuleSpec.create();
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("not")) {
                s.not();
            } else if (word.equals("from") || word.equals("to")) {
                String v = w.value();
                IpPrefix p = Words.prefix(v, family);
                family = Words.familyOf(p.address());
                boolean all = v.equals("all") || v.equals("default") || v.equals("any");
                if (!all && word.equals("from")) {
                    s.from(p);
                } else if (!all) {
                    s.to(p);
                }
            } else if (Words.matches(word, "preference") || Words.matches(word, "order")
                    || Words.matches(word, "priority")) {
                s.priority(Words.u32(w.value(), "preference value is invalid"));
            } else if (word.equals("fwmark")) {
                String v = w.value();
                int slash = v.indexOf('/');
                long mark = Words.u32(slash < 0 ? v : v.substring(0, slash), "fwmark value is invalid");
                if (slash < 0) {
                    s.fwmark(mark);
                } else {
                    s.fwmark(mark, Words.u32(v.substring(slash + 1), "fwmask value is invalid"));
                }
            } else if (Words.matches(word, "tun_id")) {   // before table, as in ip: "t" is tun_id
                long id = u64("tun_id", w.value());
                if (id == -1) {   // the rule record's "absent"
                    throw new CommandFailed("rule tun_id 18446744073709551615 (2^64-1) is not implemented by jnetns");
                }
                s.tunId(id);
            } else if (Words.matches(word, "table") || word.equals("lookup")) {
                String v = w.value();
                try {
                    s.table(RtNames.TABLES.number(v));
                } catch (IllegalArgumentException e) {
                    throw Words.invalid("invalid table ID", v);
                }
            } else if (word.equals("dev") || word.equals("iif")) {
                s.iif(LinkCommand.ifname(w.value(), "\"iif\"/\"dev\" not a valid ifname", 16));
            } else if (word.equals("oif")) {
                s.oif(LinkCommand.ifname(w.value(), "\"oif\" not a valid ifname", 16));
            } else if (word.equals("tos") || Words.matches(word, "dsfield")) {
                s.tos(name(RtNames.DSFIELDS, w.value(), "TOS value is invalid"));
            } else if (word.equals("ipproto")) {
                s.ipProto(IpProtocols.number(w.value()));
            } else if (word.equals("sport") || word.equals("dport")) {
                String[] r = w.value().split("-", 2);
                int start = (int) Words.parseNumber(word, r[0], 0xffff);
                int end = r.length < 2 ? start : (int) Words.parseNumber(word, r[1], 0xffff);
                if (word.equals("sport")) {
                    s.sport(start, end);
                } else {
                    s.dport(start, end);
                }
            } else if (Words.matches(word, "realms")) {
                String v = w.value();
                int slash = v.indexOf('/');
                int to = RtNames.REALMS.number(slash < 0 ? v : v.substring(slash + 1));
                s.realms(slash < 0 ? 0 : RtNames.REALMS.number(v.substring(0, slash)), to);
            } else if (Words.matches(word, "protocol")) {
                s.protocol(name(RtNames.PROTOCOLS, w.value(), "\"protocol\" value is invalid"));
            } else if (Words.matches(word, "suppress_prefixlength") || word.equals("sup_pl")) {
                s.suppressPrefixLength((int) w.number(word, 0x7fffffff));
            } else if (Words.matches(word, "suppress_ifgroup") || word.equals("sup_group")) {
                s.suppressIfGroup(RtNames.GROUPS.number(w.value()));
            } else if (word.equals("l3mdev")) {
                s.l3mdev();
            } else if (word.equals("uidrange")) {
                String v = w.value();
                String[] r = v.split("-", 2);
                if (r.length < 2) {
                    throw new UsageException("invalid UID range \"" + v + "\"");
                }
                s.uidRange(Words.parseNumber(word, r[0], 0xffffffffL), Words.parseNumber(word, r[1], 0xffffffffL));
            } else if (word.equals("nat") || Words.matches(word, "map-to")) {
                throw new CommandFailed("rule " + word + " is not implemented by jnetns");
            } else {
                if (word.equals("type")) {
                    word = w.value();
                }
                if (Words.matches(word, "help")) {
                    throw new HelpShown(USAGE);
                } else if (Words.matches(word, "goto")) {
                    s.gotoRule(w.number("goto", 0xffffffffL));
                } else if (Words.matches(word, "nop")) {
                    s.action(FR_ACT_NOP);
                } else {
                    try {
                        s.action(RtNames.TYPES.number(word));
                    } catch (IllegalArgumentException e) {
                        throw Words.invalid("Failed to parse rule type", word);
                    }
                }
            }
        }
        if (family != 0) {
            s.family(family);
        }
        return s;
    }
}
