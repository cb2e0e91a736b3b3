package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxBond.BOND_XMIT_POLICY_ENCAP23;
import static dev.jnetns.uapi.LinuxBond.BOND_XMIT_POLICY_ENCAP34;
import static dev.jnetns.uapi.LinuxBond.BOND_XMIT_POLICY_LAYER2;
import static dev.jnetns.uapi.LinuxBond.BOND_XMIT_POLICY_LAYER23;
import static dev.jnetns.uapi.LinuxBond.BOND_XMIT_POLICY_LAYER34;
import static dev.jnetns.uapi.LinuxBond.BOND_XMIT_POLICY_VLAN_SRCMAC;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_ACTIVE_SLAVE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_ACTOR_SYSTEM;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_ACTOR_SYS_PRIO;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_INFO;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_INFO_ACTOR_KEY;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_INFO_AGGREGATOR;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_INFO_NUM_PORTS;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_INFO_PARTNER_KEY;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_INFO_PARTNER_MAC;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_LACP_ACTIVE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_LACP_RATE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_SELECT;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_AD_USER_PORT_KEY;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_ALL_SLAVES_ACTIVE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_ARP_ALL_TARGETS;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_ARP_INTERVAL;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_ARP_IP_TARGET;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_ARP_VALIDATE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_DOWNDELAY;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_FAIL_OVER_MAC;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_LP_INTERVAL;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_MIIMON;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_MIN_LINKS;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_MISSED_MAX;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_MODE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_NS_IP6_TARGET;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_NUM_PEER_NOTIF;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_PACKETS_PER_SLAVE;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_PEER_NOTIF_DELAY;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_PRIMARY;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_PRIMARY_RESELECT;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_RESEND_IGMP;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_TLB_DYNAMIC_LB;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_UPDELAY;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_USE_CARRIER;
import static dev.jnetns.uapi.LinuxBond.IFLA_BOND_XMIT_HASH_POLICY;

import dev.jnetns.IpPrefix;
import dev.jnetns.kind.Bond;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/** A bond's data (iproute2's iplink_bond.c). */
final class BondCodec implements KindCodec<Bond> {
    static final BondCodec INSTANCE = new BondCodec();
    /**
     * {@code ip link add NAME type bond OPTIONS} writes the options in the order given; this is the
     * order of ip's option parser. The 802.3ad state the kernel reports follows.
     */
    private static final int[] ORDER = {IFLA_BOND_MODE, IFLA_BOND_ACTIVE_SLAVE, IFLA_BOND_MIIMON, IFLA_BOND_UPDELAY,
        IFLA_BOND_DOWNDELAY, IFLA_BOND_PEER_NOTIF_DELAY, IFLA_BOND_USE_CARRIER, IFLA_BOND_ARP_INTERVAL,
        IFLA_BOND_ARP_IP_TARGET, IFLA_BOND_NS_IP6_TARGET, IFLA_BOND_ARP_VALIDATE, IFLA_BOND_ARP_ALL_TARGETS,
        IFLA_BOND_MISSED_MAX, IFLA_BOND_PRIMARY, IFLA_BOND_PRIMARY_RESELECT, IFLA_BOND_FAIL_OVER_MAC,
        IFLA_BOND_XMIT_HASH_POLICY, IFLA_BOND_RESEND_IGMP, IFLA_BOND_NUM_PEER_NOTIF, IFLA_BOND_ALL_SLAVES_ACTIVE,
        IFLA_BOND_MIN_LINKS, IFLA_BOND_LP_INTERVAL, IFLA_BOND_PACKETS_PER_SLAVE, IFLA_BOND_AD_LACP_RATE,
        IFLA_BOND_AD_LACP_ACTIVE, IFLA_BOND_AD_SELECT, IFLA_BOND_AD_USER_PORT_KEY, IFLA_BOND_AD_ACTOR_SYS_PRIO,
        IFLA_BOND_AD_ACTOR_SYSTEM, IFLA_BOND_TLB_DYNAMIC_LB, IFLA_BOND_AD_INFO};
    private static final int[] AD_INFO_ORDER = {IFLA_BOND_AD_INFO_AGGREGATOR, IFLA_BOND_AD_INFO_NUM_PORTS,
        IFLA_BOND_AD_INFO_ACTOR_KEY, IFLA_BOND_AD_INFO_PARTNER_KEY, IFLA_BOND_AD_INFO_PARTNER_MAC};
    /** ip's names of the settings the kernel numbers without a uapi constant, by number (get_name in iplink_bond.c). */
    private static final List<String> ARP_VALIDATE = List.of("none", "active", "backup", "all", "filter",
            "filter_active", "filter_backup");
    private static final List<String> ARP_ALL_TARGETS = List.of("any", "all");
    private static final List<String> PRIMARY_RESELECT = List.of("always", "better", "failure");
    private static final List<String> FAIL_OVER_MAC = List.of("none", "active", "follow");
    private static final List<String> LACP_ACTIVE = List.of("off", "on");
    private static final List<String> LACP_RATE = List.of("slow", "fast");
    private static final List<String> AD_SELECT = List.of("stable", "bandwidth", "count");

    @Override
    public Class<Bond> type() {
        return Bond.class;
    }

    @Override
    public Bond decode(NlReader r) {
        Layout layout = new Layout();
        long[] v = new long[IFLA_BOND_NS_IP6_TARGET + 1];   // the numbers, by attribute type
        Arrays.fill(v, -1);
        List<InetAddress> arpTargets = null;
        List<InetAddress> nsTargets = null;
        Bond.AdInfo adInfo = null;
        String actorSystem = null;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_BOND_MODE, IFLA_BOND_USE_CARRIER, IFLA_BOND_MISSED_MAX, IFLA_BOND_PRIMARY_RESELECT,
                     IFLA_BOND_FAIL_OVER_MAC, IFLA_BOND_XMIT_HASH_POLICY, IFLA_BOND_NUM_PEER_NOTIF,
                     IFLA_BOND_ALL_SLAVES_ACTIVE, IFLA_BOND_AD_LACP_ACTIVE, IFLA_BOND_AD_LACP_RATE, IFLA_BOND_AD_SELECT,
                     IFLA_BOND_TLB_DYNAMIC_LB -> v[r.type()] = r.u8();
                case IFLA_BOND_AD_ACTOR_SYS_PRIO, IFLA_BOND_AD_USER_PORT_KEY -> v[r.type()] = r.u16();
                case IFLA_BOND_ACTIVE_SLAVE, IFLA_BOND_MIIMON, IFLA_BOND_UPDELAY, IFLA_BOND_DOWNDELAY,
                     IFLA_BOND_PEER_NOTIF_DELAY, IFLA_BOND_ARP_INTERVAL, IFLA_BOND_ARP_VALIDATE,
                     IFLA_BOND_ARP_ALL_TARGETS, IFLA_BOND_PRIMARY, IFLA_BOND_RESEND_IGMP, IFLA_BOND_MIN_LINKS,
                     IFLA_BOND_LP_INTERVAL, IFLA_BOND_PACKETS_PER_SLAVE -> v[r.type()] = r.u32L();
                case IFLA_BOND_ARP_IP_TARGET, IFLA_BOND_NS_IP6_TARGET -> {
                    List<InetAddress> targets = targets(r.nested(), r.type() == IFLA_BOND_ARP_IP_TARGET ? 4 : 16);
                    if (targets == null) {
                        layout.unknown(r);
                        continue;
                    }
                    if (r.type() == IFLA_BOND_ARP_IP_TARGET) {
                        arpTargets = targets;
                    } else {
                        nsTargets = targets;
                    }
                }
                case IFLA_BOND_AD_INFO -> adInfo = adInfo(r.nested());
                case IFLA_BOND_AD_ACTOR_SYSTEM -> actorSystem = Wire.mac(r);
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Bond((int) v[IFLA_BOND_MODE], v[IFLA_BOND_ACTIVE_SLAVE], v[IFLA_BOND_MIIMON], v[IFLA_BOND_UPDELAY],
                v[IFLA_BOND_DOWNDELAY], v[IFLA_BOND_PEER_NOTIF_DELAY], (int) v[IFLA_BOND_USE_CARRIER],
                v[IFLA_BOND_ARP_INTERVAL], (int) v[IFLA_BOND_MISSED_MAX], arpTargets, nsTargets,
                v[IFLA_BOND_ARP_VALIDATE], v[IFLA_BOND_ARP_ALL_TARGETS], v[IFLA_BOND_PRIMARY],
                (int) v[IFLA_BOND_PRIMARY_RESELECT], (int) v[IFLA_BOND_FAIL_OVER_MAC],
                (int) v[IFLA_BOND_XMIT_HASH_POLICY], v[IFLA_BOND_RESEND_IGMP], (int) v[IFLA_BOND_NUM_PEER_NOTIF],
                (int) v[IFLA_BOND_ALL_SLAVES_ACTIVE], v[IFLA_BOND_MIN_LINKS], v[IFLA_BOND_LP_INTERVAL],
                v[IFLA_BOND_PACKETS_PER_SLAVE], (int) v[IFLA_BOND_AD_LACP_ACTIVE], (int) v[IFLA_BOND_AD_LACP_RATE],
                (int) v[IFLA_BOND_AD_SELECT], adInfo, (int) v[IFLA_BOND_AD_ACTOR_SYS_PRIO],
                (int) v[IFLA_BOND_AD_USER_PORT_KEY], actorSystem, (int) v[IFLA_BOND_TLB_DYNAMIC_LB], layout.done());
    }

    /**
     * A target list: addresses of {@code size} bytes typed 0, 1, 2 ... as ip and the kernel write
     * them; null for any other shape (the attribute is then kept whole, unmodelled).
     */
    private static List<InetAddress> targets(NlReader r, int size) {
        List<InetAddress> out = new ArrayList<>();
        while (r.next()) {
            if (r.type() != out.size() || r.rawType() != r.type() || r.valueLength() != size) {
                return null;
            }
            out.add(Wire.address(r.bytes()));
        }
        return List.copyOf(out);
    }

    private static Bond.AdInfo adInfo(NlReader r) {
        Layout layout = new Layout();
        int[] v = {-1, -1, -1, -1, -1};   // by IFLA_BOND_AD_INFO_* type
        String partnerMac = null;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_BOND_AD_INFO_AGGREGATOR, IFLA_BOND_AD_INFO_NUM_PORTS, IFLA_BOND_AD_INFO_ACTOR_KEY,
                     IFLA_BOND_AD_INFO_PARTNER_KEY -> v[r.type()] = r.u16();
                case IFLA_BOND_AD_INFO_PARTNER_MAC -> partnerMac = Wire.mac(r);
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Bond.AdInfo(v[IFLA_BOND_AD_INFO_AGGREGATOR], v[IFLA_BOND_AD_INFO_NUM_PORTS],
                v[IFLA_BOND_AD_INFO_ACTOR_KEY], v[IFLA_BOND_AD_INFO_PARTNER_KEY], partnerMac, layout.done());
    }

    @Override
    public void encode(Bond b, NlWriter w) {
        Layout.write(w, b.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_BOND_MODE -> Wire.putU8(out, type, b.mode());
                case IFLA_BOND_USE_CARRIER -> Wire.putU8(out, type, b.useCarrier());
                case IFLA_BOND_MISSED_MAX -> Wire.putU8(out, type, b.arpMissedMax());
                case IFLA_BOND_PRIMARY_RESELECT -> Wire.putU8(out, type, b.primaryReselect());
                case IFLA_BOND_FAIL_OVER_MAC -> Wire.putU8(out, type, b.failOverMac());
                case IFLA_BOND_XMIT_HASH_POLICY -> Wire.putU8(out, type, b.xmitHashPolicy());
                case IFLA_BOND_NUM_PEER_NOTIF -> Wire.putU8(out, type, b.numPeerNotif());
                case IFLA_BOND_ALL_SLAVES_ACTIVE -> Wire.putU8(out, type, b.allSlavesActive());
                case IFLA_BOND_AD_LACP_ACTIVE -> Wire.putU8(out, type, b.adLacpActive());
                case IFLA_BOND_AD_LACP_RATE -> Wire.putU8(out, type, b.adLacpRate());
                case IFLA_BOND_AD_SELECT -> Wire.putU8(out, type, b.adSelect());
                case IFLA_BOND_TLB_DYNAMIC_LB -> Wire.putU8(out, type, b.tlbDynamicLb());
                case IFLA_BOND_AD_ACTOR_SYS_PRIO -> Wire.putU16(out, type, b.adActorSysPrio());
                case IFLA_BOND_AD_USER_PORT_KEY -> Wire.putU16(out, type, b.adUserPortKey());
                case IFLA_BOND_ACTIVE_SLAVE -> Wire.putU32(out, type, b.activeSlave());
                case IFLA_BOND_MIIMON -> Wire.putU32(out, type, b.miimon());
                case IFLA_BOND_UPDELAY -> Wire.putU32(out, type, b.updelay());
                case IFLA_BOND_DOWNDELAY -> Wire.putU32(out, type, b.downdelay());
                case IFLA_BOND_PEER_NOTIF_DELAY -> Wire.putU32(out, type, b.peerNotifyDelay());
                case IFLA_BOND_ARP_INTERVAL -> Wire.putU32(out, type, b.arpInterval());
                case IFLA_BOND_ARP_VALIDATE -> Wire.putU32(out, type, b.arpValidate());
                case IFLA_BOND_ARP_ALL_TARGETS -> Wire.putU32(out, type, b.arpAllTargets());
                case IFLA_BOND_PRIMARY -> Wire.putU32(out, type, b.primary());
                case IFLA_BOND_RESEND_IGMP -> Wire.putU32(out, type, b.resendIgmp());
                case IFLA_BOND_MIN_LINKS -> Wire.putU32(out, type, b.minLinks());
                case IFLA_BOND_LP_INTERVAL -> Wire.putU32(out, type, b.lpInterval());
                case IFLA_BOND_PACKETS_PER_SLAVE -> Wire.putU32(out, type, b.packetsPerSlave());
                case IFLA_BOND_ARP_IP_TARGET -> putTargets(out, type, b.arpIpTargets());
                case IFLA_BOND_NS_IP6_TARGET -> putTargets(out, type, b.nsIp6Targets());
                case IFLA_BOND_AD_INFO -> putAdInfo(out, b.adInfo());
                case IFLA_BOND_AD_ACTOR_SYSTEM -> Wire.putMac(out, type, b.adActorSystem());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static void putTargets(NlWriter w, int type, List<InetAddress> targets) {
        if (targets != null) {
            int nest = w.beginNestedPlain(type);
            for (int i = 0; i < targets.size(); i++) {
                w.attr(i, targets.get(i).getAddress());
            }
            w.endNested(nest);
        }
    }

    private static void putAdInfo(NlWriter w, Bond.AdInfo a) {
        if (a == null) {
            return;
        }
        int nest = w.beginNestedPlain(IFLA_BOND_AD_INFO);
        Layout.write(w, a.raw(), AD_INFO_ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_BOND_AD_INFO_AGGREGATOR -> Wire.putU16(out, type, a.aggregator());
                case IFLA_BOND_AD_INFO_NUM_PORTS -> Wire.putU16(out, type, a.numPorts());
                case IFLA_BOND_AD_INFO_ACTOR_KEY -> Wire.putU16(out, type, a.actorKey());
                case IFLA_BOND_AD_INFO_PARTNER_KEY -> Wire.putU16(out, type, a.partnerKey());
                case IFLA_BOND_AD_INFO_PARTNER_MAC -> Wire.putMac(out, type, a.partnerMac());
                default -> {
                    return false;
                }
            }
            return true;
        });
        w.endNested(nest);
    }

    @Override
    public void print(Bond b, PrintOut out, IntFunction<String> ifname) {
        if (b.mode() >= 0) {
            out.string("mode", "mode %s ", Bond.modeName(b.mode()));
        }
        if (b.activeSlave() > 0) {
            out.string("active_slave", "active_slave %s ", ifname.apply((int) b.activeSlave()));
        }
        BridgeCodec.unsigned(out, "miimon", b.miimon());
        BridgeCodec.unsigned(out, "updelay", b.updelay());
        BridgeCodec.unsigned(out, "downdelay", b.downdelay());
        BridgeCodec.unsigned(out, "peer_notify_delay", b.peerNotifyDelay());
        BridgeCodec.unsigned(out, "use_carrier", b.useCarrier());
        BridgeCodec.unsigned(out, "arp_interval", b.arpInterval());
        BridgeCodec.unsigned(out, "arp_missed_max", b.arpMissedMax());
        printTargets(out, "arp_ip_target", b.arpIpTargets());
        printTargets(out, "ns_ip6_target", b.nsIp6Targets());
        if (b.arpValidate() == 0 && out.json()) {
            out.nullValue("arp_validate", null, null);
        } else if (b.arpValidate() >= 0) {
            out.string("arp_validate", "arp_validate %s ", name(ARP_VALIDATE, b.arpValidate()));
        }
        if (b.arpAllTargets() >= 0) {
            out.string("arp_all_targets", "arp_all_targets %s ", name(ARP_ALL_TARGETS, b.arpAllTargets()));
        }
        if (b.primary() > 0) {
            out.string("primary", "primary %s ", ifname.apply((int) b.primary()));
        }
        if (b.primaryReselect() >= 0) {
            out.string("primary_reselect", "primary_reselect %s ", name(PRIMARY_RESELECT, b.primaryReselect()));
        }
        if (b.failOverMac() >= 0) {
            out.string("fail_over_mac", "fail_over_mac %s ", name(FAIL_OVER_MAC, b.failOverMac()));
        }
        if (b.xmitHashPolicy() >= 0) {
            out.string("xmit_hash_policy", "xmit_hash_policy %s ", hashPolicyName(b.xmitHashPolicy()));
        }
        BridgeCodec.unsigned(out, "resend_igmp", b.resendIgmp());
        if (b.numPeerNotif() >= 0) {
            out.number("num_peer_notif", "num_grat_arp %s ", b.numPeerNotif());
        }
        BridgeCodec.unsigned(out, "all_slaves_active", b.allSlavesActive());
        BridgeCodec.unsigned(out, "min_links", b.minLinks());
        BridgeCodec.unsigned(out, "lp_interval", b.lpInterval());
        BridgeCodec.unsigned(out, "packets_per_slave", b.packetsPerSlave());
        if (b.adLacpActive() >= 0) {
            out.string("ad_lacp_active", "lacp_active %s ", name(LACP_ACTIVE, b.adLacpActive()));
        }
        if (b.adLacpRate() >= 0) {
            out.string("ad_lacp_rate", "lacp_rate %s ", name(LACP_RATE, b.adLacpRate()));
        }
        if (b.adSelect() >= 0) {
            out.string("ad_select", "ad_select %s ", name(AD_SELECT, b.adSelect()));
        }
        if (b.adInfo() != null) {
            printAdInfo(out, b.adInfo());
        }
        BridgeCodec.unsigned(out, "ad_actor_sys_prio", b.adActorSysPrio());
        BridgeCodec.unsigned(out, "ad_user_port_key", b.adUserPortKey());
        if (b.adActorSystem() != null) {
            out.string("ad_actor_system", "ad_actor_system %s ", b.adActorSystem());
        }
        BridgeCodec.unsigned(out, "tlb_dynamic_lb", b.tlbDynamicLb());
    }

    /** {@code arp_ip_target 198.18.0.1,198.18.0.2 } in text, an array in JSON; nothing for an empty list. */
    private static void printTargets(PrintOut out, String key, List<InetAddress> targets) {
        if (targets == null || targets.isEmpty()) {
            return;
        }
        out.beginArray(key);
        out.text(key + " ");
        for (int i = 0; i < targets.size(); i++) {
            out.string(null, i + 1 < targets.size() ? "%s," : "%s", IpPrefix.format(targets.get(i)));
        }
        out.text(" ");
        out.endArray();
    }

    private static void printAdInfo(PrintOut out, Bond.AdInfo a) {
        out.beginObject("ad_info");
        if (a.aggregator() >= 0) {
            out.number("aggregator", "ad_aggregator %s ", a.aggregator());
        }
        if (a.numPorts() >= 0) {
            out.number("num_ports", "ad_num_ports %s ", a.numPorts());
        }
        if (a.actorKey() >= 0) {
            out.number("actor_key", "ad_actor_key %s ", a.actorKey());
        }
        if (a.partnerKey() >= 0) {
            out.number("partner_key", "ad_partner_key %s ", a.partnerKey());
        }
        if (a.partnerMac() != null) {
            out.string("partner_mac", "ad_partner_mac %s ", a.partnerMac());
        }
        out.endObject();
    }

    /** ip's get_name: the name of number {@code v} in {@code names}, "UNKNOWN" past its end. */
    private static String name(List<String> names, long v) {
        return v < names.size() ? names.get((int) v) : "UNKNOWN";
    }

    private static String hashPolicyName(int policy) {
        switch (policy) {
            case BOND_XMIT_POLICY_LAYER2: return "layer2";
            case BOND_XMIT_POLICY_LAYER34: return "layer3+4";
            case BOND_XMIT_POLICY_LAYER23: return "layer2+3";
            case BOND_XMIT_POLICY_ENCAP23: return "encap2+3";
            case BOND_XMIT_POLICY_ENCAP34: return "encap3+4";
            case BOND_XMIT_POLICY_VLAN_SRCMAC: return "vlan+srcmac";
            default: return "UNKNOWN";
        }
    }
}
