package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.ErrnoException;
import dev.jnetns.IpPrefix;
import dev.jnetns.Links;
import dev.jnetns.RouteSpec;
import dev.jnetns.Routes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The common line of a route batch, {@code route add PREFIX [via ADDR] [dev DEV]} (the words spelt
 * out, each once, in any order, the prefix starting with a digit), read straight from the bytes of
 * a plain line ({@link BatchLines#plain}):
 * the spec {@link RouteCommand#parse} makes of it, through the same calls in the same order, without
 * the word list, {@link Words} and the parser's option list (a 100 000-line batch spent a third of
 * its Java time there). IPv4 addresses are read by hand into plain values, which go straight into
 * the run's send buffer ({@link Routes.Adds#addIpv4}): such a line makes no object at all (a
 * device named as on the line before reuses that line's name). Any other line, and any line that
 * would fail, is left to the general parser, which gives ip's message for it. One reader serves a
 * whole batch; each {@link #read} replaces what the one before read.
 */
final class RouteAddLine {
    private static final byte[] ROUTE = {'r', 'o', 'u', 't', 'e'};
    private static final byte[] ADD = {'a', 'd', 'd'};

    /** The last line was IPv4 and is held in the plain fields below, not in {@link #spec}. */
    private boolean ipv4;
    private int dst;
    private int prefixLength;
    private boolean via;
    private int gateway;
    /** The spec of a line that is not plain IPv4. */
    private RouteSpec spec;
    private String dev;
    /** The device of an earlier line, checked already, and its bytes. */
    private String lastDev;
    private byte[] lastDevBytes;
    /** The length of the line being read. */
    private int n;
    /** What {@link #ipv4Address} read. */
    private int parsed;

    /**
     * Reads a line as a plain route add.
     *
     * @param line the bytes of a plain line of a batch file ({@link BatchLines#plain}: ASCII, no
     *     comment, quote or continuation)
     * @param length its length
     * @param family the family of {@code -4}/{@code -6}, 0 for none
     * @return false when it is not one (the general parser reads it)
     */
    boolean read(byte[] line, int length, int family) {
        n = length;
        int i = word(line, 0, ROUTE);
        i = i < 0 ? -1 : word(line, i, ADD);
        if (i < 0) {
            return false;
        }
        boolean hasDst = false;
        IpPrefix dstPrefix = null;   // when not read by hand
        InetAddress viaAddress = null;
        ipv4 = false;
        via = false;
        spec = null;
        dev = null;
        try {
            while (true) {
                int start = skipBlanks(line, i);
                if (start == n) {
                    break;
                }
                int end = wordEnd(line, start);
                int valueStart = skipBlanks(line, end);
                int valueEnd = wordEnd(line, valueStart);
                byte c = line[start];
                if (c >= '0' && c <= '9' && !hasDst) {
                    hasDst = true;
                    if (family != AF_INET6 && ipv4Prefix(line, start, end)) {
                        ipv4 = true;
                        family = AF_INET;
                    } else {
                        dstPrefix = Words.prefix(text(line, start, end), family);
                        family = Words.familyOf(dstPrefix.address());
                    }
                    i = end;
                    continue;
                }
                if (valueStart == valueEnd) {
                    return false;   // a keyword without its value
                }
                if (end - start == 3 && line[start] == 'v' && line[start + 1] == 'i' && line[start + 2] == 'a' && !via) {
                    via = true;
                    if (family != AF_INET6 && ipv4Address(line, valueStart, valueEnd)) {
                        gateway = parsed;
                        family = AF_INET;
                    } else {
                        viaAddress = Words.address(text(line, valueStart, valueEnd), family);
                        family = Words.familyOf(viaAddress);
                    }
                } else if (end - start == 3 && line[start] == 'd' && line[start + 1] == 'e' && line[start + 2] == 'v'
                        && dev == null) {
                    dev = device(line, valueStart, valueEnd);
                    if (dev.equals("dev")) {
                        return false;   // PipelinedBatch checks the word after it as a device too
                    }
                } else {
                    return false;
                }
                i = valueEnd;
            }
            if (!hasDst) {
                return false;
            }
            if (ipv4 && viaAddress == null) {
                return true;
            }
            // an IPv6 line (or one that mixes families: the spec's family check refuses it)
            ipv4 = false;
            RouteSpec s = RouteSpec.to(dstPrefix != null ? dstPrefix : new IpPrefix(inet4(dst), prefixLength))
                    .family(family);
            if (via) {
                s.via(viaAddress != null ? viaAddress : inet4(gateway));
            }
            if (dev != null) {
                s.dev(dev);
            }
            spec = s;
            return true;
        } catch (RuntimeException e) {
            return false;   // the general parser says why
        }
    }

    /** What the last line adds. */
    RouteSpec spec() {
        return ipv4 ? spec(dst, prefixLength, via, gateway, dev) : spec;
    }

    /** The device the last line names, or null. */
    String dev() {
        return dev;
    }

    /** Adds the last line to {@code adds}, straight into its buffer when it is plain IPv4. */
    void addTo(Routes.Adds adds) throws ErrnoException {
        if (ipv4) {
            adds.addIpv4(dst, prefixLength, via, gateway, dev);
        } else {
            adds.add(spec);
        }
    }

    /** Keeps the last line's plain values in {@code run} at {@code i}; false (nothing kept) when it is not plain IPv4. */
    boolean keep(int[] run, int i) {
        if (!ipv4) {
            return false;
        }
        run[4 * i] = dst;
        run[4 * i + 1] = prefixLength;
        run[4 * i + 2] = via ? 1 : 0;
        run[4 * i + 3] = gateway;
        return true;
    }

    /** The spec of a plain IPv4 line kept by {@link #keep}, for a message or an undo. */
    static RouteSpec spec(int[] run, int i, String dev) {
        return spec(run[4 * i], run[4 * i + 1], run[4 * i + 2] != 0, run[4 * i + 3], dev);
    }

    /** The spec the general parser makes of a plain IPv4 line. */
    private static RouteSpec spec(int dst, int prefixLength, boolean via, int gateway, String dev) {
        RouteSpec s = RouteSpec.to(new IpPrefix(inet4(dst), prefixLength)).family(AF_INET);
        if (via) {
            s.via(inet4(gateway));
        }
        if (dev != null) {
            s.dev(dev);
        }
        return s;
    }

    private static InetAddress inet4(int a) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);   // four bytes are an address
        }
    }

    /** The device word, checked as {@link RouteSpec#dev} checks it; the same name as the line before is that line's string. */
    private String device(byte[] line, int start, int end) {
        if (lastDev != null && Arrays.equals(line, start, end, lastDevBytes, 0, lastDevBytes.length)) {
            return lastDev;
        }
        String d = Links.checkName(text(line, start, end));
        lastDev = d;
        lastDevBytes = Arrays.copyOfRange(line, start, end);
        return d;
    }

    private static String text(byte[] line, int start, int end) {
        return new String(line, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads {@code ADDR[/LEN]} at {@code [start, end)} into {@link #dst} and {@link #prefixLength}
     * when {@link Words#prefix} would read it as IPv4 (plain decimal parts and length, no leading
     * zero); false otherwise, the general path then reads it.
     */
    private boolean ipv4Prefix(byte[] line, int start, int end) {
        int slash = start;
        while (slash < end && line[slash] != '/') {
            slash++;
        }
        if (slash == end) {
            if (!ipv4Address(line, start, end)) {
                return false;
            }
            dst = parsed;
            prefixLength = 32;
            return true;
        }
        if (!ipv4Address(line, start, slash) || end - slash - 1 < 1 || end - slash - 1 > 9
                || line[slash + 1] == '0' && end - slash - 1 > 1) {   // octal or hex: Words.prefix reads it
            return false;
        }
        int v = 0;
        for (int i = slash + 1; i < end; i++) {
            byte c = line[i];
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + c - '0';
        }
        if (v > 32) {
            return false;
        }
        dst = parsed;
        prefixLength = v;
        return true;
    }

    /**
     * Reads a dotted quad at {@code [start, end)} into {@link #parsed} as {@link Words#inetAddress}
     * reads it (four parts of 1-3 decimal digits without a leading zero, each at most 255); false for
     * anything else.
     */
    private boolean ipv4Address(byte[] line, int start, int end) {
        int a = 0;
        int part = 0;
        int i = start;
        while (true) {
            int from = i;
            int v = 0;
            while (i < end && i - from < 3) {
                byte c = line[i];
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + c - '0';
                i++;
            }
            if (i == from || v > 255 || part == 4 || line[from] == '0' && i - from > 1) {   // a leading 0: the general path
                return false;
            }
            a = a << 8 | v;
            part++;
            if (i == end) {
                break;
            }
            if (line[i] != '.' || i + 1 == end) {
                return false;
            }
            i++;
        }
        if (part != 4) {
            return false;
        }
        parsed = a;
        return true;
    }

    /** The end of {@code word} when it is the next word at {@code i}, else -1. */
    private int word(byte[] line, int i, byte[] word) {
        int start = skipBlanks(line, i);
        int end = wordEnd(line, start);
        return Arrays.equals(line, start, end, word, 0, word.length) ? end : -1;
    }

    private int skipBlanks(byte[] line, int i) {
        while (i < n && isBlank(line[i])) {
            i++;
        }
        return i;
    }

    private int wordEnd(byte[] line, int i) {
        while (i < n && !isBlank(line[i])) {
            i++;
        }
        return i;
    }

    /** {@link BatchLines#isBlank} on a byte. */
    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
