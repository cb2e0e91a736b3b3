package dev.jnetns;

import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_PERMANENT;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_SECONDARY;

import dev.jnetns.uapi.LinuxSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An IP address on a device as the kernel reports it ({@code ip addr show}), every attribute of
 * its RTM_NEWADDR message included. Immutable. Absent numbers are -1, absent addresses null.
 *
 * @param index ifindex of the device
 * @param family AF_INET or AF_INET6
 * @param local the address itself (IFA_LOCAL, or IFA_ADDRESS when the kernel sends only that)
 * @param peer the peer of a point-to-point address (IFA_ADDRESS when it differs from IFA_LOCAL), or null
 * @param prefixLength the prefix length
 * @param broadcast the broadcast address (IFA_BROADCAST), or null
 * @param scope RT_SCOPE_* (0 global, 253 link, 254 host)
 * @param flags IFA_F_* bits (IFA_FLAGS, or the header's 8 bits when it is absent)
 * @param label the IPv4 label (IFA_LABEL), or null
 * @param validLifetime seconds ({@link #FOREVER} for forever) from IFA_CACHEINFO, -1 without it
 * @param preferredLifetime seconds, likewise
 * @param anycast IFA_ANYCAST, or null
 * @param multicast IFA_MULTICAST, or null
 * @param metric the metric of the prefix route ({@code metric}, IFA_RT_PRIORITY), -1 when absent
 * @param protocol who added the address (IFA_PROTO), -1 when absent
 * @param createdStamp when the address was made, in hundredths of a second since boot (IFA_CACHEINFO), -1 without it
 * @param updatedStamp when it last changed, likewise
 * @param raw what the message held beyond these fields (see {@link RawAttributes})
 */
public record Address(int index, int family, InetAddress local, InetAddress peer, int prefixLength,
                      InetAddress broadcast, int scope, int flags, String label, long validLifetime,
                      long preferredLifetime, InetAddress anycast, InetAddress multicast, long metric,
                      int protocol, long createdStamp, long updatedStamp, RawAttributes raw) {

    /** The lifetime value that means forever. */
    public static final long FOREVER = 0xffffffffL;

    private static final int[] FLAG_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800};
    private static final String[] FLAG_NAMES = {"secondary", "nodad", "optimistic", "dadfailed", "home", "deprecated",
        "tentative", "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"};

    /** {@return the address with its prefix length, e.g. 198.18.0.1/24} */
    public IpPrefix prefix() {
        return new IpPrefix(local, prefixLength);
    }

    /** {@return true when the message carried lifetimes (IFA_CACHEINFO)} */
    public boolean hasLifetimes() {
        return validLifetime >= 0;
    }

    /**
     * This address on another device: what a move re-creates (written afresh, in {@code ip}'s order).
     *
     * @param newIndex the ifindex of the other device
     * @return the address on that device
     */
    public Address onDevice(int newIndex) {
        return new Address(newIndex, family, local, peer, prefixLength, broadcast, scope, flags, label, validLifetime,
                preferredLifetime, anycast, multicast, metric, protocol, createdStamp, updatedStamp,
                raw.withoutLayout());
    }

    /**
     * {@return the flags as {@code ip -j addr show} lists them (each a JSON {@code true}): "dynamic" when not
     * permanent, "temporary" for an IPv6 secondary, then the names of the other set bits}
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

    /** {@return flag bits {@link #flagNames()} has no name for, 0 when none} */
    public int unnamedFlags() {
        int known = 0;
        for (int bit : FLAG_BITS) {
            known |= bit;
        }
        return flags & ~known;
    }

    /** As {@code ip addr} writes it: {@code 198.18.0.1/24 dev if3 scope global}, the device by index. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(local != null ? IpPrefix.format(local) : "(no address)");
        if (peer != null) {
            sb.append(" peer ").append(IpPrefix.format(peer));
        }
        sb.append('/').append(prefixLength).append(" dev if").append(index);
        if (broadcast != null) {
            sb.append(" brd ").append(IpPrefix.format(broadcast));
        }
        sb.append(" scope ").append(RtNames.SCOPES.name(scope));
        for (String f : flagNames()) {
            sb.append(' ').append(f);
        }
        if (label != null) {
            sb.append(" label ").append(label);
        }
        return sb.toString();
    }
}
