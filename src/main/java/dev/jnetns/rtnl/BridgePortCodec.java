package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxBridge.BR_STATE_BLOCKING;
import static dev.jnetns.uapi.LinuxBridge.BR_STATE_DISABLED;
import static dev.jnetns.uapi.LinuxBridge.BR_STATE_FORWARDING;
import static dev.jnetns.uapi.LinuxBridge.BR_STATE_LEARNING;
import static dev.jnetns.uapi.LinuxBridge.BR_STATE_LISTENING;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_BACKUP_PORT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_BCAST_FLOOD;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_BRIDGE_ID;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_CONFIG_PENDING;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_COST;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_DESIGNATED_COST;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_DESIGNATED_PORT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_FAST_LEAVE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_FLUSH;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_FORWARD_DELAY_TIMER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_GROUP_FWD_MASK;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_GUARD;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_HOLD_TIMER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_ID;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_ISOLATED;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_LEARNING;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_LOCKED;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MCAST_FLOOD;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MCAST_TO_UCAST;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MESSAGE_AGE_TIMER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MODE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_MULTICAST_ROUTER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_NEIGH_SUPPRESS;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_NO;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_PRIORITY;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_PROTECT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_PROXYARP;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_PROXYARP_WIFI;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_ROOT_ID;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_STATE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_TOPOLOGY_CHANGE_ACK;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_UNICAST_FLOOD;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRPORT_VLAN_TUNNEL;

import dev.jnetns.kind.Bridge;
import dev.jnetns.kind.BridgePort;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.util.Arrays;
import java.util.function.IntFunction;

/** A bridge port's data (iproute2's iplink_bridge_slave.c), the port data of master kind "bridge". */
final class BridgePortCodec implements KindCodec<BridgePort> {
    static final BridgePortCodec INSTANCE = new BridgePortCodec();
    /**
     * {@code ip link set DEV type bridge_slave OPTIONS} writes the options in the order given; this is
     * the order of ip's option parser. The kernel's read-only state follows.
     */
    private static final int[] ORDER = {IFLA_BRPORT_FLUSH, IFLA_BRPORT_STATE, IFLA_BRPORT_PRIORITY, IFLA_BRPORT_COST,
        IFLA_BRPORT_MODE, IFLA_BRPORT_GUARD, IFLA_BRPORT_PROTECT, IFLA_BRPORT_FAST_LEAVE, IFLA_BRPORT_LEARNING,
        IFLA_BRPORT_UNICAST_FLOOD, IFLA_BRPORT_MCAST_FLOOD, IFLA_BRPORT_BCAST_FLOOD, IFLA_BRPORT_MCAST_TO_UCAST,
        IFLA_BRPORT_PROXYARP, IFLA_BRPORT_PROXYARP_WIFI, IFLA_BRPORT_MULTICAST_ROUTER, IFLA_BRPORT_NEIGH_SUPPRESS,
        IFLA_BRPORT_GROUP_FWD_MASK, IFLA_BRPORT_VLAN_TUNNEL, IFLA_BRPORT_ISOLATED, IFLA_BRPORT_LOCKED,
        IFLA_BRPORT_BACKUP_PORT, IFLA_BRPORT_ROOT_ID, IFLA_BRPORT_BRIDGE_ID, IFLA_BRPORT_DESIGNATED_PORT,
        IFLA_BRPORT_DESIGNATED_COST, IFLA_BRPORT_ID, IFLA_BRPORT_NO, IFLA_BRPORT_TOPOLOGY_CHANGE_ACK,
        IFLA_BRPORT_CONFIG_PENDING, IFLA_BRPORT_MESSAGE_AGE_TIMER, IFLA_BRPORT_FORWARD_DELAY_TIMER,
        IFLA_BRPORT_HOLD_TIMER};
    /** Names of the bits of a port's group_fwd_mask as ip prints them (the others as 0xN). */
    private static final String[] FWD_MASK_NAMES = {"stp", null, "lacp", null, null, null, null, null, null, null,
        null, null, null, null, "lldp", null};

    @Override
    public Class<BridgePort> type() {
        return BridgePort.class;
    }

    @Override
    public BridgePort decode(NlReader r) {
        Layout layout = new Layout();
        long[] v = new long[IFLA_BRPORT_LOCKED + 1];   // the numbers, by attribute type
        Arrays.fill(v, -1);
        Bridge.Id designatedBridge = null;
        Bridge.Id designatedRoot = null;
        boolean flush = false;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_BRPORT_STATE, IFLA_BRPORT_MODE, IFLA_BRPORT_GUARD, IFLA_BRPORT_PROTECT,
                     IFLA_BRPORT_FAST_LEAVE, IFLA_BRPORT_LEARNING, IFLA_BRPORT_UNICAST_FLOOD,
                     IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, IFLA_BRPORT_CONFIG_PENDING, IFLA_BRPORT_PROXYARP,
                     IFLA_BRPORT_PROXYARP_WIFI, IFLA_BRPORT_MULTICAST_ROUTER, IFLA_BRPORT_MCAST_FLOOD,
                     IFLA_BRPORT_BCAST_FLOOD, IFLA_BRPORT_MCAST_TO_UCAST, IFLA_BRPORT_NEIGH_SUPPRESS,
                     IFLA_BRPORT_VLAN_TUNNEL, IFLA_BRPORT_ISOLATED, IFLA_BRPORT_LOCKED -> v[r.type()] = r.u8();
                case IFLA_BRPORT_PRIORITY, IFLA_BRPORT_ID, IFLA_BRPORT_NO, IFLA_BRPORT_DESIGNATED_PORT,
                     IFLA_BRPORT_DESIGNATED_COST, IFLA_BRPORT_GROUP_FWD_MASK -> v[r.type()] = r.u16();
                case IFLA_BRPORT_COST, IFLA_BRPORT_BACKUP_PORT -> v[r.type()] = r.u32L();
                case IFLA_BRPORT_HOLD_TIMER, IFLA_BRPORT_MESSAGE_AGE_TIMER, IFLA_BRPORT_FORWARD_DELAY_TIMER ->
                        v[r.type()] = r.u64();
                case IFLA_BRPORT_BRIDGE_ID -> designatedBridge = BridgeCodec.id(r);
                case IFLA_BRPORT_ROOT_ID -> designatedRoot = BridgeCodec.id(r);
                case IFLA_BRPORT_FLUSH -> flush = true;
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new BridgePort((int) v[IFLA_BRPORT_STATE], (int) v[IFLA_BRPORT_PRIORITY], v[IFLA_BRPORT_COST],
                (int) v[IFLA_BRPORT_MODE], (int) v[IFLA_BRPORT_GUARD], (int) v[IFLA_BRPORT_PROTECT],
                (int) v[IFLA_BRPORT_FAST_LEAVE], (int) v[IFLA_BRPORT_LEARNING], (int) v[IFLA_BRPORT_UNICAST_FLOOD],
                (int) v[IFLA_BRPORT_ID], (int) v[IFLA_BRPORT_NO], (int) v[IFLA_BRPORT_DESIGNATED_PORT],
                (int) v[IFLA_BRPORT_DESIGNATED_COST], designatedBridge, designatedRoot, v[IFLA_BRPORT_HOLD_TIMER],
                v[IFLA_BRPORT_MESSAGE_AGE_TIMER], v[IFLA_BRPORT_FORWARD_DELAY_TIMER],
                (int) v[IFLA_BRPORT_TOPOLOGY_CHANGE_ACK], (int) v[IFLA_BRPORT_CONFIG_PENDING],
                (int) v[IFLA_BRPORT_PROXYARP], (int) v[IFLA_BRPORT_PROXYARP_WIFI],
                (int) v[IFLA_BRPORT_MULTICAST_ROUTER], (int) v[IFLA_BRPORT_MCAST_FLOOD],
                (int) v[IFLA_BRPORT_BCAST_FLOOD], (int) v[IFLA_BRPORT_MCAST_TO_UCAST],
                (int) v[IFLA_BRPORT_NEIGH_SUPPRESS], (int) v[IFLA_BRPORT_GROUP_FWD_MASK],
                (int) v[IFLA_BRPORT_VLAN_TUNNEL], (int) v[IFLA_BRPORT_ISOLATED], (int) v[IFLA_BRPORT_LOCKED],
                v[IFLA_BRPORT_BACKUP_PORT], flush, layout.done());
    }

    @Override
    public void encode(BridgePort p, NlWriter w) {
        Layout.write(w, p.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_BRPORT_STATE -> Wire.putU8(out, type, p.state());
                case IFLA_BRPORT_MODE -> Wire.putU8(out, type, p.hairpin());
                case IFLA_BRPORT_GUARD -> Wire.putU8(out, type, p.guard());
                case IFLA_BRPORT_PROTECT -> Wire.putU8(out, type, p.rootBlock());
                case IFLA_BRPORT_FAST_LEAVE -> Wire.putU8(out, type, p.fastLeave());
                case IFLA_BRPORT_LEARNING -> Wire.putU8(out, type, p.learning());
                case IFLA_BRPORT_UNICAST_FLOOD -> Wire.putU8(out, type, p.flood());
                case IFLA_BRPORT_TOPOLOGY_CHANGE_ACK -> Wire.putU8(out, type, p.topologyChangeAck());
                case IFLA_BRPORT_CONFIG_PENDING -> Wire.putU8(out, type, p.configPending());
                case IFLA_BRPORT_PROXYARP -> Wire.putU8(out, type, p.proxyArp());
                case IFLA_BRPORT_PROXYARP_WIFI -> Wire.putU8(out, type, p.proxyArpWifi());
                case IFLA_BRPORT_MULTICAST_ROUTER -> Wire.putU8(out, type, p.multicastRouter());
                case IFLA_BRPORT_MCAST_FLOOD -> Wire.putU8(out, type, p.mcastFlood());
                case IFLA_BRPORT_BCAST_FLOOD -> Wire.putU8(out, type, p.bcastFlood());
                case IFLA_BRPORT_MCAST_TO_UCAST -> Wire.putU8(out, type, p.mcastToUnicast());
                case IFLA_BRPORT_NEIGH_SUPPRESS -> Wire.putU8(out, type, p.neighSuppress());
                case IFLA_BRPORT_VLAN_TUNNEL -> Wire.putU8(out, type, p.vlanTunnel());
                case IFLA_BRPORT_ISOLATED -> Wire.putU8(out, type, p.isolated());
                case IFLA_BRPORT_LOCKED -> Wire.putU8(out, type, p.locked());
                case IFLA_BRPORT_PRIORITY -> Wire.putU16(out, type, p.priority());
                case IFLA_BRPORT_ID -> Wire.putU16(out, type, p.id());
                case IFLA_BRPORT_NO -> Wire.putU16(out, type, p.no());
                case IFLA_BRPORT_DESIGNATED_PORT -> Wire.putU16(out, type, p.designatedPort());
                case IFLA_BRPORT_DESIGNATED_COST -> Wire.putU16(out, type, p.designatedCost());
                case IFLA_BRPORT_GROUP_FWD_MASK -> Wire.putU16(out, type, p.groupFwdMask());
                case IFLA_BRPORT_COST -> Wire.putU32(out, type, p.cost());
                case IFLA_BRPORT_BACKUP_PORT -> Wire.putU32(out, type, p.backupPort());
                case IFLA_BRPORT_HOLD_TIMER -> Wire.putU64(out, type, p.holdTimer(), recorded);
                case IFLA_BRPORT_MESSAGE_AGE_TIMER -> Wire.putU64(out, type, p.messageAgeTimer(), recorded);
                case IFLA_BRPORT_FORWARD_DELAY_TIMER -> Wire.putU64(out, type, p.forwardDelayTimer(), recorded);
                case IFLA_BRPORT_BRIDGE_ID -> BridgeCodec.putId(out, type, p.designatedBridge());
                case IFLA_BRPORT_ROOT_ID -> BridgeCodec.putId(out, type, p.designatedRoot());
                case IFLA_BRPORT_FLUSH -> Wire.putFlag(out, type, p.flush());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void print(BridgePort p, PrintOut out, IntFunction<String> ifname) {
        if (p.state() >= 0) {
            String name = stateName(p.state());
            if (name != null) {
                out.string("state", "state %s ", name);
            } else {
                out.number("state_index", "state (%s) ", p.state());
            }
        }
        signed(out, "priority", p.priority());
        signed(out, "cost", p.cost());
        onOff(out, "hairpin", p.hairpin());
        onOff(out, "guard", p.guard());
        onOff(out, "root_block", p.rootBlock());
        onOff(out, "fastleave", p.fastLeave());
        onOff(out, "learning", p.learning());
        onOff(out, "flood", p.flood());
        if (p.id() >= 0) {
            BridgeCodec.hex(out, "id", "port_id", p.id());
        }
        if (p.no() >= 0) {
            BridgeCodec.hex(out, "no", "port_no", p.no());
        }
        BridgeCodec.unsigned(out, "designated_port", p.designatedPort());
        BridgeCodec.unsigned(out, "designated_cost", p.designatedCost());
        if (p.designatedBridge() != null) {
            out.string("bridge_id", "designated_bridge %s ", p.designatedBridge().toString());
        }
        if (p.designatedRoot() != null) {
            out.string("root_id", "designated_root %s ", p.designatedRoot().toString());
        }
        BridgeCodec.timer(out, "hold_timer", p.holdTimer(), p.raw().recorded(IFLA_BRPORT_HOLD_TIMER));
        BridgeCodec.timer(out, "message_age_timer", p.messageAgeTimer(),
                p.raw().recorded(IFLA_BRPORT_MESSAGE_AGE_TIMER));
        BridgeCodec.timer(out, "forward_delay_timer", p.forwardDelayTimer(),
                p.raw().recorded(IFLA_BRPORT_FORWARD_DELAY_TIMER));
        BridgeCodec.unsigned(out, "topology_change_ack", p.topologyChangeAck());
        BridgeCodec.unsigned(out, "config_pending", p.configPending());
        onOff(out, "proxy_arp", p.proxyArp());
        onOff(out, "proxy_arp_wifi", p.proxyArpWifi());
        if (p.multicastRouter() >= 0) {
            out.number("multicast_router", "mcast_router %s ", p.multicastRouter());
        }
        if (p.fastLeave() >= 0) {
            out.text("mcast_fast_leave " + (p.fastLeave() != 0 ? "on" : "off") + " ");
        }
        onOff(out, "mcast_flood", p.mcastFlood());
        onOff(out, "bcast_flood", p.bcastFlood());
        onOff(out, "mcast_to_unicast", p.mcastToUnicast());
        onOff(out, "neigh_suppress", p.neighSuppress());
        if (p.groupFwdMask() >= 0) {
            BridgeCodec.hex(out, "group_fwd_mask", "group_fwd_mask", p.groupFwdMask());
            out.string("group_fwd_mask_str", "group_fwd_mask_str %s ", maskNames(p.groupFwdMask()));
        }
        onOff(out, "vlan_tunnel", p.vlanTunnel());
        onOff(out, "isolated", p.isolated());
        onOff(out, "locked", p.locked());
        if (p.backupPort() >= 0) {
            // ip's ll_index_to_name names ifindex 0 "*"
            String name = p.backupPort() == 0 ? "*" : ifname.apply((int) p.backupPort());
            out.string("backup_port", "backup_port %s ", name);
        }
    }

    /** The state as ip names it, or null for a number it has no name for. */
    private static String stateName(int state) {
        switch (state) {
            case BR_STATE_DISABLED: return "disabled";
            case BR_STATE_LISTENING: return "listening";
            case BR_STATE_LEARNING: return "learning";
            case BR_STATE_FORWARDING: return "forwarding";
            case BR_STATE_BLOCKING: return "blocking";
            default: return null;
        }
    }

    /** A port's group_fwd_mask as names: {@code stp,lacp,0x2}, "0x0" when empty (ip's _bitmask2str). */
    private static String maskNames(int mask) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < FWD_MASK_NAMES.length; i++) {
            if ((mask & 1 << i) != 0) {
                String name = FWD_MASK_NAMES[i];
                sb.append(name != null ? name : "0x" + Integer.toHexString(1 << i)).append(',');
            }
        }
        return sb.length() == 0 ? "0x0" : sb.substring(0, sb.length() - 1);
    }

    /** {@code KEY N} as ip's print_int: a u32 shows as a signed int. */
    private static void signed(PrintOut out, String key, long v) {
        if (v >= 0) {
            out.number(key, key + " %s ", (int) v);
        }
    }

    private static void onOff(PrintOut out, String key, int v) {
        if (v >= 0) {
            out.onOff(key, key + " %s ", v != 0);
        }
    }
}
