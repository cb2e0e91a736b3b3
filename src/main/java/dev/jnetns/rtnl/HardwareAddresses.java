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
