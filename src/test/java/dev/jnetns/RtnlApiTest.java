package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.uapi.LinuxSocket;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rtnetlink API against the kernel, checked with ip. */
@ExtendWith(NetnsExtension.class)
class RtnlApiTest {

    @Test
    void a_fresh_namespace_lists_no_routes_as_ip_does(Netns ns, Rtnl rtnl) throws Exception {
        // its main table does not exist until a route is added; the kernel says ENOENT for it
        assertEquals(List.of(), rtnl.routes().list(LinuxSocket.AF_INET, 254));
        List<Route> streamed = new java.util.ArrayList<>();
        rtnl.routes().forEach(LinuxSocket.AF_INET, 254, streamed::add);
        assertEquals(List.of(), streamed);
        assertEquals(Ip.run(ns, "route", "show"), Cli.ok("-n", ns.path(), "route", "show"));
        assertEquals(Ip.run(ns, "-j", "route", "show"), Cli.ok("-n", ns.path(), "-j", "route", "show"));
    }

    @Test
    void a_veth_is_created_with_its_peer_already_in_another_namespace(Netns ns, Rtnl rtnl) throws Exception {
        try (Netns other = Netns.create()) {
            rtnl.links().add(LinkSpec.veth("out0", "in0").peerNetns(other).peerMtu(1400).mtu(1300));
            assertTrue(Ip.run(other, "-j", "link", "show", "dev", "in0").contains("\"mtu\":1400"));
            assertTrue(Ip.exec(ns, "link", "show", "in0").exitCode() != 0, "the peer is not in the first namespace");
            Link out = rtnl.links().get("out0");
            assertEquals(1300, out.mtu());
            assertTrue(out.linkNetnsId() >= 0, "the peer is reported in another namespace");
        }
    }

    @Test
    void kinds_the_kernel_lacks_are_refused_with_its_own_message(Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        for (LinkSpec s : List.of(LinkSpec.dummy("d0"), LinkSpec.vlan("v0.10", "v0", 10),
                LinkSpec.ipvlan("ipv0", "v0", "l2"), LinkSpec.bond("bond0", "active-backup"))) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.links().add(s), s.toString());
            assertEquals(Errno.EOPNOTSUPP, e.errnoName(), e.getMessage());
            assertEquals(Optional.of("Unknown device type"), e.extAck());
        }
        assertEquals(List.of("lo", "v1", "v0"), rtnl.links().list().stream().map(Link::name).toList());
    }

    @Test
    void tap_tun_ifb_bridge_vxlan_and_macvlan_are_created_and_deleted(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        rtnl.links().add(LinkSpec.tap("tap0").mtu(1400));
        rtnl.links().add(LinkSpec.tun("tun0"));
        rtnl.links().add(LinkSpec.ifb("ifb0"));
        rtnl.links().add(LinkSpec.bridge("br0"));
        rtnl.links().add(LinkSpec.vxlan("vx0", 5).port(4789).dev("v0"));
        rtnl.links().add(LinkSpec.macvlan("mv0", "v0", "passthru"));
        rtnl.links().add(LinkSpec.macvtap("mvt0", "v1", "bridge"));
        String ip = Ip.run(ns, "-d", "-j", "link", "show");
        for (String kind : List.of("\"info_kind\":\"tun\",\"info_data\":{\"type\":\"tap\"",
                "\"info_kind\":\"tun\",\"info_data\":{\"type\":\"tun\"", "\"info_kind\":\"ifb\"",
                "\"info_kind\":\"bridge\"", "\"info_kind\":\"vxlan\"", "\"mode\":\"passthru\"", "\"info_kind\":\"macvtap\"")) {
            assertTrue(ip.contains(kind), kind + " in " + ip);
        }
        assertEquals(1400, rtnl.links().get("tap0").mtu());
        NetlinkException again = assertThrows(NetlinkException.class, () -> rtnl.links().add(LinkSpec.bridge("br0")));
        assertEquals(Errno.EEXIST, again.errnoName());
        dev.jnetns.ErrnoException tapAgain = assertThrows(dev.jnetns.ErrnoException.class,
                () -> rtnl.links().add(LinkSpec.tap("tap0")));
        assertTrue(tapAgain.is(Errno.EBUSY) || tapAgain.is(Errno.EEXIST), tapAgain.getMessage());
        for (String n : List.of("tap0", "tun0", "ifb0", "br0", "vx0", "mv0", "mvt0", "v0")) {
            rtnl.links().delete(n);
        }
        assertEquals(List.of("lo"), rtnl.links().list().stream().map(Link::name).toList());
    }

    @Test
    void a_group_of_links_is_deleted_in_one_request(Netns ns, Rtnl rtnl) throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            batch.append("link add g").append(i).append(" group 42 type veth peer name h").append(i).append(" group 42\n");
        }
        batch.append("link add keep0 type veth peer name keep1\n");
        Ip.batch(ns, batch.toString());
        assertEquals(103, rtnl.links().list().size());
        rtnl.links().deleteGroup(42);
        assertEquals(List.of("lo", "keep1", "keep0"), rtnl.links().list().stream().map(Link::name).toList());
        // group 0 is every device's: sent as ip sends it, the kernel refuses it and nothing goes
        ErrnoException e = assertThrows(ErrnoException.class, () -> rtnl.links().deleteGroup(0));
        assertTrue(e.is(Errno.EPERM), e.getMessage());
        assertEquals(3, rtnl.links().list().size());
    }

    @Test
    void set_applies_every_change_in_one_request(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        rtnl.links().add(LinkSpec.bridge("br0"));
        rtnl.links().set("v0", LinkUpdate.create().up().mtu(1280).address("02:00:00:00:00:aa").alias("moved")
                .txQueueLen(77).master("br0").group(9).name("v0x"));
        Link l = rtnl.links().get("v0x");
        assertTrue(l.isUp());
        assertEquals(1280, l.mtu());
        assertEquals("02:00:00:00:00:aa", l.address());
        assertEquals("moved", l.alias());
        assertEquals(77, l.txQueueLen());
        assertEquals(9, l.group());
        assertEquals(rtnl.links().get("br0").index(), l.masterIndex());
        rtnl.links().set("v0x", LinkUpdate.create().noMaster().down());
        assertEquals(0, rtnl.links().get("v0x").masterIndex());
        assertFalse(rtnl.links().get("v0x").isUp());
        try (Netns other = Netns.create(); Rtnl there = Rtnl.open(other)) {
            rtnl.links().setNetns("v1", other);
            assertTrue(there.links().find("v1").isPresent());
            assertTrue(rtnl.links().find("v1").isEmpty());
        }
    }

    @Test
    void addresses_routes_neighbours_and_rules_round_trip(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        rtnl.links().setUp("v0");
        rtnl.links().setUp("v1");
        rtnl.addresses().add("v0", AddressSpec.of("198.18.0.1/24").label("v0:a"));
        rtnl.addresses().add("v0", AddressSpec.of("fd00::1/64").noDad());
        rtnl.addresses().add("v0", AddressSpec.of("198.18.9.1/24").validLifetime(300).preferredLifetime(200));
        Address a = rtnl.addresses().list("v0").stream().filter(x -> x.local().getHostAddress().equals("198.18.0.1"))
                .findFirst().orElseThrow();
        assertEquals("v0:a", a.label());
        assertEquals(24, a.prefixLength());
        Address timed = rtnl.addresses().list("v0").stream()
                .filter(x -> x.local().getHostAddress().equals("198.18.9.1")).findFirst().orElseThrow();
        assertTrue(timed.validLifetime() <= 300 && timed.validLifetime() > 290, String.valueOf(timed.validLifetime()));
        assertTrue(timed.flagNames().contains("dynamic"));

        rtnl.routes().add(RouteSpec.to("198.18.10.0/24").via(IpPrefix.parseAddress("198.18.0.2")).metric(7).table(100));
        rtnl.routes().add(RouteSpec.defaultRoute().via(IpPrefix.parseAddress("fd00::2")));
        Route r = rtnl.routes().list(LinuxSocket.AF_INET, 100).get(0);
        assertEquals("198.18.10.0/24", r.dst().toString());
        assertEquals(7, r.metric());
        assertEquals(100, r.table());
        assertTrue(rtnl.routes().list(LinuxSocket.AF_INET6, 254).stream().anyMatch(Route::isDefault));
        Route got = rtnl.routes().get(IpPrefix.parseAddress("198.18.0.77"));
        assertEquals(rtnl.links().get("v0").index(), got.oif());
        assertEquals(0, got.uid());
        assertTrue(Ip.run(ns, "route", "show", "table", "100").contains("198.18.10.0/24 via 198.18.0.2 dev v0 metric 7"));
        rtnl.routes().delete(RouteSpec.to("198.18.10.0/24").table(100));
        assertEquals(List.of(), rtnl.routes().list(LinuxSocket.AF_INET, 100));

        rtnl.neighbours().add("v0", IpPrefix.parseAddress("198.18.0.9"), "02:00:00:00:00:09", 0, true);
        Neighbour n = rtnl.neighbours().list().stream().filter(x -> x.dst().getHostAddress().equals("198.18.0.9"))
                .findFirst().orElseThrow();
        assertEquals(List.of("PERMANENT"), n.stateNames());
        assertEquals("02:00:00:00:00:09", n.lladdr());
        rtnl.neighbours().delete("v0", IpPrefix.parseAddress("198.18.0.9"));
        assertTrue(rtnl.neighbours().list().stream().noneMatch(x -> x.dst().getHostAddress().equals("198.18.0.9")));

        rtnl.rules().add(RuleSpec.create().from(IpPrefix.parse("198.18.0.0/24")).table(100).priority(500));
        Rule rule = rtnl.rules().list(LinuxSocket.AF_INET).stream().filter(x -> x.priority() == 500).findFirst().orElseThrow();
        assertEquals(100, rule.table());
        assertEquals("198.18.0.0/24", rule.src().toString());
        rtnl.rules().delete(RuleSpec.create().priority(500));
        assertTrue(rtnl.rules().list(LinuxSocket.AF_INET).stream().noneMatch(x -> x.priority() == 500));

        int before = rtnl.addresses().list("v0").size();
        assertThrows(IllegalArgumentException.class, () -> rtnl.addresses().flush("v0", 99));   // bad input changes nothing
        assertEquals(before, rtnl.addresses().list("v0").size());
        assertEquals(2, rtnl.addresses().flush("v0", LinuxSocket.AF_INET));
        assertTrue(rtnl.addresses().list("v0").stream().noneMatch(x -> x.family() == LinuxSocket.AF_INET));
    }

    @Test
    void a_neighbour_spec_sends_what_ip_sends_for_the_same_words(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        rtnl.links().add(LinkSpec.veth("w0", "w1"));
        rtnl.links().set("v0", LinkUpdate.create().up());
        rtnl.links().set("w0", LinkUpdate.create().up());
        java.util.function.Function<String, java.net.InetAddress> a = IpPrefix::parseAddress;
        rtnl.neighbours().add(NeighbourSpec.of("v0", a.apply("198.18.0.9")).lladdr("02:00:00:00:00:09").externLearn()
                .protocol(4));
        rtnl.neighbours().add(NeighbourSpec.of("v0", a.apply("198.18.0.11")).lladdr("02:00:00:00:00:0b").managed());
        rtnl.neighbours().add(NeighbourSpec.of("v0", a.apply("198.18.0.20")).lladdr("02:00:00:00:00:20").state(0));
        rtnl.neighbours().add(NeighbourSpec.of("v0", a.apply("fd00::9")).lladdr("02:00:00:00:00:19").router());
        rtnl.neighbours().replace(NeighbourSpec.of("v0", a.apply("198.18.0.9")).lladdr("02:00:00:00:00:29").protocol(16));
        Ip.batch(ns, String.join("\n", "neigh add 198.18.0.9 lladdr 02:00:00:00:00:09 dev w0 extern_learn protocol 4",
                "neigh add 198.18.0.11 lladdr 02:00:00:00:00:0b dev w0 managed",
                "neigh add 198.18.0.20 lladdr 02:00:00:00:00:20 dev w0 nud none",
                "neigh add fd00::9 lladdr 02:00:00:00:00:19 dev w0 router",
                "neigh replace 198.18.0.9 lladdr 02:00:00:00:00:29 dev w0 protocol 16", ""));
        java.util.function.Function<String, List<String>> entries = dev -> Ip.run(ns, "-d", "neigh", "show", "nud", "all",
                "dev", dev).lines().filter(l -> !l.startsWith("ff02::") && !l.startsWith("fe80::")).sorted().toList();
        assertEquals(entries.apply("w0"), entries.apply("v0"));
        assertEquals(4, entries.apply("v0").size(), entries.apply("v0").toString());
        assertTrue(entries.apply("v0").stream().anyMatch(l -> l.startsWith("198.18.0.11 ") && l.contains(" managed ")),
                entries.apply("v0").toString());
        assertEquals("protocol 256 is out of range 0..255", assertThrows(IllegalArgumentException.class,
                () -> NeighbourSpec.of("v0", a.apply("198.18.0.9")).protocol(256)).getMessage());
    }

    @Test
    void a_bad_nud_state_a_null_address_or_a_negative_mtu_changes_nothing(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1").mtu(1400));
        rtnl.neighbours().add("v0", IpPrefix.parseAddress("198.18.0.9"), "02:00:00:00:00:09", 0, false);
        String before = Ip.run(ns, "-j", "-d", "link", "show") + Ip.run(ns, "-j", "neigh", "show", "nud", "all");
        java.net.InetAddress dst = IpPrefix.parseAddress("198.18.0.10");
        // -1 would set every NUD_* bit; ndm_state's bits are a byte, as ip's nud reads them
        assertEquals("nud state -1 is out of range 0..255", assertThrows(IllegalArgumentException.class,
                () -> rtnl.neighbours().add("v0", dst, "02:00:00:00:00:0a", -1, false)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> rtnl.neighbours().replace("v0", dst, "02:00:00:00:00:0a", 0x100, false));
        assertThrows(IllegalArgumentException.class, () -> rtnl.neighbours().change("v0",
                IpPrefix.parseAddress("198.18.0.9"), "02:00:00:00:00:0b", -1, false));
        assertEquals("neighbour address", assertThrows(NullPointerException.class,
                () -> rtnl.neighbours().add("v0", null, "02:00:00:00:00:0a", 0, false)).getMessage());
        assertThrows(NullPointerException.class, () -> rtnl.neighbours().delete("v0", null));
        // -1 was read as "no mtu" and the request sent without it
        assertThrows(IllegalArgumentException.class, () -> rtnl.links().setMtu("v0", -1));
        assertEquals(before, Ip.run(ns, "-j", "-d", "link", "show") + Ip.run(ns, "-j", "neigh", "show", "nud", "all"));
    }

    @Test
    void flush_counts_the_secondaries_the_kernel_deleted_with_their_primary(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        ns.setSysctl("net.ipv4.conf.all.promote_secondaries", "0");
        ns.setSysctl("net.ipv4.conf.v0.promote_secondaries", "0");
        for (String a : List.of("198.18.0.1/24", "198.18.0.2/24", "198.18.0.3/24", "198.18.1.1/24")) {
            rtnl.addresses().add("v0", AddressSpec.of(a));
        }
        long before = Ip.run(ns, "-4", "-o", "addr", "show", "dev", "v0").lines().count();
        assertEquals(4, before);
        int removed = rtnl.addresses().flush("v0", LinuxSocket.AF_INET);
        long after = Ip.run(ns, "-4", "-o", "addr", "show", "dev", "v0").lines().count();
        assertEquals(0, after);
        assertEquals(before - after, removed, "two secondaries went with 198.18.0.1");
    }

    @Test
    void bulk_adds_say_what_a_refusal_left_applied_and_name_a_missing_device_by_index(Netns ns, Rtnl rtnl)
            throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        rtnl.links().setUp("v0");
        rtnl.addresses().add("v0", AddressSpec.of("198.18.0.1/24"));
        String routes = Ip.run(ns, "route", "show");
        NoSuchLinkException missing = assertThrows(NoSuchLinkException.class, () -> rtnl.routes().addAll(List.of(
                RouteSpec.to("198.18.5.0/24").dev("v0"), RouteSpec.to("198.18.6.0/24").dev("v0"),
                RouteSpec.to("198.18.7.0/24").dev("nope0")), true));
        assertTrue(missing.getMessage().startsWith("route add #2 ("), missing.getMessage());
        assertEquals("nope0", missing.device());
        assertEquals(routes, Ip.run(ns, "route", "show"), "nothing was sent");

        String addrs = Ip.run(ns, "addr", "show");
        missing = assertThrows(NoSuchLinkException.class, () -> rtnl.addresses().addAll(List.of("v0", "nope\u00010"),
                List.of(AddressSpec.of("198.18.2.1/24"), AddressSpec.of("198.18.3.1/24")), true));
        assertTrue(missing.getMessage().startsWith("addr add #1 (198.18.3.1/24"), missing.getMessage());
        assertTrue(missing.getMessage().contains("Device \"nope\\x010\" does not exist"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rtnl.addresses().addAll(List.of("v0"),
                List.of(AddressSpec.of("198.18.2.1/24"), AddressSpec.of("198.18.3.1/24")), false));
        assertThrows(IllegalArgumentException.class, () -> rtnl.addresses().addAll(List.of("v0", "v0"),
                List.of(AddressSpec.of("198.18.2.1/24")), false));
        assertEquals(addrs, Ip.run(ns, "addr", "show"), "nothing was sent");

        missing = assertThrows(NoSuchLinkException.class, () -> rtnl.links().addAll(List.of(LinkSpec.bridge("br0"),
                LinkSpec.macvlan("mv0", "nope0", "bridge")), true));
        assertTrue(missing.getMessage().startsWith("link add #1 ("), missing.getMessage());
        assertTrue(rtnl.links().find("br0").isEmpty(), "nothing was sent");

        // the second is refused (EEXIST); the third went out in the same datagram and was applied
        rtnl.routes().add(RouteSpec.to("198.18.6.0/24").dev("v0"));
        BulkResult r = rtnl.routes().addAll(List.of(RouteSpec.to("198.18.5.0/24").dev("v0"),
                RouteSpec.to("198.18.6.0/24").dev("v0"), RouteSpec.to("198.18.7.0/24").dev("v0")), true);
        assertEquals(3, r.sent());
        assertEquals(List.of(1), List.copyOf(r.failures().keySet()));
        assertEquals(Errno.EEXIST, r.failures().get(1).errnoName());
        assertTrue(r.applied(0) && !r.applied(1) && r.applied(2) && !r.applied(3));
        assertTrue(Ip.run(ns, "route", "show").contains("198.18.7.0/24 dev v0"));
        assertThrows(UnsupportedOperationException.class, () -> r.failures().clear());
    }

    @Test
    void returned_lists_cannot_be_changed(Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("v0", "v1"));
        rtnl.addresses().add("v0", AddressSpec.of("198.18.0.1/24"));
        for (List<?> l : List.of(rtnl.links().list(), rtnl.addresses().list(), rtnl.addresses().list("v0"),
                rtnl.routes().list(), rtnl.neighbours().list(), rtnl.rules().list(LinuxSocket.AF_INET),
                rtnl.nsidsOf(NamespaceId.ABSENT), rtnl.netconfs(LinuxSocket.AF_INET), Netns.names(),
                Netns.strandedThreads())) {
            assertThrows(UnsupportedOperationException.class, () -> l.remove(0));
            assertThrows(UnsupportedOperationException.class, () -> l.add(null));
        }
    }

    @Test
    void index_0_null_names_and_negative_nsids_are_refused_plainly(Netns ns, Rtnl rtnl) throws Exception {
        assertEquals(Optional.empty(), rtnl.links().find(0));
        assertEquals(Optional.empty(), rtnl.links().find(-1));
        NullPointerException n = assertThrows(NullPointerException.class, () -> rtnl.links().find((String) null));
        assertEquals("device name is null", n.getMessage());
        assertThrows(NullPointerException.class, () -> rtnl.links().get(null));
        assertThrows(NullPointerException.class, () -> rtnl.addresses().list(null));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> rtnl.links().find("a\nb"));
        assertEquals("invalid device name \"a\\nb\": contains '\\n'", bad.getMessage());
        try (Netns other = Netns.create()) {
            String ids = Ip.run(ns, "netns", "list-id");
            assertThrows(IllegalArgumentException.class, () -> rtnl.setNsid(other, -2));
            assertThrows(IllegalArgumentException.class, () -> rtnl.setNsid(other, Integer.MIN_VALUE));
            assertEquals(ids, Ip.run(ns, "netns", "list-id"), "nothing was assigned");
            rtnl.setNsid(other, -1);
            assertTrue(rtnl.nsid(other) >= 0, "-1 is auto");
        }
    }

    @Test
    void a_route_listing_gives_the_routes_of_the_family_asked_for(Netns ns, Rtnl rtnl) throws Exception {
        Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Ip.run(ns, "link", "set", "v0", "up");
        Ip.run(ns, "addr", "add", "198.18.0.1/24", "dev", "v0");
        Ip.run(ns, "addr", "add", "fd00::1/64", "dev", "v0", "nodad");
        List<Route> all = rtnl.routes().list();
        java.util.function.Function<List<Route>, List<String>> keys = l -> l.stream()
                .map(r -> r.family() + " " + r.table() + " " + r.type() + " " + r.dst()).toList();
        assertTrue(all.stream().anyMatch(r -> r.family() == LinuxSocket.AF_INET)
                && all.stream().anyMatch(r -> r.family() == LinuxSocket.AF_INET6), all.toString());
        assertEquals(keys.apply(all), keys.apply(rtnl.routes().list(LinuxSocket.AF_UNSPEC, 0)));
        for (int family : new int[] {LinuxSocket.AF_INET, LinuxSocket.AF_INET6, LinuxSocket.AF_PACKET}) {
            // the kernel answers a dump of AF_PACKET (no routes of its own) with every family's, as for AF_UNSPEC
            List<Route> want = all.stream().filter(r -> r.family() == family).toList();
            assertEquals(keys.apply(want), keys.apply(rtnl.routes().list(family, 0)), "family " + family);
            List<Route> streamed = new java.util.ArrayList<>();
            rtnl.routes().forEach(family, 0, streamed::add);
            assertEquals(keys.apply(want), keys.apply(streamed), "family " + family);
        }
        assertEquals(List.of(), rtnl.routes().list(LinuxSocket.AF_PACKET, 0));
        // as ip -0 route show lists
        assertEquals("", Ip.run(ns, "-0", "route", "show", "table", "all"));
    }
}
