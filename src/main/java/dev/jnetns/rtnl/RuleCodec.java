package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_HDR_SIZE;
import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_PORT_RANGE_SIZE;
import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_UID_RANGE_SIZE;
import static dev.jnetns.uapi.LinuxFibRules.FRA_DPORT_RANGE;
import static dev.jnetns.uapi.LinuxFibRules.FRA_DST;
import static dev.jnetns.uapi.LinuxFibRules.FRA_FLOW;
import static dev.jnetns.uapi.LinuxFibRules.FRA_FWMARK;
import static dev.jnetns.uapi.LinuxFibRules.FRA_FWMASK;
import static dev.jnetns.uapi.LinuxFibRules.FRA_GOTO;
import static dev.jnetns.uapi.LinuxFibRules.FRA_IIFNAME;
import static dev.jnetns.uapi.LinuxFibRules.FRA_IP_PROTO;
import static dev.jnetns.uapi.LinuxFibRules.FRA_L3MDEV;
import static dev.jnetns.uapi.LinuxFibRules.FRA_OIFNAME;
import static dev.jnetns.uapi.LinuxFibRules.FRA_PRIORITY;
import static dev.jnetns.uapi.LinuxFibRules.FRA_PROTOCOL;
import static dev.jnetns.uapi.LinuxFibRules.FRA_SPORT_RANGE;
import static dev.jnetns.uapi.LinuxFibRules.FRA_SRC;
import static dev.jnetns.uapi.LinuxFibRules.FRA_SUPPRESS_IFGROUP;
import static dev.jnetns.uapi.LinuxFibRules.FRA_SUPPRESS_PREFIXLEN;
import static dev.jnetns.uapi.LinuxFibRules.FRA_TABLE;
import static dev.jnetns.uapi.LinuxFibRules.FRA_TUN_ID;
import static dev.jnetns.uapi.LinuxFibRules.FRA_UID_RANGE;

import dev.jnetns.IpPrefix;
import dev.jnetns.Rule;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE: {@code struct fib_rule_hdr} and its attributes, read
 * into a {@link Rule} and written back from one. Equivalent to what {@code ip rule} sends and reads.
 */
public final class RuleCodec {
    /**
     * The order {@code ip rule add} writes attributes in when its words come in the order of its
     * usage text (it writes each where its word is); the 8-bit table goes in the header, FRA_TABLE
     * only for tables from 256.
     */
    private static final int[] REQUEST_ORDER = {FRA_SRC, FRA_DST, FRA_PRIORITY, FRA_FWMARK, FRA_FWMASK,
        FRA_FLOW, FRA_PROTOCOL, FRA_TUN_ID, FRA_TABLE, FRA_SUPPRESS_PREFIXLEN, FRA_SUPPRESS_IFGROUP, FRA_IIFNAME,
        FRA_OIFNAME, FRA_L3MDEV, FRA_UID_RANGE, FRA_IP_PROTO, FRA_SPORT_RANGE, FRA_DPORT_RANGE, FRA_GOTO};

    /** The largest table the header's 8-bit field holds. */
    private static final int HEADER_TABLE_MAX = 255;

    private RuleCodec() {
    }

    /** Reads a rule message. */
    public static Rule decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlReader r = NlReader.of(m, FIB_RULE_HDR_SIZE, "RTM_NEWRULE");
        Layout layout = new Layout().header(b, p, FIB_RULE_HDR_SIZE);
        int family = Byte.toUnsignedInt(b.get(p));
        IpPrefix dst = null;
        IpPrefix src = null;
        String iif = null;
        String oif = null;
        long priority = -1;
        long fwmark = -1;
        long fwmask = -1;
        int table = Byte.toUnsignedInt(b.get(p + 4));
        int protocol = -1;
        long gotoTarget = -1;
        long realms = -1;
        long tunId = -1;
        long suppressPrefixLength = -1;
        long suppressIfGroup = -1;
        int l3mdev = -1;
        Rule.Range uidRange = null;
        int ipProto = -1;
        Rule.Range sport = null;
        Rule.Range dport = null;
        while (r.next()) {
            switch (r.type()) {
                case FRA_DST -> dst = new IpPrefix(Wire.address(r, family), Byte.toUnsignedInt(b.get(p + 1)));
                case FRA_SRC -> src = new IpPrefix(Wire.address(r, family), Byte.toUnsignedInt(b.get(p + 2)));
                case FRA_IIFNAME -> iif = r.string();
                case FRA_OIFNAME -> oif = r.string();
                case FRA_PRIORITY -> priority = r.u32L();
                case FRA_FWMARK -> fwmark = r.u32L();
                case FRA_FWMASK -> fwmask = r.u32L();
                case FRA_TABLE -> table = r.u32();
                case FRA_PROTOCOL -> protocol = r.u8();
                case FRA_GOTO -> gotoTarget = r.u32L();
                case FRA_FLOW -> realms = r.u32L();
                case FRA_TUN_ID -> tunId = Wire.be64(r);
                case FRA_SUPPRESS_PREFIXLEN -> suppressPrefixLength = r.u32L();
                case FRA_SUPPRESS_IFGROUP -> suppressIfGroup = r.u32L();
                case FRA_L3MDEV -> l3mdev = r.u8();
                case FRA_UID_RANGE -> {
                    int at = r.exact(FIB_RULE_UID_RANGE_SIZE);
                    uidRange = new Rule.Range(Integer.toUnsignedLong(b.getInt(at)), Integer.toUnsignedLong(b.getInt(at + 4)));
                }
                case FRA_IP_PROTO -> ipProto = r.u8();
                case FRA_SPORT_RANGE -> sport = portRange(r);
                case FRA_DPORT_RANGE -> dport = portRange(r);
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Rule(family, priority, src, dst, iif, oif, fwmark, fwmask, table, Byte.toUnsignedInt(b.get(p + 7)),
                b.getInt(p + 8), protocol, Byte.toUnsignedInt(b.get(p + 3)), gotoTarget, realms, tunId,
                suppressPrefixLength, suppressIfGroup, l3mdev, uidRange, ipProto, sport, dport, layout.done());
    }

    private static Rule.Range portRange(NlReader r) {
        int at = r.exact(FIB_RULE_PORT_RANGE_SIZE);
        ByteBuffer b = r.buffer();
        return new Rule.Range(Short.toUnsignedInt(b.getShort(at)), Short.toUnsignedInt(b.getShort(at + 2)));
    }

    private static byte[] portRange(Rule.Range range) {
        ByteBuffer b = ByteBuffer.allocate(FIB_RULE_PORT_RANGE_SIZE).order(ByteOrder.nativeOrder());
        return b.putShort((short) range.start()).putShort((short) range.end()).array();
    }

    /**
     * Writes {@code rule} as the body of a rule message (after the nlmsghdr): the fib_rule_hdr, then
     * the attributes. A record read from the kernel comes out as the kernel sent it; one built by
     * hand as {@code ip rule add|del} sends it (a table from 256 in FRA_TABLE, the header's 0).
     */
    public static void encode(Rule rule, NlWriter w) {
        int table = rule.table();
        boolean small = table >= 0 && table <= HEADER_TABLE_MAX;
        w.u8(rule.family())
                .u8(rule.dst() != null ? rule.dst().length() : rule.raw().headerByte(1, 0))
                .u8(rule.src() != null ? rule.src().length() : rule.raw().headerByte(2, 0))
                .u8(rule.tos())
                .u8(rule.raw().headerByte(4, small ? table : 0))
                .u8(rule.raw().headerByte(5, 0)).u8(rule.raw().headerByte(6, 0))
                .u8(rule.action())
                .u32(rule.flags());
        Layout.write(w, rule.raw(), REQUEST_ORDER, (out, type, recorded) -> {
            switch (type) {
                case FRA_DST -> {
                    if (rule.dst() != null) {
                        out.attr(FRA_DST, rule.dst().address().getAddress());
                    }
                }
                case FRA_SRC -> {
                    if (rule.src() != null) {
                        out.attr(FRA_SRC, rule.src().address().getAddress());
                    }
                }
                case FRA_IIFNAME -> {
                    if (rule.iif() != null) {
                        out.attrString(FRA_IIFNAME, rule.iif());
                    }
                }
                case FRA_OIFNAME -> {
                    if (rule.oif() != null) {
                        out.attrString(FRA_OIFNAME, rule.oif());
                    }
                }
                case FRA_PRIORITY -> Wire.putU32(out, FRA_PRIORITY, rule.priority(), recorded);
                case FRA_FWMARK -> Wire.putU32(out, FRA_FWMARK, rule.fwmark(), recorded);
                case FRA_FWMASK -> Wire.putU32(out, FRA_FWMASK, rule.fwmask(), recorded);
                case FRA_TABLE -> {
                    if (recorded || !small) {
                        out.attrU32(FRA_TABLE, table);
                    }
                }
                case FRA_PROTOCOL -> {
                    if (recorded || rule.protocol() >= 0) {
                        out.attrU8(FRA_PROTOCOL, rule.protocol());
                    }
                }
                case FRA_GOTO -> Wire.putU32(out, FRA_GOTO, rule.gotoTarget(), recorded);
                case FRA_FLOW -> Wire.putU32(out, FRA_FLOW, rule.realms(), recorded);
                case FRA_TUN_ID -> {
                    if (recorded || rule.tunId() != -1) {
                        out.attr(FRA_TUN_ID, Wire.be(rule.tunId(), Long.BYTES));
                    }
                }
                case FRA_SUPPRESS_PREFIXLEN -> Wire.putU32(out, FRA_SUPPRESS_PREFIXLEN, rule.suppressPrefixLength(), recorded);
                case FRA_SUPPRESS_IFGROUP -> Wire.putU32(out, FRA_SUPPRESS_IFGROUP, rule.suppressIfGroup(), recorded);
                case FRA_L3MDEV -> {
                    if (recorded || rule.l3mdev() >= 0) {
                        out.attrU8(FRA_L3MDEV, rule.l3mdev());
                    }
                }
                case FRA_UID_RANGE -> {
                    if (rule.uidRange() != null) {
                        out.attr(FRA_UID_RANGE, Wire.u32s((int) rule.uidRange().start(), (int) rule.uidRange().end()));
                    }
                }
                case FRA_IP_PROTO -> {
                    if (recorded || rule.ipProto() >= 0) {
                        out.attrU8(FRA_IP_PROTO, rule.ipProto());
                    }
                }
                case FRA_SPORT_RANGE -> {
                    if (rule.sport() != null) {
                        out.attr(FRA_SPORT_RANGE, portRange(rule.sport()));
                    }
                }
                case FRA_DPORT_RANGE -> {
                    if (rule.dport() != null) {
                        out.attr(FRA_DPORT_RANGE, portRange(rule.dport()));
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
