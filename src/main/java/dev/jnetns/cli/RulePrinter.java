package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_IIF_DETACHED;
import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_OIF_DETACHED;
import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_UNRESOLVED;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_GOTO;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_NOP;
import static dev.jnetns.uapi.LinuxFibRules.FR_ACT_TO_TBL;
import static dev.jnetns.uapi.LinuxFibRules.FRA_TUN_ID;
import static dev.jnetns.uapi.LinuxRoute.RTA_GATEWAY;
import static dev.jnetns.uapi.LinuxRoute.RTN_NAT;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_KERNEL;

import dev.jnetns.IpPrefix;
import dev.jnetns.RawAttributes;
import dev.jnetns.RtNames;
import dev.jnetns.Rule;
import dev.jnetns.uapi.LinuxSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Prints policy rules as {@code ip rule show} does (iproute2's print_rule), text and JSON through one path. */
final class RulePrinter {
    /** The value of FRA_SUPPRESS_PREFIXLEN and FRA_SUPPRESS_IFGROUP that means "not set". */
    private static final long UNSET = 0xffffffffL;

    private final boolean details;

    /** @param details {@code -d}: the protocol of every rule, the kernel's included */
    RulePrinter(boolean details) {
        this.details = details;
    }

    /** The bits of an address of {@code family} (ip's af_bit_len). */
    private static int hostLength(int family) {
        return family == LinuxSocket.AF_INET6 ? 128 : family == LinuxSocket.AF_INET ? 32 : 0;
    }

    /** {@code %#llx}: "0" for zero, else "0x..." */
    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /** One rule's fields and, in text, its line end. */
    void fields(Rule r, Out out) {
        out.number("priority", "%s:\t", Math.max(r.priority(), 0));
        if (r.inverted()) {
            out.nullValue("not", "not ", null);
        }
        prefix(out, r, r.src(), "src", "from ", r.raw().headerByte(2, 0));
        prefix(out, r, r.dst(), "dst", " to ", r.raw().headerByte(1, 0));
        if (r.tos() != 0) {
            out.name("tos", " tos %s", RtNames.DSFIELDS, r.tos());
        }
        if (r.fwmark() >= 0 || r.fwmask() >= 0) {
            out.string("fwmark", " fwmark %s", hex(Math.max(r.fwmark(), 0)));
            if (r.fwmask() >= 0 && r.fwmask() != 0xffffffffL) {
                out.string("fwmask", "/%s", hex(r.fwmask()));
            }
        }
        device(out, r.iif(), "iif", (r.flags() & FIB_RULE_IIF_DETACHED) != 0);
        device(out, r.oif(), "oif", (r.flags() & FIB_RULE_OIF_DETACHED) != 0);
        if (r.l3mdev() > 0) {
            out.nullValue("l3mdev", " lookup [l3mdev-table]", null);
        }
        if (r.uidRange() != null) {
            out.number("uid_start", " uidrange %s", r.uidRange().start());
            out.number("uid_end", "-%s", r.uidRange().end());
        }
        if (r.ipProto() >= 0) {
            out.string("ipproto", " ipproto %s", out.numeric() ? "ipproto-" + r.ipProto() : IpProtocols.name(r.ipProto()));
        }
        ports(out, r.sport(), "sport");
        ports(out, r.dport(), "dport");
        if (r.tunId() != -1 || r.raw().recorded(FRA_TUN_ID)) {
            out.u64("tun_id", " tun_id %s", r.tunId());
        }
        if (r.table() != 0) {
            out.name("table", " lookup %s", RtNames.TABLES, r.table());
            if (r.suppressPrefixLength() >= 0 && r.suppressPrefixLength() != UNSET) {
                out.number("suppress_prefixlen", " suppress_prefixlength %s", (int) r.suppressPrefixLength());
            }
            if (r.suppressIfGroup() >= 0 && r.suppressIfGroup() != UNSET) {
                out.name("suppress_ifgroup", " suppress_ifgroup %s", RtNames.GROUPS, (int) r.suppressIfGroup());
            }
        }
        if (r.realms() >= 0) {
            int from = (int) (r.realms() >>> 16);
            if (from != 0) {
                out.name("flow_from", " realms %s/", RtNames.REALMS, from);
            } else {
                out.text(" realms ");
            }
            out.name("flow_to", "%s", RtNames.REALMS, (int) (r.realms() & 0xffff));
        }
        action(out, r);
        if (r.protocol() >= 0 && ((r.protocol() != 0 && r.protocol() != RTPROT_KERNEL) || details)) {
            out.name("protocol", " proto %s", RtNames.PROTOCOLS, r.protocol());
        }
        out.text("\n");
    }

    /** {@code from ADDR[/LEN]}, {@code from 0/LEN} (a length without an address) or {@code from all}. */
    private static void prefix(Out out, Rule r, IpPrefix p, String key, String word, int headerLength) {
        if (p != null) {
            out.text(word);
            out.string(key, "%s", IpPrefix.format(p.address()));
            if (p.length() != hostLength(r.family())) {
                out.number(key + "len", "/%s", p.length());
            }
        } else if (headerLength != 0) {
            out.string(key, word + "%s", "0");
            out.number(key + "len", "/%s", headerLength);
        } else if (key.equals("src")) {
            out.string(key, word + "%s", "all");
        }
    }

    private static void device(Out out, String name, String key, boolean detached) {
        if (name != null) {
            out.text(" " + key + " ");
            out.string(key, "%s", name);
            if (detached) {
                out.nullValue(key + "_detached", " [detached]", null);
            }
        }
    }

    /** {@code sport N} for a one-port range, else {@code sport A-B}. */
    private static void ports(Out out, Rule.Range range, String key) {
        if (range == null) {
            return;
        }
        if (range.start() == range.end()) {
            out.number(key, " " + key + " %s", range.start());
        } else {
            out.number(key + "_start", " " + key + " %s", range.start());
            out.number(key + "_end", "-%s", range.end());
        }
    }

    /** What the rule does beyond a table lookup: NAT, goto, nop or a route type (blackhole ...). */
    private static void action(Out out, Rule r) {
        if (r.action() == RTN_NAT) {
            InetAddress gateway = gateway(r.raw());
            if (gateway != null) {
                out.string("nat_gateway", " map-to %s", IpPrefix.format(gateway));
            } else {
                out.nullValue("masquerade", " masquerade", null);
            }
        } else if (r.action() == FR_ACT_GOTO) {
            if (r.gotoTarget() >= 0) {
                out.number("goto", " goto %s", r.gotoTarget());
            } else {
                out.string("goto", " goto %s", "none");
            }
            if ((r.flags() & FIB_RULE_UNRESOLVED) != 0) {
                out.nullValue("unresolved", " [unresolved]", null);
            }
        } else if (r.action() == FR_ACT_NOP) {
            out.nullValue("nop", " nop", null);
        } else if (r.action() != FR_ACT_TO_TBL) {
            out.name("action", " %s", RtNames.TYPES, r.action());
        }
    }

    /** The RTA_GATEWAY of an old NAT rule ({@code ip rule add nat ADDR}), which the rule codec does not model. */
    private static InetAddress gateway(RawAttributes raw) {
        for (RawAttributes.Attribute a : raw.list()) {
            if (a.type() == RTA_GATEWAY && (a.value().length == 4 || a.value().length == 16)) {
                try {
                    return InetAddress.getByAddress(a.value());
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
