package dev.jnetns;


/**
 * Persistent tun/tap devices of one namespace: {@code ip tuntap}. Obtained from {@link Rtnl#tunTaps()}.
 * They are listed with the other devices ({@link Links#list()}, kind "tun", {@link dev.jnetns.kind.Tun} data).
 */
public final class TunTaps {
    private final Netns home;

    TunTaps(Netns home) {
        this.home = home;
    }

    /**
     * Makes a persistent device; returns its name (the kernel's pick when none was asked for). Equivalent to: {@code ip tuntap add ...}.
     *
     * @param spec the device
     * @return the device's name
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public String add(TunTapSpec spec) throws ErrnoException {
        return TunTap.create(home, spec);
    }

    /**
     * Removes the persistent device {@code spec} names; its mode and flags must be those it was made
     * with (the kernel refuses others with EINVAL). Equivalent to: {@code ip tuntap del ...}.
     *
     * @param spec the device
     * @throws ErrnoException when the kernel refuses the request (its errno and extended ack)
     */
    public void delete(TunTapSpec spec) throws ErrnoException {
        TunTap.delete(home, spec);
    }
}
