package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_HOMEADDRESS;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_MANAGETEMPADDR;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_MCAUTOJOIN;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_NODAD;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_NOPREFIXROUTE;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;

import dev.jnetns.Address;
import dev.jnetns.AddressSpec;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One entry of a link's {@code "addresses"}, in the words of {@code ip address add}:
 * {@code PREFIX [peer PREFIX] [broadcast ADDR] [scope SCOPE] [label LABEL] [valid_lft N|forever]
 * [preferred_lft N|forever] [nodad] [noprefixroute] [home] [mngtmpaddr] [autojoin]}. What is not
 * written takes ip's default (scope global, or host for 127/8; lifetimes forever; no peer,
 * broadcast, label or flags), and {@link #matches} compares every one of these fields.
 *
 * @param local the address and prefix length
 * @param peer the peer of a point-to-point address, or null
 * @param broadcast the broadcast address, or null
 * @param scope RT_SCOPE_*
 * @param label the IPv4 label, or null
 * @param valid the valid lifetime in seconds, {@link Address#FOREVER} for forever
 * @param preferred the preferred lifetime, likewise
 * @param flags the IFA_F_* bits an entry may set ({@link #SETTABLE})
 */
public record AddressEntry(IpPrefix local, IpPrefix peer, InetAddress broadcast, int scope, String label, long valid,
                           long preferred, int flags) {

    /** The flag bits a file manages: those {@code ip address add} can set. */
    public static final int SETTABLE = IFA_F_NODAD | IFA_F_NOPREFIXROUTE | IFA_F_HOMEADDRESS | IFA_F_MANAGETEMPADDR
            | IFA_F_MCAUTOJOIN;
    private static final String[] FLAG_WORDS = {"nodad", "noprefixroute", "home", "mngtmpaddr", "autojoin"};
    private static final int[] FLAG_BITS = {IFA_F_NODAD, IFA_F_NOPREFIXROUTE, IFA_F_HOMEADDRESS, IFA_F_MANAGETEMPADDR,
        IFA_F_MCAUTOJOIN};

    /**
     * Parses an entry; the device name checks a label (ip requires it to start with the device's
     * name).
     *
     * @param entry the text, e.g. {@code "198.18.1.1/32 peer 198.18.1.2/32 label v0:p"}
     * @param dev the device the entry belongs to
     * @return the entry
     * @throws IllegalArgumentException naming the word that is wrong
     */
    public static AddressEntry parse(String entry, String dev) {
        String[] w = entry.trim().split("\\s+");
        if (w[0].isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        IpPrefix local = IpPrefix.parse(w[0]);
        IpPrefix peer = null;
        InetAddress brd = null;
        Integer scope = null;
        String label = null;
        long valid = Address.FOREVER;
        long preferred = Address.FOREVER;
        int flags = 0;
        for (int i = 1; i < w.length; i++) {
            String word = w[i];
            int bit = flagBit(word);
            if (bit != 0) {
                flags |= bit;
                continue;
            }
            if (i + 1 == w.length) {
                throw new IllegalArgumentException("unknown address word \"" + word + "\" in \"" + entry + "\"");
            }
            String v = w[++i];
            switch (word) {
                case "peer": peer = IpPrefix.parse(v); break;
                case "broadcast": brd = IpPrefix.parseAddress(v); break;
                case "scope": scope = RtNames.SCOPES.number(v); break;
                case "label": label = v; break;
                case "valid_lft": valid = lifetime(v); break;
                case "preferred_lft": preferred = lifetime(v); break;
                default: throw new IllegalArgumentException("unknown address word \"" + word + "\" in \"" + entry + "\"");
            }
        }
        if (peer != null && peer.family() != local.family() || brd != null && IpPrefix.bits(brd) != IpPrefix.bits(local.address())) {
            throw new IllegalArgumentException("\"" + entry + "\" mixes address families");
        }
        if (label != null && (local.family() != AF_INET || !label.startsWith(dev)
                || label.getBytes(StandardCharsets.UTF_8).length > 15)) {
            throw new IllegalArgumentException("label \"" + label + "\" must be an IPv4 address's, start with \"" + dev
                    + "\" and be at most 15 bytes");
        }
        if (preferred != Address.FOREVER && (valid != Address.FOREVER && preferred > valid)) {
            throw new IllegalArgumentException("preferred_lft is greater than valid_lft in \"" + entry + "\"");
        }
        if (brd != null && local.family() != AF_INET) {
            throw new IllegalArgumentException("broadcast applies to IPv4 addresses, not \"" + entry + "\"");
        }
        if (peer != null) {
            local = new IpPrefix(local.address(), IpPrefix.bits(local.address()));   // the prefix length is the peer's
        }
        int defaultScope = local.family() == AF_INET && (local.address().getAddress()[0] & 0xff) == 127 ? 254 : 0;
        return new AddressEntry(local, peer, brd, scope != null ? scope : defaultScope, label, valid, preferred, flags);
    }

    private static int flagBit(String word) {
        for (int k = 0; k < FLAG_WORDS.length; k++) {
            if (FLAG_WORDS[k].equals(word)) {
                return FLAG_BITS[k];
            }
        }
        return 0;
    }

    private static long lifetime(String v) {
        if (v.equals("forever")) {
            return Address.FOREVER;
        }
        if (!v.matches("\\d{1,10}") || Long.parseLong(v) >= Address.FOREVER) {
            throw new IllegalArgumentException("invalid lifetime \"" + v + "\"");
        }
        return Long.parseLong(v);
    }

    /**
     * The entry of a live address: what {@code netns export} writes. Remaining lifetimes are
     * written as they are now; a label equal to the device's name (the kernel's default) is none.
     *
     * @param a the address
     * @param dev the name of its device
     * @return the entry
     */
    public static AddressEntry of(Address a, String dev) {
        IpPrefix peer = a.peer() == null ? null : new IpPrefix(a.peer(), a.prefixLength());
        IpPrefix local = a.peer() == null ? a.prefix() : new IpPrefix(a.local(), IpPrefix.bits(a.local()));
        return new AddressEntry(local, peer, a.broadcast(), a.scope(), dev.equals(a.label()) ? null : a.label(),
                a.validLifetime() < 0 ? Address.FOREVER : a.validLifetime(),
                a.preferredLifetime() < 0 ? Address.FOREVER : a.preferredLifetime(), a.flags() & SETTABLE);
    }

    /**
     * Whether a live address is this entry: same address, peer, broadcast, scope, label and flags,
     * and lifetimes both forever or both finite (a finite lifetime counts down, so its value is
     * not compared).
     *
     * @param a the live address
     * @param dev the name of its device
     * @return true when nothing differs
     */
    public boolean matches(Address a, String dev) {
        AddressEntry live = of(a, dev);
        return live.local.equals(local) && Objects.equals(live.peer, peer) && Objects.equals(live.broadcast, broadcast)
                && live.scope == scope && Objects.equals(live.label, label) && live.flags == flags && (live.valid == Address.FOREVER) == (valid == Address.FOREVER)
                && (live.preferred == Address.FOREVER) == (preferred == Address.FOREVER);
    }

    /**
     * Whether a live address has the same identity (what {@code ip address del} names).
     *
     * @param a the live address
     * @param dev the name of its device
     * @return true for the same local address, prefix length and peer
     */
    public boolean sameAddress(Address a, String dev) {
        AddressEntry live = of(a, dev);
        return live.local.equals(local) && Objects.equals(live.peer, peer);
    }

    /**
     * Adds this address to {@code dev}, or finds it there already as it is: what a rollback does,
     * since the kernel may have made it again by itself (an IPv6 link-local address when the
     * device came up). Equivalent to: {@code ip address add ENTRY dev DEV}.
     *
     * @param r the namespace's handle
     * @param dev the device
     * @throws ErrnoException when the kernel refuses, EEXIST too when the address there differs
     */
    void addTo(Rtnl r, String dev) throws ErrnoException {
        try {
            r.addresses().add(dev, spec());
        } catch (ErrnoException e) {
            if (!e.is(Errno.EEXIST) || r.addresses().list(dev).stream().noneMatch(a -> matches(a, dev))) {
                throw e;
            }
        }
    }

    /**
     * The request that adds this address ({@code ip address add ENTRY dev DEV}).
     *
     * @return the spec
     */
    public AddressSpec spec() {
        AddressSpec s = AddressSpec.of(local).scope(scope);
        if (peer != null) {
            s.peer(peer);
        }
        if (broadcast != null) {
            s.broadcast(broadcast);
        }
        if (label != null) {
            s.label(label);
        }
        if (valid != Address.FOREVER) {
            s.validLifetime(valid);
        }
        if (preferred != Address.FOREVER) {
            s.preferredLifetime(preferred);
        }
        for (int k = 0; k < FLAG_BITS.length; k++) {
            if ((flags & FLAG_BITS[k]) != 0) {
                switch (FLAG_WORDS[k]) {
                    case "nodad": s.noDad(); break;
                    case "noprefixroute": s.noPrefixRoute(); break;
                    case "home": s.home(); break;
                    case "mngtmpaddr": s.manageTempAddr(); break;
                    default: s.autoJoin(); break;
                }
            }
        }
        return s;
    }

    /** The entry's text, with only what differs from ip's defaults (the inverse of {@link #parse}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(local.toString());
        if (peer != null) {
            sb.append(" peer ").append(peer);
        }
        if (broadcast != null) {
            sb.append(" broadcast ").append(IpPrefix.format(broadcast));
        }
        int defaultScope = local.family() == AF_INET && (local.address().getAddress()[0] & 0xff) == 127 ? 254 : 0;
        if (scope != defaultScope) {
            sb.append(" scope ").append(RtNames.SCOPES.name(scope));
        }
        if (label != null) {
            sb.append(" label ").append(label);
        }
        if (valid != Address.FOREVER) {
            sb.append(" valid_lft ").append(valid);
        }
        if (preferred != Address.FOREVER) {
            sb.append(" preferred_lft ").append(preferred);
        }
        for (int k = 0; k < FLAG_BITS.length; k++) {
            if ((flags & FLAG_BITS[k]) != 0) {
                sb.append(' ').append(FLAG_WORDS[k]);
            }
        }
        return sb.toString();
    }
}
