package dev.jnetns;

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
            0, "unspec", 253, "default", 254, "main", 255, "local");
    /** Route protocols (RTPROT_*). */
    public static final RtNames PROTOCOLS = new RtNames("protocol", 255,
            0, "unspec", 1, "redirect", 2, "kernel", 3, "boot", 4, "static", 8, "gated", 9, "ra", 10, "mrt",
            11, "zebra", 12, "bird", 13, "dnrouted", 14, "xorp", 15, "ntk", 16, "dhcp", 18, "keepalived",
            42, "babel", 99, "openr", 186, "bgp", 187, "isis", 188, "ospf", 189, "rip", 192, "eigrp");
    /** Scopes (RT_SCOPE_*). */
    public static final RtNames SCOPES = new RtNames("scope", 255,
            0, "global", 200, "site", 253, "link", 254, "host", 255, "nowhere");
    /** Route types (RTN_*). */
    public static final RtNames TYPES = new RtNames("type", 255,
            0, "none", 1, "unicast", 2, "local", 3, "broadcast", 4, "anycast", 5, "multicast", 6, "blackhole",
            7, "unreachable", 8, "prohibit", 9, "throw", 10, "nat", 11, "xresolve");
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
        if (what.equals("scope") && text.equals("universe")) {
            return 0;
        }
        try {
            long v = this == DSFIELDS ? Long.parseLong(text.startsWith("0x") ? text.substring(2) : text, 16)
                    : Long.parseLong(text);
            if (v >= 0 && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid " + what + " \"" + text + "\"");
    }
}
