package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.RuleSpec;
import dev.jnetns.sys.ErrnoException;

/** {@code jnetns rule ...}: policy-routing rules, as {@code ip rule}. */
final class RuleCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] rule show\n"
            + "       jnetns [-4|-6] rule add|del [not] [from PREFIX] [to PREFIX] [iif DEV] [oif DEV]\n"
            + "                      [fwmark MARK[/MASK]] [pref N] [table ID | blackhole | unreachable | prohibit]\n";

    private static final int AF_INET = 2;

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (isShow(verb)) {
            w.end("rule show");
            Rtnl rtnl = top.rtnl();
            RulePrinter p = new RulePrinter();
            var rules = rtnl.rules().list(top.family(AF_INET));
            if (top.json) {
                top.out().println(p.json(rules, top.json()));
            } else {
                top.out().print(p.text(rules));
            }
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
                    long mask = slash < 0 ? 0xffffffffL : Words.parseNumber(word, v.substring(slash + 1), 0xffffffffL);
                    s.fwmark(mark, mask);
                    break;
                }
                case "pref": s.priority(w.number(word, 0xffffffffL)); break;
                case "table": case "lookup": s.table(RtNames.TABLES.number(w.valueOf(word))); break;
                case "blackhole": s.action(6); break;
                case "unreachable": s.action(7); break;
                case "prohibit": s.action(8); break;
                default: throw new UsageException("rule: unexpected \"" + word + "\"");
            }
        }
        return s;
    }
}
