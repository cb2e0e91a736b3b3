package dev.jnetns.rtnl;

import dev.jnetns.uapi.LinuxRoute;
import static dev.jnetns.uapi.LinuxRoute.RTA_DST;
import static dev.jnetns.uapi.LinuxRoute.RTA_GATEWAY;
import static dev.jnetns.uapi.LinuxRoute.RTA_IIF;
import static dev.jnetns.uapi.LinuxRoute.RTA_MARK;
import static dev.jnetns.uapi.LinuxRoute.RTA_METRICS;
import static dev.jnetns.uapi.LinuxRoute.RTA_MULTIPATH;
import static dev.jnetns.uapi.LinuxRoute.RTA_OIF;
import static dev.jnetns.uapi.LinuxRoute.RTA_PREF;
import static dev.jnetns.uapi.LinuxRoute.RTA_PREFSRC;
import static dev.jnetns.uapi.LinuxRoute.RTA_PRIORITY;
import static dev.jnetns.uapi.LinuxRoute.RTA_SRC;
import static dev.jnetns.uapi.LinuxRoute.RTA_TABLE;
import static dev.jnetns.uapi.LinuxRoute.RTA_UID;
import static dev.jnetns.uapi.LinuxRoute.RTMSG_SIZE;
import static dev.jnetns.uapi.LinuxRoute.RTNEXTHOP_SIZE;

import dev.jnetns.netlink.NlAttrs;
import dev.jnetns.netlink.NlDecodeException;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An RTM_NEWROUTE message: {@code struct rtmsg} and its attributes. {@code table} is RTA_TABLE when
 * sent (it holds ids above 255), else rtm_table. Absent numbers are -1, absent addresses null,
 * {@code oif}/{@code iif} 0 when absent.
 */
public record RouteMessage(int family, int dstLen, int srcLen, int tos, int table, int protocol, int scope,
                           int type, int flags, byte[] dst, byte[] src, int oif, byte[] gateway, long priority,
                           byte[] prefsrc, int iif, List<Nexthop> nexthops, int pref, long mark,
                           Map<Integer, Integer> metrics, long uid) {

    /**
     * One {@code struct rtnexthop} of RTA_MULTIPATH with its gateway.
     *
     * @param hops rtnh_hops (weight - 1)
     */
    public record Nexthop(int flags, int hops, int ifindex, byte[] gateway) {
    }

    /** Writes a {@code struct rtmsg}. */
    public static void writeHeader(NlWriter w, int family, int dstLen, int srcLen, int tos, int table,
                                   int protocol, int scope, int type, int flags) {
        w.u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table).u8(protocol).u8(scope).u8(type).u32(flags);
    }

    /** Writes RTA_MULTIPATH: one rtnexthop (with an RTA_GATEWAY when given) per nexthop. */
    public static void writeMultipath(NlWriter w, List<Nexthop> nexthops) {
        int mp = w.beginNestedPlain(RTA_MULTIPATH);
        for (Nexthop nh : nexthops) {
            int len = RTNEXTHOP_SIZE + (nh.gateway() == null ? 0 : 4 + nh.gateway().length);
            w.u16(len).u8(nh.flags()).u8(nh.hops()).u32(nh.ifindex());
            if (nh.gateway() != null) {
                w.attr(RTA_GATEWAY, nh.gateway());
            }
        }
        w.endNested(mp);
    }

    public static RouteMessage decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlAttrs a = m.attrs(RTMSG_SIZE, "RTM_NEWROUTE");
        int table = a.has(RTA_TABLE) ? a.u32(RTA_TABLE) : Byte.toUnsignedInt(b.get(p + 4));
        return new RouteMessage(Byte.toUnsignedInt(b.get(p)), Byte.toUnsignedInt(b.get(p + 1)),
                Byte.toUnsignedInt(b.get(p + 2)), Byte.toUnsignedInt(b.get(p + 3)), table,
                Byte.toUnsignedInt(b.get(p + 5)), Byte.toUnsignedInt(b.get(p + 6)), Byte.toUnsignedInt(b.get(p + 7)),
                b.getInt(p + 8), a.bytesOrNull(RTA_DST), a.bytesOrNull(RTA_SRC), a.u32(RTA_OIF, 0),
                a.bytesOrNull(RTA_GATEWAY),
                a.has(RTA_PRIORITY) ? Integer.toUnsignedLong(a.u32(RTA_PRIORITY)) : -1,
                a.bytesOrNull(RTA_PREFSRC), a.u32(RTA_IIF, 0),
                a.has(RTA_MULTIPATH) ? multipath(a) : List.of(),
                a.has(RTA_PREF) ? a.u8(RTA_PREF) : -1,
                a.has(RTA_MARK) ? Integer.toUnsignedLong(a.u32(RTA_MARK)) : -1,
                a.has(RTA_METRICS) ? metrics(a.nested(RTA_METRICS)) : Map.of(),
                a.has(RTA_UID) ? Integer.toUnsignedLong(a.u32(RTA_UID)) : -1);
    }

    private static List<Nexthop> multipath(NlAttrs a) {
        ByteBuffer b = a.buffer();
        int pos = a.valueOffset(RTA_MULTIPATH);
        int end = pos + a.valueLength(RTA_MULTIPATH);
        List<Nexthop> out = new ArrayList<>();
        while (pos + RTNEXTHOP_SIZE <= end) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            if (len < RTNEXTHOP_SIZE || pos + len > end) {
                throw new NlDecodeException("RTM_NEWROUTE > RTA_MULTIPATH: rtnexthop length " + len + " at " + pos);
            }
            NlAttrs nh = NlAttrs.parse(b, pos + RTNEXTHOP_SIZE, pos + len, "RTM_NEWROUTE > RTA_MULTIPATH");
            out.add(new Nexthop(Byte.toUnsignedInt(b.get(pos + 2)), Byte.toUnsignedInt(b.get(pos + 3)),
                    b.getInt(pos + 4), nh.bytesOrNull(RTA_GATEWAY)));
            pos += (len + 3) & ~3;
        }
        return out;
    }

    private static Map<Integer, Integer> metrics(NlAttrs m) {
        Map<Integer, Integer> out = new TreeMap<>();
        for (int i = 0; i < m.count(); i++) {
            if (m.bytesAt(i).length == 4) {
                out.put(m.type(i), m.u32At(i));
            }
        }
        return out;
    }
}
