package dev.jnetns;

/**
 * Linux errno values (asm-generic numbering, x86_64 and aarch64) with their symbolic names and
 * glibc's {@code strerror} text. The numbers are checked against {@code <errno.h>} by
 * {@code AbiConformanceTest} through {@code native/abi.c}.
 */
public enum Errno {
    /** Operation not permitted (errno 1). */
    EPERM(1, "Operation not permitted"),
    /** No such file or directory (errno 2). */
    ENOENT(2, "No such file or directory"),
    /** No such process (errno 3). */
    ESRCH(3, "No such process"),
    /** Interrupted system call (errno 4). */
    EINTR(4, "Interrupted system call"),
    /** Input/output error (errno 5). */
    EIO(5, "Input/output error"),
    /** No such device or address (errno 6). */
    ENXIO(6, "No such device or address"),
    /** Argument list too long (errno 7). */
    E2BIG(7, "Argument list too long"),
    /** Exec format error (errno 8). */
    ENOEXEC(8, "Exec format error"),
    /** Bad file descriptor (errno 9). */
    EBADF(9, "Bad file descriptor"),
    /** No child processes (errno 10). */
    ECHILD(10, "No child processes"),
    /** Resource temporarily unavailable (errno 11). */
    EAGAIN(11, "Resource temporarily unavailable"),
    /** Cannot allocate memory (errno 12). */
    ENOMEM(12, "Cannot allocate memory"),
    /** Permission denied (errno 13). */
    EACCES(13, "Permission denied"),
    /** Bad address (errno 14). */
    EFAULT(14, "Bad address"),
    /** Block device required (errno 15). */
    ENOTBLK(15, "Block device required"),
    /** Device or resource busy (errno 16). */
    EBUSY(16, "Device or resource busy"),
    /** File exists (errno 17). */
    EEXIST(17, "File exists"),
    /** Invalid cross-device link (errno 18). */
    EXDEV(18, "Invalid cross-device link"),
    /** No such device (errno 19). */
    ENODEV(19, "No such device"),
    /** Not a directory (errno 20). */
    ENOTDIR(20, "Not a directory"),
    /** Is a directory (errno 21). */
    EISDIR(21, "Is a directory"),
    /** Invalid argument (errno 22). */
    EINVAL(22, "Invalid argument"),
    /** Too many open files in system (errno 23). */
    ENFILE(23, "Too many open files in system"),
    /** Too many open files (errno 24). */
    EMFILE(24, "Too many open files"),
    /** Inappropriate ioctl for device (errno 25). */
    ENOTTY(25, "Inappropriate ioctl for device"),
    /** Text file busy (errno 26). */
    ETXTBSY(26, "Text file busy"),
    /** File too large (errno 27). */
    EFBIG(27, "File too large"),
    /** No space left on device (errno 28). */
    ENOSPC(28, "No space left on device"),
    /** Illegal seek (errno 29). */
    ESPIPE(29, "Illegal seek"),
    /** Read-only file system (errno 30). */
    EROFS(30, "Read-only file system"),
    /** Too many links (errno 31). */
    EMLINK(31, "Too many links"),
    /** Broken pipe (errno 32). */
    EPIPE(32, "Broken pipe"),
    /** Numerical argument out of domain (errno 33). */
    EDOM(33, "Numerical argument out of domain"),
    /** Numerical result out of range (errno 34). */
    ERANGE(34, "Numerical result out of range"),
    /** Resource deadlock avoided (errno 35). */
    EDEADLK(35, "Resource deadlock avoided"),
    /** File name too long (errno 36). */
    ENAMETOOLONG(36, "File name too long"),
    /** No locks available (errno 37). */
    ENOLCK(37, "No locks available"),
    /** Function not implemented (errno 38). */
    ENOSYS(38, "Function not implemented"),
    /** Directory not empty (errno 39). */
    ENOTEMPTY(39, "Directory not empty"),
    /** Too many levels of symbolic links (errno 40). */
    ELOOP(40, "Too many levels of symbolic links"),
    /** No message of desired type (errno 42). */
    ENOMSG(42, "No message of desired type"),
    /** Identifier removed (errno 43). */
    EIDRM(43, "Identifier removed"),
    /** Channel number out of range (errno 44). */
    ECHRNG(44, "Channel number out of range"),
    /** Level 2 not synchronized (errno 45). */
    EL2NSYNC(45, "Level 2 not synchronized"),
    /** Level 3 halted (errno 46). */
    EL3HLT(46, "Level 3 halted"),
    /** Level 3 reset (errno 47). */
    EL3RST(47, "Level 3 reset"),
    /** Link number out of range (errno 48). */
    ELNRNG(48, "Link number out of range"),
    /** Protocol driver not attached (errno 49). */
    EUNATCH(49, "Protocol driver not attached"),
    /** No CSI structure available (errno 50). */
    ENOCSI(50, "No CSI structure available"),
    /** Level 2 halted (errno 51). */
    EL2HLT(51, "Level 2 halted"),
    /** Invalid exchange (errno 52). */
    EBADE(52, "Invalid exchange"),
    /** Invalid request descriptor (errno 53). */
    EBADR(53, "Invalid request descriptor"),
    /** Exchange full (errno 54). */
    EXFULL(54, "Exchange full"),
    /** No anode (errno 55). */
    ENOANO(55, "No anode"),
    /** Invalid request code (errno 56). */
    EBADRQC(56, "Invalid request code"),
    /** Invalid slot (errno 57). */
    EBADSLT(57, "Invalid slot"),
    /** Bad font file format (errno 59). */
    EBFONT(59, "Bad font file format"),
    /** Device not a stream (errno 60). */
    ENOSTR(60, "Device not a stream"),
    /** No data available (errno 61). */
    ENODATA(61, "No data available"),
    /** Timer expired (errno 62). */
    ETIME(62, "Timer expired"),
    /** Out of streams resources (errno 63). */
    ENOSR(63, "Out of streams resources"),
    /** Machine is not on the network (errno 64). */
    ENONET(64, "Machine is not on the network"),
    /** Package not installed (errno 65). */
    ENOPKG(65, "Package not installed"),
    /** Object is remote (errno 66). */
    EREMOTE(66, "Object is remote"),
    /** Link has been severed (errno 67). */
    ENOLINK(67, "Link has been severed"),
    /** Advertise error (errno 68). */
    EADV(68, "Advertise error"),
    /** Srmount error (errno 69). */
    ESRMNT(69, "Srmount error"),
    /** Communication error on send (errno 70). */
    ECOMM(70, "Communication error on send"),
    /** Protocol error (errno 71). */
    EPROTO(71, "Protocol error"),
    /** Multihop attempted (errno 72). */
    EMULTIHOP(72, "Multihop attempted"),
    /** RFS specific error (errno 73). */
    EDOTDOT(73, "RFS specific error"),
    /** Bad message (errno 74). */
    EBADMSG(74, "Bad message"),
    /** Value too large for defined data type (errno 75). */
    EOVERFLOW(75, "Value too large for defined data type"),
    /** Name not unique on network (errno 76). */
    ENOTUNIQ(76, "Name not unique on network"),
    /** File descriptor in bad state (errno 77). */
    EBADFD(77, "File descriptor in bad state"),
    /** Remote address changed (errno 78). */
    EREMCHG(78, "Remote address changed"),
    /** Can not access a needed shared library (errno 79). */
    ELIBACC(79, "Can not access a needed shared library"),
    /** Accessing a corrupted shared library (errno 80). */
    ELIBBAD(80, "Accessing a corrupted shared library"),
    /** .lib section in a.out corrupted (errno 81). */
    ELIBSCN(81, ".lib section in a.out corrupted"),
    /** Attempting to link in too many shared libraries (errno 82). */
    ELIBMAX(82, "Attempting to link in too many shared libraries"),
    /** Cannot exec a shared library directly (errno 83). */
    ELIBEXEC(83, "Cannot exec a shared library directly"),
    /** Invalid or incomplete multibyte or wide character (errno 84). */
    EILSEQ(84, "Invalid or incomplete multibyte or wide character"),
    /** Interrupted system call should be restarted (errno 85). */
    ERESTART(85, "Interrupted system call should be restarted"),
    /** Streams pipe error (errno 86). */
    ESTRPIPE(86, "Streams pipe error"),
    /** Too many users (errno 87). */
    EUSERS(87, "Too many users"),
    /** Socket operation on non-socket (errno 88). */
    ENOTSOCK(88, "Socket operation on non-socket"),
    /** Destination address required (errno 89). */
    EDESTADDRREQ(89, "Destination address required"),
    /** Message too long (errno 90). */
    EMSGSIZE(90, "Message too long"),
    /** Protocol wrong type for socket (errno 91). */
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    /** Protocol not available (errno 92). */
    ENOPROTOOPT(92, "Protocol not available"),
    /** Protocol not supported (errno 93). */
    EPROTONOSUPPORT(93, "Protocol not supported"),
    /** Socket type not supported (errno 94). */
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    /** Operation not supported (errno 95). */
    EOPNOTSUPP(95, "Operation not supported"),
    /** Protocol family not supported (errno 96). */
    EPFNOSUPPORT(96, "Protocol family not supported"),
    /** Address family not supported by protocol (errno 97). */
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    /** Address already in use (errno 98). */
    EADDRINUSE(98, "Address already in use"),
    /** Cannot assign requested address (errno 99). */
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    /** Network is down (errno 100). */
    ENETDOWN(100, "Network is down"),
    /** Network is unreachable (errno 101). */
    ENETUNREACH(101, "Network is unreachable"),
    /** Network dropped connection on reset (errno 102). */
    ENETRESET(102, "Network dropped connection on reset"),
    /** Software caused connection abort (errno 103). */
    ECONNABORTED(103, "Software caused connection abort"),
    /** Connection reset by peer (errno 104). */
    ECONNRESET(104, "Connection reset by peer"),
    /** No buffer space available (errno 105). */
    ENOBUFS(105, "No buffer space available"),
    /** Transport endpoint is already connected (errno 106). */
    EISCONN(106, "Transport endpoint is already connected"),
    /** Transport endpoint is not connected (errno 107). */
    ENOTCONN(107, "Transport endpoint is not connected"),
    /** Cannot send after transport endpoint shutdown (errno 108). */
    ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
    /** Too many references: cannot splice (errno 109). */
    ETOOMANYREFS(109, "Too many references: cannot splice"),
    /** Connection timed out (errno 110). */
    ETIMEDOUT(110, "Connection timed out"),
    /** Connection refused (errno 111). */
    ECONNREFUSED(111, "Connection refused"),
    /** Host is down (errno 112). */
    EHOSTDOWN(112, "Host is down"),
    /** No route to host (errno 113). */
    EHOSTUNREACH(113, "No route to host"),
    /** Operation already in progress (errno 114). */
    EALREADY(114, "Operation already in progress"),
    /** Operation now in progress (errno 115). */
    EINPROGRESS(115, "Operation now in progress"),
    /** Stale file handle (errno 116). */
    ESTALE(116, "Stale file handle"),
    /** Structure needs cleaning (errno 117). */
    EUCLEAN(117, "Structure needs cleaning"),
    /** Not a XENIX named type file (errno 118). */
    ENOTNAM(118, "Not a XENIX named type file"),
    /** No XENIX semaphores available (errno 119). */
    ENAVAIL(119, "No XENIX semaphores available"),
    /** Is a named type file (errno 120). */
    EISNAM(120, "Is a named type file"),
    /** Remote I/O error (errno 121). */
    EREMOTEIO(121, "Remote I/O error"),
    /** Disk quota exceeded (errno 122). */
    EDQUOT(122, "Disk quota exceeded"),
    /** No medium found (errno 123). */
    ENOMEDIUM(123, "No medium found"),
    /** Wrong medium type (errno 124). */
    EMEDIUMTYPE(124, "Wrong medium type"),
    /** Operation canceled (errno 125). */
    ECANCELED(125, "Operation canceled"),
    /** Required key not available (errno 126). */
    ENOKEY(126, "Required key not available"),
    /** Key has expired (errno 127). */
    EKEYEXPIRED(127, "Key has expired"),
    /** Key has been revoked (errno 128). */
    EKEYREVOKED(128, "Key has been revoked"),
    /** Key was rejected by service (errno 129). */
    EKEYREJECTED(129, "Key was rejected by service"),
    /** Owner died (errno 130). */
    EOWNERDEAD(130, "Owner died"),
    /** State not recoverable (errno 131). */
    ENOTRECOVERABLE(131, "State not recoverable"),
    /** Operation not possible due to RF-kill (errno 132). */
    ERFKILL(132, "Operation not possible due to RF-kill"),
    /** A number this table does not know; {@link ErrnoException#errno()} keeps the raw value. */
    UNKNOWN(-1, "Unknown error");

    private static final Errno[] BY_NUMBER = new Errno[256];

    static {
        for (Errno e : values()) {
            if (e.number > 0) {
                BY_NUMBER[e.number] = e;
            }
        }
    }

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    /**
     * The errno for a number.
     *
     * @param number a positive errno number, as the kernel returns it negated
     * @return its constant, {@link #UNKNOWN} when the table has none
     */
    public static Errno of(int number) {
        Errno e = number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
        return e == null ? UNKNOWN : e;
    }

    /**
     * The kernel's number for this errno.
     *
     * @return the positive number, -1 for {@link #UNKNOWN}
     */
    public int number() {
        return number;
    }

    /**
     * What the error means.
     *
     * @return the text {@code strerror(3)} gives, e.g. "File exists"
     */
    public String description() {
        return description;
    }
}
