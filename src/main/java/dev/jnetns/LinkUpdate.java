package dev.jnetns;

import static dev.jnetns.uapi.LinuxIfLink.IFF_ALLMULTI;
import static dev.jnetns.uapi.LinuxIfLink.IFF_DYNAMIC;
import static dev.jnetns.uapi.LinuxIfLink.IFF_MULTICAST;
import static dev.jnetns.uapi.LinuxIfLink.IFF_NOARP;
import static dev.jnetns.uapi.LinuxIfLink.IFF_NOTRAILERS;
import static dev.jnetns.uapi.LinuxIfLink.IFF_PROMISC;
import static dev.jnetns.uapi.LinuxIfLink.IFF_UP;

import dev.jnetns.rtnl.HardwareAddresses;
import dev.jnetns.uapi.LinuxIfArp;

/**
 * Changes to an existing device, sent in one request by {@link Links#set}. Mirrors
 * {@code ip link set DEV up|down promisc|arp|multicast|allmulticast|dynamic|trailers on|off mtu N address MAC
 * name NEW master BR|nomaster alias TEXT txqueuelen N netns NS group G}.
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
     */
    public LinkUpdate mtu(int mtu) {
        this.mtu = mtu;
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
     * {@code txqueuelen N}.
     *
     * @param len the transmit queue length in packets
     * @return this update
     */
    public LinkUpdate txQueueLen(int len) {
        this.txQueueLen = len;
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
     */
    public LinkUpdate netnsPid(long pid) {
        this.netnsPid = pid;
        this.netns = null;
        return this;
    }

    /**
     * {@code group G}: the device group.
     *
     * @param group the group number
     * @return this update
     */
    public LinkUpdate group(int group) {
        this.group = group;
        return this;
    }

    /** The {@code ip link set} request for this update of device {@code index}, as a link record. */
    Link request(int index, int masterIndex) {
        int setFlags = (Boolean.TRUE.equals(up) ? IFF_UP : 0) | flags;
        int change = (up != null ? IFF_UP : 0) | flagMask;
        return Links.request(index, newName, setFlags, change, mtu != null ? mtu : -1,
                address == null ? null : HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, address),
                txQueueLen != null ? txQueueLen : -1, netns != null ? netns.fd() : -1,
                netnsPid != null ? netnsPid.intValue() : -1, 0, noMaster ? -1 : masterIndex,
                alias, group != null ? group : -1, null);
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
        return sb.toString().trim();
    }

    private void onOff(StringBuilder sb, String word, int bit, boolean inverted) {
        if ((flagMask & bit) != 0) {
            sb.append(' ').append(word).append(((flags & bit) != 0) != inverted ? " on" : " off");
        }
    }
}
