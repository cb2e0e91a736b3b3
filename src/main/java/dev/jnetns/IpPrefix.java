package dev.jnetns;

import dev.jnetns.rtnl.Escape;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address with a prefix length, as {@code ip} writes it: {@code 198.18.0.1/24},
 * {@code fd00::/64}. Parsing is strict and never resolves host names.
 *
 * @param address the address (host bits are kept, as in {@code ip addr add 198.18.0.1/24})
 * @param length the prefix length, 0..32 or 0..128
 */
public record IpPrefix(InetAddress address, int length) {

    /**
     * A prefix, checked.
     *
     * @param address the address (host bits may be set, as in an interface address)
     * @param length the prefix length
     * @throws NullPointerException when the address is null
     * @throws IllegalArgumentException when the length is out of range for the address family
     */
    public IpPrefix {
        Objects.requireNonNull(address, "IpPrefix address");
        int max = bits(address);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + max);
        }
    }

    /**
     * Parses a prefix as {@code ip} writes it.
     *
     * @param text "ADDR/LEN", or "ADDR" for a full-length host prefix
     * @return the prefix
     * @throws IllegalArgumentException naming what is wrong
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        InetAddress a = parseAddress(slash < 0 ? text : text.substring(0, slash));
        if (slash < 0) {
            return new IpPrefix(a, bits(a));
        }
        String len = text.substring(slash + 1);
        int n;
        try {
            n = Integer.parseInt(len);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid prefix length " + Escape.quoted(len) + " in " + Escape.quoted(text));
        }
        if (n < 0 || n > bits(a)) {
            throw new IllegalArgumentException("invalid prefix " + Escape.quoted(text) + ": length " + n + " out of range 0.." + bits(a));
        }
        return new IpPrefix(a, n);
    }

    /**
     * Parses a literal address; never looks up a name.
     *
     * @param text an IPv4 address (four decimal octets 0..255) or an IPv6 address (with ':')
     * @return the address
     * @throws IllegalArgumentException naming what is wrong
     */
    public static InetAddress parseAddress(String text) {
        try {
            if (text.indexOf(':') >= 0) {
                return InetAddress.getByName(text);
            }
            // four parts of 1-3 ASCII digits between dots, by hand: a batch parses one or two per line
            byte[] b = new byte[4];
            int part = 0;
            int i = 0;
            int n = text.length();
            while (true) {
                int start = i;
                int v = 0;
                while (i < n && i - start < 4 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    v = v * 10 + text.charAt(i++) - '0';
                }
                int digits = i - start;
                if (digits == 0 || digits > 3 || part == 4 || i < n && text.charAt(i) != '.') {
                    throw new IllegalArgumentException("invalid address " + Escape.quoted(text));
                }
                if (v > 255) {
                    throw new IllegalArgumentException("invalid address " + Escape.quoted(text) + ": octet " + v + " > 255");
                }
                b[part++] = (byte) v;
                if (i == n) {
                    break;
                }
                i++;   // the dot
                if (i == n) {
                    throw new IllegalArgumentException("invalid address " + Escape.quoted(text));
                }
            }
            if (part != 4) {
                throw new IllegalArgumentException("invalid address " + Escape.quoted(text));
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address " + Escape.quoted(text));
        }
    }

    /**
     * An address as iproute2 prints it.
     *
     * @param a the address
     * @return a dotted quad, or compressed IPv6 without a scope
     */
    public static String format(InetAddress a) {
        return Inet.format(a);
    }

    /**
     * The length of an address.
     *
     * @param a the address
     * @return 32 for IPv4, 128 for IPv6
     */
    public static int bits(InetAddress a) {
        return a instanceof Inet4Address ? 32 : 128;
    }

    /**
     * The address family.
     *
     * @return AF_INET or AF_INET6
     */
    public int family() {
        return Inet.family(address);
    }

    /**
     * Whether this is the whole address space (a default route's destination).
     *
     * @return true for a length of 0
     */
    public boolean isDefault() {
        return length == 0;
    }

    /**
     * The network this prefix is in.
     *
     * @return the prefix with the host bits cleared, e.g. 198.18.0.0/24 for 198.18.0.1/24
     */
    public IpPrefix network() {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, length - 8 * i));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        return new IpPrefix(Inet.of(b), length);
    }

    @Override
    public String toString() {
        return Inet.format(address) + "/" + length;
    }
}
