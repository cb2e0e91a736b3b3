package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxMacvlan.IFLA_MACVLAN_BC_QUEUE_LEN;
import static dev.jnetns.uapi.LinuxMacvlan.IFLA_MACVLAN_BC_QUEUE_LEN_USED;
import static dev.jnetns.uapi.LinuxMacvlan.IFLA_MACVLAN_FLAGS;
import static dev.jnetns.uapi.LinuxMacvlan.IFLA_MACVLAN_MACADDR;
import static dev.jnetns.uapi.LinuxMacvlan.IFLA_MACVLAN_MACADDR_COUNT;
import static dev.jnetns.uapi.LinuxMacvlan.IFLA_MACVLAN_MACADDR_DATA;
import static dev.jnetns.uapi.LinuxMacvlan.IFLA_MACVLAN_MACADDR_MODE;
import static dev.jnetns.uapi.LinuxMacvlan.IFLA_MACVLAN_MODE;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_FLAG_NODST;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_FLAG_NOPROMISC;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_SOURCE;

import dev.jnetns.kind.Macvlan;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.uapi.LinuxIfArp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A macvlan's or macvtap's data (iproute2's iplink_macvlan.c). */
final class MacvlanCodec implements KindCodec<Macvlan> {
    static final MacvlanCodec INSTANCE = new MacvlanCodec();
    /** {@code ip link add ... type macvlan mode M [flag]} writes the mode, then the flags. */
    private static final int[] ORDER = {IFLA_MACVLAN_MODE, IFLA_MACVLAN_FLAGS, IFLA_MACVLAN_MACADDR_MODE,
        IFLA_MACVLAN_MACADDR, IFLA_MACVLAN_MACADDR_DATA, IFLA_MACVLAN_MACADDR_COUNT, IFLA_MACVLAN_BC_QUEUE_LEN,
        IFLA_MACVLAN_BC_QUEUE_LEN_USED};

    @Override
    public Class<Macvlan> type() {
        return Macvlan.class;
    }

    @Override
    public Macvlan decode(NlReader r) {
        Layout layout = new Layout();
        int mode = -1;
        int flags = -1;
        int macaddrMode = -1;
        String macaddr = null;
        List<String> sources = null;
        long count = -1;
        long bcQueueLen = -1;
        long usedBcQueueLen = -1;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_MACVLAN_MODE -> mode = r.u32();
                case IFLA_MACVLAN_FLAGS -> flags = r.u16();
                case IFLA_MACVLAN_MACADDR_MODE -> macaddrMode = r.u32();
                case IFLA_MACVLAN_MACADDR -> macaddr = HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, r.bytes());
                case IFLA_MACVLAN_MACADDR_DATA -> sources = sources(r.nested());
                case IFLA_MACVLAN_MACADDR_COUNT -> count = r.u32L();
                case IFLA_MACVLAN_BC_QUEUE_LEN -> bcQueueLen = r.u32L();
                case IFLA_MACVLAN_BC_QUEUE_LEN_USED -> usedBcQueueLen = r.u32L();
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Macvlan(mode, flags, macaddrMode, macaddr, sources, count, bcQueueLen, usedBcQueueLen,
                layout.done());
    }

    /** IFLA_MACVLAN_MACADDR_DATA: the allowed source addresses, each an IFLA_MACVLAN_MACADDR. */
    private static List<String> sources(NlReader r) {
        List<String> out = new ArrayList<>();
        while (r.next()) {
            if (r.type() != IFLA_MACVLAN_MACADDR) {
                throw new dev.jnetns.netlink.NlDecodeException(r.path() + ": attribute " + r.type()
                        + " in the source address list");
            }
            out.add(HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, r.bytes()));
        }
        return List.copyOf(out);
    }

    @Override
    public void encode(Macvlan m, NlWriter w) {
        Layout.write(w, m.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_MACVLAN_MODE -> {
                    if (m.mode() >= 0) {
                        out.attrU32(IFLA_MACVLAN_MODE, m.mode());
                    }
                }
                case IFLA_MACVLAN_FLAGS -> {
                    if (m.flags() >= 0) {
                        out.attrU16(IFLA_MACVLAN_FLAGS, m.flags());
                    }
                }
                case IFLA_MACVLAN_MACADDR_MODE -> {
                    if (m.macaddrMode() >= 0) {
                        out.attrU32(IFLA_MACVLAN_MACADDR_MODE, m.macaddrMode());
                    }
                }
                case IFLA_MACVLAN_MACADDR -> {
                    if (m.macaddr() != null) {
                        out.attr(IFLA_MACVLAN_MACADDR, HardwareAddresses.parseMac(m.macaddr()));
                    }
                }
                case IFLA_MACVLAN_MACADDR_DATA -> {
                    if (m.sources() != null) {
                        int nest = out.beginNestedPlain(IFLA_MACVLAN_MACADDR_DATA);
                        for (String mac : m.sources()) {
                            out.attr(IFLA_MACVLAN_MACADDR, HardwareAddresses.parseMac(mac));
                        }
                        out.endNested(nest);
                    }
                }
                case IFLA_MACVLAN_MACADDR_COUNT -> putU32(out, IFLA_MACVLAN_MACADDR_COUNT, m.macaddrCount());
                case IFLA_MACVLAN_BC_QUEUE_LEN -> putU32(out, IFLA_MACVLAN_BC_QUEUE_LEN, m.bcQueueLen());
                case IFLA_MACVLAN_BC_QUEUE_LEN_USED -> putU32(out, IFLA_MACVLAN_BC_QUEUE_LEN_USED, m.usedBcQueueLen());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static void putU32(NlWriter w, int type, long v) {
        if (v >= 0) {
            w.attrU32(type, (int) v);
        }
    }

    @Override
    public void print(Macvlan m, PrintOut out, IntFunction<String> ifname) {
        if (m.mode() < 0) {
            return;
        }
        out.string("mode", "mode %s ", m.modeName() != null ? m.modeName() : "unknown");
        int flags = Math.max(m.flags(), 0);
        if ((flags & MACVLAN_FLAG_NOPROMISC) != 0) {
            out.bool("nopromisc", "nopromisc ", true);
        }
        if ((flags & MACVLAN_FLAG_NODST) != 0) {
            out.bool("nodst", "nodst ", true);
        }
        if (m.bcQueueLen() >= 0) {
            out.number("bcqueuelen", "bcqueuelen %s ", m.bcQueueLen());
        }
        if (m.usedBcQueueLen() >= 0) {
            out.number("usedbcqueuelen", "usedbcqueuelen %s ", m.usedBcQueueLen());
        }
        if (m.mode() != MACVLAN_MODE_SOURCE || m.macaddrCount() < 0) {
            return;
        }
        out.number("macaddr_count", "remotes (%s) ", (int) m.macaddrCount());
        if (m.sources() == null) {
            return;
        }
        out.beginArray("macaddr_data");
        for (String mac : m.sources()) {
            out.string(null, "%s ", mac);
        }
        out.endArray();
    }
}
