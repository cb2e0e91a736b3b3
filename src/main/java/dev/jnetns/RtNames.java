package dev.jnetns;

import dev.jnetns.rtnl.Escape;
import static dev.jnetns.uapi.LinuxRoute.RTN_ANYCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_BLACKHOLE;
import static dev.jnetns.uapi.LinuxRoute.RTN_BROADCAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RTN_MULTICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_NAT;
import static dev.jnetns.uapi.LinuxRoute.RTN_PROHIBIT;
import static dev.jnetns.uapi.LinuxRoute.RTN_THROW;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNICAST;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNREACHABLE;
import static dev.jnetns.uapi.LinuxRoute.RTN_UNSPEC;
import static dev.jnetns.uapi.LinuxRoute.RTN_XRESOLVE;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_BABEL;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_BGP;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_BIRD;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_BOOT;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_DHCP;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_DNROUTED;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_EIGRP;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_GATED;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_ISIS;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_KEEPALIVED;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_KERNEL;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_MRT;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_NTK;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_OPENR;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_OSPF;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_RA;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_REDIRECT;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_RIP;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_STATIC;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_UNSPEC;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_XORP;
import static dev.jnetns.uapi.LinuxRoute.RTPROT_ZEBRA;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_HOST;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_LINK;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_NOWHERE;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_SITE;
import static dev.jnetns.uapi.LinuxRoute.RT_SCOPE_UNIVERSE;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_DEFAULT;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_LOCAL;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_MAIN;
import static dev.jnetns.uapi.LinuxRoute.RT_TABLE_UNSPEC;

import java.util.Map;
import java.util.TreeMap;

/**
 * The names iproute2 gives route tables, protocols, scopes, types, TOS values, realms and device
 * groups (its built-in rt_names and the files it ships under /etc/iproute2; a system's own edits of
 * those files are not read), both ways: {@code 254 ↔ "main"}. Unknown numbers print as numbers (TOS
 * values as {@code 0xNN}) and numbers parse as themselves.
 */
public final class RtNames {
    /** Route tables. */
    public static final RtNames TABLES = new RtNames("table", 0xffffffffL,
            RT_TABLE_UNSPEC, "unspec", RT_TABLE_DEFAULT, "default", RT_TABLE_MAIN, "main", RT_TABLE_LOCAL, "local");
    /** Route protocols (RTPROT_*). */
    public static final RtNames PROTOCOLS = new RtNames("protocol", 255,
            RTPROT_UNSPEC, "unspec", RTPROT_REDIRECT, "redirect", RTPROT_KERNEL, "kernel", RTPROT_BOOT, "boot",
            RTPROT_STATIC, "static", RTPROT_GATED, "gated", RTPROT_RA, "ra", RTPROT_MRT, "mrt",
            RTPROT_ZEBRA, "zebra", RTPROT_BIRD, "bird", RTPROT_DNROUTED, "dnrouted", RTPROT_XORP, "xorp",
            RTPROT_NTK, "ntk", RTPROT_DHCP, "dhcp", RTPROT_KEEPALIVED, "keepalived", RTPROT_BABEL, "babel",
            RTPROT_OPENR, "openr", RTPROT_BGP, "bgp", RTPROT_ISIS, "isis", RTPROT_OSPF, "ospf", RTPROT_RIP, "rip",
            RTPROT_EIGRP, "eigrp");
    /** Scopes (RT_SCOPE_*). */
    public static final RtNames SCOPES = new RtNames("scope", 255,
            RT_SCOPE_UNIVERSE, "global", RT_SCOPE_SITE, "site", RT_SCOPE_LINK, "link", RT_SCOPE_HOST, "host",
            RT_SCOPE_NOWHERE, "nowhere");
    /** Route types (RTN_*). */
    public static final RtNames TYPES = new RtNames("type", 255,
            RTN_UNSPEC, "none", RTN_UNICAST, "unicast", RTN_LOCAL, "local", RTN_BROADCAST, "broadcast",
            RTN_ANYCAST, "anycast", RTN_MULTICAST, "multicast", RTN_BLACKHOLE, "blackhole",
            RTN_UNREACHABLE, "unreachable", RTN_PROHIBIT, "prohibit", RTN_THROW, "throw", RTN_NAT, "nat",
            RTN_XRESOLVE, "xresolve");
    /** TOS / DSCP values (iproute2's rt_dsfield); unnamed ones are written and read in hex. */
    public static final RtNames DSFIELDS = new RtNames("TOS", 255,
            0x00, "default", 0x28, "AF11", 0x30, "AF12", 0x38, "AF13", 0x48, "AF21", 0x50, "AF22", 0x58, "AF23",
            0x68, "AF31", 0x70, "AF32", 0x78, "AF33", 0x88, "AF41", 0x90, "AF42", 0x98, "AF43", 0x20, "CS1",
            0x40, "CS2", 0x60, "CS3", 0x80, "CS4", 0xa0, "CS5", 0xc0, "CS6", 0xe0, "CS7", 0xb8, "EF");
    /** Routing realms (rt_realms). */
    public static final RtNames REALMS = new RtNames("realm", 255, 0, "cosmos");
    /** Device groups (group). */
    public static final RtNames GROUPS = new RtNames("group", 0xffffffffL, 0, "default");

    private final String what;
    private final long max;
    private final Map<Integer, String> byNumber = new TreeMap<>();
    private final Map<String, Integer> byName = new TreeMap<>();

    private RtNames(String what, long max, Object... pairs) {
        this.what = what;
        this.max = max;
        for (int i = 0; i < pairs.length; i += 2) {
            byNumber.put((Integer) pairs[i], (String) pairs[i + 1]);
            byName.put((String) pairs[i + 1], (Integer) pairs[i]);
        }
    }

    /**
     * The name of a number, as {@code ip} prints it.
     *
     * @param number e.g. a table number
     * @return its name, or the number itself as text
     */
    public String name(int number) {
        String n = byNumber.get(number);
        if (n != null) {
            return n;
        }
        return numeral(number);
    }

    /**
     * A number as {@code ip -N} (-Numeric) prints it, and as ip prints one without a name: decimal,
     * a TOS value in hex ({@code 0x28}).
     *
     * @param number e.g. a table number
     * @return the number as text
     */
    public String numeral(int number) {
        return this == DSFIELDS ? String.format("0x%02x", number) : Integer.toUnsignedString(number);
    }

    /**
     * The number of a name or numeric text.
     *
     * @param text a name or a number, e.g. "main" (254) or "100"
     * @return the number
     * @throws IllegalArgumentException for an unknown name or a number out of range
     */
    public int number(String text) {
        Integer n = byName.get(text);
        if (n != null) {
            return n;
        }
        if (this == SCOPES && text.equals("universe")) {
            return RT_SCOPE_UNIVERSE;
        }
        try {
            long v = this == DSFIELDS ? Long.parseLong(text.startsWith("0x") ? text.substring(2) : text, 16)
                    : text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                    : text.length() > 1 && text.startsWith("0") ? Long.parseLong(text.substring(1), 8)
                    : Long.parseLong(text);   // strtoul base 0, as iproute2's *_a2n
            if (v >= 0 && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid " + what + " " + Escape.quoted(text));
    }
}
