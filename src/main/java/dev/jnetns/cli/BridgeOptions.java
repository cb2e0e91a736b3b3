package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_MCAST_VLAN_SNOOPING;
import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_NO_LL_LEARN;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_AGEING_TIME;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_FDB_FLUSH;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_FORWARD_DELAY;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_GROUP_ADDR;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_GROUP_FWD_MASK;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_HELLO_TIME;
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
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_STP_STATE;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_DEFAULT_PVID;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_FILTERING;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_PROTOCOL;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_STATS_ENABLED;
import static dev.jnetns.uapi.LinuxBridge.IFLA_BR_VLAN_STATS_PER_PORT;

import dev.jnetns.kind.Bridge;
import dev.jnetns.rtnl.HardwareAddresses;
import dev.jnetns.uapi.LinuxIfArp;
import java.util.Arrays;
import java.util.List;

/**
 * The words after {@code ip link add NAME type bridge} and {@code ip link set DEV type bridge}, as
 * iproute2 6.1's ip/iplink_bridge.c reads them: in its order (a word names the first option it is a
 * prefix of; no_linklocal_learn and mcast_vlan_snooping only in full), its number readers and its
 * messages.
 */
final class BridgeOptions {
    /** ip's usage for {@code type bridge help}, printed on stderr (exit 1). */
    static final String USAGE = "Usage: ... bridge [ fdb_flush ]\n"
            + "\t\t  [ forward_delay FORWARD_DELAY ]\n"
            + "\t\t  [ hello_time HELLO_TIME ]\n"
            + "\t\t  [ max_age MAX_AGE ]\n"
            + "\t\t  [ ageing_time AGEING_TIME ]\n"
            + "\t\t  [ stp_state STP_STATE ]\n"
            + "\t\t  [ priority PRIORITY ]\n"
            + "\t\t  [ group_fwd_mask MASK ]\n"
            + "\t\t  [ group_address ADDRESS ]\n"
            + "\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n"
            + "\t\t  [ vlan_filtering VLAN_FILTERING ]\n"
            + "\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n"
            + "\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n"
            + "\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n"
            + "\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n"
            + "\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n"
            + "\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n"
            + "\t\t  [ mcast_router MULTICAST_ROUTER ]\n"
            + "\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n"
            + "\t\t  [ mcast_querier MULTICAST_QUERIER ]\n"
            + "\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n"
            + "\t\t  [ mcast_hash_max HASH_MAX ]\n"
            + "\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
            + "\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
            + "\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
            + "\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
            + "\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n"
            + "\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n"
            + "\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
            + "\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
            + "\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n"
            + "\t\t  [ mcast_igmp_version IGMP_VERSION ]\n"
            + "\t\t  [ mcast_mld_version MLD_VERSION ]\n"
            + "\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n"
            + "\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n"
            + "\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n"
            + "\n"
            + "Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n";

    /** What an option's value is: a u8, u16, u32 or u64 number, or read by a parser of its own. */
    private static final int FLAG = 0;
    private static final int PROTOCOL = 1;
    private static final int LLADDR = 2;
    private static final int BOOLOPT = 3;

    /**
     * One option of bridge_parse_opt: its word, whether ip takes it only in full (strcmp rather than
     * matches), its attribute (a BR_BOOLOPT_* bit for {@code BOOLOPT}) and its value's width in bits
     * (or FLAG, PROTOCOL, LLADDR, BOOLOPT).
     */
    private record Option(String word, boolean exact, int attr, int bits) {
    }

    /** ip 6.1's options in the order bridge_parse_opt tries them. */
    private static final List<Option> OPTIONS = List.of(
            new Option("forward_delay", false, IFLA_BR_FORWARD_DELAY, 32),
            new Option("hello_time", false, IFLA_BR_HELLO_TIME, 32),
            new Option("max_age", false, IFLA_BR_MAX_AGE, 32),
            new Option("ageing_time", false, IFLA_BR_AGEING_TIME, 32),
            new Option("stp_state", false, IFLA_BR_STP_STATE, 32),
            new Option("priority", false, IFLA_BR_PRIORITY, 16),
            new Option("vlan_filtering", false, IFLA_BR_VLAN_FILTERING, 8),
            new Option("vlan_protocol", false, IFLA_BR_VLAN_PROTOCOL, PROTOCOL),
            new Option("group_fwd_mask", false, IFLA_BR_GROUP_FWD_MASK, 16),
            new Option("group_address", false, IFLA_BR_GROUP_ADDR, LLADDR),
            new Option("no_linklocal_learn", true, BR_BOOLOPT_NO_LL_LEARN, BOOLOPT),
            new Option("fdb_flush", false, IFLA_BR_FDB_FLUSH, FLAG),
            new Option("vlan_default_pvid", false, IFLA_BR_VLAN_DEFAULT_PVID, 16),
            new Option("vlan_stats_enabled", false, IFLA_BR_VLAN_STATS_ENABLED, 8),
            new Option("vlan_stats_per_port", false, IFLA_BR_VLAN_STATS_PER_PORT, 8),
            new Option("mcast_router", false, IFLA_BR_MCAST_ROUTER, 8),
            new Option("mcast_snooping", false, IFLA_BR_MCAST_SNOOPING, 8),
            new Option("mcast_vlan_snooping", true, BR_BOOLOPT_MCAST_VLAN_SNOOPING, BOOLOPT),
            new Option("mcast_query_use_ifaddr", false, IFLA_BR_MCAST_QUERY_USE_IFADDR, 8),
            new Option("mcast_querier", false, IFLA_BR_MCAST_QUERIER, 8),
            new Option("mcast_hash_elasticity", false, IFLA_BR_MCAST_HASH_ELASTICITY, 32),
            new Option("mcast_hash_max", false, IFLA_BR_MCAST_HASH_MAX, 32),
            new Option("mcast_last_member_count", false, IFLA_BR_MCAST_LAST_MEMBER_CNT, 32),
            new Option("mcast_startup_query_count", false, IFLA_BR_MCAST_STARTUP_QUERY_CNT, 32),
            new Option("mcast_last_member_interval", false, IFLA_BR_MCAST_LAST_MEMBER_INTVL, 64),
            new Option("mcast_membership_interval", false, IFLA_BR_MCAST_MEMBERSHIP_INTVL, 64),
            new Option("mcast_querier_interval", false, IFLA_BR_MCAST_QUERIER_INTVL, 64),
            new Option("mcast_query_interval", false, IFLA_BR_MCAST_QUERY_INTVL, 64),
            new Option("mcast_query_response_interval", false, IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, 64),
            new Option("mcast_startup_query_interval", false, IFLA_BR_MCAST_STARTUP_QUERY_INTVL, 64),
            new Option("mcast_stats_enabled", false, IFLA_BR_MCAST_STATS_ENABLED, 8),
            new Option("mcast_igmp_version", false, IFLA_BR_MCAST_IGMP_VERSION, 8),
            new Option("mcast_mld_version", false, IFLA_BR_MCAST_MLD_VERSION, 8),
            new Option("nf_call_iptables", false, IFLA_BR_NF_CALL_IPTABLES, 8),
            new Option("nf_call_ip6tables", false, IFLA_BR_NF_CALL_IP6TABLES, 8),
            new Option("nf_call_arptables", false, IFLA_BR_NF_CALL_ARPTABLES, 8));

    private BridgeOptions() {
    }

    /**
     * Reads the rest of the words as bridge options: the bridge data ip sends (its attributes in the
     * order given, as ip sends them; the boolean options last, in one IFLA_BR_MULTI_BOOLOPT), or null
     * when there are no words (ip then sends the kind alone). {@code help} prints ip's usage (exit 1);
     * a word ip does not take fails as ip fails it.
     */
    static Bridge parse(Words w) {
        if (!w.hasNext()) {
            return null;
        }
        long[] v = new long[IFLA_BR_MULTI_BOOLOPT + 16];
        Arrays.fill(v, -1);
        String groupAddr = null;
        boolean flush = false;
        int boolValues = 0;
        int boolMask = 0;
        AttributeOrder order = new AttributeOrder(v.length);
        while (w.hasNext()) {
            String word = w.next();
            Option o = option(word);
            if (o == null) {
                if (Words.matches(word, "help")) {
                    throw new KindUsage(USAGE, false);
                }
                throw new CommandFailed("bridge: unknown command \"" + word + "\"?");   // then ip's usage, exit 1
            }
            if (o.bits() != BOOLOPT) {
                order.add(o.attr());
            }
            if (o.bits() == FLAG) {
                flush = true;
                continue;
            }
            String value = w.value();
            String why = "invalid " + o.word();
            switch (o.bits()) {
                case PROTOCOL -> v[o.attr()] = protocol(value, why);
                case LLADDR -> groupAddr = HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER,
                        LinkCommand.lladdr(value));
                case BOOLOPT -> {
                    boolMask |= 1 << o.attr();
                    boolValues = CNumbers.unsigned(value, 8, why) != 0 ? boolValues | 1 << o.attr()
                            : boolValues & ~(1 << o.attr());
                }
                default -> v[o.attr()] = CNumbers.unsigned(value, o.bits(), why);
            }
        }
        if (boolMask != 0) {
            order.add(IFLA_BR_MULTI_BOOLOPT);
        }
        return new Bridge(v[IFLA_BR_FORWARD_DELAY], v[IFLA_BR_HELLO_TIME], v[IFLA_BR_MAX_AGE], v[IFLA_BR_AGEING_TIME],
                v[IFLA_BR_STP_STATE], (int) v[IFLA_BR_PRIORITY], (int) v[IFLA_BR_VLAN_FILTERING],
                (int) v[IFLA_BR_VLAN_PROTOCOL], null, null, -1, -1, -1, -1, -1, -1, -1, -1,
                (int) v[IFLA_BR_VLAN_DEFAULT_PVID], (int) v[IFLA_BR_VLAN_STATS_ENABLED],
                (int) v[IFLA_BR_VLAN_STATS_PER_PORT], (int) v[IFLA_BR_GROUP_FWD_MASK], groupAddr,
                (int) v[IFLA_BR_MCAST_SNOOPING], boolMask == 0 ? null : new Bridge.Options(boolValues, boolMask),
                (int) v[IFLA_BR_MCAST_ROUTER], (int) v[IFLA_BR_MCAST_QUERY_USE_IFADDR], (int) v[IFLA_BR_MCAST_QUERIER],
                v[IFLA_BR_MCAST_HASH_ELASTICITY], v[IFLA_BR_MCAST_HASH_MAX], v[IFLA_BR_MCAST_LAST_MEMBER_CNT],
                v[IFLA_BR_MCAST_STARTUP_QUERY_CNT], v[IFLA_BR_MCAST_LAST_MEMBER_INTVL],
                v[IFLA_BR_MCAST_MEMBERSHIP_INTVL], v[IFLA_BR_MCAST_QUERIER_INTVL], v[IFLA_BR_MCAST_QUERY_INTVL],
                v[IFLA_BR_MCAST_QUERY_RESPONSE_INTVL], v[IFLA_BR_MCAST_STARTUP_QUERY_INTVL],
                (int) v[IFLA_BR_MCAST_STATS_ENABLED], (int) v[IFLA_BR_MCAST_IGMP_VERSION],
                (int) v[IFLA_BR_MCAST_MLD_VERSION], (int) v[IFLA_BR_NF_CALL_IPTABLES],
                (int) v[IFLA_BR_NF_CALL_IP6TABLES], (int) v[IFLA_BR_NF_CALL_ARPTABLES], flush,
                // the order given: ip's order on the wire, and a u64 of 2^64-1 ("-1") is sent, not taken as absent
                order.raw());
    }

    /** The first option {@code word} names, as bridge_parse_opt tries them; null for none. */
    private static Option option(String word) {
        for (Option o : OPTIONS) {
            if (o.exact() ? word.equals(o.word()) : Words.matches(word, o.word())) {
                return o;
            }
        }
        return null;
    }

    /**
     * An ethertype as ip's ll_proto_a2n reads it: a name of its table (any case), else a u16 number.
     */
    private static long protocol(String word, String why) {
        for (Object[] p : LL_PROTOCOLS) {
            if (((String) p[0]).equalsIgnoreCase(word)) {
                return (Integer) p[1];
            }
        }
        return CNumbers.unsigned(word, 16, why);
    }

    /** iproute2 6.1's llproto_names (lib/ll_proto.c): the ethertype names ip reads. */
    private static final Object[][] LL_PROTOCOLS = {
        {"loop", 0x0060}, {"pup", 0x0200}, {"pupat", 0x0201}, {"ip", 0x0800}, {"x25", 0x0805}, {"arp", 0x0806},
        {"bpq", 0x08FF}, {"ieeepup", 0x0a00}, {"ieeepupat", 0x0a01}, {"dec", 0x6000}, {"dna_dl", 0x6001},
        {"dna_rc", 0x6002}, {"dna_rt", 0x6003}, {"lat", 0x6004}, {"diag", 0x6005}, {"cust", 0x6006},
        {"sca", 0x6007}, {"rarp", 0x8035}, {"atalk", 0x809B}, {"aarp", 0x80F3}, {"ipx", 0x8137},
        {"ipv6", 0x86DD}, {"ppp_disc", 0x8863}, {"ppp_ses", 0x8864}, {"atmmpoa", 0x884c}, {"atmfate", 0x8884},
        {"802_3", 0x0001}, {"ax25", 0x0002}, {"all", 0x0003}, {"802_2", 0x0004}, {"snap", 0x0005},
        {"ddcmp", 0x0006}, {"wan_ppp", 0x0007}, {"ppp_mp", 0x0008}, {"localtalk", 0x0009}, {"can", 0x000C},
        {"ppptalk", 0x0010}, {"tr_802_2", 0x0011}, {"mobitex", 0x0015}, {"control", 0x0016}, {"irda", 0x0017},
        {"econet", 0x0018}, {"tipc", 0x88CA}, {"profinet", 0x8892}, {"aoe", 0x88A2}, {"ethercat", 0x88A4},
        {"802.1Q", 0x8100}, {"802.1ad", 0x88A8}, {"mpls_uc", 0x8847}, {"mpls_mc", 0x8848}, {"teb", 0x6558},
        {"LLDP", 0x88cc}, {"ipv4", 0x0800},
    };
}
