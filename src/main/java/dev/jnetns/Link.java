package dev.jnetns;

import static dev.jnetns.uapi.LinuxIfLink.IFF_ALLMULTI;
import static dev.jnetns.uapi.LinuxIfLink.IFF_AUTOMEDIA;
import static dev.jnetns.uapi.LinuxIfLink.IFF_BROADCAST;
import static dev.jnetns.uapi.LinuxIfLink.IFF_DEBUG;
import static dev.jnetns.uapi.LinuxIfLink.IFF_DORMANT;
import static dev.jnetns.uapi.LinuxIfLink.IFF_DYNAMIC;
import static dev.jnetns.uapi.LinuxIfLink.IFF_ECHO;
import static dev.jnetns.uapi.LinuxIfLink.IFF_LOOPBACK;
import static dev.jnetns.uapi.LinuxIfLink.IFF_LOWER_UP;
import static dev.jnetns.uapi.LinuxIfLink.IFF_MASTER;
import static dev.jnetns.uapi.LinuxIfLink.IFF_MULTICAST;
import static dev.jnetns.uapi.LinuxIfLink.IFF_NOARP;
import static dev.jnetns.uapi.LinuxIfLink.IFF_NOTRAILERS;
import static dev.jnetns.uapi.LinuxIfLink.IFF_POINTOPOINT;
import static dev.jnetns.uapi.LinuxIfLink.IFF_PORTSEL;
import static dev.jnetns.uapi.LinuxIfLink.IFF_PROMISC;
import static dev.jnetns.uapi.LinuxIfLink.IFF_RUNNING;
import static dev.jnetns.uapi.LinuxIfLink.IFF_SLAVE;
import static dev.jnetns.uapi.LinuxIfLink.IFF_UP;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_AF_SPEC;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_CARRIER_DOWN_COUNT;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_CARRIER_UP_COUNT;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_STATS;

import dev.jnetns.kind.LinkData;
import dev.jnetns.kind.Tun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network device as the kernel reports it ({@code ip link show}), every attribute of its
 * RTM_NEWLINK message included. Immutable. Numbers the kernel did not send are -1;
 * {@link #masterIndex()} and {@link #linkIndex()} are 0 when absent.
 *
 * @param index ifindex
 * @param name ifname
 * @param flags the IFF_* bits (see {@link #flagNames()})
 * @param mtu the MTU
 * @param qdisc the root qdisc's kind, e.g. "noqueue"
 * @param operState RFC 2863 operational state code (see {@link #operStateName()})
 * @param linkMode link mode code (0 default, 1 dormant)
 * @param group the device group
 * @param txQueueLen the transmit queue length
 * @param type the ARPHRD_* hardware type (see {@link #typeName()})
 * @param address the hardware address as {@code ip} prints it, or null
 * @param broadcast the broadcast address as {@code ip} prints it, or null
 * @param masterIndex the master device's ifindex (a bridge, say), 0 when none; in a request, -1 detaches
 *     the device from its master ({@code ip link set DEV nomaster})
 * @param linkIndex the ifindex of the device this one is tied to (veth peer, macvlan parent), 0 when none
 * @param linkNetnsId the nsid of the namespace {@code linkIndex} lives in, -1 when the same
 * @param alias the alias, or null
 * @param info the kind and its data, and the port data when enslaved (IFLA_LINKINFO), or null
 * @param details what {@code ip -d link show} adds
 * @param stats the traffic counters {@code ip -s link show} prints, or null when the kernel sent none
 * @param family ifi_family (0, or AF_BRIDGE for a bridge's view of its ports)
 * @param change ifi_change: in a request, the flag bits to change
 * @param netnsFd in a request, the namespace to move the device to (IFLA_NET_NS_FD), -1 otherwise
 * @param netnsPid in a request, the process whose namespace to move it to (IFLA_NET_NS_PID), -1 otherwise
 * @param raw what the message held beyond these fields (see {@link RawAttributes})
 */
public record Link(int index, String name, int flags, int mtu, String qdisc, int operState, int linkMode,
                   int group, int txQueueLen, int type, String address, String broadcast, int masterIndex,
                   int linkIndex, int linkNetnsId, String alias, Info info, Details details, Stats stats,
                   int family, int change, int netnsFd, int netnsPid, RawAttributes raw) {

    /**
     * IFLA_LINKINFO: what kind of device this is and its kind's data, and, for a port of a master
     * (a bridge port), the master's kind and the port's data.
     *
     * @param kind IFLA_INFO_KIND ("veth", "bridge" …), or null
     * @param data IFLA_INFO_DATA as the kind's record, or null when the kernel sent none
     * @param slaveKind IFLA_INFO_SLAVE_KIND: the master's kind ("bridge"), or null
     * @param portData IFLA_INFO_SLAVE_DATA as the port kind's record, or null
     * @param raw the nest's other attributes (IFLA_INFO_XSTATS …) and layout
     */
    public record Info(String kind, LinkData data, String slaveKind, LinkData portData, RawAttributes raw) {
        /** This linkinfo without the kind's and the port's running timers. */
        Info withoutTimers() {
            return new Info(kind, data == null ? null : data.withoutTimers(), slaveKind,
                    portData == null ? null : portData.withoutTimers(), raw);
        }
    }

    /**
     * What {@code ip -d link show} prints of every device besides its kind; -1 (or null) where the
     * kernel sent nothing. {@code addrGenMode}, {@code altNames} and {@code protoDownReason} are read
     * from attributes the record keeps whole in {@link Link#raw()} (IFLA_AF_SPEC, IFLA_PROP_LIST,
     * IFLA_PROTO_DOWN_REASON), so they are written back exactly as they came.
     *
     * @param promiscuity how many users asked for promiscuous mode
     * @param allmulti how many users asked for all-multicast mode
     * @param minMtu the smallest MTU the device takes
     * @param maxMtu the largest MTU the device takes
     * @param addrGenMode how IPv6 link-local addresses are made (0 eui64, 1 none, 2 stable_secret, 3 random)
     * @param numTxQueues transmit queues
     * @param numRxQueues receive queues
     * @param gsoMaxSize largest GSO packet
     * @param gsoMaxSegs most segments of a GSO packet
     * @param tsoMaxSize largest TSO packet
     * @param tsoMaxSegs most segments of a TSO packet
     * @param groMaxSize largest GRO packet
     * @param permAddress the permanent hardware address (IFLA_PERM_ADDRESS), or null
     * @param altNames alternative names (IFLA_PROP_LIST), empty when none
     * @param physPortName IFLA_PHYS_PORT_NAME, or null
     * @param physPortId IFLA_PHYS_PORT_ID in hex, or null
     * @param physSwitchId IFLA_PHYS_SWITCH_ID in hex, or null
     * @param parentBus IFLA_PARENT_DEV_BUS_NAME, or null
     * @param parentDev IFLA_PARENT_DEV_NAME, or null
     * @param protoDown IFLA_PROTO_DOWN (1: held down by a protocol)
     * @param protoDownReason the reason bits of IFLA_PROTO_DOWN_REASON
     * @param carrierChanges IFLA_CARRIER_CHANGES
     * @param event IFLA_EVENT of a notification (IFLA_EVENT_*)
     * @param newNetnsId IFLA_NEW_NETNSID of a notification: the nsid the device moved to
     * @param newIfindex IFLA_NEW_IFINDEX of a notification: its ifindex there
     */
    public record Details(int promiscuity, int allmulti, int minMtu, int maxMtu, int addrGenMode, int numTxQueues,
                          int numRxQueues, int gsoMaxSize, int gsoMaxSegs, int tsoMaxSize, int tsoMaxSegs,
                          int groMaxSize, String permAddress, List<String> altNames, String physPortName,
                          String physPortId, String physSwitchId, String parentBus, String parentDev, int protoDown,
                          long protoDownReason, long carrierChanges, int event, int newNetnsId, int newIfindex) {
        /** No details: a device in a request. */
        public static final Details NONE = new Details(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, null, List.of(),
                null, null, null, null, null, -1, -1, -1, -1, -1, -1);

        private static final String[] ADDR_GEN_MODES = {"eui64", "none", "stable_secret", "random"};

        /** These details without the carrier-change count, which moves on its own. */
        Details withoutCounters() {
            return new Details(promiscuity, allmulti, minMtu, maxMtu, addrGenMode, numTxQueues, numRxQueues,
                    gsoMaxSize, gsoMaxSegs, tsoMaxSize, tsoMaxSegs, groMaxSize, permAddress, altNames, physPortName,
                    physPortId, physSwitchId, parentBus, parentDev, protoDown, protoDownReason, -1, event, newNetnsId,
                    newIfindex);
        }

        /**
         * The code of an IPv6 address generation mode named as {@code ip link set DEV addrgenmode MODE}
         * names it (any case, as ip compares): 0 eui64, 1 none, 2 stable_secret, 3 random; -1 for another word.
         */
        static int addrGenModeCode(String name) {
            return indexIgnoringCase(ADDR_GEN_MODES, name);
        }

        /**
         * These details with the queue counts and packet sizes of a request (-1: absent):
         * IFLA_NUM_TX_QUEUES, IFLA_NUM_RX_QUEUES, IFLA_GSO_MAX_SIZE, IFLA_GSO_MAX_SEGS, IFLA_GRO_MAX_SIZE.
         */
        Details withSizes(int numTxQueues, int numRxQueues, int gsoMaxSize, int gsoMaxSegs, int groMaxSize) {
            return new Details(promiscuity, allmulti, minMtu, maxMtu, addrGenMode, numTxQueues, numRxQueues,
                    gsoMaxSize, gsoMaxSegs, tsoMaxSize, tsoMaxSegs, groMaxSize, permAddress, altNames, physPortName,
                    physPortId, physSwitchId, parentBus, parentDev, protoDown, protoDownReason, carrierChanges, event,
                    newNetnsId, newIfindex);
        }

        /** These details with IFLA_PROTO_DOWN {@code protoDown} (-1: absent). */
        Details withProtoDown(int protoDown) {
            return new Details(promiscuity, allmulti, minMtu, maxMtu, addrGenMode, numTxQueues, numRxQueues,
                    gsoMaxSize, gsoMaxSegs, tsoMaxSize, tsoMaxSegs, groMaxSize, permAddress, altNames, physPortName,
                    physPortId, physSwitchId, parentBus, parentDev, protoDown, protoDownReason, carrierChanges, event,
                    newNetnsId, newIfindex);
        }

        /** {@return the IPv6 address generation mode as ip names it ("eui64" …), or null when absent} */
        public String addrGenModeName() {
            return addrGenModeName(addrGenMode);
        }

        /** The name of address generation mode {@code code} as ip prints it; null for -1. */
        static String addrGenModeName(int code) {
            if (code < 0) {
                return null;
            }
            return code < ADDR_GEN_MODES.length ? ADDR_GEN_MODES[code] : String.format("%#04x", code);
        }
    }

    /**
     * The kernel's {@code struct rtnl_link_stats64} (IFLA_STATS64), counter for counter; counters a
     * kernel did not send read 0. Equal when the counters are.
     */
    public static final class Stats {
        private final long[] c;

        /**
         * The counters in the struct's order, as many as the kernel sent.
         *
         * @param counters the counters, in struct rtnl_link_stats64's order
         */
        public Stats(long[] counters) {
            this.c = counters.clone();
        }

        /** {@return how many counters the kernel sent} */
        public int count() {
            return c.length;
        }

        /**
         * Counter {@code i} in the struct's order, 0 when the kernel did not send it.
         *
         * @param i the counter's place in the struct, from 0
         * @return the counter
         */
        public long counter(int i) {
            return i < c.length ? c[i] : 0;
        }

        /** {@return counter {@code rx_packets}, 0 when the kernel did not send it} */
        public long rxPackets() {
            return counter(0);
        }

        /** {@return counter {@code tx_packets}, 0 when the kernel did not send it} */
        public long txPackets() {
            return counter(1);
        }

        /** {@return counter {@code rx_bytes}, 0 when the kernel did not send it} */
        public long rxBytes() {
            return counter(2);
        }

        /** {@return counter {@code tx_bytes}, 0 when the kernel did not send it} */
        public long txBytes() {
            return counter(3);
        }

        /** {@return counter {@code rx_errors}, 0 when the kernel did not send it} */
        public long rxErrors() {
            return counter(4);
        }

        /** {@return counter {@code tx_errors}, 0 when the kernel did not send it} */
        public long txErrors() {
            return counter(5);
        }

        /** {@return counter {@code rx_dropped}, 0 when the kernel did not send it} */
        public long rxDropped() {
            return counter(6);
        }

        /** {@return counter {@code tx_dropped}, 0 when the kernel did not send it} */
        public long txDropped() {
            return counter(7);
        }

        /** {@return counter {@code multicast}, 0 when the kernel did not send it} */
        public long multicast() {
            return counter(8);
        }

        /** {@return counter {@code collisions}, 0 when the kernel did not send it} */
        public long collisions() {
            return counter(9);
        }

        /** {@return counter {@code rx_length_errors}, 0 when the kernel did not send it} */
        public long rxLengthErrors() {
            return counter(10);
        }

        /** {@return counter {@code rx_over_errors}, 0 when the kernel did not send it} */
        public long rxOverErrors() {
            return counter(11);
        }

        /** {@return counter {@code rx_crc_errors}, 0 when the kernel did not send it} */
        public long rxCrcErrors() {
            return counter(12);
        }

        /** {@return counter {@code rx_frame_errors}, 0 when the kernel did not send it} */
        public long rxFrameErrors() {
            return counter(13);
        }

        /** {@return counter {@code rx_fifo_errors}, 0 when the kernel did not send it} */
        public long rxFifoErrors() {
            return counter(14);
        }

        /** {@return counter {@code rx_missed_errors}, 0 when the kernel did not send it} */
        public long rxMissedErrors() {
            return counter(15);
        }

        /** {@return counter {@code tx_aborted_errors}, 0 when the kernel did not send it} */
        public long txAbortedErrors() {
            return counter(16);
        }

        /** {@return counter {@code tx_carrier_errors}, 0 when the kernel did not send it} */
        public long txCarrierErrors() {
            return counter(17);
        }

        /** {@return counter {@code tx_fifo_errors}, 0 when the kernel did not send it} */
        public long txFifoErrors() {
            return counter(18);
        }

        /** {@return counter {@code tx_heartbeat_errors}, 0 when the kernel did not send it} */
        public long txHeartbeatErrors() {
            return counter(19);
        }

        /** {@return counter {@code tx_window_errors}, 0 when the kernel did not send it} */
        public long txWindowErrors() {
            return counter(20);
        }

        /** {@return counter {@code rx_compressed}, 0 when the kernel did not send it} */
        public long rxCompressed() {
            return counter(21);
        }

        /** {@return counter {@code tx_compressed}, 0 when the kernel did not send it} */
        public long txCompressed() {
            return counter(22);
        }

        /** {@return counter {@code rx_nohandler}, 0 when the kernel did not send it} */
        public long rxNohandler() {
            return counter(23);
        }

        /** {@return counter {@code rx_otherhost_dropped}, 0 when the kernel did not send it} */
        public long rxOtherhostDropped() {
            return counter(24);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stats s && Arrays.equals(s.c, c);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(c);
        }

        @Override
        public String toString() {
            return "RX " + rxBytes() + " bytes " + rxPackets() + " packets, TX " + txBytes() + " bytes "
                    + txPackets() + " packets";
        }
    }

    private static final String[] OPER_STATES = {
        "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"};

    /** IFF_* bits in the order {@code ip link show} prints them. */
    private static final int[] FLAG_BITS = {
        IFF_LOOPBACK, IFF_BROADCAST, IFF_POINTOPOINT, IFF_MULTICAST, IFF_NOARP, IFF_ALLMULTI, IFF_PROMISC,
        IFF_MASTER, IFF_SLAVE, IFF_DEBUG, IFF_DYNAMIC, IFF_AUTOMEDIA, IFF_PORTSEL, IFF_NOTRAILERS, IFF_UP,
        IFF_LOWER_UP, IFF_DORMANT, IFF_ECHO};
    private static final String[] FLAG_NAMES = {
        "LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "MASTER",
        "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO"};

    /** {@return the kind ("veth", "bridge" …), or null for a device without one} */
    public String kind() {
        return info == null ? null : info.kind();
    }

    /** {@return the kind of the master this device is a port of ("bridge"), or null} */
    public String slaveKind() {
        return info == null ? null : info.slaveKind();
    }

    /** {@return the kind's data, or null} */
    public LinkData data() {
        return info == null ? null : info.data();
    }

    /** {@return the port's data on its master, or null} */
    public LinkData portData() {
        return info == null ? null : info.portData();
    }

    /**
     * {@return this link without the values that move on their own (traffic counters, the carrier-change
     * count, a bridge's and a port's running timers, a port's multicast group counts, the attributes kept
     * whole that carry counters): what states compared for real changes (the monitor's) look at}
     */
    public Link withoutStats() {
        return new Link(index, name, flags, mtu, qdisc, operState, linkMode, group, txQueueLen, type, address,
                broadcast, masterIndex, linkIndex, linkNetnsId, alias, info == null ? null : info.withoutTimers(),
                details.withoutCounters(), null, family, change, netnsFd, netnsPid, raw.without(VOLATILE));
    }

    /** Kept whole and moving with traffic or time: the 32-bit counters, IPv6's counters, carrier counts. */
    private static final int[] VOLATILE = {IFLA_STATS, IFLA_AF_SPEC, IFLA_CARRIER_UP_COUNT, IFLA_CARRIER_DOWN_COUNT};

    /** {@return the kind as {@code ip link add ... type} names it: "tap" for a tun device in tap mode} */
    public String createKind() {
        return "tun".equals(kind()) && data() instanceof Tun t && t.type() == 2 ? "tap" : kind();
    }

    /** {@return true when the administrative state is up (IFF_UP)} */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /**
     * {@return the flags as {@code ip link show} lists them, e.g. {@code [BROADCAST, MULTICAST, UP, LOWER_UP]};
     * "NO-CARRIER" first when up but not running, unknown bits last in hex}
     */
    public List<String> flagNames() {
        List<String> out = new ArrayList<>();
        int rest = flags;
        if ((rest & IFF_UP) != 0 && (rest & IFF_RUNNING) == 0) {
            out.add("NO-CARRIER");
        }
        rest &= ~IFF_RUNNING;
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((rest & FLAG_BITS[i]) != 0) {
                rest &= ~FLAG_BITS[i];
                out.add(FLAG_NAMES[i]);
            }
        }
        if (rest != 0) {
            out.add(Integer.toHexString(rest));
        }
        return out;
    }

    /** {@return "UP", "DOWN", "UNKNOWN" … as {@code ip} prints the operational state; null when unknown to ip} */
    public String operStateName() {
        return operStateName(operState);
    }

    /** The name of operational state {@code code} as ip prints it; null when ip has none. */
    static String operStateName(int code) {
        return code >= 0 && code < OPER_STATES.length ? OPER_STATES[code] : null;
    }

    /**
     * The RFC 2863 code of an operational state named as {@code ip link set DEV state STATE} names it
     * (any case, as ip compares): UNKNOWN 0 … UP 6; -1 for another word.
     */
    static int operStateCode(String name) {
        return indexIgnoringCase(OPER_STATES, name);
    }

    /** The index of {@code name} in {@code names}, compared as C's strcasecmp compares (ASCII letters only). */
    private static int indexIgnoringCase(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].length() == name.length() && names[i].equals(inCaseOf(name, names[i]))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} with each ASCII letter in the case of the same letter of {@code like} (which is all one case). */
    private static String inCaseOf(String s, String like) {
        boolean upper = like.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(upper && c >= 'a' && c <= 'z' ? (char) (c - 32) : !upper && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    /** {@return "DEFAULT" or "DORMANT"; null for other codes} */
    public String linkModeName() {
        return linkMode == 0 ? "DEFAULT" : linkMode == 1 ? "DORMANT" : null;
    }

    /** {@return the hardware type as {@code ip} names it ("ether", "loopback", "none" …)} */
    public String typeName() {
        return dev.jnetns.rtnl.HardwareAddresses.typeName(type);
    }

    /** As the first line of {@code ip link show}: {@code 3: v0: <BROADCAST,MULTICAST,UP> mtu 1500 veth}. */
    @Override
    public String toString() {
        return index + ": " + name + ": <" + String.join(",", flagNames()) + "> mtu " + mtu
                + (kind() != null ? " " + kind() : "") + (address != null ? " " + address : "");
    }
}
