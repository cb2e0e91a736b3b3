package dev.jnetns;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** ARPHRD_* names and link-layer address formatting as iproute2 prints them. */
final class HardwareAddresses {
    private HardwareAddresses() {
    }

    /** The name iproute2 gives an ARPHRD_* type, "[N]" for types it has no name for here. */
    static String typeName(int type) {
        switch (type) {
            case 1: return "ether";
            case 24: return "ieee1394";
            case 32: return "infiniband";
            case 512: return "ppp";
            case 768: return "ipip";
            case 769: return "tunnel6";
            case 772: return "loopback";
            case 776: return "sit";
            case 778: return "gre";
            case 823: return "ip6gre";
            case 65534: return "none";
            case 65535: return "void";
            default: return "[" + type + "]";
        }
    }

    /**
     * Parses "aa:bb:cc:dd:ee:ff" (6 hex pairs separated by ':').
     *
     * @throws IllegalArgumentException naming the bad text
     */
    static byte[] parseMac(String text) {
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
    static String format(int type, byte[] addr) {
        if (addr == null) {
            return null;
        }
        boolean ipTunnel = type == 768 || type == 776 || type == 778 || type == 769 || type == 823;
        if (ipTunnel && (addr.length == 4 || addr.length == 16)) {
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
}
