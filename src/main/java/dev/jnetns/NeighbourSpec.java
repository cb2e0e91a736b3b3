package dev.jnetns;

import static dev.jnetns.uapi.LinuxNeighbour.NTF_EXT_LEARNED;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_EXT_MANAGED;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_ROUTER;
import static dev.jnetns.uapi.LinuxNeighbour.NTF_USE;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_PERMANENT;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A neighbour entry to add, change or replace on a device. Mirrors
 * {@code ip neigh add|change|replace DST [lladdr LLADDR] [nud STATE] dev DEV [router] [use] [managed]
 * [extern_learn] [protocol PROTO]}; sent with {@link Neighbours#add(NeighbourSpec)} and its siblings.
 */
public final class NeighbourSpec {
    final String dev;
    final InetAddress dst;
    String lladdr;
    int state = NUD_PERMANENT;
    int flags;
    long flagsExt = -1;
    int protocol = -1;

    private NeighbourSpec(String dev, InetAddress dst) {
        this.dev = Objects.requireNonNull(dev, "neighbour device");
        this.dst = Objects.requireNonNull(dst, "neighbour address");
    }

    /**
     * {@code ip neigh add DST dev DEV}: a permanent entry until {@link #state} says otherwise.
     *
     * @param dev the device's name
     * @param dst the neighbour's address
     * @return the spec
     */
    public static NeighbourSpec of(String dev, InetAddress dst) {
        return new NeighbourSpec(dev, dst);
    }

    /**
     * {@code lladdr LLADDR}.
     *
     * @param lladdr its link-layer address, "aa:bb:cc:dd:ee:ff" (any length, as ip reads it), or null for none
     * @return this spec
     */
    public NeighbourSpec lladdr(String lladdr) {
        this.lladdr = lladdr;
        return this;
    }

    /**
     * {@code nud STATE}.
     *
     * @param state NUD_* bits (0..255); 0 is NUD_NONE ({@code nud none})
     * @return this spec
     * @throws IllegalArgumentException outside 0..255 (ndm_state's NUD_* bits)
     */
    public NeighbourSpec state(int state) {
        this.state = Ranges.u8("nud state", state);
        return this;
    }

    /**
     * {@code router}: the neighbour is an IPv6 router (NTF_ROUTER).
     *
     * @return this spec
     */
    public NeighbourSpec router() {
        flags |= NTF_ROUTER;
        return this;
    }

    /**
     * {@code use}: the entry is used, as traffic would (NTF_USE); the kernel resolves it.
     *
     * @return this spec
     */
    public NeighbourSpec use() {
        flags |= NTF_USE;
        return this;
    }

    /**
     * {@code extern_learn}: the entry was learnt by something outside the kernel (NTF_EXT_LEARNED);
     * the kernel's garbage collection leaves it.
     *
     * @return this spec
     */
    public NeighbourSpec externLearn() {
        flags |= NTF_EXT_LEARNED;
        return this;
    }

    /**
     * {@code managed}: the kernel keeps the entry resolved by itself (NDA_FLAGS_EXT NTF_EXT_MANAGED).
     * As in ip, it also sets the state to NUD_NONE (the kernel refuses a permanent managed entry);
     * a {@link #state} after it sets another.
     *
     * @return this spec
     */
    public NeighbourSpec managed() {
        flagsExt = (flagsExt < 0 ? 0 : flagsExt) | NTF_EXT_MANAGED;
        state = 0;
        return this;
    }

    /**
     * {@code protocol PROTO}: who added the entry (NDA_PROTOCOL).
     *
     * @param protocol an RTPROT_* number (0..255)
     * @return this spec
     * @throws IllegalArgumentException outside 0..255
     */
    public NeighbourSpec protocol(int protocol) {
        this.protocol = Ranges.u8("protocol", protocol);
        return this;
    }

    /** {@return the device's name} */
    public String dev() {
        return dev;
    }

    /** {@return the neighbour's address} */
    public InetAddress dst() {
        return dst;
    }
}
