package dev.jnetns;

import dev.jnetns.netlink.NetlinkException;
import dev.jnetns.sys.Errno;

/** No device of that name or index exists in the namespace (ENODEV). */
public final class NoSuchLinkException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * No device matched.
     *
     * @param what what was not found, as ip says it: {@code Device "v0" does not exist}
     */
    public NoSuchLinkException(String what) {
        super(what, Errno.ENODEV.number(), null);
    }
}
