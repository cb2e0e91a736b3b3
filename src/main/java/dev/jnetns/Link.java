package dev.jnetns;

import dev.jnetns.rtnl.LinkMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A network device as the kernel reports it ({@code ip link show}). Immutable. Numeric fields the
 * kernel did not send are -1; {@link #masterIndex()} and {@link #linkIndex()} are 0 when absent.
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
 * @param masterIndex the master device's ifindex (a bridge, say), 0 when none
 * @param linkIndex the ifindex of the device this one is tied to (veth peer, macvlan parent), 0 when none
 * @param linkNetnsId the nsid of the namespace {@code linkIndex} lives in, -1 when the same
 * @param alias the alias, or null
 * @param kind the linkinfo kind ("veth", "bridge" …), or null for devices without one
 * @param slaveKind the kind of the master this device is enslaved to ("bridge"), or null
 * @param info what jnetns reads of the kind's own data (macvlan mode, vxlan id …)
 * @param details the counters and limits {@code ip -d link show} adds
 * @param stats the traffic counters {@code ip -s link show} prints, or null when the kernel sent none
 */
public record Link(int index, String name, int flags, int mtu, String qdisc, int operState, int linkMode,
                   int group, int txQueueLen, int type, String address, String broadcast, int masterIndex,
                   int linkIndex, int linkNetnsId, String alias, String kind, String slaveKind, Info info,
                   Details details, Stats stats) {

    /**
     * The kernel's {@code struct rtnl_link_stats64} (IFLA_STATS64), field for field, and
     * IFLA_CARRIER_CHANGES (-1 when absent).
     */
    public record Stats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
                        long rxDropped, long txDropped, long multicast, long collisions, long rxLengthErrors,
                        long rxOverErrors, long rxCrcErrors, long rxFrameErrors, long rxFifoErrors,
                        long rxMissedErrors, long txAbortedErrors, long txCarrierErrors, long txFifoErrors,
                        long txHeartbeatErrors, long txWindowErrors, long rxCompressed, long txCompressed,
                        long rxNohandler, long carrierChanges) {
        static Stats of(long[] c, int carrierChanges) {
            if (c == null) {
                return null;
            }
            long[] v = java.util.Arrays.copyOf(c, 24);   // counters an older kernel did not send are 0
            return new Stats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                    v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], carrierChanges);
        }
    }

    /**
     * What {@code ip -d link show} prints of every device besides its kind; -1 where the kernel
     * sent nothing.
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
     */
    public record Details(int promiscuity, int allmulti, int minMtu, int maxMtu, int addrGenMode, int numTxQueues,
                          int numRxQueues, int gsoMaxSize, int gsoMaxSegs, int tsoMaxSize, int tsoMaxSegs,
                          int groMaxSize) {
        private static final String[] ADDR_GEN_MODES = {"eui64", "none", "stable_secret", "random"};

        /** The IPv6 address generation mode as ip names it ("eui64" …), or null when absent. */
        public String addrGenModeName() {
            if (addrGenMode < 0) {
                return null;
            }
            return addrGenMode < ADDR_GEN_MODES.length ? ADDR_GEN_MODES[addrGenMode]
                    : String.format("%#04x", addrGenMode);
        }
    }

    /**
     * The kind-specific data (IFLA_INFO_DATA) jnetns decodes; -1 (0 for {@code vxlanLink}) where it
     * does not apply.
     *
     * @param macvlanMode MACVLAN_MODE_* of a macvlan or macvtap (1 private, 2 vepa, 4 bridge, 8 passthru)
     * @param macvlanFlags MACVLAN_FLAG_* of a macvlan or macvtap (1 nopromisc, 2 nodst), 0 otherwise
     * @param bcQueueLen the broadcast queue length a macvlan asked for
     * @param usedBcQueueLen the broadcast queue length a macvlan's parent uses
     * @param vxlanId the VNI of a vxlan
     * @param vxlanPort the UDP port of a vxlan
     * @param vxlanLink ifindex of a vxlan's underlay device
     * @param tunType 1 tun, 2 tap
     * @param tun the rest of a tun or tap device's data, null for other kinds
     */
    public record Info(int macvlanMode, int macvlanFlags, int bcQueueLen, int usedBcQueueLen, int vxlanId,
                       int vxlanPort, int vxlanLink, int tunType, Tun tun) {
        /** No kind data. */
        public static final Info NONE = new Info(-1, 0, -1, -1, -1, -1, 0, -1, null);
    }

    /**
     * A tun or tap device's settings (IFLA_TUN_*); each -1 when the kernel did not send it.
     *
     * @param pi 1 when packets carry the packet-information header
     * @param vnetHdr 1 when packets carry a virtio-net header
     * @param persist 1 when the device outlives its file descriptors
     * @param multiQueue 1 for a multi-queue device
     * @param numQueues attached queues of a multi-queue device
     * @param numDisabledQueues disabled queues of a multi-queue device
     * @param owner the uid allowed to attach
     * @param group the gid allowed to attach
     */
    public record Tun(int pi, int vnetHdr, int persist, int multiQueue, long numQueues, long numDisabledQueues,
                      long owner, long group) {
    }

    private static final String[] OPER_STATES = {
        "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"};

    /** IFF_* bits in the order {@code ip link show} prints them. */
    private static final int[] FLAG_BITS = {
        0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800, 0x4, 0x8000, 0x4000, 0x2000, 0x20,
        0x1, 0x10000, 0x20000, 0x40000};
    private static final String[] FLAG_NAMES = {
        "LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "MASTER",
        "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO"};
    private static final int IFF_UP = 0x1;
    private static final int IFF_RUNNING = 0x40;

    static Link of(LinkMessage m) {
        return new Link(m.index(), m.name(), m.flags(), m.mtu(), m.qdisc(), m.operState(), m.linkMode(),
                m.group(), m.txQueueLen(), m.type(), HardwareAddresses.format(m.type(), m.address()),
                HardwareAddresses.format(m.type(), m.broadcast()), m.master(), m.link(), m.linkNetnsId(),
                m.alias(), m.kind(), m.slaveKind(),
                new Info(m.macvlanMode(), m.macvlanFlags(), m.macvlanBcQueueLen(), m.macvlanUsedBcQueueLen(),
                        m.vxlanId(), m.vxlanPort(), m.vxlanLink(), m.tunType(), tun(m.tun())),
                new Details(m.promiscuity(), m.allmulti(), m.minMtu(), m.maxMtu(), m.addrGenMode(), m.numTxQueues(),
                        m.numRxQueues(), m.gsoMaxSize(), m.gsoMaxSegs(), m.tsoMaxSize(), m.tsoMaxSegs(),
                        m.groMaxSize()),
                Stats.of(m.stats64(), m.carrierChanges()));
    }

    private static Tun tun(long[] t) {
        return t == null ? null : new Tun((int) t[0], (int) t[1], (int) t[2], (int) t[3], t[4], t[5], t[6], t[7]);
    }

    /**
     * This link with {@link #stats()} null: counters move with every packet, so states compared for
     * real changes (the monitor's) leave them out.
     */
    public Link withoutStats() {
        return stats == null ? this : new Link(index, name, flags, mtu, qdisc, operState, linkMode, group, txQueueLen,
                type, address, broadcast, masterIndex, linkIndex, linkNetnsId, alias, kind, slaveKind, info, details,
                null);
    }

    /** The kind as {@code ip link add ... type} names it: "tap" for a tun device in tap mode. */
    public String createKind() {
        return "tun".equals(kind) && info.tunType() == 2 ? "tap" : kind;
    }

    /** The macvlan mode's name ("bridge", "private" …), or null. */
    public String macvlanModeName() {
        switch (info.macvlanMode()) {
            case 1: return "private";
            case 2: return "vepa";
            case 4: return "bridge";
            case 8: return "passthru";
            case 16: return "source";
            default: return null;
        }
    }

    /** True when the administrative state is up (IFF_UP). */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /**
     * The flags as {@code ip link show} lists them, e.g. {@code [BROADCAST, MULTICAST, UP, LOWER_UP]};
     * "NO-CARRIER" first when up but not running, unknown bits last in hex.
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

    /** "UP", "DOWN", "UNKNOWN" … as {@code ip} prints the operational state; null when unknown to ip. */
    public String operStateName() {
        return operState >= 0 && operState < OPER_STATES.length ? OPER_STATES[operState] : null;
    }

    /** "DEFAULT" or "DORMANT"; null for other codes. */
    public String linkModeName() {
        return linkMode == 0 ? "DEFAULT" : linkMode == 1 ? "DORMANT" : null;
    }

    /** The hardware type as {@code ip} names it ("ether", "loopback", "none" …). */
    public String typeName() {
        return HardwareAddresses.typeName(type);
    }
}
