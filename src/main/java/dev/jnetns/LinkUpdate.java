package dev.jnetns;

import static dev.jnetns.uapi.LinuxIfLink.IFF_ALLMULTI;
import static dev.jnetns.uapi.LinuxIfLink.IFF_DYNAMIC;
import static dev.jnetns.uapi.LinuxIfLink.IFF_MULTICAST;
import static dev.jnetns.uapi.LinuxIfLink.IFF_NOARP;
import static dev.jnetns.uapi.LinuxIfLink.IFF_NOTRAILERS;
import static dev.jnetns.uapi.LinuxIfLink.IFF_PROMISC;
import static dev.jnetns.uapi.LinuxIfLink.IFF_UP;

import dev.jnetns.kind.Bridge;
import dev.jnetns.kind.BridgePort;
import dev.jnetns.rtnl.HardwareAddresses;
import dev.jnetns.rtnl.LinkCodec;
import dev.jnetns.uapi.LinuxIfArp;
import dev.jnetns.uapi.LinuxIfLink;

/**
 * Changes to an existing device, sent in one request by {@link Links#set}. Mirrors
 * {@code ip link set DEV up|down promisc|arp|multicast|allmulticast|dynamic|trailers|carrier|protodown on|off
 * mtu N address MAC name NEW master BR|nomaster alias TEXT txqueuelen N netns NS group G state STATE
 * addrgenmode MODE link-netnsid ID broadcast LLADDR numtxqueues N numrxqueues N gso_max_size N gso_max_segs N
 * gro_max_size N xdp off}. The device options of {@code ip link add NAME ... type KIND} are the
 * same words: {@link LinkSpec#with} takes them from an update.
 */
public final class LinkUpdate {

    Boolean up;
    /** IFF_* bits to set ({@link #flags}) among those to change ({@link #flagMask}), up aside. */
    int flags;
    int flagMask;
    Integer mtu;
    byte[] address;
    String newName;
    String master;
    boolean noMaster;
    String alias;
    Integer txQueueLen;
    Netns netns;
    Long netnsPid;
    Integer group;
    /** The IF_OPER_* code of {@code state}, and the addrgenmode's IN6_ADDR_GEN_MODE_* code. */
    Integer operState;
    Boolean carrier;
    Boolean protoDown;
    Integer addrGenMode;
    Integer linkNetnsId;
    byte[] broadcast;
    Integer numTxQueues;
    Integer numRxQueues;
    Integer gsoMaxSize;
    Integer gsoMaxSegs;
    Integer groMaxSize;
    /** The XDP_FLAGS_* of {@code xdp... off}. */
    Integer xdpOffFlags;
    /** {@code type KIND OPTIONS}: the kind and its data or port data to change, or null. */
    Link.Info kindInfo;

    private LinkUpdate() {
    }

    /**
     * An empty update to add changes to.
     *
     * @return the update
     */
    public static LinkUpdate create() {
        return new LinkUpdate();
    }

    /**
     * {@code up}.
     *
     * @return this update
     */
    public LinkUpdate up() {
        up = true;
        return this;
    }

    /**
     * {@code down}.
     *
     * @return this update
     */
    public LinkUpdate down() {
        up = false;
        return this;
    }

    /**
     * {@code promisc on|off}.
     *
     * @param on true for {@code on}, false for {@code off}
     * @return this update
     */
    public LinkUpdate promisc(boolean on) {
        return flag(IFF_PROMISC, on);
    }

    /**
     * {@code arp on|off} (off sets IFF_NOARP).
     *
     * @param on true for {@code on}, false for {@code off}
     * @return this update
     */
    public LinkUpdate arp(boolean on) {
        return flag(IFF_NOARP, !on);
    }

    /**
     * {@code multicast on|off}.
     *
     * @param on true for {@code on}, false for {@code off}
     * @return this update
     */
    public LinkUpdate multicast(boolean on) {
        return flag(IFF_MULTICAST, on);
    }

    /**
     * {@code allmulticast on|off}.
     *
     * @param on true for {@code on}, false for {@code off}
     * @return this update
     */
    public LinkUpdate allmulticast(boolean on) {
        return flag(IFF_ALLMULTI, on);
    }

    /**
     * {@code dynamic on|off} (IFF_DYNAMIC).
     *
     * @param on true for {@code on}, false for {@code off}
     * @return this update
     */
    public LinkUpdate dynamic(boolean on) {
        return flag(IFF_DYNAMIC, on);
    }

    /**
     * {@code trailers on|off} (off sets IFF_NOTRAILERS).
     *
     * @param on true for {@code on}, false for {@code off}
     * @return this update
     */
    public LinkUpdate trailers(boolean on) {
        return flag(IFF_NOTRAILERS, !on);
    }

    private LinkUpdate flag(int bit, boolean set) {
        flagMask |= bit;
        flags = set ? flags | bit : flags & ~bit;
        return this;
    }

    /**
     * {@code mtu MTU}.
     *
     * @param mtu the MTU in bytes
     * @return this update
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkUpdate mtu(long mtu) {
        this.mtu = (int) Ranges.check("mtu", mtu, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * New MAC address, "aa:bb:cc:dd:ee:ff".
     *
     * @param mac the MAC address, "aa:bb:cc:dd:ee:ff"
     * @return this update
     */
    public LinkUpdate address(String mac) {
        this.address = HardwareAddresses.parseMac(mac);
        return this;
    }

    /**
     * New link-layer address as bytes, any length, as ip sends {@code address LLADDR} (ip first
     * checks the length against the device's own; the kernel refuses a wrong one with EINVAL).
     *
     * @param lladdr the address bytes (copied)
     * @return this update
     */
    public LinkUpdate address(byte[] lladdr) {
        this.address = lladdr.clone();
        return this;
    }

    /**
     * New name.
     *
     * @param name the new name
     * @return this update
     */
    public LinkUpdate name(String name) {
        this.newName = Links.checkName(name);
        return this;
    }

    /**
     * Enslaves the device to {@code master} (a bridge, say).
     *
     * @param master the master device's name
     * @return this update
     */
    public LinkUpdate master(String master) {
        this.master = Links.checkName(master);
        this.noMaster = false;
        return this;
    }

    /**
     * Releases the device from its master.
     *
     * @return this update
     */
    public LinkUpdate noMaster() {
        this.master = null;
        this.noMaster = true;
        return this;
    }

    /**
     * {@code alias TEXT}: the device's description.
     *
     * @param alias the description
     * @return this update
     */
    public LinkUpdate alias(String alias) {
        if (alias.length() > 255) {
            throw new IllegalArgumentException("alias longer than 255 characters");
        }
        this.alias = alias;
        return this;
    }

    /**
     * {@code broadcast LLADDR} (IFLA_BROADCAST): the link-layer broadcast address, any length, as
     * ip sends it (the kernel refuses one longer than the device's addresses with EINVAL).
     *
     * @param lladdr the address bytes (copied)
     * @return this update
     */
    public LinkUpdate broadcast(byte[] lladdr) {
        this.broadcast = lladdr.clone();
        return this;
    }

    /**
     * {@code numtxqueues N} (IFLA_NUM_TX_QUEUES): the number of transmit queues a device is made
     * with ({@code ip link add}); ip sends it with {@code link set} too, where the kernel takes it and
     * keeps the count the device was made with.
     *
     * @param queues the number of queues
     * @return this update
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkUpdate numTxQueues(long queues) {
        this.numTxQueues = (int) Ranges.check("numtxqueues", queues, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * {@code numrxqueues N} (IFLA_NUM_RX_QUEUES), as {@link #numTxQueues} for receive queues.
     *
     * @param queues the number of queues
     * @return this update
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkUpdate numRxQueues(long queues) {
        this.numRxQueues = (int) Ranges.check("numrxqueues", queues, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * {@code gso_max_size N} (IFLA_GSO_MAX_SIZE): the largest GSO packet the stack builds for the
     * device; the kernel refuses one under its minimum or above the device's TSO limit.
     *
     * @param bytes the size in bytes
     * @return this update
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkUpdate gsoMaxSize(long bytes) {
        this.gsoMaxSize = (int) Ranges.check("gso_max_size", bytes, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * {@code gso_max_segs N} (IFLA_GSO_MAX_SEGS): the most segments of a GSO packet, 0 to 65535
     * (GSO_MAX_SEGS, as ip checks it).
     *
     * @param segments the number of segments
     * @return this update
     * @throws IllegalArgumentException outside 0..65535
     */
    public LinkUpdate gsoMaxSegs(long segments) {
        this.gsoMaxSegs = (int) Ranges.check("gso_max_segs", segments, 0, 65535);
        return this;
    }

    /**
     * {@code gro_max_size N} (IFLA_GRO_MAX_SIZE): the largest packet GRO builds for the device; the
     * kernel refuses one above its limit.
     *
     * @param bytes the size in bytes
     * @return this update
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkUpdate groMaxSize(long bytes) {
        this.groMaxSize = (int) Ranges.check("gro_max_size", bytes, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * {@code xdp|xdpgeneric|xdpdrv|xdpoffload off} (IFLA_XDP): detaches the device's XDP program of
     * that mode, as ip sends it (program fd -1, XDP_FLAGS_UPDATE_IF_NOEXIST and the mode's flag);
     * nothing attached, the kernel does nothing. Attaching a program is not implemented.
     *
     * @param word {@code xdp} (any mode), {@code xdpgeneric}, {@code xdpdrv} or {@code xdpoffload}
     * @return this update
     * @throws IllegalArgumentException for another word
     */
    public LinkUpdate xdpOff(String word) {
        int mode = switch (word) {
            case "xdp" -> 0;
            case "xdpgeneric" -> LinuxIfLink.XDP_FLAGS_SKB_MODE;
            case "xdpdrv" -> LinuxIfLink.XDP_FLAGS_DRV_MODE;
            case "xdpoffload" -> LinuxIfLink.XDP_FLAGS_HW_MODE;
            default -> throw new IllegalArgumentException("invalid xdp mode \"" + word
                    + "\" (xdp, xdpgeneric, xdpdrv, xdpoffload)");
        };
        this.xdpOffFlags = LinuxIfLink.XDP_FLAGS_UPDATE_IF_NOEXIST | mode;
        return this;
    }

    /**
     * {@code txqueuelen N}.
     *
     * @param len the transmit queue length in packets
     * @return this update
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkUpdate txQueueLen(long len) {
        this.txQueueLen = (int) Ranges.check("txqueuelen", len, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * Moves the device to {@code ns} (addresses and routes are flushed by the kernel).
     *
     * @param ns the namespace to move it to
     * @return this update
     */
    public LinkUpdate netns(Netns ns) {
        this.netns = ns;
        this.netnsPid = null;
        return this;
    }

    /**
     * Moves the device to the namespace of process {@code pid}.
     *
     * @param pid a process in the target namespace
     * @return this update
     * @throws IllegalArgumentException outside 0..2147483647 (a pid_t)
     */
    public LinkUpdate netnsPid(long pid) {
        this.netnsPid = Ranges.check("netns pid", pid, 0, Integer.MAX_VALUE);
        this.netns = null;
        return this;
    }

    /**
     * {@code group G}: the device group.
     *
     * @param group the group number
     * @return this update
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkUpdate group(long group) {
        this.group = (int) Ranges.check("group", group, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * {@code state STATE}: the operational state (IFLA_OPERSTATE), named as ip names it, in any case:
     * UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT or UP. The kernel takes UP and
     * DORMANT (and, from a device that is up, the others as "up" or "dormant").
     *
     * @param state the state's name
     * @return this update
     * @throws IllegalArgumentException for a name ip does not know
     */
    public LinkUpdate operState(String state) {
        int code = Link.operStateCode(state);
        if (code < 0) {
            throw new IllegalArgumentException("Invalid operstate \"" + state + "\"");
        }
        this.operState = code;
        return this;
    }

    /**
     * {@code carrier on|off} (IFLA_CARRIER): for the devices whose driver lets user space set the
     * carrier; others (a veth, say) refuse it with EOPNOTSUPP.
     *
     * @param on true for {@code on}, false for {@code off}
     * @return this update
     */
    public LinkUpdate carrier(boolean on) {
        this.carrier = on;
        return this;
    }

    /**
     * {@code protodown on|off} (IFLA_PROTO_DOWN): hold the device down for a protocol; the kernel
     * refuses it for devices that do not support it ("Protodown not supported by device").
     *
     * @param on true for {@code on}, false for {@code off}
     * @return this update
     */
    public LinkUpdate protoDown(boolean on) {
        this.protoDown = on;
        return this;
    }

    /**
     * {@code addrgenmode eui64|none|stable_secret|random}: how the IPv6 layer makes the device's
     * link-local address (IFLA_INET6_ADDR_GEN_MODE of IFLA_AF_SPEC); {@code none} makes none, as
     * container set-ups ask. Named as ip names it, in any case. The kernel refuses
     * {@code stable_secret} until the device's {@code stable_secret} sysctl is set.
     *
     * @param mode the mode's name
     * @return this update
     * @throws IllegalArgumentException for a name ip does not know
     */
    public LinkUpdate addrGenMode(String mode) {
        int code = Link.Details.addrGenModeCode(mode);
        if (code < 0) {
            throw new IllegalArgumentException("Invalid address generation mode \"" + mode + "\"");
        }
        this.addrGenMode = code;
        return this;
    }

    /**
     * {@code link-netnsid ID}: the nsid of the namespace the device's link ({@code link DEV} of
     * {@code ip link add}) lives in (IFLA_LINK_NETNSID); the kernel refuses an id it does not know
     * ("Unknown network namespace id"). {@code ip link ... link-netns NAME} sends the id
     * {@link Rtnl#nsid} finds for NAME, after {@link Rtnl#setNsid} assigned one where there was none.
     *
     * @param nsid the nsid
     * @return this update
     * @throws IllegalArgumentException for -1, which the link record reads as "none"
     */
    public LinkUpdate linkNetnsId(int nsid) {
        if (nsid == -1) {
            throw new IllegalArgumentException("link-netnsid -1 cannot be sent (the link record reads -1 as none)");
        }
        this.linkNetnsId = nsid;
        return this;
    }

    /**
     * {@code type KIND OPTIONS}: changes to the kind's data, as {@code ip link set DEV type KIND ...}
     * sends them (the kernel takes changes of some attributes only and refuses the others).
     *
     * @param kind the device's kind ("vxlan", "macvlan" …)
     * @param data the attributes to change (-1, false and null ones are not sent), or null to send the kind alone
     * @return this update
     */
    public LinkUpdate kind(String kind, dev.jnetns.kind.LinkData data) {
        this.kindInfo = new Link.Info(kind, data, null, null, RawAttributes.NONE);
        return this;
    }

    /**
     * {@code type bridge [OPTIONS]}: changes the bridge's settings, sent as ip sends them (IFLA_INFO_KIND
     * "bridge" with the options in IFLA_INFO_DATA). Equivalent to: {@code ip link set DEV type bridge
     * forward_delay 500 stp_state 1 ...}. The kernel refuses it (EOPNOTSUPP) for a device that is not a
     * bridge, unless {@code options} is null.
     *
     * @param options the settings to change (absent fields, -1 or null, stay as they are; its raw
     *     attributes' order, when recorded, is the order sent), or null for the kind alone, as ip sends
     *     {@code type bridge} without options
     * @return this update
     */
    public LinkUpdate bridge(Bridge options) {
        return kind("bridge", options);
    }

    /**
     * {@code type bridge_slave [OPTIONS]}: changes the settings of the device as a bridge port, sent as
     * ip sends them (IFLA_INFO_KIND "bridge_slave" with the options in IFLA_INFO_SLAVE_DATA).
     * Equivalent to: {@code ip link set DEV type bridge_slave cost 7 learning off ...}. The kernel
     * refuses it (EOPNOTSUPP) for a device that is not a bridge port, unless {@code options} is null.
     *
     * @param options the port settings to change (absent fields, -1 or null, stay as they are;
     *     {@code backupPort} 0 is {@code nobackup_port}), or null for the kind alone
     * @return this update
     */
    public LinkUpdate bridgePort(BridgePort options) {
        kindInfo = new Link.Info("bridge_slave", null, null, options, RawAttributes.NONE);
        return this;
    }

    /** The {@code ip link set} request for this update of device {@code index}, as a link record. */
    Link request(int index, int masterIndex) {
        return request(index, newName, mtu, address, txQueueLen, netns, 0, masterIndex, kindInfo);
    }

    /**
     * The request for this update as {@code ip link set} or (with {@code name}, the parent's
     * {@code linkIndex}, {@code info} and the spec's own MTU, address, queue length and namespace)
     * {@code ip link add} sends it.
     */
    Link request(int index, String name, Integer mtu, byte[] address, Integer txQueueLen, Netns netns,
                 int linkIndex, int masterIndex, Link.Info info) {
        int setFlags = (Boolean.TRUE.equals(up) ? IFF_UP : 0) | flags;
        int change = (up != null ? IFF_UP : 0) | flagMask;
        Link base = Links.request(index, name, setFlags, change, mtu != null ? mtu : -1,
                address == null ? null : HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, address),
                txQueueLen != null ? txQueueLen : -1, netns != null ? netns.fd() : -1,
                netnsPid != null ? netnsPid.intValue() : -1, linkIndex, noMaster ? -1 : masterIndex,
                alias, group != null ? group : -1, info);
        Link.Details details = Link.Details.NONE.withSizes(orNone(numTxQueues), orNone(numRxQueues), orNone(gsoMaxSize),
                orNone(gsoMaxSegs), orNone(groMaxSize)).withProtoDown(protoDown == null ? -1 : protoDown ? 1 : 0);
        return Links.request(base, broadcast == null ? null : HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, broadcast),
                orNone(operState), orNone(linkNetnsId), details, LinkCodec.requestOnly(carrier == null ? -1 : carrier ? 1 : 0,
                        orNone(xdpOffFlags), orNone(addrGenMode)));
    }

    /** An attribute of a request record: -1 when absent. */
    private static int orNone(Integer v) {
        return v != null ? v : -1;
    }

    /** A copy, for a spec to keep ({@link LinkSpec#with}, {@link LinkSpec#peerWith}). */
    LinkUpdate copy() {
        LinkUpdate c = new LinkUpdate();
        c.txQueueLen = txQueueLen;
        c.up = up;
        c.flags = flags;
        c.flagMask = flagMask;
        c.master = master;
        c.noMaster = noMaster;
        c.alias = alias;
        c.group = group;
        c.operState = operState;
        c.carrier = carrier;
        c.protoDown = protoDown;
        c.addrGenMode = addrGenMode;
        c.linkNetnsId = linkNetnsId;
        c.broadcast = broadcast;
        c.numTxQueues = numTxQueues;
        c.numRxQueues = numRxQueues;
        c.gsoMaxSize = gsoMaxSize;
        c.gsoMaxSegs = gsoMaxSegs;
        c.groMaxSize = groMaxSize;
        c.xdpOffFlags = xdpOffFlags;
        return c;
    }

    /** The changes in {@code ip link set} words, e.g. "up mtu 1400". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (up != null) {
            sb.append(up ? " up" : " down");
        }
        onOff(sb, "promisc", IFF_PROMISC, false);
        onOff(sb, "arp", IFF_NOARP, true);
        onOff(sb, "multicast", IFF_MULTICAST, false);
        onOff(sb, "allmulticast", IFF_ALLMULTI, false);
        onOff(sb, "dynamic", IFF_DYNAMIC, false);
        onOff(sb, "trailers", IFF_NOTRAILERS, true);
        if (mtu != null) {
            sb.append(" mtu ").append(Integer.toUnsignedString(mtu));
        }
        if (address != null) {
            sb.append(" address ").append(HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, address));
        }
        if (newName != null) {
            sb.append(" name ").append(newName);
        }
        if (master != null) {
            sb.append(" master ").append(master);
        }
        if (noMaster) {
            sb.append(" nomaster");
        }
        if (alias != null) {
            sb.append(" alias \"").append(alias).append('"');
        }
        if (txQueueLen != null) {
            sb.append(" txqueuelen ").append(Integer.toUnsignedString(txQueueLen));
        }
        if (netns != null) {
            sb.append(" netns ").append(netns.name() != null ? netns.name() : netns.path());
        }
        if (netnsPid != null) {
            sb.append(" netns ").append(netnsPid);
        }
        if (group != null) {
            sb.append(" group ").append(Integer.toUnsignedString(group));
        }
        if (operState != null) {
            sb.append(" state ").append(Link.operStateName(operState));
        }
        if (carrier != null) {
            sb.append(" carrier ").append(carrier ? "on" : "off");
        }
        if (protoDown != null) {
            sb.append(" protodown ").append(protoDown ? "on" : "off");
        }
        if (addrGenMode != null) {
            sb.append(" addrgenmode ").append(Link.Details.addrGenModeName(addrGenMode));
        }
        if (linkNetnsId != null) {
            sb.append(" link-netnsid ").append(linkNetnsId);
        }
        if (broadcast != null) {
            sb.append(" broadcast ").append(HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, broadcast));
        }
        unsigned(sb, " numtxqueues ", numTxQueues);
        unsigned(sb, " numrxqueues ", numRxQueues);
        unsigned(sb, " gso_max_size ", gsoMaxSize);
        unsigned(sb, " gso_max_segs ", gsoMaxSegs);
        unsigned(sb, " gro_max_size ", groMaxSize);
        if (xdpOffFlags != null) {
            sb.append(xdpOffFlags == (LinuxIfLink.XDP_FLAGS_UPDATE_IF_NOEXIST | LinuxIfLink.XDP_FLAGS_SKB_MODE) ? " xdpgeneric"
                    : xdpOffFlags == (LinuxIfLink.XDP_FLAGS_UPDATE_IF_NOEXIST | LinuxIfLink.XDP_FLAGS_DRV_MODE) ? " xdpdrv"
                    : xdpOffFlags == (LinuxIfLink.XDP_FLAGS_UPDATE_IF_NOEXIST | LinuxIfLink.XDP_FLAGS_HW_MODE) ? " xdpoffload"
                    : " xdp").append(" off");
        }
        if (kindInfo != null) {
            sb.append(" type ").append(kindInfo.kind());
        }
        return sb.toString().trim();
    }

    private static void unsigned(StringBuilder sb, String word, Integer v) {
        if (v != null) {
            sb.append(word).append(Integer.toUnsignedString(v));
        }
    }

    private void onOff(StringBuilder sb, String word, int bit, boolean inverted) {
        if ((flagMask & bit) != 0) {
            sb.append(' ').append(word).append(((flags & bit) != 0) != inverted ? " on" : " off");
        }
    }
}
