package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnetns.rtnl.RoundTrip;
import dev.jnetns.rtnl.RuleCodec;
import dev.jnetns.uapi.LinuxFibRules;
import dev.jnetns.uapi.LinuxRoute;
import dev.jnetns.uapi.LinuxRtnetlink;
import dev.jnetns.uapi.LinuxSocket;
import org.junit.jupiter.api.Test;

/**
 * A {@link RuleSpec} becomes the request {@code ip rule} sends for the same words: the bytes after
 * the nlmsghdr, captured with {@code strace -f -e trace=sendmsg -xx ip -n NS [-6] rule add|del ...}
 * (iproute2 6.1).
 */
class RuleRequestTest {

    private static String body(RuleSpec spec, boolean add) {
        return new RoundTrip.RecordCodec<>(add ? LinuxRtnetlink.RTM_NEWRULE : LinuxRtnetlink.RTM_DELRULE,
                RuleCodec::encode, RuleCodec::decode).body(Rules.request(spec, add));
    }

    @Test
    void every_selector_and_action_is_sent_as_ip_sends_it() {
        // ip rule add from 198.18.0.0/24 to 198.18.1.0/24 pref 200 tos 0x10 fwmark 0x10/0xff realms 3/4
        //   protocol static tun_id 77 table 1000 suppress_prefixlength 8 suppress_ifgroup 3 iif v0 oif v1
        //   uidrange 100-200 ipproto tcp sport 80 dport 1000-2000
        RuleSpec all = RuleSpec.create().from(IpPrefix.parse("198.18.0.0/24")).to(IpPrefix.parse("198.18.1.0/24"))
                .priority(200).tos(0x10).fwmark(0x10, 0xff).realms(3, 4).protocol(LinuxRoute.RTPROT_STATIC).tunId(77)
                .table(1000).suppressPrefixLength(8).suppressIfGroup(3).iif("v0").oif("v1").uidRange(100, 200)
                .ipProto(6).sport(80, 80).dport(1000, 2000);
        assertEquals("02181810" + "00000001" + "00000000"
                + "08000200c6120000" + "08000100c6120100" + "08000600c8000000" + "08000a0010000000"
                + "08001000ff000000" + "08000b0004000300" + "0500150004000000" + "0c000c00000000000000004d"
                + "08000f00e8030000" + "08000e0008000000" + "08000d0003000000" + "0700030076300000"
                + "0700110076310000" + "0c00140064000000c8000000" + "0500160006000000" + "0800170050005000"
                + "08001800e803d007", body(all, true));
    }

    @Test
    void an_ipv6_prefix_under_an_ipv4_header_and_nat_are_sent_as_ip_sends_them() {
        // ip rule add from fd00::/64 table 200 (no -6): AF_INET, src_len 64, the 16-byte FRA_SRC
        assertEquals("02004000" + "c8000001" + "00000000" + "14000200fd000000000000000000000000000000",
                body(RuleSpec.create().headerFamily(LinuxSocket.AF_INET).from(IpPrefix.parse("fd00::/64")).table(200),
                        true));
        // ip rule add nat 198.18.0.9 pref 3014: action RTN_NAT, table main, RTA_GATEWAY (ip writes it
        // where its word is, before FRA_PRIORITY here; the unmodelled attribute goes last)
        assertEquals("02000000" + "fe00000a" + "00000000" + "08000600c60b0000" + "08000500c6120009",
                body(RuleSpec.create().nat((java.net.Inet4Address) IpPrefix.parseAddress("198.18.0.9")).priority(3014),
                        true));
    }

    @Test
    void l3mdev_goto_and_delete_are_sent_as_ip_sends_them() {
        // ip -6 rule add not pref 201 l3mdev: no table (not main), action lookup, FIB_RULE_INVERT
        assertEquals("0a000000" + "00000001" + "02000000" + "08000600c9000000" + "0500130001000000",
                body(RuleSpec.create().family(LinuxSocket.AF_INET6).not().priority(201).l3mdev(), true));
        // ip rule add pref 202 goto 32766
        assertEquals("02000000" + "00000002" + "00000000" + "08000600ca000000" + "08000400fe7f0000",
                body(RuleSpec.create().priority(202).gotoRule(32766), true));
        // ip rule del pref 200 table 1000: no action, the table in FRA_TABLE
        assertEquals("02000000" + "00000000" + "00000000" + "08000600c8000000" + "08000f00e8030000",
                body(RuleSpec.create().priority(200).table(1000), false));
        // ip rule add pref 203 blackhole: the table byte stays 0 when an action is given
        assertEquals("02000000" + "00000006" + "00000000" + "08000600cb000000",
                body(RuleSpec.create().priority(203).action(LinuxFibRules.FR_ACT_BLACKHOLE), true));
        // ip rule add pref 204: table main in the header
        assertEquals("02000000" + "fe000001" + "00000000" + "08000600cc000000",
                body(RuleSpec.create().priority(204), true));
    }

    @Test
    void a_table_for_an_l3mdev_rule_is_refused_before_anything_is_sent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rules.request(RuleSpec.create().l3mdev().table(5), true));
        assertEquals("table can not be specified for l3mdev rules", e.getMessage());
    }
}
