package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_INVERT;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_TO_TBL;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.IpPrefix;
import dev.jnetns.Rule;
import dev.jnetns.RuleSpec;
import dev.jnetns.model.Topology.RuleDecl;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one normal form in which a declared rule and a live one are compared, made again and
 * exported: family, priority, from, to, iif, oif, fwmark and mask, not, and the table or action.
 */
final class RuleForm {
    /** The {@code "type"} names by FR_ACT_* number (6, 7, 8). */
    static final List<String> ACTIONS = List.of("", "", "", "", "", "", "blackhole", "unreachable", "prohibit");

    private RuleForm() {
    }

    /** A mark or mask as the file writes it: hex with 0x, or decimal. */
    static long number(String text) {
        return text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
    }

    /** The normal form of a declared rule. */
    static Map<String, Object> of(RuleDecl d) {
        Map<String, Object> m = new TreeMap<>();
        int family = d.family() != null ? (d.family().equals("inet6") ? AF_INET6 : AF_INET)
                : d.from() != null ? IpPrefix.parse(d.from()).family() : d.to() != null ? IpPrefix.parse(d.to()).family()
                : AF_INET;
        m.put("family", (long) family);
        m.put("priority", d.priority());
        if (d.from() != null) {
            m.put("from", IpPrefix.parse(d.from()).network().toString());
        }
        if (d.to() != null) {
            m.put("to", IpPrefix.parse(d.to()).network().toString());
        }
        if (d.iif() != null) {
            m.put("iif", d.iif());
        }
        if (d.oif() != null) {
            m.put("oif", d.oif());
        }
        if (d.fwmark() != null) {
            String[] p = d.fwmark().split("/");
            m.put("fwmark", number(p[0]));
            m.put("fwmask", p.length > 1 ? number(p[1]) : 0xffffffffL);
        }
        m.put("not", Boolean.TRUE.equals(d.not()));
        if (d.type() != null) {
            m.put("action", (long) ACTIONS.indexOf(d.type()));
        } else {
            m.put("action", (long) FR_ACT_TO_TBL);
            m.put("table", (long) d.table());
        }
        return m;
    }

    /** The normal form of a live rule. */
    static Map<String, Object> of(Rule r) {
        Map<String, Object> m = new TreeMap<>();
        m.put("family", (long) r.family());
        m.put("priority", r.priority());
        if (r.src() != null) {
            m.put("from", r.src().network().toString());
        }
        if (r.dst() != null) {
            m.put("to", r.dst().network().toString());
        }
        if (r.iif() != null) {
            m.put("iif", r.iif());
        }
        if (r.oif() != null) {
            m.put("oif", r.oif());
        }
        if (r.fwmark() >= 0) {
            m.put("fwmark", r.fwmark());
            m.put("fwmask", r.fwmask() >= 0 ? r.fwmask() : 0xffffffffL);
        }
        m.put("not", (r.flags() & FIB_RULE_INVERT) != 0);
        m.put("action", (long) r.action());
        if (r.action() == FR_ACT_TO_TBL) {
            m.put("table", (long) r.table());
        }
        return m;
    }

    /** The request that makes the rule a normal form describes ({@code ip rule add ...}). */
    static RuleSpec spec(Map<String, Object> m) {
        RuleSpec s = RuleSpec.create().family(((Long) m.get("family")).intValue()).priority((Long) m.get("priority"));
        if (m.containsKey("from")) {
            s.from(IpPrefix.parse((String) m.get("from")));
        }
        if (m.containsKey("to")) {
            s.to(IpPrefix.parse((String) m.get("to")));
        }
        if (m.containsKey("iif")) {
            s.iif((String) m.get("iif"));
        }
        if (m.containsKey("oif")) {
            s.oif((String) m.get("oif"));
        }
        if (m.containsKey("fwmark")) {
            s.fwmark((Long) m.get("fwmark"), (Long) m.get("fwmask"));
        }
        if (Boolean.TRUE.equals(m.get("not"))) {
            s.not();
        }
        int action = ((Long) m.get("action")).intValue();
        return action == FR_ACT_TO_TBL ? s.table(((Long) m.get("table")).intValue()) : s.action(action);
    }

    /** A normal form as a file writes it. */
    static RuleDecl decl(Map<String, Object> m) {
        int family = ((Long) m.get("family")).intValue();
        String fwmark = null;
        if (m.containsKey("fwmark")) {
            long mask = (Long) m.get("fwmask");
            fwmark = "0x" + Long.toHexString((Long) m.get("fwmark")) + (mask == 0xffffffffL ? "" : "/0x" + Long.toHexString(mask));
        }
        int action = ((Long) m.get("action")).intValue();
        if (action != FR_ACT_TO_TBL && (action >= ACTIONS.size() || ACTIONS.get(action).isEmpty())) {
            throw new IllegalStateException("rule pref " + m.get("priority") + " (action " + action
                    + ") cannot be written in a topology file");
        }
        return new RuleDecl(family == AF_INET6 ? "inet6" : "inet", (Long) m.get("priority"), (String) m.get("from"),
                (String) m.get("to"), (String) m.get("iif"), (String) m.get("oif"), fwmark,
                Boolean.TRUE.equals(m.get("not")) ? Boolean.TRUE : null,
                action == FR_ACT_TO_TBL ? (Integer) ((Long) m.get("table")).intValue() : null,
                action == FR_ACT_TO_TBL ? null : ACTIONS.get(action));
    }

    /** A normal form in the words of {@code ip rule}: {@code pref 1000 not from 198.18.1.0/24 iif v0 lookup 100}. */
    static String text(Map<String, Object> m) {
        RuleDecl d = decl(m);
        StringBuilder sb = new StringBuilder(d.family().equals("inet6") ? "-6 " : "").append("pref ").append(d.priority());
        if (d.not() != null) {
            sb.append(" not");
        }
        sb.append(" from ").append(d.from() != null ? d.from() : "all");
        if (d.to() != null) {
            sb.append(" to ").append(d.to());
        }
        if (d.fwmark() != null) {
            sb.append(" fwmark ").append(d.fwmark());
        }
        if (d.iif() != null) {
            sb.append(" iif ").append(d.iif());
        }
        if (d.oif() != null) {
            sb.append(" oif ").append(d.oif());
        }
        return sb.append(d.table() != null ? " lookup " + d.table() : " " + d.type()).toString();
    }
}
