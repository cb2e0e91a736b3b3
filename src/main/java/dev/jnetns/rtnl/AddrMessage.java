package dev.jnetns.rtnl;

import dev.jnetns.uapi.LinuxIfAddr;
import static dev.jnetns.uapi.LinuxIfAddr.IFADDRMSG_SIZE;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_ADDRESS;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_ANYCAST;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_BROADCAST;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_CACHEINFO;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_FLAGS;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_LABEL;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_LOCAL;

import dev.jnetns.netlink.NlAttrs;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;

/**
 * An RTM_NEWADDR message: {@code struct ifaddrmsg} and its attributes. {@code flags} is the full
 * 32-bit set (IFA_FLAGS when sent, else ifa_flags); lifetimes are -1 without IFA_CACHEINFO.
 */
public record AddrMessage(int family, int prefixLen, int flags, int scope, int index, byte[] address,
                          byte[] local, String label, byte[] broadcast, byte[] anycast,
                          long validLifetime, long preferredLifetime) {

    /** Writes a {@code struct ifaddrmsg}. */
    public static void writeHeader(NlWriter w, int family, int prefixLen, int flags, int scope, int index) {
        w.u8(family).u8(prefixLen).u8(flags).u8(scope).u32(index);
    }

    public static AddrMessage decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlAttrs a = m.attrs(IFADDRMSG_SIZE, "RTM_NEWADDR");
        long valid = -1;
        long preferred = -1;
        if (a.has(IFA_CACHEINFO)) {
            int off = a.valueOffset(IFA_CACHEINFO);
            preferred = Integer.toUnsignedLong(a.buffer().getInt(off));
            valid = Integer.toUnsignedLong(a.buffer().getInt(off + 4));
        }
        return new AddrMessage(Byte.toUnsignedInt(b.get(p)), Byte.toUnsignedInt(b.get(p + 1)),
                a.has(IFA_FLAGS) ? a.u32(IFA_FLAGS) : Byte.toUnsignedInt(b.get(p + 2)),
                Byte.toUnsignedInt(b.get(p + 3)), b.getInt(p + 4),
                a.bytesOrNull(IFA_ADDRESS), a.bytesOrNull(IFA_LOCAL), a.stringOrNull(IFA_LABEL),
                a.bytesOrNull(IFA_BROADCAST), a.bytesOrNull(IFA_ANYCAST), valid, preferred);
    }
}
