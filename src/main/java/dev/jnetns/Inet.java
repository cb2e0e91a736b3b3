package dev.jnetns;

import dev.jnetns.uapi.LinuxSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address helpers shared by the records: family numbers, raw bytes, iproute2's formatting. */
final class Inet {
    private Inet() {
    }

    static int family(InetAddress a) {
        return a instanceof Inet4Address ? LinuxSocket.AF_INET : LinuxSocket.AF_INET6;
    }

    /** An address from 4 or 16 raw bytes; null stays null. */
    static InetAddress of(byte[] raw) {
        if (raw == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes");
        }
    }

    /** 0.0.0.0 or :: for a family. */
    static InetAddress any(int family) {
        return of(new byte[family == LinuxSocket.AF_INET ? 4 : 16]);
    }

    /** As iproute2 prints: dotted quad, or RFC 5952 compressed IPv6 (no scope). */
    static String format(InetAddress a) {
        if (a == null) {
            return null;
        }
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        return compress(((Inet6Address) a).getAddress());
    }

    /** "inet" or "inet6". */
    static String familyName(int family) {
        return family == LinuxSocket.AF_INET ? "inet" : family == LinuxSocket.AF_INET6 ? "inet6" : String.valueOf(family);
    }

    private static String compress(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        if (w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0xffff) {
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }
}
