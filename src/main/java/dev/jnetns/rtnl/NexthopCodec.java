package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxNexthop.NEXTHOP_GRP_SIZE;
import static dev.jnetns.uapi.LinuxNexthop.NHA_BLACKHOLE;
import static dev.jnetns.uapi.LinuxNexthop.NHA_FDB;
import static dev.jnetns.uapi.LinuxNexthop.NHA_GATEWAY;
import static dev.jnetns.uapi.LinuxNexthop.NHA_GROUP;
import static dev.jnetns.uapi.LinuxNexthop.NHA_GROUP_TYPE;
import static dev.jnetns.uapi.LinuxNexthop.NHA_ID;
import static dev.jnetns.uapi.LinuxNexthop.NHA_OIF;
import static dev.jnetns.uapi.LinuxNexthop.NHMSG_SIZE;

import dev.jnetns.Nexthop;
import dev.jnetns.netlink.NlAttrs;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of a nexthop object ({@code linux/nexthop.h}): a {@code struct nhmsg} and NHA_*
 * attributes, decoded and encoded side by side over {@link Message}. Attributes not modelled
 * (encapsulation, resilient-group data) are kept raw and written back unchanged.
 */
public final class NexthopCodec {
    private NexthopCodec() {
    }

    /** One member of a group: a nexthop id and its weight (1..65536). */
    public record Member(int id, int weight) {
    }

    /**
     * A nexthop object. {@code gateway} is the NHA_GATEWAY bytes (4 or 16) or null; {@code oif} 0
     * when absent; {@code group} empty for a plain nexthop; {@code groupType} -1 when absent.
     */
    public record Message(int id, int family, int scope, int protocol, int flags, byte[] gateway, int oif,
                          boolean blackhole, List<Member> group, int groupType, boolean fdb, List<Nexthop.RawAttribute> other) {
    }

    /** Writes a {@code struct nhmsg}. */
    public static void writeHeader(NlWriter w, int family, int scope, int protocol, int flags) {
        w.u8(family).u8(scope).u8(protocol).u8(0).u32(flags);
    }

    /** An RTM_NEWNEXTHOP message. */
    public static Message decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlAttrs a = m.attrs(NHMSG_SIZE, "RTM_NEWNEXTHOP");
        List<Member> group = new ArrayList<>();
        List<Nexthop.RawAttribute> other = new ArrayList<>();
        for (int i = 0; i < a.count(); i++) {
            int type = a.type(i) & 0x3fff;
            if (type == NHA_GROUP) {
                ByteBuffer g = ByteBuffer.wrap(a.bytesAt(i)).order(ByteOrder.nativeOrder());
                while (g.remaining() >= NEXTHOP_GRP_SIZE) {
                    int id = g.getInt();
                    int weight = Byte.toUnsignedInt(g.get()) | Byte.toUnsignedInt(g.get()) << 8;
                    g.getShort();
                    group.add(new Member(id, weight + 1));
                }
            } else if (type != NHA_ID && type != NHA_GROUP_TYPE && type != NHA_BLACKHOLE && type != NHA_OIF
                    && type != NHA_GATEWAY && type != NHA_FDB) {
                other.add(new Nexthop.RawAttribute(a.type(i), a.bytesAt(i)));
            }
        }
        return new Message(a.u32(NHA_ID, 0), Byte.toUnsignedInt(b.get(p)), Byte.toUnsignedInt(b.get(p + 1)),
                Byte.toUnsignedInt(b.get(p + 2)), b.getInt(p + 4), a.bytesOrNull(NHA_GATEWAY), a.u32(NHA_OIF, 0),
                a.has(NHA_BLACKHOLE), List.copyOf(group), a.has(NHA_GROUP_TYPE) ? a.u16(NHA_GROUP_TYPE) : -1,
                a.has(NHA_FDB), List.copyOf(other));
    }

    /** Writes {@code n} as the body of an RTM_NEWNEXTHOP request (header and attributes), as ip sends it. */
    public static void encode(NlWriter w, Message n) {
        writeHeader(w, n.family(), n.scope(), n.protocol(), n.flags());
        if (n.id() != 0) {
            w.attrU32(NHA_ID, n.id());
        }
        if (!n.group().isEmpty()) {
            ByteBuffer g = ByteBuffer.allocate(n.group().size() * NEXTHOP_GRP_SIZE).order(ByteOrder.nativeOrder());
            for (Member m : n.group()) {
                int weight = m.weight() - 1;
                g.putInt(m.id()).put((byte) weight).put((byte) (weight >> 8)).putShort((short) 0);
            }
            w.attr(NHA_GROUP, g.array());
        }
        if (n.groupType() >= 0) {
            w.attrU16(NHA_GROUP_TYPE, n.groupType());
        }
        if (n.blackhole()) {
            w.attr(NHA_BLACKHOLE);
        }
        if (n.oif() != 0) {
            w.attrU32(NHA_OIF, n.oif());
        }
        if (n.gateway() != null) {
            w.attr(NHA_GATEWAY, n.gateway());
        }
        if (n.fdb()) {
            w.attr(NHA_FDB);
        }
        for (Nexthop.RawAttribute r : n.other()) {
            w.attr(r.type(), r.value());
        }
    }
}
