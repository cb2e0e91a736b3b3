package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_ETHER;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_IEEE1394;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_INFINIBAND;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_IP6GRE;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_IPGRE;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_LOOPBACK;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_NONE;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_PPP;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_SIT;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_TUNNEL;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_TUNNEL6;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_VOID;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** ARPHRD_* names and link-layer address formatting as iproute2 prints them. */
public final class HardwareAddresses {
    private HardwareAddresses() {
    }

    /** The name iproute2 gives an ARPHRD_* type, "[N]" for types it has no name for here. */
    public static String typeName(int type) {
        switch (type) {
            case ARPHRD_ETHER: return "ether";
            case ARPHRD_IEEE1394: return "ieee1394";
            case ARPHRD_INFINIBAND: return "infiniband";
            case ARPHRD_PPP: return "ppp";
            case ARPHRD_TUNNEL: return "ipip";
            case ARPHRD_TUNNEL6: return "tunnel6";
            case ARPHRD_LOOPBACK: return "loopback";
            case ARPHRD_SIT: return "sit";
            case ARPHRD_IPGRE: return "gre";
            case ARPHRD_IP6GRE: return "ip6gre";
            case ARPHRD_NONE: return "none";
            case ARPHRD_VOID: return "void";
            default: return "[" + type + "]";
        }
    }

    /**
     * Parses "aa:bb:cc:dd:ee:ff" (6 hex pairs separated by ':').
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static byte[] parseMac(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("invalid MAC address \"" + text + "\"");
        }
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 2) {
                throw new IllegalArgumentException("invalid MAC address \"" + text + "\"");
            }
            try {
                out[i] = (byte) Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid MAC address \"" + text + "\"");
            }
        }
        return out;
    }

    /** Formats an address: IPv4/IPv6 for IP tunnel types, colon-separated hex otherwise; null stays null. */
    public static String format(int type, byte[] addr) {
        if (addr == null) {
            return null;
        }
        if (ipTunnel(type) && (addr.length == 4 || addr.length == 16)) {
            try {
                return InetAddress.getByAddress(addr).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        StringBuilder sb = new StringBuilder(addr.length * 3);
        for (int i = 0; i < addr.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int b = addr[i] & 0xff;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /**
     * Reads a link-layer address as iproute2's ll_addr_a2n does for {@code address}, {@code lladdr}
     * and {@code peer address}: text with a '.' is an IPv4 address (4 bytes); otherwise up to 32
     * ':'-separated parts, each read as C's {@code sscanf("%x")} (leading blanks, a sign, "0x", then
     * hex digits, the rest ignored) and from 0 to 255. Any number of bytes: the length is for the
     * kernel (or the caller) to check against the device.
     *
     * @param text the address as written, e.g. "02:00:00:00:00:01"
     * @return its bytes
     * @throws IllegalArgumentException {@code "PART" is invalid lladdr.}, as ip words it
     */
    public static byte[] parseLladdr(String text) {
        if (text.indexOf('.') >= 0) {   // inet_pton(AF_INET): a dotted quad, no leading zeros
            if (!text.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")) {
                throw new IllegalArgumentException("\"" + text + "\" is invalid lladdr.");
            }
            byte[] quad = new byte[4];
            String[] parts = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int b = Integer.parseInt(parts[i]);
                if (b > 255) {
                    throw new IllegalArgumentException("\"" + text + "\" is invalid lladdr.");
                }
                quad[i] = (byte) b;
            }
            return quad;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String rest = text;
        for (int i = 0; i < 32; i++) {
            int colon = rest.indexOf(':');
            String part = colon >= 0 ? rest.substring(0, colon) : rest;
            long v = scanHex(part);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("\"" + part + "\" is invalid lladdr.");
            }
            out.write((int) v);
            if (colon < 0) {
                break;
            }
            rest = rest.substring(colon + 1);
        }
        return out.toByteArray();
    }

    /** C's sscanf("%x") into an int: the value, or -1 when no hex digit follows the prefix (or it overflows). */
    private static long scanHex(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean minus = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            minus = s.charAt(i) == '-';
            i++;
        }
        if ((s.startsWith("0x", i) || s.startsWith("0X", i)) && i + 2 < s.length() && hexDigit(s.charAt(i + 2)) >= 0) {
            i += 2;
        }
        long v = 0;
        boolean saturated = false;
        int start = i;
        for (; i < s.length() && hexDigit(s.charAt(i)) >= 0; i++) {
            saturated |= v > 0x0fffffffffffffffL;   // strtoul's ULONG_MAX, which is -1 as an int
            v = v * 16 + hexDigit(s.charAt(i));
        }
        if (i == start || saturated) {
            return -1;
        }
        return (int) (minus ? -v : v);   // stored into an int, as %x does
    }

    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    /** The bytes of an address {@link #format} printed for a device of ARPHRD {@code type}. */
    public static byte[] parse(int type, String text) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] parts = text.split(":", -1);
        boolean hex = java.util.Arrays.stream(parts).allMatch(p -> p.length() == 2);
        if (ipTunnel(type) && !hex) {
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("invalid address \"" + text + "\"");
            }
        }
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    private static boolean ipTunnel(int type) {
        return type == ARPHRD_TUNNEL || type == ARPHRD_SIT || type == ARPHRD_IPGRE || type == ARPHRD_TUNNEL6
                || type == ARPHRD_IP6GRE;
    }
}
