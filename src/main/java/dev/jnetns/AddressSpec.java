package dev.jnetns;

import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_HOMEADDRESS;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_MANAGETEMPADDR;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_MCAUTOJOIN;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_NODAD;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_NOPREFIXROUTE;

import dev.jnetns.rtnl.Escape;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An address to add, replace or delete on a device. Mirrors
 * {@code ip addr add PREFIX [peer PREFIX] [broadcast ADDR|+] [label L] [scope S] [metric N] [nodad] [noprefixroute]
 * [valid_lft SEC] [preferred_lft SEC] dev DEV}.
 */
public final class AddressSpec {
    final IpPrefix local;
    IpPrefix peer;
    InetAddress broadcast;
    String label;
    Integer scope;
    int flags;
    Long validLifetime;
    Long preferredLifetime;
    Long metric;
    boolean withoutLocal;

    private AddressSpec(IpPrefix local) {
        this.local = local;
    }

    /**
     * {@code ip addr add PREFIX}: "198.18.0.1/24", "fd00::1/64" (no length: a host prefix).
     *
     * @param prefix the address and its prefix length
     * @return the spec
     */
    public static AddressSpec of(String prefix) {
        return new AddressSpec(IpPrefix.parse(prefix));
    }

    /**
     * {@code ip addr add PREFIX}, from a parsed prefix.
     *
     * @param prefix the address and its prefix length
     * @return the spec
     */
    public static AddressSpec of(IpPrefix prefix) {
        return new AddressSpec(prefix);
    }

    /** {@return the address and prefix length} */
    public IpPrefix prefix() {
        return local;
    }

    /**
     * Sends the prefix as the address alone, without a local (IFA_ADDRESS, no IFA_LOCAL): what
     * {@code ip addr add|replace|del peer PREFIX dev DEV} sends when no local is given. The kernel
     * takes it as the local address for IPv6 and refuses it for IPv4 (Local address is not supplied).
     * A spec sent this way has no {@link #peer}; its default scope is global.
     *
     * @return this spec
     */
    public AddressSpec withoutLocal() {
        this.withoutLocal = true;
        return this;
    }

    /**
     * The peer of a point-to-point address; its length becomes the prefix length.
     *
     * @param peer the peer's address and prefix length
     * @return this spec
     */
    public AddressSpec peer(IpPrefix peer) {
        if (Inet.family(peer.address()) != local.family()) {
            throw new IllegalArgumentException("peer " + peer + " is not of the family of " + local);
        }
        this.peer = peer;
        return this;
    }

    /**
     * {@code broadcast ADDR} (the kernel keeps it for IPv4 addresses only).
     *
     * @param broadcast the broadcast address
     * @return this spec
     * @throws IllegalArgumentException when {@code broadcast} is not of the address's family (the kernel
     *     ignores an IPv6 one, which ip sends for an IPv6 address)
     */
    public AddressSpec broadcast(InetAddress broadcast) {
        Objects.requireNonNull(broadcast, "broadcast");
        if (Inet.family(broadcast) != local.family()) {
            throw new IllegalArgumentException("broadcast " + Inet.format(broadcast) + " is not of the family of " + local);
        }
        this.broadcast = broadcast;
        return this;
    }

    /**
     * {@code brd +}: the broadcast address with all host bits set (IPv4 only).
     *
     * @return this spec
     */
    public AddressSpec broadcastFromPrefix() {
        if (!(local.address() instanceof Inet4Address)) {
            throw new IllegalArgumentException("broadcast applies to IPv4 addresses");
        }
        byte[] b = local.address().getAddress();
        for (int i = 0; i < 4; i++) {
            int keep = Math.max(0, Math.min(8, local.length() - 8 * i));
            b[i] |= (byte) (0xff >>> keep);
        }
        this.broadcast = Inet.of(b);
        return this;
    }

    /**
     * The label given with {@link #label(String)}.
     *
     * @return the label, or null for none
     */
    public String label() {
        return label;
    }

    /**
     * An IPv4 label (ip 6.1 and the kernel take any, up to 15 bytes).
     *
     * @param label the label, e.g. "eth0:1"
     * @return this spec
     */
    public AddressSpec label(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length > 15) {   // IFA_LABEL is IFNAMSIZ with its NUL
            throw new IllegalArgumentException("label " + Escape.quoted(label) + " is longer than 15 bytes");
        }
        this.label = label;
        return this;
    }

    /**
     * RT_SCOPE_*: 0 global, 200 site, 253 link, 254 host.
     *
     * @param scope an RT_SCOPE_* number (0..255)
     * @return this spec
     * @throws IllegalArgumentException outside 0..255 (ifa_scope is a byte)
     */
    public AddressSpec scope(int scope) {
        this.scope = Ranges.u8("scope", scope);
        return this;
    }

    /**
     * {@code nodad}: skip duplicate address detection (IPv6).
     *
     * @return this spec
     */
    public AddressSpec noDad() {
        flags |= IFA_F_NODAD;
        return this;
    }

    /**
     * {@code noprefixroute}: do not add the prefix route.
     *
     * @return this spec
     */
    public AddressSpec noPrefixRoute() {
        flags |= IFA_F_NOPREFIXROUTE;
        return this;
    }

    /**
     * {@code home}.
     *
     * @return this spec
     */
    public AddressSpec home() {
        flags |= IFA_F_HOMEADDRESS;
        return this;
    }

    /**
     * {@code mngtmpaddr}.
     *
     * @return this spec
     */
    public AddressSpec manageTempAddr() {
        flags |= IFA_F_MANAGETEMPADDR;
        return this;
    }

    /**
     * {@code autojoin}.
     *
     * @return this spec
     */
    public AddressSpec autoJoin() {
        flags |= IFA_F_MCAUTOJOIN;
        return this;
    }

    /**
     * {@code valid_lft SEC} ({@link Address#FOREVER} for forever).
     *
     * @param seconds the lifetime in seconds, 0 to 4294967295 (forever)
     * @return this spec
     * @throws IllegalArgumentException outside that range
     */
    public AddressSpec validLifetime(long seconds) {
        this.validLifetime = Ranges.check("valid_lft", seconds, 0, 0xffffffffL);
        return this;
    }

    /**
     * {@code preferred_lft SEC}.
     *
     * @param seconds the lifetime in seconds, 0 to 4294967295 (forever)
     * @return this spec
     * @throws IllegalArgumentException outside that range
     */
    public AddressSpec preferredLifetime(long seconds) {
        this.preferredLifetime = Ranges.check("preferred_lft", seconds, 0, 0xffffffffL);
        return this;
    }

    /**
     * {@code metric N} (IFA_RT_PRIORITY): the metric of the prefix route the kernel adds for the address.
     *
     * @param metric the metric, 0 to 4294967295
     * @return this spec
     * @throws IllegalArgumentException outside that range
     */
    public AddressSpec metric(long metric) {
        this.metric = Ranges.check("metric", metric, 0, 0xffffffffL);
        return this;
    }

    /** The scope iproute2 picks when none is given: host for 127.0.0.0/8, else global. */
    int effectiveScope() {
        if (scope != null) {
            return scope;
        }
        if (withoutLocal) {
            return 0;   // ip's default_scope of its empty local
        }
        byte[] b = local.address().getAddress();
        return b.length == 4 && (b[0] & 0xff) == 127 ? 254 : 0;
    }

    @Override
    public String toString() {
        return withoutLocal ? "peer " + local : local + (peer != null ? " peer " + peer : "");
    }
}
