package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnetns.uapi.LinuxSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The spec setters refuse what their kernel field cannot hold, with one line naming the field and
 * its range, instead of truncating it to the field's width, reading -1 as "unset" or letting an
 * explicit family lose to the addresses.
 */
class SpecValidationTest {

    private static void refused(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    private static InetAddress a(String text) {
        return IpPrefix.parseAddress(text);
    }

    @Test
    void byte_and_short_fields_are_not_truncated() {
        RouteSpec r = RouteSpec.to("198.18.1.0/24");
        refused("protocol 300 is out of range 0..255", () -> r.protocol(300));
        refused("scope 300 is out of range 0..255", () -> r.scope(300));
        refused("type -1 is out of range 0..255", () -> r.type(-1));
        refused("tos 256 is out of range 0..255", () -> r.tos(256));
        refused("pref -1 is out of range 0..255", () -> r.pref(-1));
        refused("realms to 65536 is out of range 0..65535", () -> r.realms(0, 65536));
        refused("nexthop weight 0 is out of range 1..256", () -> r.nexthop(a("198.18.0.2"), null, 0));
        refused("metric -1 is out of range 0..4294967295", () -> r.metric(-1));
        refused("ttl 300 is out of range 0..255", () -> LinkSpec.vxlan("vx0", 42).ttl(300));
        refused("port 65536 is out of range 0..65535", () -> LinkSpec.vxlan("vx0", 42).port(65536));
        refused("scope 256 is out of range 0..255", () -> AddressSpec.of("198.18.0.1/24").scope(256));
        refused("valid_lft -1 is out of range 0..4294967295", () -> AddressSpec.of("198.18.0.1/24").validLifetime(-1));
        refused("preferred_lft 4294967296 is out of range 0..4294967295",
                () -> AddressSpec.of("198.18.0.1/24").preferredLifetime(1L << 32));
        refused("action 256 is out of range 0..255", () -> RuleSpec.create().action(256));
        refused("tos 300 is out of range 0..255", () -> RuleSpec.create().tos(300));
        refused("tun_id -1 (2^64-1) cannot be sent (the rule record reads it as none)", () -> RuleSpec.create().tunId(-1));
        // the bounds themselves are taken
        r.protocol(255).scope(0).tos(255).pref(0);
        LinkSpec.vxlan("vx0", 42).ttl(255).ttl(0).port(65535);
    }

    @Test
    void a_label_is_counted_in_bytes_and_quoted_with_its_controls_escaped() {
        String e7 = "\u00e9".repeat(7);   // 7 characters, 14 bytes
        refused("label \"v0:" + e7 + "\" is longer than 15 bytes", () -> AddressSpec.of("198.18.0.1/24").label("v0:" + e7));
        refused("label \"v0:\\n0123456789ab\" is longer than 15 bytes",
                () -> AddressSpec.of("198.18.0.1/24").label("v0:\n0123456789ab"));
        AddressSpec.of("198.18.0.1/24").label("v0:" + e7.substring(1));   // 15 bytes: taken
    }

    @Test
    void minus_one_and_other_negatives_are_refused_not_read_as_unset() {
        refused("mtu -1 is out of range 0..4294967294", () -> LinkSpec.dummy("d0").mtu(-1));
        refused("txqueuelen -2 is out of range 0..4294967294", () -> LinkSpec.dummy("d0").txQueueLen(-2));
        refused("peer mtu -1 is out of range 0..4294967294", () -> LinkSpec.veth("v0", "v1").peerMtu(-1));
        refused("mtu -1 is out of range 0..4294967294", () -> LinkUpdate.create().mtu(-1));
        refused("txqueuelen -1 is out of range 0..4294967294", () -> LinkUpdate.create().txQueueLen(-1));
        refused("group -1 is out of range 0..4294967294", () -> LinkUpdate.create().group(-1));
        refused("group 4294967295 is out of range 0..4294967294", () -> LinkUpdate.create().group(0xffffffffL));
        refused("netns pid 4294967297 is out of range 0..2147483647", () -> LinkUpdate.create().netnsPid((1L << 32) + 1));
        // the whole u32 range below the record's "unset" is sent as given
        assertEquals("mtu 4294967294 txqueuelen 4294967294 group 4294967294",
                LinkUpdate.create().mtu(0xfffffffeL).txQueueLen(0xfffffffeL).group(0xfffffffeL).toString());
    }

    @Test
    void an_explicit_family_that_contradicts_the_addresses_is_refused() {
        refused("family 10 contradicts the route's addresses (family 2): 198.18.1.0/24",
                () -> RouteSpec.to("198.18.1.0/24").family(LinuxSocket.AF_INET6));
        refused("family 10 contradicts the route's addresses (family 2): default via 198.18.0.2",
                () -> RouteSpec.defaultRoute().via(a("198.18.0.2")).family(LinuxSocket.AF_INET6));
        refused("via 198.18.0.2 contradicts family 10",
                () -> RouteSpec.defaultRoute().family(LinuxSocket.AF_INET6).via(a("198.18.0.2")));
        refused("src fd00::1 contradicts family 2", () -> RouteSpec.defaultRoute().family(LinuxSocket.AF_INET).src(a("fd00::1")));
        refused("nexthop via fd00::2 contradicts family 2",
                () -> RouteSpec.defaultRoute().family(LinuxSocket.AF_INET).nexthop(a("fd00::2"), "v0", 1));
        refused("family 300 is out of range 0..255", () -> RouteSpec.defaultRoute().family(300));
        assertEquals(LinuxSocket.AF_INET6, RouteSpec.defaultRoute().family(LinuxSocket.AF_INET6).effectiveFamily());
        assertEquals(LinuxSocket.AF_INET, RouteSpec.to("198.18.1.0/24").family(LinuxSocket.AF_INET).effectiveFamily());

        refused("family 10 contradicts the rule's prefix 198.18.0.0/24",
                () -> RuleSpec.create().from(IpPrefix.parse("198.18.0.0/24")).family(LinuxSocket.AF_INET6));
        refused("to 198.18.0.0/24 contradicts family 10",
                () -> RuleSpec.create().family(LinuxSocket.AF_INET6).to(IpPrefix.parse("198.18.0.0/24")));
        refused("to fd00::/64 contradicts family 2",
                () -> RuleSpec.create().from(IpPrefix.parse("198.18.0.0/24")).to(IpPrefix.parse("fd00::/64")));
        // replacing the one prefix is not a contradiction
        assertEquals(LinuxSocket.AF_INET6, RuleSpec.create().from(IpPrefix.parse("198.18.0.0/24"))
                .from(IpPrefix.parse("fd00::/64")).effectiveFamily());
    }

    @Test
    void a_broadcast_of_the_other_family_is_refused() {
        refused("broadcast fd00::ff is not of the family of 198.18.0.1/24",
                () -> AddressSpec.of("198.18.0.1/24").broadcast(a("fd00::ff")));
        refused("broadcast 198.18.0.255 is not of the family of fd00::1/64",
                () -> AddressSpec.of("fd00::1/64").broadcast(a("198.18.0.255")));
        // ip sends an IPv6 one for an IPv6 address, and the kernel ignores it
        AddressSpec.of("fd00::1/64").broadcast(a("fd00::ff"));
        assertEquals(a("198.18.0.255"), AddressSpec.of("198.18.0.1/24").broadcast(a("198.18.0.255")).broadcast);
    }

    @Test
    void null_addresses_are_refused_up_front() {
        assertEquals("IpPrefix address", assertThrows(NullPointerException.class, () -> new IpPrefix(null, 8)).getMessage());
        assertEquals("broadcast", assertThrows(NullPointerException.class,
                () -> AddressSpec.of("198.18.0.1/24").broadcast(null)).getMessage());
    }
}
