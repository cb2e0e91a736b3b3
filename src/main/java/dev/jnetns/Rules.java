package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_INVERT;
import static dev.jnetns.uapi.LinuxFibRules.FRA_DST;
import static dev.jnetns.uapi.LinuxFibRules.FRA_FWMARK;
import static dev.jnetns.uapi.LinuxFibRules.FRA_FWMASK;
import static dev.jnetns.uapi.LinuxFibRules.FRA_IIFNAME;
import static dev.jnetns.uapi.LinuxFibRules.FRA_OIFNAME;
import static dev.jnetns.uapi.LinuxFibRules.FRA_PRIORITY;
import static dev.jnetns.uapi.LinuxFibRules.FRA_SRC;
import static dev.jnetns.uapi.LinuxFibRules.FRA_TABLE;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_TO_TBL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWRULE;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.RuleMessage;
import dev.jnetns.sys.ErrnoException;
import java.util.List;

/** The policy-routing rules of one namespace: {@code ip rule}. Obtained from {@link Rtnl#rules()}. */
public final class Rules {
    private final NlSocket socket;

    Rules(NlSocket socket) {
        this.socket = socket;
    }

    /** The rules of {@code family} (AF_INET or AF_INET6), by priority. Equivalent to: {@code ip [-6] rule show}. */
    public List<Rule> list(int family) throws ErrnoException {
        return socket.dump("rule show", (w, seq) -> {
            w.beginMessage(RTM_GETRULE, NLM_F_REQUEST | NLM_F_DUMP, seq);
            RuleMessage.writeHeader(w, family, 0, 0, 0, 0, 0, 0);
            w.endMessage();
        }, m -> m.type() == RTM_NEWRULE ? Rule.of(RuleMessage.decode(m)) : null);
    }

    /** Equivalent to: {@code ip rule add SPEC}. */
    public void add(RuleSpec spec) throws ErrnoException {
        modify(RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, "rule add", spec);
    }

    /** Equivalent to: {@code ip rule del SPEC}; fields left unset match any value. */
    public void delete(RuleSpec spec) throws ErrnoException {
        modify(RTM_DELRULE, 0, "rule del", spec);
    }

    private void modify(int type, int flags, String what, RuleSpec s) throws ErrnoException {
        int family = s.effectiveFamily();
        for (IpPrefix p : new IpPrefix[] {s.src, s.dst}) {
            if (p != null && p.family() != family) {
                throw new IllegalArgumentException("rule mixes IPv4 and IPv6 prefixes");
            }
        }
        boolean add = type == RTM_NEWRULE;
        int action = s.action != null ? s.action : add ? FR_ACT_TO_TBL : 0;
        int table = s.table != null ? s.table : add && action == FR_ACT_TO_TBL ? RT_TABLE_MAIN : 0;
        socket.execute(what, (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            RuleMessage.writeHeader(w, family, s.dst != null ? s.dst.length() : 0, s.src != null ? s.src.length() : 0,
                    0, Integer.compareUnsigned(table, 256) < 0 ? table : 0, action, s.not ? FIB_RULE_INVERT : 0);
            if (s.priority != null) {
                w.attrU32(FRA_PRIORITY, s.priority.intValue());
            }
            if (s.src != null) {
                w.attr(FRA_SRC, s.src.address().getAddress());
            }
            if (s.dst != null) {
                w.attr(FRA_DST, s.dst.address().getAddress());
            }
            if (s.fwmark != null) {
                w.attrU32(FRA_FWMARK, s.fwmark.intValue());
                if (s.fwmask != null) {
                    w.attrU32(FRA_FWMASK, s.fwmask.intValue());
                }
            }
            if (s.iif != null) {
                w.attrString(FRA_IIFNAME, s.iif);
            }
            if (s.oif != null) {
                w.attrString(FRA_OIFNAME, s.oif);
            }
            if (Integer.compareUnsigned(table, 256) >= 0) {
                w.attrU32(FRA_TABLE, table);
            }
            w.endMessage();
        });
    }
}
