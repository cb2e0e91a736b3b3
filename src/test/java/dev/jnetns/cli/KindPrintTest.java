package dev.jnetns.cli;

import static dev.jnetns.RawAttributes.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Link;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.kind.Bond;
import dev.jnetns.kind.BondPort;
import dev.jnetns.kind.Bridge;
import dev.jnetns.kind.BridgePort;
import dev.jnetns.kind.Ipvlan;
import dev.jnetns.kind.LinkData;
import dev.jnetns.kind.Vlan;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.rtnl.LinkCodec;
import dev.jnetns.testutil.Ip;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kind data this kernel cannot make (vlan, ipvlan, ipvtap, bond, bond ports) or cannot reach
 * (a vlan-filtering bridge, port states and masks STP never shows here), printed by jnetns and by ip
 * from the same bytes: records built by hand are written as the kernel writes link messages, read
 * back, and printed by jnetns; {@code ip -d monitor file F} prints the same messages with the
 * print_linkinfo of {@code ip -d link show}. Text and {@code -o} are compared byte for byte with
 * ip; ip's monitor has no JSON, so the JSON of each kind is compared with what iplink_KIND.c writes
 * (read from its source).
 */
class KindPrintTest {
    private static final RawAttributes UNKNOWN = RawAttributes.of(null, null, new byte[] {8, 0, 99, 0, 1, 2, 3, 4});

    /** A device as the kernel reports it, of {@code kind} with {@code data}, and {@code portData} of a {@code master}. */
    private static Link link(int index, String kind, LinkData data, String master, LinkData portData) {
        // the kernel ends the kind names with a NUL (the info nest's recorded "header" says so)
        Link.Info info = new Link.Info(kind, data, master, portData, RawAttributes.of(new byte[] {1, 1}, null, new byte[0]));
        return new Link(index, "k" + index, 0x1002, 1500, null, -1, -1, -1, -1, 1, "02:00:00:00:00:07",
                "ff:ff:ff:ff:ff:ff", 0, 0, -1, null, info, Link.Details.NONE, null, 0, 0, -1, -1, NONE);
    }

    private static Link kind(int index, String kind, LinkData data) {
        return link(index, kind, data, null, null);
    }

    private static Bond bond(int mode, long activeSlave, long arpValidate, int xmitHashPolicy, List<InetAddress> arp,
                             List<InetAddress> ns, Bond.AdInfo adInfo) {
        return new Bond(mode, activeSlave, 100, 200, 0, 0, 1, 0, 2, arp, ns, arpValidate, 0, 0, 0, 0, xmitHashPolicy,
                1, 1, 0, 0, 1, 1, 1, 0, 0, adInfo, 65535, 0, "00:00:00:00:00:00", 1, NONE);
    }

    private static Bridge bridge(int vlanFiltering, int protocol, Bridge.Id rootId, long timer, Bridge.Options o,
                                 int groupFwdMask) {
        Bridge.Id self = new Bridge.Id(0x8000, "02:00:00:00:00:07");
        return new Bridge(1500, 200, 2000, 30000, 0, 32768, vlanFiltering, protocol, self, rootId, 0, 0, 0, 0, timer,
                0, 0, timer, 1, 0, 0, groupFwdMask, "01:80:c2:00:00:00", 1, o, 1, 0, 0, 16, 4096, 2, 2, 100, 26000,
                25500, 12500, 1000, 3124, 0, 2, 1, 0, 0, 0, false, UNKNOWN);
    }

    private static BridgePort port(int state, long cost, int groupFwdMask, long backupPort) {
        Bridge.Id id = new Bridge.Id(0x8000, "02:00:00:00:00:07");
        return new BridgePort(state, 32, cost, 0, 0, 0, 0, 1, 1, 0x8001, 1, 32769, 65535, id, id, 12345, 0, 1, 0, 0,
                0, 0, 1, 1, 1, 0, 0, groupFwdMask, 0, 0, 0, backupPort, false, UNKNOWN);
    }

    private static List<Link> links() throws Exception {
        InetAddress a1 = InetAddress.getByName("198.18.0.1");
        InetAddress a2 = InetAddress.getByName("198.18.0.2");
        InetAddress b1 = InetAddress.getByName("fd00::1");
        InetAddress b2 = InetAddress.getByName("fd00::2");
        Bond.AdInfo ad = new Bond.AdInfo(1, 2, 9, 17, "02:00:00:00:00:09", NONE);
        List<Link> out = new ArrayList<>();
        out.add(kind(20, "vlan", Vlan.of(10)));
        out.add(kind(21, "vlan", new Vlan(4094, 0x8100, new Vlan.Flags(1, -1),
                List.of(new Vlan.QosMapping(0, 1), new Vlan.QosMapping(7, 7)), List.of(new Vlan.QosMapping(1, 5)), NONE)));
        out.add(kind(22, "vlan", new Vlan(5, 0x88a8, new Vlan.Flags(0x1f | 0x40, 0x5f), null, List.of(), UNKNOWN)));
        out.add(kind(23, "ipvlan", new Ipvlan(0, 0, NONE)));
        out.add(kind(24, "ipvlan", new Ipvlan(1, 1, NONE)));
        out.add(kind(25, "ipvtap", new Ipvlan(2, 2, NONE)));
        out.add(kind(26, "ipvlan", new Ipvlan(9, 3, UNKNOWN)));
        out.add(kind(27, "bond", bond(1, 0, 0, 0, null, null, null)));
        out.add(kind(28, "bond", bond(4, 27, 3, 5, List.of(a1, a2), List.of(b1, b2), ad)));
        out.add(kind(29, "bond", bond(9, 5, 9, 9, List.of(a1), List.of(), null)));
        out.add(link(30, "veth", null, "bond", new BondPort(0, 0, 3, "02:00:00:00:00:30", 0, 0, 1, 61, 0x13d, NONE)));
        out.add(link(31, "veth", null, "bond", new BondPort(1, 2, 0, "02:00:00:00:00:31", 2, -7, -1, -1, -1, NONE)));
        out.add(link(32, null, null, "bond", new BondPort(5, 7, -1, null, -1, null, 1, 0xff, 0, UNKNOWN)));
        out.add(kind(33, "bridge", bridge(1, 0x88a8, new Bridge.Id(0x1000, "0a:00:00:00:00:01"), 12345,
                new Bridge.Options(0, 1 << 2), 0x4000)));
        out.add(kind(34, "bridge", bridge(0, 0x8100, null, 0, new Bridge.Options(3, 3), 0)));
        out.add(link(35, "veth", null, "bridge", port(7, 0x80000000L, 0x4003, 0)));
        out.add(link(36, "veth", null, "bridge", port(3, 100, 0, 5)));
        return out;
    }

    /** The links written as the kernel's RTM_NEWLINK messages, read back as jnetns reads them. */
    private static List<Link> throughTheWire(List<Link> links, Path file) throws Exception {
        NlWriter w = new NlWriter();
        for (Link l : links) {
            w.beginMessage(LinuxRtnetlink.RTM_NEWLINK, 0, 1);
            LinkCodec.encode(l, w);
            w.endMessage();
        }
        ByteBuffer b = w.bytes();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        Files.write(file, bytes);
        List<Link> back = new ArrayList<>();
        NlMessage.each(ByteBuffer.wrap(bytes), m -> back.add(LinkCodec.decode(m)));
        assertEquals(links, back);
        return back;
    }

    private static String jnetns(List<Link> links, boolean oneline) {
        LinkPrinter printer = new LinkPrinter(links, true, true, Map.of(), 0);
        StringBuilder sb = new StringBuilder();
        for (Link l : links) {
            Out out = Out.text();
            printer.print(l, out, true);
            String s = out + "\n";
            sb.append(oneline ? LinkPrinter.oneline(s) : s);
        }
        return sb.toString();
    }

    @Test
    void text_and_oneline_equal_ip() throws Exception {
        Path file = Files.createTempFile("jnetns-kinds", ".rtnl");
        try (Netns ns = Netns.create()) {
            List<Link> links = throughTheWire(links(), file);
            String ip = Ip.run(ns, "-d", "monitor", "file", file.toString());
            assertEquals(ip, jnetns(links, false));
            assertEquals(Ip.run(ns, "-o", "-d", "monitor", "file", file.toString()), jnetns(links, true));
            // what ip shows is what the records hold
            assertTrue(ip.contains("    vlan protocol 802.1ad id 5 <REORDER_HDR,GVRP,MVRP,LOOSE_BINDING,BRIDGE_BINDING,40> "
                    + "\n      egress-qos-map { } \n"), ip);
            assertTrue(ip.contains(" arp_ip_target 198.18.0.1,198.18.0.2 ns_ip6_target fd00::1,fd00::2 "), ip);
            assertTrue(ip.contains(" designated_root 8000.2:0:0:0:0:7 "), ip);
        } finally {
            Files.delete(file);
        }
    }

    /** The "linkinfo" object of {@code l} in jnetns's JSON. */
    private static String linkinfo(Link l, List<Link> all) {
        Out out = Out.json(false);
        out.beginObject(null);
        new LinkPrinter(all, true, true, Map.of(), 0).print(l, out, true);
        out.endObject();
        String json = out.toString();
        int start = json.indexOf("\"linkinfo\":");
        int depth = 0;
        for (int i = json.indexOf('{', start); ; i++) {
            depth += json.charAt(i) == '{' ? 1 : json.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return json.substring(start, i + 1);
            }
        }
    }

    @Test
    void json_is_what_iproute2_writes() throws Exception {
        List<Link> all = throughTheWire(links(), Files.createTempFile("jnetns-kinds", ".rtnl"));
        Map<Integer, String> expected = Map.of(
                21, "\"linkinfo\":{\"info_kind\":\"vlan\",\"info_data\":{\"protocol\":\"802.1Q\",\"id\":4094,"
                        + "\"flags\":[\"REORDER_HDR\"],\"ingress_qos\":[{\"from\":0,\"to\":1},{\"from\":7,\"to\":7}],"
                        + "\"egress_qos\":[{\"from\":1,\"to\":5}]}}",
                22, "\"linkinfo\":{\"info_kind\":\"vlan\",\"info_data\":{\"protocol\":\"802.1ad\",\"id\":5,\"flags\":"
                        + "[\"REORDER_HDR\",\"GVRP\",\"MVRP\",\"LOOSE_BINDING\",\"BRIDGE_BINDING\",\"40\"],\"egress_qos\":[]}}",
                24, "\"linkinfo\":{\"info_kind\":\"ipvlan\",\"info_data\":{\"mode\":\"l3\",\"private\":true}}",
                28, "\"linkinfo\":{\"info_kind\":\"bond\",\"info_data\":{\"mode\":\"802.3ad\",\"active_slave\":\"k27\","
                        + "\"miimon\":100,\"updelay\":200,\"downdelay\":0,\"peer_notify_delay\":0,\"use_carrier\":1,"
                        + "\"arp_interval\":0,\"arp_missed_max\":2,\"arp_ip_target\":[\"198.18.0.1\",\"198.18.0.2\"],"
                        + "\"ns_ip6_target\":[\"fd00::1\",\"fd00::2\"],\"arp_validate\":\"all\",\"arp_all_targets\":\"any\","
                        + "\"primary_reselect\":\"always\",\"fail_over_mac\":\"none\",\"xmit_hash_policy\":\"vlan+srcmac\","
                        + "\"resend_igmp\":1,\"num_peer_notif\":1,\"all_slaves_active\":0,\"min_links\":0,\"lp_interval\":1,"
                        + "\"packets_per_slave\":1,\"ad_lacp_active\":\"on\",\"ad_lacp_rate\":\"slow\",\"ad_select\":\"stable\","
                        + "\"ad_info\":{\"aggregator\":1,\"num_ports\":2,\"actor_key\":9,\"partner_key\":17,"
                        + "\"partner_mac\":\"02:00:00:00:00:09\"},\"ad_actor_sys_prio\":65535,\"ad_user_port_key\":0,"
                        + "\"ad_actor_system\":\"00:00:00:00:00:00\",\"tlb_dynamic_lb\":1}}",
                27, "\"linkinfo\":{\"info_kind\":\"bond\",\"info_data\":{\"mode\":\"active-backup\",\"miimon\":100,"
                        + "\"updelay\":200,\"downdelay\":0,\"peer_notify_delay\":0,\"use_carrier\":1,\"arp_interval\":0,"
                        + "\"arp_missed_max\":2,\"arp_validate\":null,\"arp_all_targets\":\"any\",\"primary_reselect\":\"always\","
                        + "\"fail_over_mac\":\"none\",\"xmit_hash_policy\":\"layer2\",\"resend_igmp\":1,\"num_peer_notif\":1,"
                        + "\"all_slaves_active\":0,\"min_links\":0,\"lp_interval\":1,\"packets_per_slave\":1,"
                        + "\"ad_lacp_active\":\"on\",\"ad_lacp_rate\":\"slow\",\"ad_select\":\"stable\",\"ad_actor_sys_prio\":65535,"
                        + "\"ad_user_port_key\":0,\"ad_actor_system\":\"00:00:00:00:00:00\",\"tlb_dynamic_lb\":1}}",
                30, "\"linkinfo\":{\"info_kind\":\"veth\",\"info_slave_kind\":\"bond\",\"info_slave_data\":{\"state\":\"ACTIVE\","
                        + "\"mii_status\":\"UP\",\"link_failure_count\":3,\"perm_hwaddr\":\"02:00:00:00:00:30\",\"queue_id\":0,"
                        + "\"prio\":0,\"ad_aggregator_id\":1,\"ad_actor_oper_port_state\":61,\"ad_actor_oper_port_state_str\":"
                        + "[\"active\",\"aggregating\",\"in_sync\",\"collecting\",\"distributing\"],\"ad_partner_oper_port_state\":61,"
                        + "\"ad_partner_oper_port_state_str\":[\"active\",\"aggregating\",\"in_sync\",\"collecting\",\"distributing\"]}}",
                32, "\"linkinfo\":{\"info_slave_kind\":\"bond\",\"info_slave_data\":{\"state_index\":5,\"mii_status_index\":7,"
                        + "\"ad_aggregator_id\":1,\"ad_actor_oper_port_state\":255,\"ad_actor_oper_port_state_str\":[\"active\","
                        + "\"short_timeout\",\"aggregating\",\"in_sync\",\"collecting\",\"distributing\",\"defaulted\",\"expired\"],"
                        + "\"ad_partner_oper_port_state\":0,\"ad_partner_oper_port_state_str\":[]}}",
                33, "\"linkinfo\":{\"info_kind\":\"bridge\",\"info_data\":{\"forward_delay\":1500,\"hello_time\":200,"
                        + "\"max_age\":2000,\"ageing_time\":30000,\"stp_state\":0,\"priority\":32768,\"vlan_filtering\":1,"
                        + "\"vlan_protocol\":\"802.1ad\",\"bridge_id\":\"8000.2:0:0:0:0:7\",\"root_id\":\"8000.2:0:0:0:0:7\","
                        + "\"root_port\":0,\"root_path_cost\":0,\"topology_change\":0,\"topology_change_detected\":0,"
                        + "\"hello_timer\":123.45,\"tcn_timer\":0.00,\"topology_change_timer\":0.00,\"gc_timer\":123.45,"
                        + "\"vlan_default_pvid\":1,\"vlan_stats_enabled\":0,\"vlan_stats_per_port\":0,\"group_fwd_mask\":\"0x4000\","
                        + "\"group_addr\":\"01:80:c2:00:00:00\",\"mcast_snooping\":1,\"mcast_router\":1,\"mcast_query_use_ifaddr\":0,"
                        + "\"mcast_querier\":0,\"mcast_hash_elasticity\":16,\"mcast_hash_max\":4096,\"mcast_last_member_cnt\":2,"
                        + "\"mcast_startup_query_cnt\":2,\"mcast_last_member_intvl\":100,\"mcast_membership_intvl\":26000,"
                        + "\"mcast_querier_intvl\":25500,\"mcast_query_intvl\":12500,\"mcast_query_response_intvl\":1000,"
                        + "\"mcast_startup_query_intvl\":3124,\"mcast_stats_enabled\":0,\"mcast_igmp_version\":2,"
                        + "\"mcast_mld_version\":1,\"nf_call_iptables\":0,\"nf_call_ip6tables\":0,\"nf_call_arptables\":0}}",
                35, "\"linkinfo\":{\"info_kind\":\"veth\",\"info_slave_kind\":\"bridge\",\"info_slave_data\":{\"state_index\":7,"
                        + "\"priority\":32,\"cost\":-2147483648,\"hairpin\":false,\"guard\":false,\"root_block\":false,"
                        + "\"fastleave\":false,\"learning\":true,\"flood\":true,\"id\":\"0x8001\",\"no\":\"0x1\","
                        + "\"designated_port\":32769,\"designated_cost\":65535,\"bridge_id\":\"8000.2:0:0:0:0:7\","
                        + "\"root_id\":\"8000.2:0:0:0:0:7\",\"hold_timer\":123.45,\"message_age_timer\":0.00,"
                        + "\"forward_delay_timer\":0.01,\"topology_change_ack\":0,\"config_pending\":0,\"proxy_arp\":false,"
                        + "\"proxy_arp_wifi\":false,\"multicast_router\":1,\"mcast_flood\":true,\"bcast_flood\":true,"
                        + "\"mcast_to_unicast\":false,\"neigh_suppress\":false,\"group_fwd_mask\":\"0x4003\","
                        + "\"group_fwd_mask_str\":\"stp,0x2,lldp\",\"vlan_tunnel\":false,\"isolated\":false,\"locked\":false,"
                        + "\"backup_port\":\"*\"}}");
        for (Link l : all) {
            if (expected.containsKey(l.index())) {
                assertEquals(expected.get(l.index()), linkinfo(l, all), l.name());
            }
        }
    }
}
