package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_ETHER;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_CACHEINFO;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_CACHEINFO_SIZE;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_DST;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_FLAGS_EXT;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_IFINDEX;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_LINK_NETNSID;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_LLADDR;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_MASTER;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_NH_ID;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_PORT;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_PROBES;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_PROTOCOL;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_SRC_VNI;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_VLAN;
import static dev.jnetns.uapi.LinuxNeighbour.NDA_VNI;
import static dev.jnetns.uapi.LinuxNeighbour.NDMSG_SIZE;

import dev.jnetns.Neighbour;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH: {@code struct ndmsg} and its attributes, read into a
 * {@link Neighbour} and written back from one. Equivalent to what {@code ip neigh} sends and reads.
 */
public final class NeighbourCodec {
    /**
     * The order {@code ip neigh add} writes attributes in (protocol while parsing its words, then
     * the address, the extended flags and the link-layer address; a dump's filter: device, master),
     * then the ones only the kernel sends.
     */
    private static final int[] REQUEST_ORDER = {NDA_PROTOCOL, NDA_DST, NDA_FLAGS_EXT, NDA_LLADDR, NDA_IFINDEX,
        NDA_MASTER, NDA_CACHEINFO, NDA_PROBES, NDA_VLAN, NDA_PORT, NDA_VNI, NDA_LINK_NETNSID, NDA_SRC_VNI, NDA_NH_ID};

    private NeighbourCodec() {
    }

    /** Reads a neighbour message. */
    public static Neighbour decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlReader r = NlReader.of(m, NDMSG_SIZE, "RTM_NEWNEIGH");
        Layout layout = new Layout().header(b, p, NDMSG_SIZE);
        int family = Byte.toUnsignedInt(b.get(p));
        InetAddress dst = null;
        String lladdr = null;
        long probes = -1;
        Neighbour.CacheInfo cache = null;
        int vlan = -1;
        int port = -1;
        long vni = -1;
        long ifindex = -1;
        long master = -1;
        int linkNetnsId = -1;
        long srcVni = -1;
        int protocol = -1;
        long nhId = -1;
        long flagsExt = -1;
        while (r.next()) {
            switch (r.type()) {
                case NDA_DST -> dst = Wire.address(r, family);
                case NDA_LLADDR -> lladdr = HardwareAddresses.format(ARPHRD_ETHER, r.bytes());
                case NDA_CACHEINFO -> {
                    int at = r.exact(NDA_CACHEINFO_SIZE);
                    cache = new Neighbour.CacheInfo(Integer.toUnsignedLong(b.getInt(at)),
                            Integer.toUnsignedLong(b.getInt(at + 4)), Integer.toUnsignedLong(b.getInt(at + 8)),
                            Integer.toUnsignedLong(b.getInt(at + 12)));
                }
                case NDA_PROBES -> probes = r.u32L();
                case NDA_VLAN -> vlan = r.u16();
                case NDA_PORT -> port = r.be16();
                case NDA_VNI -> vni = r.u32L();
                case NDA_IFINDEX -> ifindex = r.u32L();
                case NDA_MASTER -> master = r.u32L();
                case NDA_LINK_NETNSID -> linkNetnsId = r.u32();
                case NDA_SRC_VNI -> srcVni = r.u32L();
                case NDA_PROTOCOL -> protocol = r.u8();
                case NDA_NH_ID -> nhId = r.u32L();
                case NDA_FLAGS_EXT -> flagsExt = r.u32L();
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Neighbour(b.getInt(p + 4), family, dst, lladdr, Short.toUnsignedInt(b.getShort(p + 8)),
                Byte.toUnsignedInt(b.get(p + 10)), Byte.toUnsignedInt(b.get(p + 11)), probes, cache, vlan, port, vni,
                ifindex, master, linkNetnsId, srcVni, protocol, nhId, flagsExt, layout.done());
    }

    /**
     * Writes {@code n} as the body of a neighbour message (after the nlmsghdr): the ndmsg, then the
     * attributes. A record read from the kernel comes out as the kernel sent it.
     */
    public static void encode(Neighbour n, NlWriter w) {
        w.u8(n.family()).u8(n.raw().headerByte(1, 0)).u8(n.raw().headerByte(2, 0)).u8(n.raw().headerByte(3, 0))
                .u32(n.index()).u16(n.state()).u8(n.flags()).u8(n.type());
        Layout.write(w, n.raw(), REQUEST_ORDER, (out, type, recorded) -> {
            switch (type) {
                case NDA_DST -> Wire.putAddress(out, NDA_DST, n.dst());
                case NDA_LLADDR -> {
                    if (n.lladdr() != null) {
                        out.attr(NDA_LLADDR, HardwareAddresses.parse(ARPHRD_ETHER, n.lladdr()));
                    }
                }
                case NDA_CACHEINFO -> {
                    Neighbour.CacheInfo c = n.cache();
                    if (c != null) {
                        out.attr(NDA_CACHEINFO, Wire.u32s((int) c.confirmed(), (int) c.used(), (int) c.updated(),
                                (int) c.refcnt()));
                    }
                }
                case NDA_PROBES -> Wire.putU32(out, NDA_PROBES, n.probes(), recorded);
                case NDA_VLAN -> {
                    if (recorded || n.vlan() >= 0) {
                        out.attrU16(NDA_VLAN, n.vlan());
                    }
                }
                case NDA_PORT -> {
                    if (recorded || n.port() >= 0) {
                        out.attr(NDA_PORT, Wire.be(n.port(), Short.BYTES));
                    }
                }
                case NDA_VNI -> Wire.putU32(out, NDA_VNI, n.vni(), recorded);
                case NDA_IFINDEX -> Wire.putU32(out, NDA_IFINDEX, n.ifindex(), recorded);
                case NDA_MASTER -> Wire.putU32(out, NDA_MASTER, n.master(), recorded);
                case NDA_LINK_NETNSID -> Wire.putU32(out, NDA_LINK_NETNSID, n.linkNetnsId(), recorded);
                case NDA_SRC_VNI -> Wire.putU32(out, NDA_SRC_VNI, n.srcVni(), recorded);
                case NDA_PROTOCOL -> {
                    if (recorded || n.protocol() >= 0) {
                        out.attrU8(NDA_PROTOCOL, n.protocol());
                    }
                }
                case NDA_NH_ID -> Wire.putU32(out, NDA_NH_ID, n.nhId(), recorded);
                case NDA_FLAGS_EXT -> Wire.putU32(out, NDA_FLAGS_EXT, n.flagsExt(), recorded);
                default -> {
                    return false;
                }
            }
            return true;
        });
    }
}
