package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxBond.BOND_LINK_BACK;
import static dev.jnetns.uapi.LinuxBond.BOND_LINK_DOWN;
import static dev.jnetns.uapi.LinuxBond.BOND_LINK_FAIL;
import static dev.jnetns.uapi.LinuxBond.BOND_LINK_UP;
import static dev.jnetns.uapi.LinuxBond.BOND_STATE_ACTIVE;
import static dev.jnetns.uapi.LinuxBond.BOND_STATE_BACKUP;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_AD_AGGREGATOR_ID;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_LINK_FAILURE_COUNT;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_MII_STATUS;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_PERM_HWADDR;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_PRIO;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_QUEUE_ID;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_SLAVE_STATE;
import static dev.jnetns.uapi.LinuxBond.LACP_STATE_AGGREGATION;
import static dev.jnetns.uapi.LinuxBond.LACP_STATE_COLLECTING;
import static dev.jnetns.uapi.LinuxBond.LACP_STATE_DEFAULTED;
import static dev.jnetns.uapi.LinuxBond.LACP_STATE_DISTRIBUTING;
import static dev.jnetns.uapi.LinuxBond.LACP_STATE_EXPIRED;
import static dev.jnetns.uapi.LinuxBond.LACP_STATE_LACP_ACTIVITY;
import static dev.jnetns.uapi.LinuxBond.LACP_STATE_LACP_TIMEOUT;
import static dev.jnetns.uapi.LinuxBond.LACP_STATE_SYNCHRONIZATION;

import dev.jnetns.kind.BondPort;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.util.function.IntFunction;

/** A bond port's data (iproute2's iplink_bond_slave.c), the port data of master kind "bond". */
final class BondPortCodec implements KindCodec<BondPort> {
    static final BondPortCodec INSTANCE = new BondPortCodec();
    /** {@code ip link set DEV type bond_slave [queue_id ID] [prio P]}; the kernel's read-only state follows. */
    private static final int[] ORDER = {IFLA_BOND_SLAVE_QUEUE_ID, IFLA_BOND_SLAVE_PRIO, IFLA_BOND_SLAVE_STATE,
        IFLA_BOND_SLAVE_MII_STATUS, IFLA_BOND_SLAVE_LINK_FAILURE_COUNT, IFLA_BOND_SLAVE_PERM_HWADDR,
        IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE,
        IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE};
    /** The LACP state bits in ip's order, and its names for them. */
    private static final int[] LACP_BITS = {LACP_STATE_LACP_ACTIVITY, LACP_STATE_LACP_TIMEOUT, LACP_STATE_AGGREGATION,
        LACP_STATE_SYNCHRONIZATION, LACP_STATE_COLLECTING, LACP_STATE_DISTRIBUTING, LACP_STATE_DEFAULTED,
        LACP_STATE_EXPIRED};
    private static final String[] LACP_NAMES = {"active", "short_timeout", "aggregating", "in_sync", "collecting",
        "distributing", "defaulted", "expired"};

    @Override
    public Class<BondPort> type() {
        return BondPort.class;
    }

    @Override
    public BondPort decode(NlReader r) {
        Layout layout = new Layout();
        int state = -1;
        int mii = -1;
        long failures = -1;
        String perm = null;
        int queueId = -1;
        Integer prio = null;
        int aggregator = -1;
        int actor = -1;
        int partner = -1;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_BOND_SLAVE_STATE -> state = r.u8();
                case IFLA_BOND_SLAVE_MII_STATUS -> mii = r.u8();
                case IFLA_BOND_SLAVE_LINK_FAILURE_COUNT -> failures = r.u32L();
                case IFLA_BOND_SLAVE_PERM_HWADDR -> perm = Wire.mac(r);
                case IFLA_BOND_SLAVE_QUEUE_ID -> queueId = r.u16();
                case IFLA_BOND_SLAVE_PRIO -> prio = r.u32();
                case IFLA_BOND_SLAVE_AD_AGGREGATOR_ID -> aggregator = r.u16();
                case IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE -> actor = r.u8();
                case IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE -> partner = r.u16();
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new BondPort(state, mii, failures, perm, queueId, prio, aggregator, actor, partner, layout.done());
    }

    @Override
    public void encode(BondPort p, NlWriter w) {
        Layout.write(w, p.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_BOND_SLAVE_STATE -> Wire.putU8(out, type, p.state());
                case IFLA_BOND_SLAVE_MII_STATUS -> Wire.putU8(out, type, p.miiStatus());
                case IFLA_BOND_SLAVE_LINK_FAILURE_COUNT -> Wire.putU32(out, type, p.linkFailureCount());
                case IFLA_BOND_SLAVE_PERM_HWADDR -> Wire.putMac(out, type, p.permHwaddr());
                case IFLA_BOND_SLAVE_QUEUE_ID -> Wire.putU16(out, type, p.queueId());
                case IFLA_BOND_SLAVE_PRIO -> {
                    if (p.prio() != null) {
                        out.attrU32(type, p.prio());
                    }
                }
                case IFLA_BOND_SLAVE_AD_AGGREGATOR_ID -> Wire.putU16(out, type, p.adAggregatorId());
                case IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE -> Wire.putU8(out, type, p.adActorOperPortState());
                case IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE -> Wire.putU16(out, type, p.adPartnerOperPortState());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void print(BondPort p, PrintOut out, IntFunction<String> ifname) {
        if (p.state() >= 0) {
            named(out, "state", p.state(), stateName(p.state()));
        }
        if (p.miiStatus() >= 0) {
            named(out, "mii_status", p.miiStatus(), miiName(p.miiStatus()));
        }
        if (p.linkFailureCount() >= 0) {
            out.number("link_failure_count", "link_failure_count %s ", (int) p.linkFailureCount());
        }
        if (p.permHwaddr() != null) {
            out.string("perm_hwaddr", "perm_hwaddr %s ", p.permHwaddr());
        }
        if (p.queueId() >= 0) {
            out.number("queue_id", "queue_id %s ", p.queueId());
        }
        if (p.prio() != null) {
            out.number("prio", "prio %s ", p.prio());
        }
        if (p.adAggregatorId() >= 0) {
            out.number("ad_aggregator_id", "ad_aggregator_id %s ", p.adAggregatorId());
        }
        if (p.adActorOperPortState() >= 0) {
            operState(out, "ad_actor_oper_port_state", p.adActorOperPortState());
        }
        if (p.adPartnerOperPortState() >= 0) {
            operState(out, "ad_partner_oper_port_state", p.adPartnerOperPortState() & 0xff);
        }
    }

    /** {@code KEY NAME}, or {@code KEY N} (JSON "KEY_index") for a number ip has no name for. */
    private static void named(PrintOut out, String key, int v, String name) {
        if (name != null) {
            out.string(key, key + " %s ", name);
        } else {
            out.number(key + "_index", key + " %s ", v);
        }
    }

    /** {@code KEY N KEY_str <active,in_sync> }: the number, then the bits' names (a JSON array). */
    private static void operState(PrintOut out, String key, int state) {
        out.number(key, key + " %s ", state);
        out.beginArray(key + "_str");
        out.text(key + "_str <");
        int left = state;
        for (int i = 0; i < LACP_BITS.length; i++) {
            if ((left & LACP_BITS[i]) != 0) {
                left &= ~LACP_BITS[i];
                out.string(null, left != 0 ? "%s," : "%s", LACP_NAMES[i]);
            }
        }
        out.endArray();
        out.text("> ");
    }

    private static String stateName(int state) {
        switch (state) {
            case BOND_STATE_ACTIVE: return "ACTIVE";
            case BOND_STATE_BACKUP: return "BACKUP";
            default: return null;
        }
    }

    private static String miiName(int status) {
        switch (status) {
            case BOND_LINK_UP: return "UP";
            case BOND_LINK_FAIL: return "GOING_DOWN";
            case BOND_LINK_DOWN: return "DOWN";
            case BOND_LINK_BACK: return "GOING_BACK";
            default: return null;
        }
    }
}
