package dev.jnetns;

import dev.jnetns.rtnl.Escape;
import java.io.IOException;

/**
 * A system call failed. Carries the call, the errno (number and symbolic name) and what the call
 * was applied to, e.g. {@code setns(fd 7, CLONE_NEWNET): Operation not permitted (EPERM): needs
 * CAP_SYS_ADMIN}: a refusal for want of privilege names the privilege. The message is one line:
 * control characters of the operation (a device name as given, say) are escaped ({@code \n}, {@code \x00}).
 */
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What failed, without the errno part. */
    private final String operation;
    /** The positive errno number. */
    private final int errno;

    /**
     * A failure of {@code operation} with {@code errno}.
     *
     * @param operation what failed, e.g. {@code "setns(fd 7, CLONE_NEWNET)"} or a netlink request summary
     * @param errno the positive errno number
     */
    public ErrnoException(String operation, int errno) {
        this(operation, errno, null);
    }

    /**
     * A failure with more to say after the errno, e.g. the kernel's extended-ack text.
     *
     * @param operation what failed
     * @param errno the positive errno number
     * @param extra appended to the message (its control characters escaped too), or null
     */
    protected ErrnoException(String operation, int errno, String extra) {
        super(Escape.controls(operation + ": " + describe(errno) + (extra == null ? "" : extra) + needs(operation, errno)));
        this.operation = operation;
        this.errno = errno;
    }

    /** System calls that need CAP_SYS_ADMIN, as the operation text names them. */
    private static final String[] SYS_ADMIN_CALLS = {"setns(", "unshare(", "mount(", "umount2("};

    /**
     * ": needs PRIVILEGE" for a refusal that lack of privilege explains, "" otherwise: EPERM of
     * setns, unshare, mount and umount2 (CAP_SYS_ADMIN) or of a tun/tap ioctl (operations named
     * "tuntap ...": CAP_NET_ADMIN), EACCES (a file only root may use, under /run/netns or /proc/sys).
     */
    private static String needs(String operation, int errno) {
        if (errno == Errno.EPERM.number()) {
            for (String call : SYS_ADMIN_CALLS) {
                if (operation.contains(call)) {
                    return ": needs CAP_SYS_ADMIN";
                }
            }
            if (operation.startsWith("tuntap ")) {
                return ": needs CAP_NET_ADMIN";
            }
        }
        return errno == Errno.EACCES.number() ? ": needs root" : "";
    }

    /**
     * The privilege whose lack explains this refusal, as the message ends with it.
     *
     * @return e.g. ": needs CAP_SYS_ADMIN", or "" when lack of privilege does not explain it
     */
    public String needs() {
        return needs(operation, errno);
    }

    /**
     * An errno as messages show it.
     *
     * @param errno a positive errno number
     * @return e.g. "File exists (EEXIST)"; for a number the table lacks "Unknown error 999 (errno 999)"
     */
    public static String describe(int errno) {
        Errno e = Errno.of(errno);
        return e == Errno.UNKNOWN
                ? "Unknown error " + errno + " (errno " + errno + ")"
                : e.description() + " (" + e.name() + ")";
    }

    /**
     * What failed.
     *
     * @return the operation, without the errno part
     */
    public String operation() {
        return operation;
    }

    /**
     * The errno.
     *
     * @return the positive errno number
     */
    public int errno() {
        return errno;
    }

    /**
     * The errno by name.
     *
     * @return its constant, {@link Errno#UNKNOWN} when the number is not in the table
     */
    public Errno errnoName() {
        return Errno.of(errno);
    }

    /**
     * Whether this failure is a given errno: {@code e.is(Errno.ENOENT)}.
     *
     * @param e the errno to compare with
     * @return true when this failure's errno is {@code e}
     */
    public boolean is(Errno e) {
        return e.number() == errno;
    }
}
