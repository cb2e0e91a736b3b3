package dev.jnetns.rtnl;

import dev.jnetns.uapi.LinuxFibRules;
import static dev.jnetns.uapi.LinuxFibRules.FIB_RULE_HDR_SIZE;
import static dev.jnetns.uapi.LinuxFibRules.FRA_DST;
import static dev.jnetns.uapi.LinuxFibRules.FRA_FWMARK;
import static dev.jnetns.uapi.LinuxFibRules.FRA_FWMASK;
import static dev.jnetns.uapi.LinuxFibRules.FRA_IIFNAME;
import static dev.jnetns.uapi.LinuxFibRules.FRA_OIFNAME;
import static dev.jnetns.uapi.LinuxFibRules.FRA_PRIORITY;
import static dev.jnetns.uapi.LinuxFibRules.FRA_PROTOCOL;
import static dev.jnetns.uapi.LinuxFibRules.FRA_SRC;
import static dev.jnetns.uapi.LinuxFibRules.FRA_TABLE;

import dev.jnetns.netlink.NlAttrs;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;

/**
 * An RTM_NEWRULE message: {@code struct fib_rule_hdr} and its attributes. {@code table} is FRA_TABLE
 * when sent; absent numbers are -1.
 */
public record RuleMessage(int family, int dstLen, int srcLen, int tos, int table, int action, int flags,
                          byte[] dst, byte[] src, String iifName, String oifName, long priority, long fwmark,
                          long fwmask, int protocol) {

    /** Writes a {@code struct fib_rule_hdr}. */
    public static void writeHeader(NlWriter w, int family, int dstLen, int srcLen, int tos, int table,
                                   int action, int flags) {
        w.u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table).u8(0).u8(0).u8(action).u32(flags);
    }

    public static RuleMessage decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.payloadOffset();
        NlAttrs a = m.attrs(FIB_RULE_HDR_SIZE, "RTM_NEWRULE");
        return new RuleMessage(Byte.toUnsignedInt(b.get(p)), Byte.toUnsignedInt(b.get(p + 1)),
                Byte.toUnsignedInt(b.get(p + 2)), Byte.toUnsignedInt(b.get(p + 3)),
                a.has(FRA_TABLE) ? a.u32(FRA_TABLE) : Byte.toUnsignedInt(b.get(p + 4)),
                Byte.toUnsignedInt(b.get(p + 7)), b.getInt(p + 8),
                a.bytesOrNull(FRA_DST), a.bytesOrNull(FRA_SRC), a.stringOrNull(FRA_IIFNAME), a.stringOrNull(FRA_OIFNAME),
                a.has(FRA_PRIORITY) ? Integer.toUnsignedLong(a.u32(FRA_PRIORITY)) : -1,
                a.has(FRA_FWMARK) ? Integer.toUnsignedLong(a.u32(FRA_FWMARK)) : -1,
                a.has(FRA_FWMASK) ? Integer.toUnsignedLong(a.u32(FRA_FWMASK)) : -1,
                a.has(FRA_PROTOCOL) ? a.u8(FRA_PROTOCOL) : -1);
    }
}
