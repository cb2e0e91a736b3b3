package dev.jnetns.netlink;

/** A message from the kernel does not have the shape its type promises; the text says where. */
public final class NlDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A malformed message.
     *
     * @param message what is wrong, and where
     */
    public NlDecodeException(String message) {
        super(message);
    }
}
