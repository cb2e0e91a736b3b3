package dev.jnetns;

import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_PERMANENT;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_SECONDARY;

import dev.jnetns.rtnl.AddrMessage;
import dev.jnetns.uapi.LinuxSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An IP address on a device as the kernel reports it ({@code ip addr show}). Immutable.
 *
 * @param index ifindex of the device
 * @param family AF_INET or AF_INET6
 * @param local the address itself (IFA_LOCAL)
 * @param peer the peer of a point-to-point address, or null when it equals {@code local}
 * @param prefixLength the prefix length
 * @param broadcast the broadcast address, or null
 * @param scope RT_SCOPE_* (0 global, 253 link, 254 host)
 * @param flags IFA_F_* bits
 * @param label the IPv4 label, or null
 * @param validLifetime seconds, 4294967295 for forever, -1 when not reported
 * @param preferredLifetime seconds, 4294967295 for forever, -1 when not reported
 */
public record Address(int index, int family, InetAddress local, InetAddress peer, int prefixLength,
                      InetAddress broadcast, int scope, int flags, String label, long validLifetime,
                      long preferredLifetime) {

    /** The lifetime value that means forever. */
    public static final long FOREVER = 0xffffffffL;

    private static final int[] FLAG_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800};
    private static final String[] FLAG_NAMES = {"secondary", "nodad", "optimistic", "dadfailed", "home", "deprecated",
        "tentative", "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"};

    static Address of(AddrMessage m) {
        byte[] local = m.local() != null ? m.local() : m.address();
        byte[] peer = m.address() != null && m.local() != null && !java.util.Arrays.equals(m.address(), m.local())
                ? m.address() : null;
        return new Address(m.index(), m.family(), Inet.of(local), Inet.of(peer), m.prefixLen(),
                Inet.of(m.broadcast()), m.scope(), m.flags(), m.label(), m.validLifetime(), m.preferredLifetime());
    }

    /** The address with its prefix length, e.g. 198.18.0.1/24. */
    public IpPrefix prefix() {
        return new IpPrefix(local, prefixLength);
    }

    /**
     * The flags as {@code ip -j addr show} lists them (each a JSON {@code true}): "dynamic" when not
     * permanent, "temporary" for an IPv6 secondary, then the names of the other set bits.
     */
    public List<String> flagNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FLAG_BITS.length; i++) {
            int bit = FLAG_BITS[i];
            if (bit == IFA_F_PERMANENT) {
                if ((flags & bit) == 0) {
                    out.add("dynamic");
                }
            } else if ((flags & bit) != 0) {
                out.add(bit == IFA_F_SECONDARY && family == LinuxSocket.AF_INET6 ? "temporary" : FLAG_NAMES[i]);
            }
        }
        return out;
    }

    /** Flag bits {@link #flagNames()} has no name for, 0 when none. */
    public int unnamedFlags() {
        int known = 0;
        for (int bit : FLAG_BITS) {
            known |= bit;
        }
        return flags & ~known;
    }
}
