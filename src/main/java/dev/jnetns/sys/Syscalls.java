package dev.jnetns.sys;

import java.nio.ByteBuffer;

/**
 * The only native surface of jnetns: the Linux system calls it needs, each throwing
 * {@link ErrnoException} on failure (no errno getter, no -1 returns). Two backends implement it:
 * FFM ({@code java.lang.foreign}, JDK 22+, from the multi-release part of the jar) and JNA (JDK 17+).
 * {@link #get()} returns the one chosen for this JVM.
 *
 * <p>Buffers passed to {@link #send} and {@link #recv} must be direct; the bytes between position and
 * limit are used, and positions are not moved.
 */
public interface Syscalls {

    /** The backend chosen for this JVM (see {@link Backends}). */
    static Syscalls get() {
        return Backends.DEFAULT.syscalls();
    }

    /** "ffm" or "jna". */
    String backendName();

    /** socket(2); returns the new descriptor. */
    int socket(int domain, int type, int protocol) throws ErrnoException;

    /** bind(2) with a socket address given as raw bytes (e.g. a {@code struct sockaddr_nl}). */
    void bind(int fd, byte[] sockaddr) throws ErrnoException;

    /** getsockname(2) into {@code sockaddr}; returns the address length the kernel reported. */
    int getsockname(int fd, byte[] sockaddr) throws ErrnoException;

    /** listen(2). */
    void listen(int fd, int backlog) throws ErrnoException;

    /** accept4(2) with {@code SOCK_CLOEXEC}, the peer's address not asked for; returns the new descriptor. */
    int accept(int fd) throws ErrnoException;

    /** setsockopt(2) with an {@code int} option value. */
    void setsockopt(int fd, int level, int name, int value) throws ErrnoException;

    /** getsockopt(2) of an {@code int} option value. */
    int getsockopt(int fd, int level, int name) throws ErrnoException;

    /**
     * getsockopt(2) of an option that is a struct (e.g. {@code SO_PEERCRED}'s {@code struct ucred}),
     * read into {@code value}; returns the length the kernel reported.
     */
    int getsockopt(int fd, int level, int name, byte[] value) throws ErrnoException;

    /** send(2) of the buffer's remaining bytes; returns the count sent. */
    int send(int fd, ByteBuffer buf, int flags) throws ErrnoException;

    /**
     * recv(2) into the buffer's remaining space; returns the count received, which with
     * {@code MSG_TRUNC} is the datagram's real length even when larger than the space.
     */
    int recv(int fd, ByteBuffer buf, int flags) throws ErrnoException;

    /** close(2). */
    void close(int fd) throws ErrnoException;

    /** open(2); returns the new descriptor. */
    int open(String path, int flags, int mode) throws ErrnoException;

    /** setns(2): moves the <em>calling thread</em> into the namespace {@code fd} refers to. */
    void setns(int fd, int nstype) throws ErrnoException;

    /** unshare(2): gives the <em>calling thread</em> new namespaces. */
    void unshare(int flags) throws ErrnoException;

    /** mount(2); {@code source}, {@code fstype} and {@code data} may be null. */
    void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException;

    /** umount2(2). */
    void umount2(String target, int flags) throws ErrnoException;

    /** flock(2) ({@code LOCK_EX}, {@code LOCK_UN}): a lock on the open file, not the process. */
    void flock(int fd, int operation) throws ErrnoException;

    /** unlink(2). */
    void unlink(String path) throws ErrnoException;

    /** ioctl(2) with a pointer argument: {@code arg} is passed in and read back after the call. */
    int ioctl(int fd, long request, byte[] arg) throws ErrnoException;

    /** ioctl(2) with an integer argument. */
    int ioctl(int fd, long request, long arg) throws ErrnoException;

    /** prctl(2) with one argument (e.g. PR_CAPBSET_DROP, CAP); acts on the calling thread. */
    int prctl(int option, long arg2, long arg3) throws ErrnoException;

    /** capget(2): {@code header} is {version, pid}; {@code data} receives 2 × {effective, permitted, inheritable}. */
    void capget(int[] header, int[] data) throws ErrnoException;

    /** capset(2) of the calling thread, same layout as {@link #capget}. */
    void capset(int[] header, int[] data) throws ErrnoException;

    /** pipe2(2) with O_CLOEXEC; returns {read end, write end}. */
    int[] pipe() throws ErrnoException;

    /** read(2) into {@code buf[off..off+len)}; returns the count, 0 at end of file. */
    int read(int fd, byte[] buf, int off, int len) throws ErrnoException;

    /** write(2) of {@code buf[off..off+len)}; returns the count written. */
    int write(int fd, byte[] buf, int off, int len) throws ErrnoException;

    /**
     * posix_spawnp(3) from the calling thread (so the child gets that thread's namespaces): runs
     * {@code argv[0]} (searched in PATH) with {@code envp}; child descriptor {@code i} becomes
     * {@code fds[i]} of this process when {@code fds[i] >= 0} (else it is inherited as it is); the
     * child starts in {@code dir} when not null. Returns the child's pid.
     */
    int spawn(String[] argv, String[] envp, int[] fds, String dir) throws ErrnoException;

    /** waitpid(2); returns the raw status, or -1 with {@code WNOHANG} while the child runs. */
    int waitpid(int pid, int options) throws ErrnoException;

    /** poll(2) of one descriptor for input; true when it is readable (or has an error to report). */
    boolean poll(int fd, int timeoutMillis) throws ErrnoException;

    /** kill(2). */
    void kill(int pid, int signal) throws ErrnoException;

    /** gettid(2): the kernel's id of the calling thread. */
    int gettid();
}
