package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.RuleSpec;
import dev.jnetns.sys.ErrnoException;
import dev.jnetns.uapi.LinuxFibRules;
import dev.jnetns.uapi.LinuxSocket;

/** {@code jnetns rule ...}: policy-routing rules, as {@code ip rule}. */
final class RuleCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] [-d] rule show\n"
            + "       jnetns [-4|-6] rule add|del SELECTOR ACTION\n"
            + "SELECTOR := [not] [from PREFIX] [to PREFIX] [tos TOS] [fwmark MARK[/MASK]] [iif DEV] [oif DEV]\n"
            + "            [pref N] [l3mdev] [uidrange N-N] [ipproto PROTO] [sport N[-N]] [dport N[-N]] [tun_id ID]\n"
            + "ACTION := [table ID] [protocol PROTO] [realms [SRC/]DST] [suppress_prefixlength N]\n"
            + "          [suppress_ifgroup GROUP] [goto N | nop | blackhole | unreachable | prohibit]\n";

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (isShow(verb)) {
            w.end("rule show");
            Rtnl rtnl = top.rtnl();
            RulePrinter p = new RulePrinter(top.details);
            var rules = rtnl.rules().list(top.family(LinuxSocket.AF_INET));
            Out out = top.printOut();
            out.records(rules, p::fields);
            top.print(out);
        } else if (Words.matches(verb, "add") || Words.matches(verb, "delete")) {
            RuleSpec s = parse(w);
            Rtnl rtnl = top.rtnl();
            if (Words.matches(verb, "add")) {
                rtnl.rules().add(s);
            } else {
                rtnl.rules().delete(s);
            }
        } else {
            return null;
        }
        return 0;
    }

    private RuleSpec parse(Words w) {
        RuleSpec s = RuleSpec.create();
        int family = top.family(0);
        if (family != 0) {
            s.family(family);
        }
        while (w.hasNext()) {
            String word = w.next();
            if (Words.matches(word, "preference") || Words.matches(word, "priority") || Words.matches(word, "order")) {
                word = "pref";
            }
            switch (word) {
                case "not": s.not(); break;
                case "from": {
                    String v = w.valueOf(word);
                    if (!v.equals("all")) {
                        s.from(IpPrefix.parse(v));
                    }
                    break;
                }
                case "to": {
                    String v = w.valueOf(word);
                    if (!v.equals("all")) {
                        s.to(IpPrefix.parse(v));
                    }
                    break;
                }
                case "iif": case "dev": s.iif(w.valueOf(word)); break;
                case "oif": s.oif(w.valueOf(word)); break;
                case "fwmark": {
                    String v = w.valueOf(word);
                    int slash = v.indexOf('/');
                    long mark = Words.parseNumber(word, slash < 0 ? v : v.substring(0, slash), 0xffffffffL);
                    if (slash < 0) {
                        s.fwmark(mark);
                    } else {
                        s.fwmark(mark, Words.parseNumber(word, v.substring(slash + 1), 0xffffffffL));
                    }
                    break;
                }
                case "tos": case "dsfield": s.tos(RtNames.DSFIELDS.number(w.valueOf(word))); break;
                case "protocol": s.protocol(RtNames.PROTOCOLS.number(w.valueOf(word))); break;
                case "tun_id": s.tunId(Words.parseNumber(word, w.valueOf(word), Long.MAX_VALUE)); break;
                case "realms": {
                    String v = w.valueOf(word);
                    int slash = v.indexOf('/');
                    int to = RtNames.REALMS.number(slash < 0 ? v : v.substring(slash + 1));
                    s.realms(slash < 0 ? 0 : RtNames.REALMS.number(v.substring(0, slash)), to);
                    break;
                }
                case "suppress_prefixlength": case "sup_pl": s.suppressPrefixLength((int) w.number(word, 0x7fffffff)); break;
                case "suppress_ifgroup": case "sup_group": s.suppressIfGroup(RtNames.GROUPS.number(w.valueOf(word))); break;
                case "l3mdev": s.l3mdev(); break;
                case "uidrange": {
                    String v = w.valueOf(word);
                    String[] r = v.split("-", 2);
                    if (r.length < 2) {
                        throw new UsageException("invalid UID range \"" + v + "\"");
                    }
                    s.uidRange(Words.parseNumber(word, r[0], 0xffffffffL), Words.parseNumber(word, r[1], 0xffffffffL));
                    break;
                }
                case "ipproto": s.ipProto(IpProtocols.number(w.valueOf(word))); break;
                case "sport": case "dport": {
                    String[] r = w.valueOf(word).split("-", 2);
                    int start = (int) Words.parseNumber(word, r[0], 0xffff);
                    int end = r.length < 2 ? start : (int) Words.parseNumber(word, r[1], 0xffff);
                    if (word.equals("sport")) {
                        s.sport(start, end);
                    } else {
                        s.dport(start, end);
                    }
                    break;
                }
                case "goto": s.gotoRule(w.number(word, 0xffffffffL)); break;
                case "nop": s.action(LinuxFibRules.FR_ACT_NOP); break;
                case "pref": s.priority(w.number(word, 0xffffffffL)); break;
                case "table": case "lookup": s.table(RtNames.TABLES.number(w.valueOf(word))); break;
                case "blackhole": s.action(LinuxFibRules.FR_ACT_BLACKHOLE); break;
                case "unreachable": s.action(LinuxFibRules.FR_ACT_UNREACHABLE); break;
                case "prohibit": s.action(LinuxFibRules.FR_ACT_PROHIBIT); break;
                default: throw new UsageException("rule: unexpected \"" + word + "\"");
            }
        }
        return s;
    }
}
