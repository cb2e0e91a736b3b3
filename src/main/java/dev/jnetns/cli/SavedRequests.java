package dev.jnetns.cli;

import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import dev.jnetns.Rtnl;
import dev.jnetns.rtnl.Escape;

/** Sends the messages of a save file back, as the restore_handler of ip's route, addr and rule do. */
final class SavedRequests {
    private SavedRequests() {
    }

    /**
     * Sends {@code message} (rtnl_talk); a record that exists already (EEXIST) is reported on stderr,
     * as rtnl_talk reports it, and passed over.
     *
     * @param what the request in error messages, e.g. {@code "route restore"}
     * @param exit ip's exit code for any other refusal: 2 for route (the error itself), 255 for addr and rule
     */
    static void send(Rtnl rtnl, String what, byte[] message, int exit) throws ErrnoException {
        try {
            rtnl.restore(what, message);
        } catch (ErrnoException e) {
            if (e.is(Errno.EEXIST)) {
                System.err.println("jnetns: " + Escape.controls(e.getMessage()));
                return;
            }
            if (exit == Main.EXIT_KERNEL) {
                throw e;
            }
            throw new CommandFailed(e.getMessage(), exit);
        }
    }
}
