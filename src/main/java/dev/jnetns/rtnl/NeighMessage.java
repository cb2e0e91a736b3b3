package dev.jnetns.rtnl;

import dev.jnetns.uapi.LinuxNeighbour;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_DST;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_LLADDR;
import static dev.jnetns.uapi.LinuxNeighbour.NDMSG_SIZE;

import dev.jnetns.netlink.NlAttrs;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;

/** An RTM_NEWNEIGH message: {@code struct ndmsg}, NDA_DST and NDA_LLADDR. */
public record NeighMessage(int family, int index, int state, int flags, int type, byte[] dst, byte[] lladdr) {

    /** Writes a {@code struct ndmsg}. */
    public static void writeHeader(NlWriter w, int family, int index, int state, int flags, int type) {
        w.u8(family).u8(0).u16(0).u32(index).u16(state).u8(flags).u8(type);
    }

    public static NeighMessage decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlAttrs a = m.attrs(NDMSG_SIZE, "RTM_NEWNEIGH");
        return new NeighMessage(Byte.toUnsignedInt(b.get(p)), b.getInt(p + 4), Short.toUnsignedInt(b.getShort(p + 8)),
                Byte.toUnsignedInt(b.get(p + 10)), Byte.toUnsignedInt(b.get(p + 11)),
                a.bytesOrNull(NDA_DST), a.bytesOrNull(NDA_LLADDR));
    }
}
