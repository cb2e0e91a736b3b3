package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxTun.IFF_TAP;
import static dev.jnetns.uapi.LinuxTun.IFF_TUN;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_GROUP;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_MULTI_QUEUE;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_NUM_DISABLED_QUEUES;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_NUM_QUEUES;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_OWNER;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_PERSIST;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_PI;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_TYPE;
import static dev.jnetns.uapi.LinuxTun.IFLA_TUN_VNET_HDR;

import dev.jnetns.kind.Tun;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.util.function.IntFunction;

/** A tun or tap device's data (the kernel reports it; tun/tap devices are made by ioctl, iproute2's iptuntap.c). */
final class TunCodec implements KindCodec<Tun> {
    static final TunCodec INSTANCE = new TunCodec();
    private static final int[] ORDER = {IFLA_TUN_OWNER, IFLA_TUN_GROUP, IFLA_TUN_TYPE, IFLA_TUN_PI, IFLA_TUN_VNET_HDR,
        IFLA_TUN_PERSIST, IFLA_TUN_MULTI_QUEUE, IFLA_TUN_NUM_QUEUES, IFLA_TUN_NUM_DISABLED_QUEUES};

    @Override
    public Class<Tun> type() {
        return Tun.class;
    }

    @Override
    public Tun decode(NlReader r) {
        Layout layout = new Layout();
        int[] u8 = {-1, -1, -1, -1, -1};   // type, pi, vnet_hdr, persist, multi_queue
        long[] u32 = {-1, -1, -1, -1};     // num_queues, num_disabled_queues, owner, group
        while (r.next()) {
            switch (r.type()) {
                case IFLA_TUN_TYPE -> u8[0] = r.u8();
                case IFLA_TUN_PI -> u8[1] = r.u8();
                case IFLA_TUN_VNET_HDR -> u8[2] = r.u8();
                case IFLA_TUN_PERSIST -> u8[3] = r.u8();
                case IFLA_TUN_MULTI_QUEUE -> u8[4] = r.u8();
                case IFLA_TUN_NUM_QUEUES -> u32[0] = r.u32L();
                case IFLA_TUN_NUM_DISABLED_QUEUES -> u32[1] = r.u32L();
                case IFLA_TUN_OWNER -> u32[2] = r.u32L();
                case IFLA_TUN_GROUP -> u32[3] = r.u32L();
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Tun(u8[0], u8[1], u8[2], u8[3], u8[4], u32[0], u32[1], u32[2], u32[3], layout.done());
    }

    @Override
    public void encode(Tun t, NlWriter w) {
        Layout.write(w, t.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_TUN_TYPE -> putU8(out, IFLA_TUN_TYPE, t.type());
                case IFLA_TUN_PI -> putU8(out, IFLA_TUN_PI, t.pi());
                case IFLA_TUN_VNET_HDR -> putU8(out, IFLA_TUN_VNET_HDR, t.vnetHdr());
                case IFLA_TUN_PERSIST -> putU8(out, IFLA_TUN_PERSIST, t.persist());
                case IFLA_TUN_MULTI_QUEUE -> putU8(out, IFLA_TUN_MULTI_QUEUE, t.multiQueue());
                case IFLA_TUN_NUM_QUEUES -> putU32(out, IFLA_TUN_NUM_QUEUES, t.numQueues());
                case IFLA_TUN_NUM_DISABLED_QUEUES -> putU32(out, IFLA_TUN_NUM_DISABLED_QUEUES, t.numDisabledQueues());
                case IFLA_TUN_OWNER -> putU32(out, IFLA_TUN_OWNER, t.owner());
                case IFLA_TUN_GROUP -> putU32(out, IFLA_TUN_GROUP, t.group());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static void putU8(NlWriter w, int type, int v) {
        if (v >= 0) {
            w.attrU8(type, v);
        }
    }

    private static void putU32(NlWriter w, int type, long v) {
        if (v >= 0) {
            w.attrU32(type, (int) v);
        }
    }

    @Override
    public void print(Tun t, PrintOut out, IntFunction<String> ifname) {
        if (t.type() >= 0) {
            out.string("type", "type %s ", t.type() == IFF_TUN ? "tun" : t.type() == IFF_TAP ? "tap"
                    : "UNKNOWN:" + t.type());
        }
        if (t.pi() >= 0) {
            out.onOff("pi", "pi %s ", t.pi() != 0);
        }
        if (t.vnetHdr() >= 0) {
            out.onOff("vnet_hdr", "vnet_hdr %s ", t.vnetHdr() != 0);
        }
        if (t.multiQueue() <= 0) {
            out.bool("multi_queue", null, false);
        } else {
            out.bool("multi_queue", "multi_queue ", true);
            if (t.numQueues() >= 0) {
                out.number("numqueues", "numqueues %s ", t.numQueues());
            }
            if (t.numDisabledQueues() >= 0) {
                out.number("numdisabled", "numdisabled %s ", t.numDisabledQueues());
            }
        }
        if (t.persist() >= 0) {
            out.onOff("persist", "persist %s ", t.persist() != 0);
        }
        if (t.owner() >= 0) {
            id(out, "user", SystemNames.user(t.owner()), t.owner());
        }
        if (t.group() >= 0) {
            id(out, "group", SystemNames.group(t.group()), t.group());
        }
    }

    /** "user NAME", or the number when it has no name (a JSON number then, as ip prints it). */
    private static void id(PrintOut out, String key, String name, long id) {
        if (name != null) {
            out.string(key, key + " %s ", name);
        } else {
            out.number(key, key + " %s ", id);
        }
    }
}
