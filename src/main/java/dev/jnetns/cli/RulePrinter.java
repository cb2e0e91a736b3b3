package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import dev.jnetns.Rule;
import java.util.List;

/** Prints policy rules as {@code ip rule show} does, in text and JSON. */
final class RulePrinter {
    private static final int FR_ACT_TO_TBL = 1;
    private static final int FR_ACT_GOTO = 2;
    private static final int FR_ACT_NOP = 3;
    private static final int FIB_RULE_INVERT = 0x2;
    private static final String[] ACTIONS = {"unspec", "lookup", "goto", "nop", "res3", "res4", "blackhole",
        "unreachable", "prohibit"};

    private static String action(int action) {
        return action >= 0 && action < ACTIONS.length ? ACTIONS[action] : "action " + action;
    }

    private static String prefixHost(IpPrefix p) {
        return IpPrefix.format(p.address());
    }

    private static boolean full(IpPrefix p) {
        return p.length() == IpPrefix.bits(p.address());
    }

    String json(List<Rule> rules, Json j) {
        j.beginArray();
        for (Rule r : rules) {
            j.beginObject();
            j.put("priority", Math.max(0, r.priority()));   // the kernel omits priority 0
            if ((r.flags() & FIB_RULE_INVERT) != 0) {
                j.putNull("not");
            }
            if (r.src() != null) {
                j.put("src", prefixHost(r.src()));
                if (!full(r.src())) {
                    j.put("srclen", r.src().length());
                }
            } else {
                j.put("src", "all");
            }
            if (r.dst() != null) {
                j.put("dst", prefixHost(r.dst()));
                if (!full(r.dst())) {
                    j.put("dstlen", r.dst().length());
                }
            }
            if (r.fwmark() >= 0) {
                j.put("fwmark", "0x" + Long.toHexString(r.fwmark()));
                if (r.fwmask() >= 0 && r.fwmask() != 0xffffffffL) {
                    j.put("fwmask", "0x" + Long.toHexString(r.fwmask()));
                }
            }
            if (r.iif() != null) {
                j.put("iif", r.iif());
            }
            if (r.oif() != null) {
                j.put("oif", r.oif());
            }
            if (r.action() == FR_ACT_TO_TBL) {
                j.put("table", RtNames.TABLES.name(r.table()));
            } else if (r.action() == FR_ACT_GOTO) {
                j.put("action", "goto");
            } else {
                j.put("action", action(r.action()));
            }
            j.endObject();
        }
        return j.endArray().toString();
    }

    String text(List<Rule> rules) {
        StringBuilder sb = new StringBuilder();
        for (Rule r : rules) {
            sb.append(r.priority() >= 0 ? r.priority() : 0).append(":\t");
            if ((r.flags() & FIB_RULE_INVERT) != 0) {
                sb.append("not ");
            }
            sb.append("from ").append(r.src() == null ? "all" : full(r.src()) ? prefixHost(r.src()) : r.src().toString());
            if (r.dst() != null) {
                sb.append(" to ").append(full(r.dst()) ? prefixHost(r.dst()) : r.dst().toString());
            }
            if (r.fwmark() >= 0) {
                sb.append(" fwmark 0x").append(Long.toHexString(r.fwmark()));
                if (r.fwmask() >= 0 && r.fwmask() != 0xffffffffL) {
                    sb.append("/0x").append(Long.toHexString(r.fwmask()));
                }
            }
            if (r.iif() != null) {
                sb.append(" iif ").append(r.iif());
            }
            if (r.oif() != null) {
                sb.append(" oif ").append(r.oif());
            }
            if (r.action() == FR_ACT_TO_TBL) {
                sb.append(" lookup ").append(RtNames.TABLES.name(r.table()));
            } else if (r.action() == FR_ACT_NOP) {
                sb.append(" nop");
            } else {
                sb.append(' ').append(action(r.action()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
