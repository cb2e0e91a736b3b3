package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxIfAddr.IFADDRMSG_SIZE;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_ADDRESS;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_ANYCAST;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_BROADCAST;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_CACHEINFO;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_CACHEINFO_SIZE;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_FLAGS;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_LABEL;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_LOCAL;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_MULTICAST;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_PROTO;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_RT_PRIORITY;

import dev.jnetns.Address;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * RTM_NEWADDR / RTM_DELADDR: {@code struct ifaddrmsg} and its attributes, read into an
 * {@link Address} and written back from one. Equivalent to what {@code ip addr} sends and reads.
 */
public final class AddressCodec {
    /**
     * The order {@code ip addr add ADDR [anycast A] [label L] [metric M] dev D [FLAGS] [brd +] [LIFETIMES]}
     * writes attributes in (for records built by hand): the address and the options as they come,
     * then what ip adds after reading the command line: IFA_FLAGS (when flags need more than 8 bits),
     * the address again as IFA_ADDRESS, the broadcast {@code brd +} computes, the lifetimes. An
     * explicit {@code brd B} is written where it stands on ip's command line; a record cannot tell.
     */
    private static final int[] REQUEST_ORDER = {IFA_LOCAL, IFA_ANYCAST, IFA_LABEL, IFA_RT_PRIORITY, IFA_FLAGS,
        IFA_ADDRESS, IFA_BROADCAST, IFA_CACHEINFO, IFA_PROTO, IFA_MULTICAST};
    /** The same with a peer: ip writes the peer's IFA_ADDRESS where {@code peer P} stands, after the address. */
    private static final int[] PEER_ORDER = {IFA_LOCAL, IFA_ADDRESS, IFA_ANYCAST, IFA_LABEL, IFA_RT_PRIORITY,
        IFA_FLAGS, IFA_BROADCAST, IFA_CACHEINFO, IFA_PROTO, IFA_MULTICAST};

    private AddressCodec() {
    }

    /** Writes the ifaddrmsg of a dump request: the family and device the kernel filters by (0: any). */
    public static void header(NlWriter w, int family, int index) {
        w.u8(family).u8(0).u8(0).u8(0).u32(index);
    }

    /** Reads an address message. */
    public static Address decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlReader r = NlReader.of(m, IFADDRMSG_SIZE, "RTM_NEWADDR");
        Layout layout = new Layout().header(b, p, IFADDRMSG_SIZE);
        int family = Byte.toUnsignedInt(b.get(p));
        int flags = Byte.toUnsignedInt(b.get(p + 2));
        InetAddress address = null;
        InetAddress local = null;
        InetAddress broadcast = null;
        InetAddress anycast = null;
        InetAddress multicast = null;
        String label = null;
        long preferred = -1;
        long valid = -1;
        long created = -1;
        long updated = -1;
        long metric = -1;
        int protocol = -1;
        while (r.next()) {
            switch (r.type()) {
                case IFA_ADDRESS -> address = Wire.address(r, family);
                case IFA_LOCAL -> local = Wire.address(r, family);
                case IFA_BROADCAST -> broadcast = Wire.address(r, family);
                case IFA_ANYCAST -> anycast = Wire.address(r, family);
                case IFA_MULTICAST -> multicast = Wire.address(r, family);
                case IFA_LABEL -> label = layout.string(r);
                case IFA_FLAGS -> flags = r.u32();
                case IFA_RT_PRIORITY -> metric = r.u32L();
                case IFA_PROTO -> protocol = r.u8();
                case IFA_CACHEINFO -> {
                    int at = r.exact(IFA_CACHEINFO_SIZE);
                    preferred = Integer.toUnsignedLong(b.getInt(at));
                    valid = Integer.toUnsignedLong(b.getInt(at + 4));
                    created = Integer.toUnsignedLong(b.getInt(at + 8));
                    updated = Integer.toUnsignedLong(b.getInt(at + 12));
                }
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        InetAddress peer = address != null && local != null && !address.equals(local) ? address : null;
        return new Address(b.getInt(p + 4), family, local != null ? local : address, peer,
                Byte.toUnsignedInt(b.get(p + 1)), broadcast, Byte.toUnsignedInt(b.get(p + 3)), flags, label, valid,
                preferred, anycast, multicast, metric, protocol, created, updated, layout.done());
    }

    /**
     * Writes {@code a} as the body of an address message (after the nlmsghdr): the ifaddrmsg, then
     * the attributes. A record read from the kernel comes out as the kernel sent it.
     */
    public static void encode(Address a, NlWriter w) {
        boolean flagsAttr = a.raw().orderLength() > 0 ? a.raw().recorded(IFA_FLAGS) : (a.flags() & ~0xff) != 0;
        int headerFlags = a.raw().headerByte(2, flagsAttr ? 0 : a.flags() & 0xff);
        w.u8(a.family()).u8(a.prefixLength()).u8(headerFlags).u8(a.scope()).u32(a.index());
        Layout.write(w, a.raw(), a.peer() != null ? PEER_ORDER : REQUEST_ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFA_LOCAL -> Wire.putAddress(out, IFA_LOCAL, a.local());   // none: a request the kernel refuses
                case IFA_ADDRESS -> Wire.putAddress(out, IFA_ADDRESS, a.peer() != null ? a.peer() : a.local());
                case IFA_BROADCAST -> Wire.putAddress(out, IFA_BROADCAST, a.broadcast());
                case IFA_ANYCAST -> Wire.putAddress(out, IFA_ANYCAST, a.anycast());
                case IFA_MULTICAST -> Wire.putAddress(out, IFA_MULTICAST, a.multicast());
                case IFA_LABEL -> Layout.putString(out, a.raw(), IFA_LABEL, a.label(), true);
                case IFA_FLAGS -> {
                    if (recorded || flagsAttr) {
                        out.attrU32(IFA_FLAGS, a.flags());
                    }
                }
                case IFA_RT_PRIORITY -> {
                    if (a.metric() >= 0) {
                        out.attrU32(IFA_RT_PRIORITY, (int) a.metric());
                    }
                }
                case IFA_PROTO -> {
                    if (a.protocol() >= 0) {
                        out.attrU8(IFA_PROTO, a.protocol());
                    }
                }
                case IFA_CACHEINFO -> {
                    if (a.hasLifetimes()) {
                        out.attr(IFA_CACHEINFO, Wire.u32s((int) a.preferredLifetime(), (int) a.validLifetime(),
                                (int) Math.max(a.createdStamp(), 0), (int) Math.max(a.updatedStamp(), 0)));
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
    }
}
