package dev.jnetns;

import dev.jnetns.kind.Bond;
import dev.jnetns.kind.Bridge;
import dev.jnetns.kind.Ipvlan;
import dev.jnetns.kind.LinkData;
import dev.jnetns.kind.Macvlan;
import dev.jnetns.kind.Veth;
import dev.jnetns.kind.Vlan;
import dev.jnetns.kind.Vxlan;
import dev.jnetns.rtnl.HardwareAddresses;
import dev.jnetns.uapi.LinuxIfArp;
import dev.jnetns.uapi.LinuxIpvlan;
import dev.jnetns.uapi.LinuxMacvlan;
import java.net.InetAddress;
import java.util.Locale;

/**
 * What to create with {@link Links#add}: a device name, its kind and the kind's options, plus
 * common attributes (MTU, MAC, queue length, target namespace). Mirrors {@code ip link add}.
 *
 * <pre>{@code
 * LinkSpec.veth("v0", "v1").mtu(1400).peerNetns(other)   // ip link add v0 mtu 1400 type veth peer name v1 netns OTHER
 * LinkSpec.macvlan("mv0", "eth0", "bridge")               // ip link add mv0 link eth0 type macvlan mode bridge
 * }</pre>
 */
public final class LinkSpec {
    final String name;
    final String kind;
    Integer mtu;
    byte[] address;
    Integer txQueueLen;
    int index;
    Netns netns;
    String parent;
    // veth
    String peerName;
    Netns peerNetns;
    Integer peerMtu;
    byte[] peerAddress;
    // macvlan / macvtap / ipvlan / bond / vlan
    int mode;
    int vlanId;
    // vxlan
    int vni;
    Integer port;
    InetAddress remote;
    InetAddress local;
    String vxlanDev;
    Integer ttl;
    Boolean learning;
    /** {@link #ofKind}: the kind alone, without the data its own factory would send. */
    boolean alone;
    /** The kind's data as given whole ({@link #of}): sent instead of the spec's own kind options. */
    LinkData data;
    boolean dataGiven;
    /** The device options of {@link #with}, or null. */
    LinkUpdate device;
    /** veth: the peer's device options ({@link #peerWith}), or null. */
    LinkUpdate peerDevice;
    /** bridge: its options ({@link #bridge}), or null. */
    Bridge bridge;

    private LinkSpec(String name, String kind) {
        this.name = Links.checkName(name);
        this.kind = kind;
    }

    /**
     * {@code ip link add NAME type veth peer name PEER}; with a null {@code peer},
     * {@code ip link add NAME type veth}: the kernel names the peer (the first free veth0, veth1 ...).
     *
     * @param name the device's name
     * @param peer the peer's name, or null for the kernel's choice
     * @return the spec
     */
    public static LinkSpec veth(String name, String peer) {
        LinkSpec s = new LinkSpec(name, "veth");
        s.peerName = peer == null ? null : Links.checkName(peer);
        return s;
    }

    /**
     * {@code ip link add NAME type KIND} for any kind the kernel may know (wireguard, nlmon, vcan …),
     * sent as ip sends a kind it has no options for: the kind alone, also for a kind that has a
     * factory here (a vlan without its id, a macvlan without its parent: what the kernel answers
     * to that). The kernel refuses kinds it lacks with EOPNOTSUPP ("Unknown device type").
     *
     * @param name the device's name
     * @param kind the kind, as {@code ip link add ... type} names it
     * @return the spec
     * @throws IllegalArgumentException for a kind that is empty or not printable ASCII without spaces
     */
    public static LinkSpec ofKind(String name, String kind) {
        if (kind.isEmpty() || !kind.chars().allMatch(c -> c > ' ' && c < 127 && c != '/')) {
            throw new IllegalArgumentException("invalid link kind \"" + kind + "\"");
        }
        LinkSpec s = new LinkSpec(name, kind);
        s.alone = true;
        return s;
    }

    /**
     * {@code ip link add NAME [link PARENT] type KIND OPTIONS} with the kind's data whole, as a parser
     * of ip's options builds it (a {@link Vxlan}, a {@link Macvlan} …): every attribute the record
     * holds is sent (-1, false and null ones are not); a null {@code data} sends the kind alone, as
     * ip does when no word follows {@code type KIND}.
     *
     * @param name the device's name
     * @param kind the kind
     * @param parent the parent device's name ({@code link PARENT}), or null
     * @param data the kind's data, or null
     * @return the spec
     */
    public static LinkSpec of(String name, String kind, String parent, LinkData data) {
        LinkSpec s = ofKind(name, kind);
        s.parent = parent == null ? null : Links.checkName(parent);
        s.data = data;
        s.dataGiven = true;
        return s;
    }

    /**
     * {@code ip link add NAME type bridge [OPTIONS]}: a bridge with its settings (forward_delay,
     * stp_state, vlan_filtering ...) sent in IFLA_INFO_DATA as ip sends them.
     *
     * @param name the bridge's name
     * @param options the settings to send (absent fields, -1 or null, are the kernel's defaults; its raw
     *     attributes' order, when recorded, is the order sent), or null for the kind alone
     * @return the spec
     */
    public static LinkSpec bridge(String name, Bridge options) {
        LinkSpec s = new LinkSpec(name, "bridge");
        s.bridge = options;
        return s;
    }

    /**
     * {@code ip link add NAME type bridge}.
     *
     * @param name the device's name
     * @return the spec
     */
    public static LinkSpec bridge(String name) {
        return new LinkSpec(name, "bridge");
    }

    /**
     * {@code ip link add NAME type ifb}.
     *
     * @param name the device's name
     * @return the spec
     */
    public static LinkSpec ifb(String name) {
        return new LinkSpec(name, "ifb");
    }

    /**
     * {@code ip link add NAME type dummy}.
     *
     * @param name the device's name
     * @return the spec
     */
    public static LinkSpec dummy(String name) {
        return new LinkSpec(name, "dummy");
    }

    /**
     * {@code ip link add NAME link PARENT type macvlan mode MODE} (private, vepa, bridge, passthru, source).
     *
     * @param name the device's name
     * @param parent the parent device's name
     * @param mode {@code private}, {@code vepa}, {@code bridge}, {@code passthru} or {@code source}
     * @return the spec
     */
    public static LinkSpec macvlan(String name, String parent, String mode) {
        return child(name, "macvlan", parent, macvlanMode(mode));
    }

    /**
     * {@code ip link add NAME link PARENT type macvtap mode MODE}.
     *
     * @param name the device's name
     * @param parent the parent device's name
     * @param mode {@code private}, {@code vepa}, {@code bridge}, {@code passthru} or {@code source}
     * @return the spec
     */
    public static LinkSpec macvtap(String name, String parent, String mode) {
        return child(name, "macvtap", parent, macvlanMode(mode));
    }

    /**
     * {@code ip link add link PARENT name NAME type vlan id ID}.
     *
     * @param name the device's name
     * @param parent the parent device's name
     * @param id the VLAN id, 0..4094
     * @return the spec
     */
    public static LinkSpec vlan(String name, String parent, int id) {
        if (id < 0 || id > 4094) {
            throw new IllegalArgumentException("invalid vlan id " + id + " (0..4094)");
        }
        LinkSpec s = child(name, "vlan", parent, 0);
        s.vlanId = id;
        return s;
    }

    /**
     * {@code ip link add link PARENT name NAME type ipvlan mode l2|l3|l3s}.
     *
     * @param name the device's name
     * @param parent the parent device's name
     * @param mode {@code l2}, {@code l3} or {@code l3s}
     * @return the spec
     */
    public static LinkSpec ipvlan(String name, String parent, String mode) {
        int m;
        switch (mode) {
            case "l2": m = LinuxIpvlan.IPVLAN_MODE_L2; break;
            case "l3": m = LinuxIpvlan.IPVLAN_MODE_L3; break;
            case "l3s": m = LinuxIpvlan.IPVLAN_MODE_L3S; break;
            default: throw new IllegalArgumentException("invalid ipvlan mode \"" + mode + "\" (l2, l3, l3s)");
        }
        return child(name, "ipvlan", parent, m);
    }

    /**
     * {@code ip link add NAME type bond mode MODE} (balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb).
     *
     * @param name the device's name
     * @param mode the mode's name, as ip spells it
     * @return the spec
     */
    public static LinkSpec bond(String name, String mode) {
        int m = Bond.mode(mode);
        if (m < 0) {
            throw new IllegalArgumentException("invalid bond mode \"" + mode + "\"");
        }
        LinkSpec s = new LinkSpec(name, "bond");
        s.mode = m;
        return s;
    }

    /**
     * {@code ip link add NAME type vxlan id VNI}.
     *
     * @param name the device's name
     * @param vni the VXLAN network identifier, 0..16777215
     * @return the spec
     */
    public static LinkSpec vxlan(String name, int vni) {
        if (vni < 0 || vni >= 1 << 24) {
            throw new IllegalArgumentException("invalid vxlan id " + vni + " (0..16777215)");
        }
        LinkSpec s = new LinkSpec(name, "vxlan");
        s.vni = vni;
        return s;
    }

    /**
     * {@code ip tuntap add NAME mode tap}.
     *
     * @param name the device's name
     * @return the spec
     */
    public static LinkSpec tap(String name) {
        return new LinkSpec(name, "tap");
    }

    /**
     * {@code ip tuntap add NAME mode tun}.
     *
     * @param name the device's name
     * @return the spec
     */
    public static LinkSpec tun(String name) {
        return new LinkSpec(name, "tun");
    }

    private static LinkSpec child(String name, String kind, String parent, int mode) {
        LinkSpec s = new LinkSpec(name, kind);
        s.parent = Links.checkName(parent);
        s.mode = mode;
        return s;
    }

    static int macvlanMode(String mode) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "private": return LinuxMacvlan.MACVLAN_MODE_PRIVATE;
            case "vepa": return LinuxMacvlan.MACVLAN_MODE_VEPA;
            case "bridge": return LinuxMacvlan.MACVLAN_MODE_BRIDGE;
            case "passthru": return LinuxMacvlan.MACVLAN_MODE_PASSTHRU;
            case "source": return LinuxMacvlan.MACVLAN_MODE_SOURCE;
            default: throw new IllegalArgumentException("invalid macvlan mode \"" + mode + "\" (private, vepa, bridge, passthru, source)");
        }
    }

    /** {@return the device name} */
    public String name() {
        return name;
    }

    /** {@return the kind ("veth", "bridge", "tap" …)} */
    public String kind() {
        return kind;
    }

    /** {@return the veth peer's name, or null} */
    public String peerName() {
        return peerName;
    }

    /**
     * {@code mtu MTU}.
     *
     * @param mtu the MTU in bytes
     * @return this spec
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkSpec mtu(long mtu) {
        this.mtu = (int) Ranges.check("mtu", mtu, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * The MAC address, "aa:bb:cc:dd:ee:ff".
     *
     * @param mac the MAC address, "aa:bb:cc:dd:ee:ff"
     * @return this spec
     */
    public LinkSpec address(String mac) {
        this.address = HardwareAddresses.parseMac(mac);
        return this;
    }

    /**
     * The link-layer address as bytes, any length, as ip sends {@code address LLADDR}: the kernel
     * refuses a length that does not fit the device type (EINVAL).
     *
     * @param lladdr the address bytes (copied)
     * @return this spec
     */
    public LinkSpec address(byte[] lladdr) {
        this.address = lladdr.clone();
        return this;
    }

    /**
     * {@code txqueuelen N}.
     *
     * @param len the transmit queue length in packets
     * @return this spec
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkSpec txQueueLen(long len) {
        this.txQueueLen = (int) Ranges.check("txqueuelen", len, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * {@code index IDX}: the ifindex the new device gets (the kernel refuses one in use, EBUSY);
     * not for tap and tun devices, which are made by ioctl.
     *
     * @param index the ifindex, at least 1
     * @return this spec
     */
    public LinkSpec index(int index) {
        if (index < 1) {
            throw new IllegalArgumentException("invalid ifindex " + index);
        }
        if (kind.equals("tap") || kind.equals("tun")) {
            throw new IllegalArgumentException("index applies to devices made by netlink, not " + kind);
        }
        this.index = index;
        return this;
    }

    /**
     * Creates the device directly in {@code ns} ({@code ip link add ... netns NS}).
     *
     * @param ns the namespace to create the device in
     * @return this spec
     */
    public LinkSpec netns(Netns ns) {
        this.netns = ns;
        return this;
    }

    /**
     * Creates the veth peer directly in {@code ns}, in the same request.
     *
     * @param ns the namespace to create the peer in
     * @return this spec
     */
    public LinkSpec peerNetns(Netns ns) {
        requireKind("veth", "peerNetns");
        this.peerNetns = ns;
        return this;
    }

    /**
     * veth: the peer's device options, the words ip reads after {@code peer} as it reads the device's
     * own ({@link #with}): e.g. {@code ip link add v0 type veth peer name v1 up alias A txqueuelen 500}
     * is {@code LinkSpec.veth("v0", "v1").peerWith(LinkUpdate.create().up().alias("A").txQueueLen(500))}.
     * The peer's name, MTU, address and namespace are the spec's own ({@link #peerMtu} …).
     *
     * @param options the peer's device options (copied)
     * @return this spec
     * @throws IllegalArgumentException when {@code options} renames, moves or re-addresses the peer or sets
     *     its MTU, or when the spec is not a veth
     */
    public LinkSpec peerWith(LinkUpdate options) {
        requireKind("veth", "peerWith");
        if (options.newName != null || options.mtu != null || options.address != null || options.netns != null
                || options.netnsPid != null || options.kindInfo != null) {
            throw new IllegalArgumentException("veth peer: name, mtu, address, netns and kind are the spec's own: "
                    + options);
        }
        this.peerDevice = options.copy();
        return this;
    }

    /** {@return the master the veth peer is enslaved to on creation ({@link #peerWith}), or null} */
    public String peerMaster() {
        return peerDevice != null ? peerDevice.master : null;
    }

    /**
     * veth: the peer's MTU ({@code peer name PEER mtu MTU}).
     *
     * @param mtu the peer's MTU in bytes
     * @return this spec
     * @throws IllegalArgumentException outside 0..4294967294 (a u32; 4294967295 is the link record's "unset")
     */
    public LinkSpec peerMtu(long mtu) {
        requireKind("veth", "peerMtu");
        this.peerMtu = (int) Ranges.check("peer mtu", mtu, 0, Ranges.U32_SET);
        return this;
    }

    /**
     * veth: the peer's MAC address, "aa:bb:cc:dd:ee:ff" ({@code peer name PEER address MAC}).
     *
     * @param mac the peer's MAC address, "aa:bb:cc:dd:ee:ff"
     * @return this spec
     */
    public LinkSpec peerAddress(String mac) {
        requireKind("veth", "peerAddress");
        this.peerAddress = HardwareAddresses.parseMac(mac);
        return this;
    }

    /**
     * veth: the peer's link-layer address as bytes, any length, as ip sends
     * {@code peer name PEER address LLADDR}: the kernel refuses a length that does not fit (EINVAL).
     *
     * @param lladdr the address bytes (copied)
     * @return this spec
     */
    public LinkSpec peerAddress(byte[] lladdr) {
        requireKind("veth", "peerAddress");
        this.peerAddress = lladdr.clone();
        return this;
    }

    /**
     * vxlan: the UDP destination port (iproute2 requires one; 4789 is IANA's).
     *
     * @param port the UDP port, 0..65535
     * @return this spec
     * @throws IllegalArgumentException outside that range
     */
    public LinkSpec port(int port) {
        requireKind("vxlan", "port");
        this.port = (int) Ranges.check("port", port, 0, 0xffff);
        return this;
    }

    /**
     * vxlan: the remote endpoint (unicast) or multicast group.
     *
     * @param remote the remote address or multicast group
     * @return this spec
     */
    public LinkSpec remote(InetAddress remote) {
        requireKind("vxlan", "remote");
        this.remote = remote;
        return this;
    }

    /**
     * vxlan: the local endpoint.
     *
     * @param local the local address
     * @return this spec
     */
    public LinkSpec local(InetAddress local) {
        requireKind("vxlan", "local");
        this.local = local;
        return this;
    }

    /**
     * vxlan: the underlying device.
     *
     * @param dev the underlying device's name
     * @return this spec
     */
    public LinkSpec dev(String dev) {
        requireKind("vxlan", "dev");
        this.vxlanDev = Links.checkName(dev);
        return this;
    }

    /**
     * vxlan: the TTL of encapsulated packets.
     *
     * @param ttl the TTL, 0 (auto) to 255
     * @return this spec
     * @throws IllegalArgumentException outside 0..255 (IFLA_VXLAN_TTL is a byte)
     */
    public LinkSpec ttl(int ttl) {
        requireKind("vxlan", "ttl");
        this.ttl = Ranges.u8("ttl", ttl);
        return this;
    }

    /**
     * vxlan: learn remote MACs (iproute2's default: on).
     *
     * @param on true to learn, false not to
     * @return this spec
     */
    public LinkSpec learning(boolean on) {
        requireKind("vxlan", "learning");
        this.learning = on;
        return this;
    }

    /**
     * The device options {@code ip link add NAME ... type KIND} reads before {@code type}, as an update
     * holds them for {@code ip link set}: {@code up}, {@code promisc|arp|multicast|allmulticast|dynamic|trailers
     * on|off}, {@code master BR}, {@code alias TEXT}, {@code group G}, {@code state STATE},
     * {@code carrier on|off}, {@code protodown on|off}, {@code addrgenmode MODE}, {@code link-netnsid ID}
     * (and {@code nomaster}, which ip sends as master 0),
     * sent in the same RTM_NEWLINK. E.g. {@code ip link add v0 up master br0 type veth peer name v1} is
     * {@code LinkSpec.veth("v0", "v1").with(LinkUpdate.create().up().master("br0"))}. The name, MTU,
     * address, queue length and namespace are the spec's own ({@link #mtu} …).
     *
     * @param options the device options (copied)
     * @return this spec
     * @throws IllegalArgumentException when {@code options} renames, moves or re-addresses the device,
     *     or sets its MTU or queue length
     */
    public LinkSpec with(LinkUpdate options) {
        if (options.newName != null || options.mtu != null || options.address != null || options.txQueueLen != null
                || options.netns != null || options.netnsPid != null || options.kindInfo != null) {
            throw new IllegalArgumentException("link add: name, mtu, address, txqueuelen, netns and kind are the spec's own: "
                    + options);
        }
        this.device = options.copy();
        return this;
    }

    private void requireKind(String k, String option) {
        if (!kind.equals(k)) {
            throw new IllegalArgumentException(option + " applies to " + k + " devices, not " + kind);
        }
    }

    /**
     * The {@code ip link add} request for this spec, as a link record.
     *
     * @param parentIndex ifindex of {@link #parent}, 0 when none
     * @param vxlanDevIndex ifindex of the vxlan underlay device, 0 when none
     * @param masterIndex ifindex of the master of {@link #with}, 0 when none
     * @param peerMasterIndex ifindex of the master of {@link #peerWith}, 0 when none
     */
    Link request(int parentIndex, int vxlanDevIndex, int masterIndex, int peerMasterIndex) {
        Link.Info info = new Link.Info(kind, data(vxlanDevIndex, peerMasterIndex), null, null, RawAttributes.NONE);
        return (device != null ? device : LinkUpdate.create()).request(index, name, mtu, address, txQueueLen, netns,
                parentIndex, masterIndex, info);
    }

    /** {@return the master the device is enslaved to on creation ({@link #with}), or null} */
    public String master() {
        return device != null ? device.master : null;
    }

    /** The kind's data as {@code ip link add ... type KIND ...} sends it; null for kinds sent alone. */
    private LinkData data(int vxlanDevIndex, int peerMasterIndex) {
        if (dataGiven) {
            return data;
        }
        if (alone) {
            return null;
        }
        switch (kind) {
            case "veth":
                if (peerName == null && peerMtu == null && peerAddress == null && peerNetns == null
                        && peerDevice == null) {
                    return new Veth(null, RawAttributes.NONE);   // no VETH_INFO_PEER, as ip sends none
                }
                LinkUpdate p = peerDevice != null ? peerDevice : LinkUpdate.create();
                return new Veth(p.request(0, peerName, peerMtu, peerAddress, p.txQueueLen, peerNetns, 0, peerMasterIndex,
                        null), RawAttributes.NONE);
            case "macvlan":
            case "macvtap":
                return new Macvlan(mode, -1, -1, null, null, -1, -1, -1, RawAttributes.NONE);
            case "vxlan":
                Vxlan v = Vxlan.of(vni);
                return new Vxlan(vni, remote, local, vxlanDevIndex, ttl != null ? ttl : -1, v.tos(),
                        learning == null || learning ? 1 : 0, v.ageing(), v.limit(), v.portLow(), v.portHigh(),
                        v.proxy(), v.rsc(), v.l2miss(), v.l3miss(), port != null ? port : -1, v.udpCsum(),
                        v.udpZeroCsum6Tx(), v.udpZeroCsum6Rx(), v.remcsumTx(), v.remcsumRx(), false, false,
                        v.collectMetadata(), v.label(), false, v.ttlInherit(), v.df(), v.vnifilter(), RawAttributes.NONE);
            case "vlan":
                return Vlan.of(vlanId);
            case "ipvlan":
                return Ipvlan.of(mode);
            case "bond":
                return Bond.of(mode);
            case "bridge":
                return bridge;
            default:
                return null;
        }
    }

    private static String mac(byte[] address) {
        return address == null ? null : HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, address);
    }

    @Override
    public String toString() {
        return "link add " + name + " type " + kind + (peerName != null ? " peer name " + peerName : "");
    }
}
