package dev.jnetns;

/**
 * A tun or tap device to add or delete through /dev/net/tun. Mirrors {@code ip tuntap add|del
 * [dev] NAME mode tun|tap [user UID] [group GID] [one_queue] [pi] [vnet_hdr] [multi_queue]}.
 * Without {@code pi} the device carries no packet-information header (ip's default).
 */
public final class TunTapSpec {
    final String name;
    final boolean tap;
    boolean pi;
    boolean vnetHdr;
    boolean multiQueue;
    boolean oneQueue;
    long owner = -1;
    long group = -1;

    private TunTapSpec(String name, boolean tap) {
        this.name = name == null ? null : Links.checkName(name);
        this.tap = tap;
    }

    /**
     * A tun device (IP packets); {@code name} null lets the kernel pick tunN.
     *
     * @param name the device's name, or null
     * @return the spec
     */
    public static TunTapSpec tun(String name) {
        return new TunTapSpec(name, false);
    }

    /**
     * A tap device (Ethernet frames); {@code name} null lets the kernel pick tapN.
     *
     * @param name the device's name, or null
     * @return the spec
     */
    public static TunTapSpec tap(String name) {
        return new TunTapSpec(name, true);
    }

    /**
     * {@code pi}: frames carry a packet-information header.
     *
     * @return this spec
     */
    public TunTapSpec pi() {
        pi = true;
        return this;
    }

    /**
     * {@code vnet_hdr}: frames carry a virtio-net header.
     *
     * @return this spec
     */
    public TunTapSpec vnetHdr() {
        vnetHdr = true;
        return this;
    }

    /**
     * {@code multi_queue}: several queues may attach.
     *
     * @return this spec
     */
    public TunTapSpec multiQueue() {
        multiQueue = true;
        return this;
    }

    /**
     * {@code one_queue}: accepted by the kernel, which ignores it since Linux 3.8.
     *
     * @return this spec
     */
    public TunTapSpec oneQueue() {
        oneQueue = true;
        return this;
    }

    /**
     * {@code user UID}: only this user may attach.
     *
     * @param uid the user id
     * @return this spec
     */
    public TunTapSpec owner(long uid) {
        owner = uid;
        return this;
    }

    /**
     * {@code group GID}: only this group may attach.
     *
     * @param gid the group id
     * @return this spec
     */
    public TunTapSpec group(long gid) {
        group = gid;
        return this;
    }

    /** {@return the name asked for, null when the kernel picks one} */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "tuntap " + (name != null ? name + " " : "") + "mode " + (tap ? "tap" : "tun");
    }
}
