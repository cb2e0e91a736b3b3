package dev.jnetns;

/**
 * An RTM_NEWNSID message: the id under which one namespace knows another ({@code ip netns
 * list-id}), or a request about one. Immutable. An id of -1 means "not assigned" (in a request to
 * set one: "let the kernel choose"), so an absent attribute is {@link #ABSENT}.
 *
 * @param nsid the id (NETNSA_NSID)
 * @param currentNsid the id the requesting namespace gives the same namespace, in answers to a
 *     dump of another namespace's ids (NETNSA_CURRENT_NSID)
 * @param pid a process of the namespace a request is about (NETNSA_PID)
 * @param fd a file descriptor of the namespace a request is about (NETNSA_FD)
 * @param targetNsid the namespace, by its id here, whose ids a request asks for (NETNSA_TARGET_NSID)
 * @param raw what the message held beyond these fields (see {@link RawAttributes})
 */
public record NamespaceId(int nsid, int currentNsid, int pid, int fd, int targetNsid, RawAttributes raw) {
    /** The value of an attribute the message does not hold. */
    public static final int ABSENT = Integer.MIN_VALUE;

    /**
     * A request with only the attributes given (the others {@link #ABSENT}).
     *
     * @param nsid the id, or {@link #ABSENT}
     * @param fd a descriptor of the namespace, or {@link #ABSENT}
     * @param targetNsid the id of the namespace to ask in, or {@link #ABSENT}
     * @return the request
     */
    public static NamespaceId request(int nsid, int fd, int targetNsid) {
        return new NamespaceId(nsid, ABSENT, ABSENT, fd, targetNsid, RawAttributes.NONE);
    }

    /** As {@code ip netns list-id} writes it: {@code nsid 5 current-nsid 2}. */
    @Override
    public String toString() {
        return "nsid " + (nsid < 0 ? "unassigned" : Integer.toString(nsid))
                + (currentNsid == ABSENT ? "" : " current-nsid " + (currentNsid < 0 ? "unassigned" : currentNsid));
    }
}
