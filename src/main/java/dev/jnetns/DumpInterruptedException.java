package dev.jnetns;

/**
 * A dump kept coming back with {@code NLM_F_DUMP_INTR} (the kernel's table changed while it was
 * being dumped) after every retry.
 */
public final class DumpInterruptedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * A dump that was interrupted on every attempt.
     *
     * @param request what was dumped
     * @param attempts how many times it was tried
     */
    public DumpInterruptedException(String request, int attempts) {
        super(request, 4 /* EINTR */, "dump interrupted by concurrent changes " + attempts + " times");
    }
}
