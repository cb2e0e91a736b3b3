package dev.jnetns;

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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The names {@code ip} gives route tables, protocols, scopes, types, realms and TOS values, both
 * ways ({@code 254 ↔ "main"}): iproute2's built-in names, then those of its files under
 * {@code /etc/iproute2} ({@code rt_tables}, {@code rt_tables.d/*.conf}, {@code rt_protos},
 * {@code rt_protos.d/*.conf}, {@code rt_scopes}, {@code rt_realms}, {@code rt_dsfield}), read on
 * first use as ip reads them. Unnamed numbers print as numbers (TOS values as {@code 0x10}) and
 * numbers parse as themselves (decimal, {@code 0x} hex or leading-0 octal, as strtoul reads them).
 */
public final class RtNames {
    private static final Path CONFDIR = Path.of("/etc/iproute2");

    /** Route tables. */
    public static final RtNames TABLES = new RtNames("table", 0xffffffffL, "rt_tables", true, Long::toString,
            RT_TABLE_UNSPEC, "unspec", RT_TABLE_DEFAULT, "default", RT_TABLE_MAIN, "main", RT_TABLE_LOCAL, "local");
    /** Route protocols (RTPROT_*). */
    public static final RtNames PROTOCOLS = new RtNames("protocol", 255, "rt_protos", true, Long::toString,
            RTPROT_UNSPEC, "unspec", RTPROT_REDIRECT, "redirect", RTPROT_KERNEL, "kernel", RTPROT_BOOT, "boot",
            RTPROT_STATIC, "static", RTPROT_GATED, "gated", RTPROT_RA, "ra", RTPROT_MRT, "mrt",
            RTPROT_ZEBRA, "zebra", RTPROT_BIRD, "bird", RTPROT_BABEL, "babel", RTPROT_DNROUTED, "dnrouted",
            RTPROT_XORP, "xorp", RTPROT_NTK, "ntk", RTPROT_DHCP, "dhcp", RTPROT_KEEPALIVED, "keepalived",
            RTPROT_BGP, "bgp", RTPROT_ISIS, "isis", RTPROT_OSPF, "ospf", RTPROT_RIP, "rip", RTPROT_EIGRP, "eigrp");
    /** Scopes (RT_SCOPE_*); "universe" also parses as 0. */
    public static final RtNames SCOPES = new RtNames("scope", 255, "rt_scopes", false, Long::toString,
            RT_SCOPE_UNIVERSE, "global", RT_SCOPE_NOWHERE, "nowhere", RT_SCOPE_HOST, "host", RT_SCOPE_LINK, "link",
            RT_SCOPE_SITE, "site");
    /** Route types (RTN_*); these have no file. */
    public static final RtNames TYPES = new RtNames("type", 255, null, false, Long::toString,
            RTN_UNSPEC, "none", RTN_UNICAST, "unicast", RTN_LOCAL, "local", RTN_BROADCAST, "broadcast",
            RTN_ANYCAST, "anycast", RTN_MULTICAST, "multicast", RTN_BLACKHOLE, "blackhole",
            RTN_UNREACHABLE, "unreachable", RTN_PROHIBIT, "prohibit", RTN_THROW, "throw", RTN_NAT, "nat",
            RTN_XRESOLVE, "xresolve");
    /** Routing realms ({@code realm}, {@code realms FROM/TO}). */
    public static final RtNames REALMS = new RtNames("realm", 255, "rt_realms", false, Long::toString,
            0, "unknown");
    /** TOS / DS field values ({@code tos}); unnamed ones print as {@code 0x%02x}. */
    public static final RtNames DSFIELDS = new RtNames("TOS", 255, "rt_dsfield", false,
            v -> v < 256 ? String.format("0x%02x", v) : Long.toString(v));

    private final String what;
    private final long max;
    private final String file;
    private final boolean confDir;
    private final LongFunction<String> unnamed;
    private final Map<Long, String> builtIn = new HashMap<>();
    private volatile Map<Long, String> byNumber;

    private RtNames(String what, long max, String file, boolean confDir, LongFunction<String> unnamed,
                    Object... pairs) {
        this.what = what;
        this.max = max;
        this.file = file;
        this.confDir = confDir;
        this.unnamed = unnamed;
        for (int i = 0; i < pairs.length; i += 2) {
            builtIn.put(((Integer) pairs[i]).longValue(), (String) pairs[i + 1]);
        }
    }

    /** Built-in names, then each file's (a later name for a number wins), read once. */
    private Map<Long, String> names() {
        Map<Long, String> known = byNumber;
        if (known == null) {
            Map<Long, String> m = new TreeMap<>(builtIn);
            if (file != null) {
                read(CONFDIR.resolve(file), m);
                if (confDir) {
                    List<Path> more = new ArrayList<>();
                    try (DirectoryStream<Path> d = Files.newDirectoryStream(CONFDIR.resolve(file + ".d"), "*.conf")) {
                        d.forEach(more::add);
                    } catch (IOException e) {
                        // no such directory: built-in and main file only, as ip
                    }
                    more.stream().filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                            .forEach(p -> read(p, m));
                }
            }
            byNumber = m;
            known = m;
        }
        return known;
    }

    /**
     * Reads "NUMBER NAME" lines (NUMBER decimal or 0x hex; '#' comments); stops at a line of
     * another shape, as ip does.
     */
    private void read(Path p, Map<Long, String> into) {
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;   // ip works without its files
        }
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("[ \t]+");
            Long n = f.length >= 2 ? parse(f[0], f[0].startsWith("0x") ? 16 : 10) : null;
            if (n == null) {
                return;
            }
            if (n >= 0 && n <= max) {
                into.put(n, f[1]);
            }
        }
    }

    private static Long parse(String text, int radix) {
        try {
            return Long.parseLong(radix == 16 ? text.substring(2) : text, radix);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The name of {@code number} (an unsigned 32-bit value), or the number itself as text. */
    public String name(int number) {
        long n = Integer.toUnsignedLong(number);
        String s = names().get(n);
        return s != null ? s : unnamed.apply(n);
    }

    /**
     * The number of a name or numeric text ("main" → 254, "100" → 100, "0x10" → 16).
     *
     * @throws IllegalArgumentException for an unknown name or a number out of range
     */
    public int number(String text) {
        for (Map.Entry<Long, String> e : names().entrySet()) {
            if (e.getValue().equals(text)) {
                return e.getKey().intValue();
            }
        }
        if (this == SCOPES && text.equals("universe")) {
            return RT_SCOPE_UNIVERSE;
        }
        Long v = text.startsWith("0x") || text.startsWith("0X") ? parse(text.toLowerCase(), 16)
                : text.length() > 1 && text.startsWith("0") ? parse(text, 8) : parse(text, 10);
        if (v != null && v >= 0 && v <= max && !text.startsWith("+") && !text.startsWith("-")) {
            return v.intValue();
        }
        throw new IllegalArgumentException("invalid " + what + " \"" + text + "\"");
    }
}
