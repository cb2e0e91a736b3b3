package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_NOP;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;

import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import dev.jnetns.Rule;
import dev.jnetns.Rtnl;
import dev.jnetns.RuleSpec;
import dev.jnetns.ErrnoException;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns rule ...}: policy-routing rules, as {@code ip rule}. */
final class RuleCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] [-d] rule [show] [SELECTOR] [table ID]\n"
            + "       jnetns [-4|-6] rule add|del SELECTOR ACTION   (at least one word: ip refuses none)\n"
            + "       jnetns [-4|-6] rule flush [SELECTOR] [table ID] [protocol PROTO|all]\n"
            + "       jnetns [-4|-6] rule save > FILE\n"
            + "       jnetns rule restore < FILE\n"
            + "SELECTOR := [not] [from PREFIX] [to PREFIX] [tos TOS] [fwmark MARK[/MASK]] [iif DEV] [oif DEV]\n"
            + "            [pref N] [l3mdev] [uidrange N-N] [ipproto PROTO] [sport N[-N]] [dport N[-N]] [tun_id ID]\n"
            + "ACTION := [table ID] [protocol PROTO] [nat ADDRESS] [realms [SRC/]DST] [suppress_prefixlength N]\n"
            + "          [suppress_ifgroup GROUP] [goto N | nop | blackhole | unreachable | prohibit]\n";

    /** ip's verbs in its order (iprule.c do_iprule). */
    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (isShow(verb)) {
            show(w, false);
        } else if (Words.matches(verb, "save")) {
            RuleSaves.save(top, w);
        } else if (Words.matches(verb, "restore")) {
            RuleSaves.restore(top);
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

    /** {@code rule show|flush}: ip's selectors; flush deletes what show lists that has a priority (not rule 0). */
    private void show(Words w, boolean flush) throws ErrnoException {
        int family = top.family(AF_INET);
        RuleFilter filter = new RuleFilter(family).parse(w);
        Rtnl rtnl = top.rtnl();
        List<Rule> all;
        try {
            all = rtnl.rules().list(family);
        } catch (ErrnoException e) {   // ip's "Dump terminated": the line fails with exit code 255
            throw new CommandFailed(e.getMessage(), Main.EXIT_ABORT);
        }
        List<Rule> rules = new ArrayList<>();   // a flush lists nothing: ip prints [] with -j
        for (Rule r : all) {
            if (flush && filter.flushes(r) && r.priority() >= 0) {
                rtnl.rules().delete(r);
            } else if (!flush && filter.shows(r)) {
                rules.add(r);
            }
        }
        RulePrinter p = new RulePrinter(top.details);
        Out out = top.printOut();
        out.records(rules, p::fields);
        top.print(out);
    }

    /** {@code nat ADDRESS}: ip's get_addr32, an IPv4 address ("default", "all", "any": 0.0.0.0) or its exit 1. */
    private static Inet4Address natAddress(String v) {
        try {
            return (Inet4Address) Words.inetAddress(v.equals("default") || v.equals("all") || v.equals("any") ? "0" : v);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new UsageException("Error: an IP address is expected rather than \"" + v + "\"", Main.EXIT_USAGE);
        }
    }

    private static int name(RtNames names, String text, String why) {
        try {
            return names.number(text);
        } catch (IllegalArgumentException e) {
            throw Words.invalid(why, text);
        }
    }

    /**
     * {@code rule add|del} words as ip's iprule_modify reads them. Each prefix is read in the -4/-6
     * family (any without), and the header carries that family or AF_INET: an IPv6 prefix without
     * -6 goes out as ip sends it and the kernel refuses it.
     */
    private static RuleSpec parse(Words w, int family, boolean add) {
        RuleSpec s = RuleSpec.create().headerFamily(family != 0 ? family : AF_INET);
        Long table = null;
        boolean l3mdev = false;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("not")) {
                s.not();
            } else if (word.equals("from") || word.equals("to")) {
                String v = w.value();
                IpPrefix p = Words.prefix(v, family);
                boolean all = v.equals("all") || v.equals("default") || v.equals("any");
                if (!all && word.equals("from")) {
                    s.from(p);
                } else if (!all) {
                    s.to(p);
                }
            } else if (Words.matches(word, "preference") || Words.matches(word, "order")
                    || Words.matches(word, "priority")) {
                s.priority(Words.u32(w.value(), "preference value is invalid"));
            } else if (word.equals("tos") || Words.matches(word, "dsfield")) {
                s.tos(RuleWords.tos(w.value()));
            } else if (word.equals("fwmark")) {
                String v = w.value();
                int slash = v.indexOf('/');
                long mark = Words.u32(slash < 0 ? v : v.substring(0, slash), "fwmark value is invalid");
                if (slash < 0) {
                    s.fwmark(mark);
                } else {
                    s.fwmark(mark, Words.u32(v.substring(slash + 1), "fwmask value is invalid"));
                }
            } else if (Words.matches(word, "realms")) {
                String v = w.value();
                int slash = v.indexOf('/');
                try {
                    int to = RtNames.REALMS.number(slash < 0 ? v : v.substring(slash + 1));
                    s.realms(slash < 0 ? 0 : RtNames.REALMS.number(v.substring(0, slash)), to);
                } catch (IllegalArgumentException e) {   // ip's get_rt_realms_or_raw: else the u32 as sent
                    long raw = Words.u32(v, "invalid realms");
                    s.realms((int) (raw >>> 16), (int) (raw & 0xffff));
                }
            } else if (Words.matches(word, "protocol")) {
                s.protocol(name(RtNames.PROTOCOLS, w.value(), "\"protocol\" value is invalid"));
            } else if (Words.matches(word, "tun_id")) {   // before table, as in ip: "t" is tun_id
                long id = RuleWords.tunId(w.value());
                if (id == -1) {   // the rule record's "absent"
                    throw new CommandFailed("rule tun_id 18446744073709551615 (2^64-1) is not implemented by jnetns");
                }
                s.tunId(id);
            } else if (Words.matches(word, "table") || word.equals("lookup")) {
                String v = w.value();
                try {
                    table = Integer.toUnsignedLong(RtNames.TABLES.number(v));
                } catch (IllegalArgumentException e) {
                    throw Words.invalid("invalid table ID", v);
                }
                s.table(table.intValue());
            } else if (Words.matches(word, "suppress_prefixlength") || word.equals("sup_pl")) {
                String v = w.value();
                long pl;
                try {
                    pl = Words.parseNumber("suppress_prefixlength", v, Integer.MAX_VALUE);
                } catch (UsageException e) {
                    throw Words.invalid("suppress_prefixlength value is invalid", v);
                }
                s.suppressPrefixLength((int) pl);
            } else if (Words.matches(word, "suppress_ifgroup") || word.equals("sup_group")) {
                s.suppressIfGroup(name(RtNames.GROUPS, w.value(), "Invalid \"suppress_ifgroup\" value"));
            } else if (word.equals("dev") || word.equals("iif")) {
                s.iif(LinkCommand.ifname(w.value(), "\"iif\"/\"dev\" not a valid ifname", 16));
            } else if (word.equals("oif")) {
                s.oif(LinkCommand.ifname(w.value(), "\"oif\" not a valid ifname", 16));
            } else if (word.equals("l3mdev")) {
                s.l3mdev();
                l3mdev = true;
            } else if (word.equals("uidrange")) {
                Rule.Range r = RuleWords.uidRange(w.value());
                s.uidRange(r.start(), r.end());
            } else if (word.equals("nat") || Words.matches(word, "map-to")) {
                String v = w.value();
                System.err.println("Warning: route NAT is deprecated");
                s.nat(natAddress(v));
            } else if (word.equals("ipproto")) {
                s.ipProto(RuleWords.ipProto(w.value()));
            } else if (word.equals("sport")) {
                Rule.Range r = RuleWords.ports(w.value(), "invalid port range");
                s.sport((int) r.start(), (int) r.end());
            } else if (word.equals("dport")) {
                Rule.Range r = RuleWords.ports(w.value(), "invalid dport range");
                s.dport((int) r.start(), (int) r.end());
            } else {
                if (word.equals("type")) {
                    word = w.value();
                }
                if (Words.matches(word, "help")) {
                    throw new HelpShown(USAGE);
                } else if (Words.matches(word, "goto")) {
                    s.gotoRule(Words.u32(w.value(), "invalid target"));
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
        if (l3mdev && table != null && table != 0) {
            throw new CommandFailed("table can not be specified for l3mdev rules", Main.EXIT_EINVAL);
        }
        return s;
    }
}
