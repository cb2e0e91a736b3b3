package dev.jnetns;

import java.util.Optional;

/**
 * The kernel refused a netlink request: the errno of its NLMSG_ERROR plus, when the kernel sent
 * one, the extended-ack message ({@code NLMSGERR_ATTR_MSG}), e.g.
 * {@code RTM_NEWLINK v0: Invalid argument (EINVAL): mtu less than device minimum}.
 */
public class NetlinkException extends ErrnoException {
    private static final long serialVersionUID = 1L;

    /** The kernel's extended-ack text, or null. */
    private final String extAck;

    /**
     * A refusal of {@code request}.
     *
     * @param request what was asked, e.g. {@code "RTM_NEWLINK v0"}
     * @param errno the positive errno of the kernel's NLMSG_ERROR
     * @param extAck the kernel's extended-ack text, or null or empty when it sent none
     */
    public NetlinkException(String request, int errno, String extAck) {
        super(request, errno, (extAck == null || extAck.isEmpty() ? "" : ": " + extAck)
                + (errno == Errno.EPERM.number() ? ": needs CAP_NET_ADMIN" : ""));   // rtnetlink's changes need it
        this.extAck = extAck == null || extAck.isEmpty() ? null : extAck;
    }

    /**
     * Why the kernel refused, in its words.
     *
     * @return the extended-ack text, when the kernel sent one
     */
    public Optional<String> extAck() {
        return Optional.ofNullable(extAck);
    }
}
