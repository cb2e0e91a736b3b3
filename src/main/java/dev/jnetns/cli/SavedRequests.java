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

    /**
     * {@code ip addr|rule restore}: each record of the save file on stdin, in its order; a
     * refusal other than EEXIST ends it (exit 255, as ip's).
     *
     * @param object the object as ip names it in its messages ({@code "address"}, {@code "rule"})
     * @param magic the file's magic ({@link SaveFile#ADDRESSES}, {@link SaveFile#RULES})
     * @param what the request in error messages, e.g. {@code "addr restore"}
     */
    static void restoreAll(Rtnl rtnl, String object, int magic, String what) throws ErrnoException {
        SaveFile file = SaveFile.open(object, magic, Main.EXIT_ABORT, Main.EXIT_ABORT);
        for (byte[] m; (m = file.next()) != null; ) {
            send(rtnl, what, m, Main.EXIT_ABORT);
        }
    }
}
