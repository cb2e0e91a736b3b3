package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_MCAST_VLAN_SNOOPING;
import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_MULTI_SIZE;
import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_NO_LL_LEARN;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BRIDGE_ID_SIZE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_AGEING_TIME;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_BRIDGE_ID;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_FDB_FLUSH;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_FORWARD_DELAY;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_GC_TIMER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_GROUP_ADDR;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_GROUP_FWD_MASK;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_HELLO_TIME;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_HELLO_TIMER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MAX_AGE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_HASH_ELASTICITY;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_HASH_MAX;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_IGMP_VERSION;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_LAST_MEMBER_CNT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_LAST_MEMBER_INTVL;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_MEMBERSHIP_INTVL;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_MLD_VERSION;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_QUERIER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_QUERIER_INTVL;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_QUERY_INTVL;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_QUERY_RESPONSE_INTVL;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_QUERY_USE_IFADDR;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_ROUTER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_SNOOPING;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_STARTUP_QUERY_CNT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_STARTUP_QUERY_INTVL;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MCAST_STATS_ENABLED;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_MULTI_BOOLOPT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_NF_CALL_ARPTABLES;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_NF_CALL_IP6TABLES;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_NF_CALL_IPTABLES;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_PRIORITY;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_ROOT_ID;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_ROOT_PATH_COST;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_ROOT_PORT;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_STP_STATE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_TCN_TIMER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_TOPOLOGY_CHANGE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_TOPOLOGY_CHANGE_DETECTED;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_TOPOLOGY_CHANGE_TIMER;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_DEFAULT_PVID;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_FILTERING;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_PROTOCOL;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_STATS_ENABLED;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_STATS_PER_PORT;
import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_ETHER;

import dev.jnetns.kind.Bridge;
import dev.jnetns.kind.Vlan;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntFunction;

/** A bridge's data (iproute2's iplink_bridge.c). */
final class BridgeCodec implements KindCodec<Bridge> {
    static final BridgeCodec INSTANCE = new BridgeCodec();
    /**
     * {@code ip link add NAME type bridge OPTIONS} writes the options in the order given, the boolean
     * options last; this is the order of ip's option parser. The kernel's read-only state follows.
     */
    private static final int[] ORDER = {IFLA_BR_FORWARD_DELAY, IFLA_BR_HELLO_TIME, IFLA_BR_MAX_AGE,
        IFLA_BR_AGEING_TIME, IFLA_BR_STP_STATE, IFLA_BR_PRIORITY, IFLA_BR_VLAN_FILTERING, IFLA_BR_VLAN_PROTOCOL,
        IFLA_BR_GROUP_FWD_MASK, IFLA_BR_GROUP_ADDR, IFLA_BR_FDB_FLUSH, IFLA_BR_VLAN_DEFAULT_PVID,
        IFLA_BR_VLAN_STATS_ENABLED, IFLA_BR_VLAN_STATS_PER_PORT, IFLA_BR_MCAST_ROUTER, IFLA_BR_MCAST_SNOOPING,
        IFLA_BR_MCAST_QUERY_USE_IFADDR, IFLA_BR_MCAST_QUERIER, IFLA_BR_MCAST_HASH_ELASTICITY, IFLA_BR_MCAST_HASH_MAX,
        IFLA_BR_MCAST_LAST_MEMBER_CNT, IFLA_BR_MCAST_STARTUP_QUERY_CNT, IFLA_BR_MCAST_LAST_MEMBER_INTVL,
        IFLA_BR_MCAST_MEMBERSHIP_INTVL, IFLA_BR_MCAST_QUERIER_INTVL, IFLA_BR_MCAST_QUERY_INTVL,
        IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, IFLA_BR_MCAST_STARTUP_QUERY_INTVL, IFLA_BR_MCAST_STATS_ENABLED,
        IFLA_BR_MCAST_IGMP_VERSION, IFLA_BR_MCAST_MLD_VERSION, IFLA_BR_NF_CALL_IPTABLES, IFLA_BR_NF_CALL_IP6TABLES,
        IFLA_BR_NF_CALL_ARPTABLES, IFLA_BR_MULTI_BOOLOPT, IFLA_BR_BRIDGE_ID, IFLA_BR_ROOT_ID, IFLA_BR_ROOT_PORT,
        IFLA_BR_ROOT_PATH_COST, IFLA_BR_TOPOLOGY_CHANGE, IFLA_BR_TOPOLOGY_CHANGE_DETECTED, IFLA_BR_HELLO_TIMER,
        IFLA_BR_TCN_TIMER, IFLA_BR_TOPOLOGY_CHANGE_TIMER, IFLA_BR_GC_TIMER};

    @Override
    public Class<Bridge> type() {
        return Bridge.class;
    }

    @Override
    public Bridge decode(NlReader r) {
        Layout layout = new Layout();
        long[] v = new long[IFLA_BR_MULTI_BOOLOPT + 1];   // the numbers, by attribute type
        Arrays.fill(v, -1);
        Bridge.Id bridgeId = null;
        Bridge.Id rootId = null;
        String groupAddr = null;
        Bridge.Options options = null;
        boolean fdbFlush = false;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_BR_FORWARD_DELAY, IFLA_BR_HELLO_TIME, IFLA_BR_MAX_AGE, IFLA_BR_AGEING_TIME, IFLA_BR_STP_STATE,
                     IFLA_BR_ROOT_PATH_COST, IFLA_BR_MCAST_HASH_ELASTICITY, IFLA_BR_MCAST_HASH_MAX,
                     IFLA_BR_MCAST_LAST_MEMBER_CNT, IFLA_BR_MCAST_STARTUP_QUERY_CNT -> v[r.type()] = r.u32L();
                case IFLA_BR_PRIORITY, IFLA_BR_GROUP_FWD_MASK, IFLA_BR_ROOT_PORT, IFLA_BR_VLAN_DEFAULT_PVID ->
                        v[r.type()] = r.u16();
                case IFLA_BR_VLAN_FILTERING, IFLA_BR_TOPOLOGY_CHANGE, IFLA_BR_TOPOLOGY_CHANGE_DETECTED,
                     IFLA_BR_VLAN_STATS_ENABLED, IFLA_BR_VLAN_STATS_PER_PORT, IFLA_BR_MCAST_SNOOPING,
                     IFLA_BR_MCAST_ROUTER, IFLA_BR_MCAST_QUERY_USE_IFADDR, IFLA_BR_MCAST_QUERIER,
                     IFLA_BR_MCAST_STATS_ENABLED, IFLA_BR_MCAST_IGMP_VERSION, IFLA_BR_MCAST_MLD_VERSION,
                     IFLA_BR_NF_CALL_IPTABLES, IFLA_BR_NF_CALL_IP6TABLES, IFLA_BR_NF_CALL_ARPTABLES ->
                        v[r.type()] = r.u8();
                case IFLA_BR_HELLO_TIMER, IFLA_BR_TCN_TIMER, IFLA_BR_TOPOLOGY_CHANGE_TIMER, IFLA_BR_GC_TIMER,
                     IFLA_BR_MCAST_LAST_MEMBER_INTVL, IFLA_BR_MCAST_MEMBERSHIP_INTVL, IFLA_BR_MCAST_QUERIER_INTVL,
                     IFLA_BR_MCAST_QUERY_INTVL, IFLA_BR_MCAST_QUERY_RESPONSE_INTVL,
                     IFLA_BR_MCAST_STARTUP_QUERY_INTVL -> v[r.type()] = r.u64();
                case IFLA_BR_VLAN_PROTOCOL -> v[r.type()] = r.be16();
                case IFLA_BR_BRIDGE_ID -> bridgeId = id(r);
                case IFLA_BR_ROOT_ID -> rootId = id(r);
                case IFLA_BR_GROUP_ADDR -> groupAddr = Wire.mac(r);
                case IFLA_BR_MULTI_BOOLOPT -> {
                    int at = r.exact(BR_BOOLOPT_MULTI_SIZE);
                    options = new Bridge.Options(r.buffer().getInt(at), r.buffer().getInt(at + 4));
                }
                case IFLA_BR_FDB_FLUSH -> fdbFlush = true;
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Bridge(v[IFLA_BR_FORWARD_DELAY], v[IFLA_BR_HELLO_TIME], v[IFLA_BR_MAX_AGE], v[IFLA_BR_AGEING_TIME],
                v[IFLA_BR_STP_STATE], (int) v[IFLA_BR_PRIORITY], (int) v[IFLA_BR_VLAN_FILTERING],
                (int) v[IFLA_BR_VLAN_PROTOCOL], bridgeId, rootId, (int) v[IFLA_BR_ROOT_PORT], v[IFLA_BR_ROOT_PATH_COST],
                (int) v[IFLA_BR_TOPOLOGY_CHANGE], (int) v[IFLA_BR_TOPOLOGY_CHANGE_DETECTED], v[IFLA_BR_HELLO_TIMER],
                v[IFLA_BR_TCN_TIMER], v[IFLA_BR_TOPOLOGY_CHANGE_TIMER], v[IFLA_BR_GC_TIMER],
                (int) v[IFLA_BR_VLAN_DEFAULT_PVID], (int) v[IFLA_BR_VLAN_STATS_ENABLED],
                (int) v[IFLA_BR_VLAN_STATS_PER_PORT], (int) v[IFLA_BR_GROUP_FWD_MASK], groupAddr,
                (int) v[IFLA_BR_MCAST_SNOOPING], options, (int) v[IFLA_BR_MCAST_ROUTER],
                (int) v[IFLA_BR_MCAST_QUERY_USE_IFADDR], (int) v[IFLA_BR_MCAST_QUERIER],
                v[IFLA_BR_MCAST_HASH_ELASTICITY], v[IFLA_BR_MCAST_HASH_MAX], v[IFLA_BR_MCAST_LAST_MEMBER_CNT],
                v[IFLA_BR_MCAST_STARTUP_QUERY_CNT], v[IFLA_BR_MCAST_LAST_MEMBER_INTVL],
                v[IFLA_BR_MCAST_MEMBERSHIP_INTVL], v[IFLA_BR_MCAST_QUERIER_INTVL], v[IFLA_BR_MCAST_QUERY_INTVL],
                v[IFLA_BR_MCAST_QUERY_RESPONSE_INTVL], v[IFLA_BR_MCAST_STARTUP_QUERY_INTVL],
                (int) v[IFLA_BR_MCAST_STATS_ENABLED], (int) v[IFLA_BR_MCAST_IGMP_VERSION],
                (int) v[IFLA_BR_MCAST_MLD_VERSION], (int) v[IFLA_BR_NF_CALL_IPTABLES],
                (int) v[IFLA_BR_NF_CALL_IP6TABLES], (int) v[IFLA_BR_NF_CALL_ARPTABLES], fdbFlush, layout.done());
    }

    /** A struct ifla_bridge_id: two priority bytes, then the MAC address. */
    static Bridge.Id id(NlReader r) {
        int at = r.exact(IFLA_BRIDGE_ID_SIZE);
        ByteBuffer b = r.buffer();
        byte[] mac = new byte[IFLA_BRIDGE_ID_SIZE - 2];
        b.get(at + 2, mac);
        int priority = (b.get(at) & 0xff) << 8 | b.get(at + 1) & 0xff;
        return new Bridge.Id(priority, HardwareAddresses.format(ARPHRD_ETHER, mac));
    }

    /** Writes a bridge id attribute when {@code id} is not null. */
    static void putId(NlWriter w, int type, Bridge.Id id) {
        if (id != null) {
            byte[] mac = HardwareAddresses.parseMac(id.address());
            byte[] b = new byte[IFLA_BRIDGE_ID_SIZE];
            b[0] = (byte) (id.priority() >> 8);
            b[1] = (byte) id.priority();
            System.arraycopy(mac, 0, b, 2, mac.length);
            w.attr(type, b);
        }
    }

    @Override
    public void encode(Bridge b, NlWriter w) {
        Layout.write(w, b.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_BR_FORWARD_DELAY -> Wire.putU32(out, type, b.forwardDelay());
                case IFLA_BR_HELLO_TIME -> Wire.putU32(out, type, b.helloTime());
                case IFLA_BR_MAX_AGE -> Wire.putU32(out, type, b.maxAge());
                case IFLA_BR_AGEING_TIME -> Wire.putU32(out, type, b.ageingTime());
                case IFLA_BR_STP_STATE -> Wire.putU32(out, type, b.stpState());
                case IFLA_BR_ROOT_PATH_COST -> Wire.putU32(out, type, b.rootPathCost());
                case IFLA_BR_MCAST_HASH_ELASTICITY -> Wire.putU32(out, type, b.mcastHashElasticity());
                case IFLA_BR_MCAST_HASH_MAX -> Wire.putU32(out, type, b.mcastHashMax());
                case IFLA_BR_MCAST_LAST_MEMBER_CNT -> Wire.putU32(out, type, b.mcastLastMemberCount());
                case IFLA_BR_MCAST_STARTUP_QUERY_CNT -> Wire.putU32(out, type, b.mcastStartupQueryCount());
                case IFLA_BR_PRIORITY -> Wire.putU16(out, type, b.priority());
                case IFLA_BR_GROUP_FWD_MASK -> Wire.putU16(out, type, b.groupFwdMask());
                case IFLA_BR_ROOT_PORT -> Wire.putU16(out, type, b.rootPort());
                case IFLA_BR_VLAN_DEFAULT_PVID -> Wire.putU16(out, type, b.vlanDefaultPvid());
                case IFLA_BR_VLAN_FILTERING -> Wire.putU8(out, type, b.vlanFiltering());
                case IFLA_BR_TOPOLOGY_CHANGE -> Wire.putU8(out, type, b.topologyChange());
                case IFLA_BR_TOPOLOGY_CHANGE_DETECTED -> Wire.putU8(out, type, b.topologyChangeDetected());
                case IFLA_BR_VLAN_STATS_ENABLED -> Wire.putU8(out, type, b.vlanStatsEnabled());
                case IFLA_BR_VLAN_STATS_PER_PORT -> Wire.putU8(out, type, b.vlanStatsPerPort());
                case IFLA_BR_MCAST_SNOOPING -> Wire.putU8(out, type, b.mcastSnooping());
                case IFLA_BR_MCAST_ROUTER -> Wire.putU8(out, type, b.mcastRouter());
                case IFLA_BR_MCAST_QUERY_USE_IFADDR -> Wire.putU8(out, type, b.mcastQueryUseIfaddr());
                case IFLA_BR_MCAST_QUERIER -> Wire.putU8(out, type, b.mcastQuerier());
                case IFLA_BR_MCAST_STATS_ENABLED -> Wire.putU8(out, type, b.mcastStatsEnabled());
                case IFLA_BR_MCAST_IGMP_VERSION -> Wire.putU8(out, type, b.mcastIgmpVersion());
                case IFLA_BR_MCAST_MLD_VERSION -> Wire.putU8(out, type, b.mcastMldVersion());
                case IFLA_BR_NF_CALL_IPTABLES -> Wire.putU8(out, type, b.nfCallIptables());
                case IFLA_BR_NF_CALL_IP6TABLES -> Wire.putU8(out, type, b.nfCallIp6tables());
                case IFLA_BR_NF_CALL_ARPTABLES -> Wire.putU8(out, type, b.nfCallArptables());
                case IFLA_BR_HELLO_TIMER -> Wire.putU64(out, type, b.helloTimer(), recorded);
                case IFLA_BR_TCN_TIMER -> Wire.putU64(out, type, b.tcnTimer(), recorded);
                case IFLA_BR_TOPOLOGY_CHANGE_TIMER -> Wire.putU64(out, type, b.topologyChangeTimer(), recorded);
                case IFLA_BR_GC_TIMER -> Wire.putU64(out, type, b.gcTimer(), recorded);
                case IFLA_BR_MCAST_LAST_MEMBER_INTVL -> Wire.putU64(out, type, b.mcastLastMemberInterval(), recorded);
                case IFLA_BR_MCAST_MEMBERSHIP_INTVL -> Wire.putU64(out, type, b.mcastMembershipInterval(), recorded);
                case IFLA_BR_MCAST_QUERIER_INTVL -> Wire.putU64(out, type, b.mcastQuerierInterval(), recorded);
                case IFLA_BR_MCAST_QUERY_INTVL -> Wire.putU64(out, type, b.mcastQueryInterval(), recorded);
                case IFLA_BR_MCAST_QUERY_RESPONSE_INTVL ->
                        Wire.putU64(out, type, b.mcastQueryResponseInterval(), recorded);
                case IFLA_BR_MCAST_STARTUP_QUERY_INTVL ->
                        Wire.putU64(out, type, b.mcastStartupQueryInterval(), recorded);
                case IFLA_BR_VLAN_PROTOCOL -> Wire.putBe16(out, type, b.vlanProtocol());
                case IFLA_BR_BRIDGE_ID -> putId(out, type, b.bridgeId());
                case IFLA_BR_ROOT_ID -> putId(out, type, b.rootId());
                case IFLA_BR_GROUP_ADDR -> Wire.putMac(out, type, b.groupAddr());
                case IFLA_BR_MULTI_BOOLOPT -> {
                    if (b.options() != null) {
                        out.attr(type, Wire.u32s(b.options().values(), b.options().mask()));
                    }
                }
                case IFLA_BR_FDB_FLUSH -> Wire.putFlag(out, type, b.fdbFlush());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void print(Bridge b, PrintOut out, IntFunction<String> ifname) {
        unsigned(out, "forward_delay", b.forwardDelay());
        unsigned(out, "hello_time", b.helloTime());
        unsigned(out, "max_age", b.maxAge());
        unsigned(out, "ageing_time", b.ageingTime());
        unsigned(out, "stp_state", b.stpState());
        unsigned(out, "priority", b.priority());
        unsigned(out, "vlan_filtering", b.vlanFiltering());
        if (b.vlanProtocol() >= 0) {
            out.string("vlan_protocol", "vlan_protocol %s ", Vlan.protocolName(b.vlanProtocol()));
        }
        if (b.bridgeId() != null) {
            out.string("bridge_id", "bridge_id %s ", b.bridgeId().toString());
        }
        if (b.rootId() != null) {
            // ip 6.1 prints the bridge's own id here: iplink_bridge.c reads IFLA_BR_BRIDGE_ID for designated_root
            Bridge.Id shown = b.bridgeId() != null ? b.bridgeId() : b.rootId();
            out.string("root_id", "designated_root %s ", shown.toString());
        }
        unsigned(out, "root_port", b.rootPort());
        unsigned(out, "root_path_cost", b.rootPathCost());
        unsigned(out, "topology_change", b.topologyChange());
        unsigned(out, "topology_change_detected", b.topologyChangeDetected());
        timer(out, "hello_timer", b.helloTimer(), b.raw().recorded(IFLA_BR_HELLO_TIMER));
        timer(out, "tcn_timer", b.tcnTimer(), b.raw().recorded(IFLA_BR_TCN_TIMER));
        timer(out, "topology_change_timer", b.topologyChangeTimer(), b.raw().recorded(IFLA_BR_TOPOLOGY_CHANGE_TIMER));
        timer(out, "gc_timer", b.gcTimer(), b.raw().recorded(IFLA_BR_GC_TIMER));
        unsigned(out, "vlan_default_pvid", b.vlanDefaultPvid());
        unsigned(out, "vlan_stats_enabled", b.vlanStatsEnabled());
        unsigned(out, "vlan_stats_per_port", b.vlanStatsPerPort());
        if (b.groupFwdMask() >= 0) {
            hex(out, "group_fwd_mask", "group_fwd_mask", b.groupFwdMask());
        }
        if (b.groupAddr() != null) {
            out.string("group_addr", "group_address %s ", b.groupAddr());
        }
        unsigned(out, "mcast_snooping", b.mcastSnooping());
        if (b.options() != null) {
            unsigned(out, "no_linklocal_learn", b.options().get(BR_BOOLOPT_NO_LL_LEARN));
            unsigned(out, "mcast_vlan_snooping", b.options().get(BR_BOOLOPT_MCAST_VLAN_SNOOPING));
        }
        unsigned(out, "mcast_router", b.mcastRouter());
        unsigned(out, "mcast_query_use_ifaddr", b.mcastQueryUseIfaddr());
        unsigned(out, "mcast_querier", b.mcastQuerier());
        unsigned(out, "mcast_hash_elasticity", b.mcastHashElasticity());
        unsigned(out, "mcast_hash_max", b.mcastHashMax());
        unsigned(out, "mcast_last_member_cnt", "mcast_last_member_count", b.mcastLastMemberCount());
        unsigned(out, "mcast_startup_query_cnt", "mcast_startup_query_count", b.mcastStartupQueryCount());
        interval(out, "mcast_last_member", b.mcastLastMemberInterval(), IFLA_BR_MCAST_LAST_MEMBER_INTVL, b);
        interval(out, "mcast_membership", b.mcastMembershipInterval(), IFLA_BR_MCAST_MEMBERSHIP_INTVL, b);
        interval(out, "mcast_querier", b.mcastQuerierInterval(), IFLA_BR_MCAST_QUERIER_INTVL, b);
        interval(out, "mcast_query", b.mcastQueryInterval(), IFLA_BR_MCAST_QUERY_INTVL, b);
        interval(out, "mcast_query_response", b.mcastQueryResponseInterval(), IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, b);
        interval(out, "mcast_startup_query", b.mcastStartupQueryInterval(), IFLA_BR_MCAST_STARTUP_QUERY_INTVL, b);
        unsigned(out, "mcast_stats_enabled", b.mcastStatsEnabled());
        unsigned(out, "mcast_igmp_version", b.mcastIgmpVersion());
        unsigned(out, "mcast_mld_version", b.mcastMldVersion());
        unsigned(out, "nf_call_iptables", b.nfCallIptables());
        unsigned(out, "nf_call_ip6tables", b.nfCallIp6tables());
        unsigned(out, "nf_call_arptables", b.nfCallArptables());
    }

    /** {@code KEY N}, the JSON key and the text word alike, when {@code v} is not -1 (ip's print_uint). */
    static void unsigned(PrintOut out, String key, long v) {
        unsigned(out, key, key, v);
    }

    private static void unsigned(PrintOut out, String key, String word, long v) {
        if (v >= 0) {
            out.number(key, word + " %s ", v);
        }
    }

    /** An interval in hundredths of a second, a u64 ip prints as it comes: {@code mcast_query_interval 12500}. */
    private static void interval(PrintOut out, String name, long v, int type, Bridge b) {
        if (v != -1 || b.raw().recorded(type)) {
            out.u64(name + "_intvl", name + "_interval %s ", v);
        }
    }

    /**
     * A hex number as ip's print_0xhex with {@code %#llx} writes it: "0" for zero, else "0x..." (a
     * string in JSON).
     */
    static void hex(PrintOut out, String key, String word, long v) {
        out.hex(key, word + (v == 0 ? " %s " : " 0x%s "), v);
    }

    /**
     * A timer in hundredths of a second as ip's bridge printers write it: {@code hello_timer    1.50 }
     * in text, the number {@code 1.50} in JSON.
     */
    static void timer(PrintOut out, String key, long centis, boolean present) {
        if (centis == -1 && !present) {
            return;
        }
        long usec = 10000 * centis;   // ip's __jiffies_to_tv, in unsigned 64-bit arithmetic
        long sec = Long.divideUnsigned(usec, 1_000_000);
        int s = (int) sec;
        int cs = (int) (usec - 1_000_000 * sec) / 10000;
        out.formatted(key, null, String.format("%d.%02d", s, cs));
        out.text(String.format("%s %4d.%02d ", key, s, cs));
    }
}
