package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_PACKET;

import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The positional words of an iproute2-style command, read left to right, with ip's checks and its
 * wording for them (iproute2's lib/utils.c: NEXT_ARG, duparg, duparg2, invarg, get_prefix, get_addr).
 * Every check throws a {@link UsageException}: like ip's exit(), it ends a batch even with -force.
 */
final class Words {
    private final List<String> words;
    private int next;

    Words(List<String> words) {
        this.words = words;
    }

    boolean hasNext() {
        return next < words.size();
    }

    /** The next word; the command is incomplete when there is none. */
    String next() {
        if (!hasNext()) {
            throw incomplete();
        }
        return words.get(next++);
    }

    /** The value that must follow a keyword (ip's NEXT_ARG). */
    String value() {
        return next();
    }

    /** The word at the current position without reading it, or null at the end. */
    String peek() {
        return hasNext() ? words.get(next) : null;
    }

    /** The words not read yet; reads them all. */
    List<String> rest() {
        List<String> r = List.copyOf(words.subList(next, words.size()));
        next = words.size();
        return r;
    }

    /** Fails as ip does when words are left over after a complete command. */
    void end(String command) {
        if (hasNext()) {
            throw new UsageException("Error: either \"" + command + "\" is duplicate, or \"" + peek()
                    + "\" is a garbage.");
        }
    }

    /** iproute2's matches(): {@code word} is a non-empty prefix of {@code keyword}. */
    static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }

    /** ip's "Command line is not complete" (NEXT_ARG past the end). */
    static UsageException incomplete() {
        return new UsageException("Command line is not complete. Try option \"help\"");
    }

    /** ip's duparg(): a keyword given twice. */
    static UsageException duplicate(String key, String value) {
        return new UsageException("Error: duplicate \"" + key + "\": \"" + value + "\" is the second value.");
    }

    /** ip's duparg2(): a second positional value. */
    static UsageException garbage(String key, String value) {
        return new UsageException("Error: either \"" + key + "\" is duplicate, or \"" + value + "\" is a garbage.");
    }

    /** ip's invarg(). */
    static UsageException invalid(String why, String arg) {
        return new UsageException("Error: argument \"" + arg + "\" is wrong: " + why);
    }

    /**
     * The number a name of {@code names} stands for, or a number, as ip's rtnl_*_a2n reads it;
     * ip's invarg({@code why}) for anything else.
     */
    static int named(RtNames names, String text, String why) {
        try {
            return names.number(text);
        } catch (IllegalArgumentException e) {
            throw invalid(why, text);
        }
    }

    /** Fails with ip's duparg() when {@code previous} is already set. */
    static void once(Object previous, String key, String value) {
        if (previous != null) {
            throw duplicate(key, value);
        }
    }

    /** The next word as an unsigned number up to {@code max} (decimal or 0x-hex), for keyword {@code key}. */
    long number(String key, long max) {
        return parseNumber(key, value(), max);
    }

    /** Decimal, 0x-hex or 0-octal text as an unsigned number up to {@code max}, as ip's get_u32 reads it. */
    static long parseNumber(String key, String v, long max) {
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16)
                    : v.length() > 1 && v.startsWith("0") ? Long.parseLong(v.substring(1), 8) : Long.parseLong(v);
            if (n >= 0 && n <= max && !v.startsWith("+")) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("Invalid \"" + key + "\" value", v);
    }

    /** A u32 as ip's get_u32 and get_unsigned read it (strtoul base 0), with ip's invarg {@code why} for anything else. */
    static long u32(String v, String why) {
        try {
            return parseNumber("value", v, 0xffffffffL);
        } catch (UsageException e) {
            throw invalid(why, v);
        }
    }

    /** AF_INET or AF_INET6. */
    static int familyOf(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /** ip's family names in its messages ("inet prefix is expected ..."). */
    static String familyName(int family) {
        return family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "any valid";
    }

    /**
     * A prefix or address of {@code family} (0 for any), "default"/"all"/"any" as the zero prefix
     * of that family: ip's get_prefix, with its message for anything else (and for any word under -0).
     */
    static IpPrefix prefix(String text, int family) {
        if (family == AF_PACKET) {   // -0
            throw new UsageException("Error: \"" + text + "\" may be inet prefix, but it is not allowed in this context.",
                    Main.EXIT_USAGE);
        }
        IpPrefix p = null;
        try {
            if (text.equals("default") || text.equals("all") || text.equals("any")) {
                p = IpPrefix.parse(family == AF_INET6 ? "::/0" : "0.0.0.0/0");
            } else if (text.contains("/")) {
                int slash = text.indexOf('/');
                InetAddress a = inetAddress(text.substring(0, slash));
                int length = netmask(text.substring(slash + 1));
                p = length >= 0 && length <= IpPrefix.bits(a) ? new IpPrefix(a, length) : null;
            } else {
                InetAddress a = inetAddress(text);
                p = new IpPrefix(a, IpPrefix.bits(a));
            }
        } catch (IllegalArgumentException e) {
            p = null;
        }
        if (p == null || family != 0 && familyOf(p.address()) != family) {
            throw new UsageException("Error: " + familyName(family) + " prefix is expected rather than \"" + text
                    + "\".", Main.EXIT_USAGE);   // get_prefix's exit(1)
        }
        return p;
    }

    /**
     * The length after a prefix's '/' as ip's get_netmask reads it: an unsigned number (decimal,
     * 0x-hex, 0-octal: "024" is 20) or an IPv4 netmask as {@link #inetAddress} reads it
     * ("255.255.255.0" is 24);
     * -1 for anything else.
     */
    static int netmask(String text) {
        String t = text.stripLeading();
        String digits = t.startsWith("+") ? t.substring(1) : t;
        try {
            return (int) Math.min(parseNumber("netmask", digits, 0xffffffffL), Integer.MAX_VALUE);
        } catch (UsageException e) {
            // a netmask, perhaps
        }
        if (text.indexOf(':') < 0) {   // ip's get_addr_1(AF_INET), so any IPv4 address it reads
            try {
                long mask = java.nio.ByteBuffer.wrap(inetAddress(text).getAddress()).getInt() & 0xffffffffL;
                int ones = Long.numberOfLeadingZeros(~mask & 0xffffffffL) - 32;
                return (mask << ones & 0xffffffffL) == 0 ? ones : -1;   // contiguous ones only
            } catch (IllegalArgumentException e) {
                return -1;
            }
        }
        return -1;
    }

    /** An address of {@code family} (0 for any): ip's get_addr, with its message for anything else. */
    static InetAddress address(String text, int family) {
        InetAddress a;
        try {
            a = inetAddress(text);
        } catch (IllegalArgumentException e) {
            a = null;
        }
        if (a == null || family != 0 && familyOf(a) != family) {
            throw new UsageException("Error: " + familyName(family) + " address is expected rather than \"" + text
                    + "\".", Main.EXIT_USAGE);   // get_addr's exit(1)
        }
        return a;
    }

    /**
     * A literal address as ip's get_addr_1 reads it: IPv6 when the text holds a ':', else IPv4 as
     * iproute2's get_addr_ipv4 reads it: one to four parts between dots, each a number as C's
     * strtoul(base 0) reads it (blanks and a sign first; decimal, 0x-hex or 0-octal) up to 255, the
     * parts not given zero: "198.18.0.010" is 198.18.0.8, "198.18" is 198.18.0.0, "198.018.0.1" is
     * refused (its "8" is not octal).
     *
     * @throws IllegalArgumentException for anything else
     */
    static InetAddress inetAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return IpPrefix.parseAddress(text);
        }
        byte[] b = new byte[4];
        int i = 0;
        for (int part = 0; ; part++) {
            int[] end = {i};
            long v = strtoul(text, i, end);
            if (end[0] == i || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: \"" + text + "\"");
            }
            b[part] = (byte) v;
            i = end[0];
            if (i == text.length()) {
                break;
            }
            if (part == 3 || text.charAt(i) != '.') {
                throw new IllegalArgumentException("not an IPv4 address: \"" + text + "\"");
            }
            i++;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);   // four bytes are always an address
        }
    }

    /**
     * C's strtoul(text + from, &endp, 0), its value saturated above 2^32 (every caller refuses
     * anything that large): {@code end[0]} is set past the number, or left at {@code from} when
     * there are no digits.
     */
    private static long strtoul(String text, int from, int[] end) {
        int i = from;
        int n = text.length();
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) >= '\t' && text.charAt(i) <= '\r')) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 2 < n && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x'
                && digit(text.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            base = 8;
        }
        int digits = i;
        long v = 0;
        while (i < n && digit(text.charAt(i), base) >= 0) {
            v = Math.min(v * base + digit(text.charAt(i), base), 1L << 32);
            i++;
        }
        if (i == digits) {
            return 0;   // end[0] stays at from: no digits
        }
        end[0] = i;
        return negative && v != 0 ? 1L << 32 : v;   // -N is ULONG_MAX - N + 1: too large
    }

    /** An ASCII digit's value in {@code base}, or -1. */
    private static int digit(char c, int base) {
        return c < 0x80 ? Character.digit(c, base) : -1;
    }
}
