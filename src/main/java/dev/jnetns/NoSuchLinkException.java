package dev.jnetns;

import dev.jnetns.rtnl.Escape;


/** No device of that name or index exists in the namespace (ENODEV). */
public final class NoSuchLinkException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /** The name (or index, as text) that names no device. */
    private final String device;

    /**
     * No device called {@code device}: "Device "NAME" does not exist".
     *
     * @param device the name (or index, as text) that names no device
     */
    public NoSuchLinkException(String device) {
        super("Device " + Escape.quoted(device) + " does not exist", Errno.ENODEV.number(), null);
        this.device = device;
    }

    /**
     * No device called {@code device} for the request {@code request} names, e.g. one of a bulk
     * request: "REQUEST: Device "NAME" does not exist".
     *
     * @param request the request, e.g. {@code "route add #3 (198.18.1.0/24 dev v9)"}
     * @param device the name that names no device
     */
    public NoSuchLinkException(String request, String device) {
        super(request + ": Device " + Escape.quoted(device) + " does not exist", Errno.ENODEV.number(), null);
        this.device = device;
    }

    /** {@return the name (or index, as text) that names no device} */
    public String device() {
        return device;
    }
}
