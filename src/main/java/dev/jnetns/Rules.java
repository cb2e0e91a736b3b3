package dev.jnetns;

import static dev.jnetns.uapi.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_CREATE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_EXCL;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_INVERT;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_TO_TBL;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_UNSPEC;
import static dev.jnetns.uapi.LinuxRoute.RTA_GATEWAY;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_DELRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_GETRULE;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWRULE;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.RuleCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** The policy-routing rules of one namespace: {@code ip rule}. Obtained from {@link Rtnl#rules()}. */
public final class Rules {
    private final NlSocket socket;

    Rules(NlSocket socket) {
        this.socket = socket;
    }

    /**
     * {@return the rules of {@code family} (AF_INET or AF_INET6), by priority} Equivalent to: {@code ip [-6] rule show}.
     *
     * @param family AF_INET (2) or AF_INET6 (10)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Rule> list(int family) throws ErrnoException {
        Rule filter = request(RuleSpec.create().family(family), false);
        return socket.dump("rule show", (w, seq) -> {
            w.beginMessage(RTM_GETRULE, NLM_F_REQUEST | NLM_F_DUMP, seq);
            RuleCodec.encode(filter, w);
            w.endMessage();
        }, m -> m.type() == RTM_NEWRULE ? RuleCodec.decode(m) : null);
    }

    /**
     * {@return the rules {@link #list} gives, each with its message as the kernel sent it} The dump
     * {@code ip [-6] rule save} writes.
     *
     * @param family AF_INET (2) or AF_INET6 (10)
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public List<Saved<Rule>> listSaved(int family) throws ErrnoException {
        Rule filter = request(RuleSpec.create().family(family), false);
        return socket.dump("rule save", (w, seq) -> {
            w.beginMessage(RTM_GETRULE, NLM_F_REQUEST | NLM_F_DUMP, seq);
            RuleCodec.encode(filter, w);
            w.endMessage();
        }, m -> m.type() == RTM_NEWRULE ? new Saved<>(RuleCodec.decode(m), m.bytes()) : null);
    }

    /**
     * Equivalent to: {@code ip rule add SPEC}.
     *
     * @param spec the rule
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void add(RuleSpec spec) throws ErrnoException {
        modify(RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, "rule add", spec);
    }

    /**
     * Equivalent to: {@code ip rule del SPEC}; fields left unset match any value.
     *
     * @param spec the rule
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(RuleSpec spec) throws ErrnoException {
        modify(RTM_DELRULE, 0, "rule del", spec);
    }

    /**
     * Deletes a rule as listed: sends the record back as it came ({@code ip rule flush} deletes each
     * rule it lists so), every attribute of it to match.
     *
     * @param rule a rule from {@link #list(int)}
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(Rule rule) throws ErrnoException {
        socket.execute("rule del", (w, seq) -> {
            w.beginMessage(RTM_DELRULE, NLM_F_REQUEST | NLM_F_ACK, seq);
            RuleCodec.encode(rule, w);
            w.endMessage();
        });
    }

    /**
     * The rule {@code ip rule add|del} sends for {@code s}: an add looks up table main unless a
     * table, {@code l3mdev} or another action than {@code nat} is given; a delete leaves action and table unset.
     */
    static Rule request(RuleSpec s, boolean add) {
        int family = s.effectiveFamily();   // the prefixes are of it: RuleSpec refuses a contradiction
        if (s.l3mdev && s.table != null && s.table != 0) {
            throw new IllegalArgumentException("table can not be specified for l3mdev rules");
        }
        int action = s.action != null ? s.action : add ? FR_ACT_TO_TBL : FR_ACT_UNSPEC;
        boolean tableGiven = s.table != null || s.l3mdev || s.actionGiven;
        int table = s.table != null ? s.table : add && !tableGiven ? RT_TABLE_MAIN : 0;
        return new Rule(family, s.priority, s.src, s.dst, s.iif, s.oif, s.fwmark, s.fwmask, table, action,
                s.not ? FIB_RULE_INVERT : 0, s.protocol, s.tos, s.gotoTarget, s.realms, s.tunId, s.suppressPrefixLength,
                s.suppressIfGroup, s.l3mdev ? 1 : -1, s.uidRange, s.ipProto, s.sport, s.dport, natGateway(s));
    }

    /** {@code nat ADDRESS}: the RTA_GATEWAY the rule codec does not model, kept raw. */
    private static RawAttributes natGateway(RuleSpec s) {
        if (s.natGateway == null) {
            return RawAttributes.NONE;
        }
        byte[] a = s.natGateway.getAddress();
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        b.putShort((short) 8).putShort((short) RTA_GATEWAY).put(a);
        return RawAttributes.of(null, null, b.array());
    }

    private void modify(int type, int flags, String what, RuleSpec s) throws ErrnoException {
        Rule rule = request(s, type == RTM_NEWRULE);
        socket.execute(what, (w, seq) -> {
            w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, seq);
            RuleCodec.encode(rule, w);
            w.endMessage();
        });
    }
}
