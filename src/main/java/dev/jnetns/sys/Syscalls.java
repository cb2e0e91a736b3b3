package dev.jnetns.sys;

import dev.jnetns.ErrnoException;
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

    /**
     * The backend chosen for this JVM (see {@link Backends}).
     *
     * @return the FFM backend on JDK 22+, JNA below, unless {@code -Djnetns.backend} says otherwise
     * @throws IllegalStateException when the JVM refuses jnetns native access (the message names
     *         the {@code --enable-native-access} flag to add)
     */
    static Syscalls get() {
        return Backends.DEFAULT.syscalls();
    }

    /**
     * The backend's name.
     *
     * @return "ffm" or "jna"
     */
    String backendName();

    /**
     * socket(2).
     *
     * @param domain the address family, e.g. {@code AF_NETLINK}
     * @param type the socket type and flags, e.g. {@code SOCK_RAW | SOCK_CLOEXEC}
     * @param protocol the protocol, e.g. {@code NETLINK_ROUTE}
     * @return the new descriptor
     * @throws ErrnoException when the kernel refuses
     */
    int socket(int domain, int type, int protocol) throws ErrnoException;

    /**
     * bind(2) with a socket address given as raw bytes.
     *
     * @param fd the socket
     * @param sockaddr the address, e.g. a {@code struct sockaddr_nl}
     * @throws ErrnoException when the kernel refuses
     */
    void bind(int fd, byte[] sockaddr) throws ErrnoException;

    /**
     * getsockname(2).
     *
     * @param fd the socket
     * @param sockaddr receives the address (as many bytes as it has room for)
     * @return the address length the kernel reported
     * @throws ErrnoException when the kernel refuses
     */
    int getsockname(int fd, byte[] sockaddr) throws ErrnoException;

    /**
     * listen(2).
     *
     * @param fd the socket
     * @param backlog how many connections may wait to be accepted
     * @throws ErrnoException when the kernel refuses
     */
    void listen(int fd, int backlog) throws ErrnoException;

    /**
     * accept4(2) with {@code SOCK_CLOEXEC}; the peer's address is not asked for.
     *
     * @param fd a listening socket
     * @return the connection's descriptor
     * @throws ErrnoException when the kernel refuses
     */
    int accept(int fd) throws ErrnoException;

    /**
     * setsockopt(2) with an {@code int} option value.
     *
     * @param fd the socket
     * @param level the option's level, e.g. {@code SOL_SOCKET} or {@code SOL_NETLINK}
     * @param name the option
     * @param value its new value
     * @throws ErrnoException when the kernel refuses
     */
    void setsockopt(int fd, int level, int name, int value) throws ErrnoException;

    /**
     * getsockopt(2) of an {@code int} option value.
     *
     * @param fd the socket
     * @param level the option's level
     * @param name the option
     * @return its value
     * @throws ErrnoException when the kernel refuses
     */
    int getsockopt(int fd, int level, int name) throws ErrnoException;

    /**
     * getsockopt(2) of an option that is a struct, e.g. {@code SO_PEERCRED}'s {@code struct ucred}.
     *
     * @param fd the socket
     * @param level the option's level
     * @param name the option
     * @param value receives the option (as many bytes as it has room for)
     * @return the length the kernel reported
     * @throws ErrnoException when the kernel refuses
     */
    int getsockopt(int fd, int level, int name, byte[] value) throws ErrnoException;

    /**
     * send(2) of the buffer's remaining bytes.
     *
     * @param fd the socket
     * @param buf a direct buffer; its position is not moved
     * @param flags {@code MSG_*} flags
     * @return the count sent
     * @throws ErrnoException when the kernel refuses
     */
    int send(int fd, ByteBuffer buf, int flags) throws ErrnoException;

    /**
     * recv(2) into the buffer's remaining space.
     *
     * @param fd the socket
     * @param buf a direct buffer; its position is not moved
     * @param flags {@code MSG_*} flags
     * @return the count received, which with {@code MSG_TRUNC} is the datagram's real length even
     *         when larger than the space
     * @throws ErrnoException when the kernel refuses ({@code EAGAIN} with {@code MSG_DONTWAIT} and
     *         nothing to read)
     */
    int recv(int fd, ByteBuffer buf, int flags) throws ErrnoException;

    /**
     * close(2).
     *
     * @param fd the descriptor
     * @throws ErrnoException when the kernel refuses, e.g. {@code EBADF}
     */
    void close(int fd) throws ErrnoException;

    /**
     * open(2).
     *
     * @param path the file
     * @param flags {@code O_*} flags
     * @param mode the mode of a file {@code O_CREAT} makes
     * @return the new descriptor
     * @throws ErrnoException when the kernel refuses
     */
    int open(String path, int flags, int mode) throws ErrnoException;

    /**
     * setns(2): moves the <em>calling thread</em> into a namespace.
     *
     * @param fd a descriptor of the namespace
     * @param nstype the namespace's kind, e.g. {@code CLONE_NEWNET}, or 0 for any
     * @throws ErrnoException when the kernel refuses
     */
    void setns(int fd, int nstype) throws ErrnoException;

    /**
     * unshare(2): gives the <em>calling thread</em> new namespaces.
     *
     * @param flags {@code CLONE_*} flags, e.g. {@code CLONE_NEWNET}
     * @throws ErrnoException when the kernel refuses ({@code EPERM} without {@code CAP_SYS_ADMIN})
     */
    void unshare(int flags) throws ErrnoException;

    /**
     * mount(2).
     *
     * @param source what to mount, or null
     * @param target where
     * @param fstype the file system type, or null
     * @param flags {@code MS_*} flags
     * @param data file system options, or null
     * @throws ErrnoException when the kernel refuses
     */
    void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException;

    /**
     * umount2(2).
     *
     * @param target the mount point
     * @param flags {@code MNT_*} flags, e.g. {@code MNT_DETACH}
     * @throws ErrnoException when the kernel refuses
     */
    void umount2(String target, int flags) throws ErrnoException;

    /**
     * flock(2): a lock on the open file (its description), not on the process.
     *
     * @param fd the file
     * @param operation {@code LOCK_EX} or {@code LOCK_UN}
     * @throws ErrnoException when the kernel refuses
     */
    void flock(int fd, int operation) throws ErrnoException;

    /**
     * unlink(2).
     *
     * @param path the file
     * @throws ErrnoException when the kernel refuses
     */
    void unlink(String path) throws ErrnoException;

    /**
     * ioctl(2) with a pointer argument.
     *
     * @param fd the descriptor
     * @param request the request number
     * @param arg passed in, and read back after the call
     * @return the call's result
     * @throws ErrnoException when the kernel refuses
     */
    int ioctl(int fd, long request, byte[] arg) throws ErrnoException;

    /**
     * ioctl(2) with an integer argument.
     *
     * @param fd the descriptor
     * @param request the request number
     * @param arg the argument
     * @return the call's result
     * @throws ErrnoException when the kernel refuses
     */
    int ioctl(int fd, long request, long arg) throws ErrnoException;

    /**
     * prctl(2) with up to two arguments; acts on the calling thread.
     *
     * @param option the {@code PR_*} option, e.g. {@code PR_CAPBSET_DROP}
     * @param arg2 its first argument, e.g. a capability
     * @param arg3 its second argument, or 0
     * @return the call's result
     * @throws ErrnoException when the kernel refuses
     */
    int prctl(int option, long arg2, long arg3) throws ErrnoException;

    /**
     * capget(2).
     *
     * @param header {version, pid}
     * @param data receives 2 × {effective, permitted, inheritable}
     * @throws ErrnoException when the kernel refuses
     */
    void capget(int[] header, int[] data) throws ErrnoException;

    /**
     * capset(2) of the calling thread.
     *
     * @param header {version, pid}, as for {@link #capget}
     * @param data 2 × {effective, permitted, inheritable}
     * @throws ErrnoException when the kernel refuses
     */
    void capset(int[] header, int[] data) throws ErrnoException;

    /**
     * pipe2(2) with {@code O_CLOEXEC}.
     *
     * @return {read end, write end}
     * @throws ErrnoException when the kernel refuses
     */
    int[] pipe() throws ErrnoException;

    /**
     * read(2).
     *
     * @param fd the descriptor
     * @param buf receives the bytes at {@code buf[off..off+len)}
     * @param off where in {@code buf}
     * @param len at most this many
     * @return the count, 0 at end of file
     * @throws ErrnoException when the kernel refuses
     */
    int read(int fd, byte[] buf, int off, int len) throws ErrnoException;

    /**
     * write(2).
     *
     * @param fd the descriptor
     * @param buf holds the bytes at {@code buf[off..off+len)}
     * @param off where in {@code buf}
     * @param len how many
     * @return the count written
     * @throws ErrnoException when the kernel refuses
     */
    int write(int fd, byte[] buf, int off, int len) throws ErrnoException;

    /**
     * posix_spawnp(3) from the calling thread, so the child gets that thread's namespaces.
     *
     * @param argv the program (searched in PATH) and its arguments
     * @param envp the child's environment, "NAME=VALUE" each
     * @param fds child descriptor {@code i} becomes {@code fds[i]} of this process when
     *        {@code fds[i] >= 0}; else it is inherited as it is
     * @param dir where the child starts, or null for here
     * @return the child's pid
     * @throws ErrnoException when the child cannot be started
     */
    int spawn(String[] argv, String[] envp, int[] fds, String dir) throws ErrnoException;

    /**
     * waitpid(2).
     *
     * @param pid the child
     * @param options e.g. {@code WNOHANG}
     * @return the raw status, or -1 with {@code WNOHANG} while the child runs
     * @throws ErrnoException when the kernel refuses
     */
    int waitpid(int pid, int options) throws ErrnoException;

    /**
     * poll(2) of one descriptor for input.
     *
     * @param fd the descriptor
     * @param timeoutMillis how long to wait, -1 for ever
     * @return true when it is readable (or has an error to report); false on time-out or signal
     * @throws ErrnoException when the kernel refuses
     */
    boolean poll(int fd, int timeoutMillis) throws ErrnoException;

    /**
     * kill(2).
     *
     * @param pid the process
     * @param signal the signal number
     * @throws ErrnoException when the kernel refuses
     */
    void kill(int pid, int signal) throws ErrnoException;

    /**
     * gettid(2).
     *
     * @return the kernel's id of the calling thread
     */
    int gettid();

    /** inotify_init1(2): a new inotify descriptor ({@code flags}: IN_CLOEXEC, IN_NONBLOCK). */
    int inotifyInit1(int flags) throws ErrnoException;

    /** inotify_add_watch(2): watches {@code path} for the IN_* events of {@code mask}; the watch descriptor. */
    int inotifyAddWatch(int fd, String path, int mask) throws ErrnoException;
}
