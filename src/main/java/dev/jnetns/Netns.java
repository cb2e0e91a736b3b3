package dev.jnetns;

import static dev.jnetns.uapi.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.uapi.LinuxFcntl.O_RDONLY;
import static dev.jnetns.uapi.LinuxSched.CLONE_NEWNET;

import dev.jnetns.sys.Syscalls;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A network namespace held open by a file descriptor ({@code O_CLOEXEC}). Code that must run inside
 * it runs on a dedicated platform thread that enters it and then ends ({@link #call}); the caller's
 * thread never changes namespace, so this is safe from any thread, virtual threads included.
 *
 * <p>Close handles when done. A handle that becomes unreachable without {@link #close()} is
 * reported on stderr and its descriptor closed.
 */
public final class Netns implements AutoCloseable {
    /** Where iproute2 keeps named namespaces. */
    public static final Path RUN_DIR = Path.of("/run/netns");

    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * The descriptor and its uses: closed for real when the handle is closed (or found leaked) and
     * no {@link Hold} is open, so its number is never reused while a request that names it is in flight.
     */
    private static final class Fd implements Runnable {
        final int fd;
        final String description;
        private int uses;
        private boolean closed;
        private boolean closedByOwner;

        Fd(int fd, String description) {
            this.fd = fd;
            this.description = description;
        }

        synchronized void use(Object owner) {
            if (closed) {
                throw new IllegalStateException(owner + " is closed");
            }
            uses++;
        }

        synchronized int number(Object owner) {
            if (closed) {
                throw new IllegalStateException(owner + " is closed");
            }
            if (uses == 0) {
                throw new IllegalStateException("the descriptor of " + owner + " is read outside Netns.hold()");
            }
            return fd;
        }

        /** Ends one use; true when the descriptor is to be closed now (the handle was closed meanwhile). */
        synchronized boolean release() {
            return --uses == 0 && closed;
        }

        /** Marks the handle closed by its owner; true when no use is open, so the descriptor can go now. */
        synchronized boolean closeByOwner() {
            if (closed) {
                return false;
            }
            closed = true;
            closedByOwner = true;
            return uses == 0;
        }

        /** The Cleaner's action, or the last use ending after {@link #closeByOwner}. */
        @Override
        public void run() {
            synchronized (this) {
                if (!closedByOwner) {
                    System.err.println("jnetns: " + description + " (fd " + fd + ") was never closed; closing it now");
                }
                closed = true;
            }
            try {
                Syscalls.get().close(fd);
            } catch (ErrnoException e) {
                System.err.println("jnetns: closing " + description + ": " + e.getMessage());
            }
        }
    }

    /**
     * One use of the descriptors of one or more handles: while it is open they stay open, even when
     * a handle is closed meanwhile (its descriptor is closed when the last use ends), so
     * {@link Netns#fd()} names the same namespace for the whole use. Close it when the use ends.
     */
    public static final class Hold implements AutoCloseable {
        private final List<Netns> held;
        private boolean released;

        private Hold(List<Netns> held) {
            this.held = held;
        }

        /** Ends the use: a handle closed meanwhile closes its descriptor now. */
        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            for (Netns ns : held) {
                ns.release();
            }
        }
    }

    private final Fd fd;
    private final Cleaner.Cleanable cleanable;
    private final String name;
    private final long inode;

    private Netns(int fd, String name, String description) throws ErrnoException {
        this.name = name;
        Path self = Path.of("/proc/self/fd/" + fd);
        if (!NetnsDir.onNsfs(self)) {   // a bare file under /run/netns, say
            throw new ErrnoException((name != null ? NetnsDir.path(name) : "fd " + fd) + " is not a namespace",
                    Errno.EINVAL.number());
        }
        this.inode = inodeOf(self);
        String what = description != null ? description : "netns " + (name != null ? name : "net:[" + inode + "]");
        this.fd = new Fd(fd, what);
        this.cleanable = CLEANER.register(this, this.fd);
    }

    private static Netns adopt(int fd, String name, String description) throws ErrnoException {
        try {
            return new Netns(fd, name, description);
        } catch (ErrnoException | RuntimeException e) {
            try {
                Syscalls.get().close(fd);
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Creates a new anonymous namespace; it lives as long as a handle, socket or process holds it.
     * Equivalent to: {@code unshare --net} without a process.
     *
     * @return the namespace, open
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static Netns create() throws ErrnoException {
        return HelperThread.create(() -> {
            Syscalls sys = Syscalls.get();
            sys.unshare(CLONE_NEWNET);
            return adopt(sys.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0), null, null);
        });
    }

    /**
     * Creates a named namespace the iproute2 way and opens it. Equivalent to: {@code ip netns add NAME}.
     *
     * @param name the namespace's name
     * @return the namespace, open
     * @throws IllegalArgumentException for an invalid name (nothing is touched)
     * @throws ErrnoException EEXIST when the name is taken
     */
    public static Netns createNamed(String name) throws ErrnoException {
        NetnsDir.add(name);
        try {
            return open(name);
        } catch (ErrnoException | RuntimeException e) {
            try {
                NetnsDir.delete(name);
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Names the network namespace of process {@code pid}: bind-mounts its {@code /proc/PID/ns/net}
     * on {@code /run/netns/NAME}. Equivalent to: {@code ip netns attach NAME PID}.
     *
     * @param name the name to give it
     * @param pid the process (as ip takes it: any int, a negative one fails as a missing process)
     * @throws IllegalArgumentException for an invalid name (nothing is touched)
     * @throws ErrnoException EEXIST when the name is taken (operation "cannot create namespace file ..."),
     *     ENOENT when there is no such process (operation "bind /proc/PID/ns/net -> /run/netns/NAME",
     *     and no file is left)
     */
    public static void attachNamed(String name, int pid) throws ErrnoException {
        NetnsDir.attach(name, pid);
    }

    /**
     * Creates named namespaces in order, as consecutive {@code ip netns add NAME} lines of a batch
     * do, on one helper thread for them all (a thread hand-off per namespace costs about as much as
     * making it). A name that fails leaves nothing behind; the others are kept.
     *
     * @param names the names, each checked as {@link #checkName} does before any is made
     * @param stopAtFirstError whether to stop at the first failure (no later name is tried)
     * @return the failures, by index in {@code names}, in order
     * @throws ErrnoException when no helper thread could be had
     * @throws IllegalArgumentException for an invalid name (then nothing is made)
     */
    public static Map<Integer, ErrnoException> createNamedAll(List<String> names, boolean stopAtFirstError)
            throws ErrnoException {
        return Collections.unmodifiableMap(NetnsDir.addAll(names, stopAtFirstError));
    }

    /**
     * Deletes named namespaces with the outcome of {@link #delete} of each in order, faster: the
     * leading names that are distinct and exist are removed by a few threads at once (each detach
     * waits for an RCU grace period, which concurrent detaches share). Equivalent to: {@code ip
     * -batch} of {@code netns del NAME} lines.
     *
     * @param names the names, each checked as {@link #checkName} does before any is removed
     * @param stopAtFirstError whether to stop at the first failure (no later name is tried; a
     *     failure among the leading names, whose file went away meanwhile, stops only the rest)
     * @return the failures, by index in {@code names}, in order
     * @throws ErrnoException when the system refuses before any name is tried
     * @throws IllegalArgumentException for an invalid name (then nothing is removed)
     */
    public static Map<Integer, ErrnoException> deleteNamedAll(List<String> names, boolean stopAtFirstError)
            throws ErrnoException {
        return Collections.unmodifiableMap(NetnsDir.deleteAll(names, stopAtFirstError));
    }

    /**
     * Deletes a named namespace: detach-unmounts and removes {@code /run/netns/NAME}. The namespace
     * itself lives on while anything else holds it. Equivalent to: {@code ip netns del NAME}.
     *
     * @param name the namespace's name
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static void delete(String name) throws ErrnoException {
        NetnsDir.delete(name);
    }

    /**
     * Checks a namespace name as iproute2 does (not empty, not "." or "..", no '/' or NUL, at most 255
     * bytes) and returns it.
     *
     * @param name the name to check
     * @return {@code name}
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkName(String name) {
        return NetnsNames.check(name);
    }

    /**
     * {@return the names under /run/netns} Equivalent to: {@code ip netns list}.
     *
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static List<String> names() throws ErrnoException {
        return Collections.unmodifiableList(NetnsDir.names());
    }

    /**
     * Whether {@code /run/netns/NAME} holds a namespace: false when there is no such name, and for a
     * bare file that is no namespace (left by an {@code ip netns add} or {@code jnetns netns add}
     * killed between creating the file and mounting the namespace on it; {@link #delete} removes it).
     *
     * @param name a name under /run/netns
     * @return whether a namespace is mounted there
     * @throws ErrnoException when the file cannot be examined
     */
    public static boolean exists(String name) throws ErrnoException {
        return NetnsDir.isMounted(name);
    }

    /**
     * Opens a namespace by name (under /run/netns, as {@code ip -n NAME}) or by path (anything with a
     * '/', e.g. {@code /proc/PID/ns/net}).
     *
     * @param nameOrPath a name under /run/netns, or a path
     * @return the namespace, open
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static Netns open(String nameOrPath) throws ErrnoException {
        boolean isPath = nameOrPath.indexOf('/') >= 0;
        String path = isPath ? nameOrPath : NetnsDir.path(nameOrPath).toString();
        return adopt(Syscalls.get().open(path, O_RDONLY | O_CLOEXEC, 0), isPath ? null : nameOrPath, null);
    }

    /**
     * {@return the namespace process {@code pid} is in ({@code /proc/PID/ns/net})}
     *
     * @param pid a process id
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static Netns openPid(long pid) throws ErrnoException {
        return open("/proc/" + pid + "/ns/net");
    }

    /**
     * {@return the namespace of this process ({@code /proc/self/ns/net})}
     *
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static Netns current() throws ErrnoException {
        return open("/proc/self/ns/net");
    }

    /**
     * {@return the inode that identifies a namespace file (as {@code stat -L}); equal inodes mean the same namespace}
     *
     * @param nsFile a namespace file, e.g. /proc/PID/ns/net
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static long inodeOf(Path nsFile) throws ErrnoException {
        try {
            return ((Number) Files.getAttribute(nsFile, "unix:ino")).longValue();
        } catch (IOException e) {
            throw new ErrnoException("stat " + nsFile, Errno.ENOENT.number());
        }
    }

    /**
     * {@return the names under /run/netns that refer to the namespace of process {@code pid}}
     * Equivalent to: {@code ip netns identify PID}.
     *
     * @param pid a process id
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static List<String> identify(long pid) throws ErrnoException {
        return identify(Path.of("/proc/" + pid + "/ns/net"));
    }

    /**
     * {@return the names under /run/netns that refer to the namespace of {@code nsFile}, in directory
     * order} Equivalent to: {@code ip -n NAME netns identify} (the namespace of -n).
     *
     * @param nsFile a namespace file, e.g. /proc/PID/ns/net or /run/netns/NAME
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static List<String> identify(Path nsFile) throws ErrnoException {
        long target = inodeOf(nsFile);
        List<String> out = new ArrayList<>();
        for (String n : names()) {
            try {
                if (inodeOf(NetnsDir.path(n)) == target) {
                    out.add(n);
                }
            } catch (ErrnoException e) {
                // a name whose file vanished meanwhile names nothing
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * {@return the processes inside this namespace} Equivalent to: {@code ip netns pids NAME}.
     *
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public List<Long> pids() throws ErrnoException {
        List<Long> out = new ArrayList<>();
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    if (inodeOf(p.resolve("ns/net")) == inode) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (ErrnoException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new ErrnoException("list /proc", Errno.EIO.number());
        }
        out.sort(null);
        return Collections.unmodifiableList(out);
    }

    /**
     * {@return the system-call backend in use: "ffm" ({@code java.lang.foreign}, the default on JDK
     * 22+) or "jna"} {@code -Djnetns.backend=ffm|jna} forces one. Equivalent to the backend
     * {@code jnetns version} prints.
     */
    public static String backend() {
        return Syscalls.get().backendName();
    }

    /**
     * {@return threads of this JVM that are in a network namespace other than the process's (main thread's):
     * jnetns never leaves one behind; tests use this to prove it} Each entry is "TID NAME net:[INODE]".
     *
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public static List<String> strandedThreads() throws ErrnoException {
        long home = inodeOf(Path.of("/proc/self/ns/net"));
        List<String> out = new ArrayList<>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    long ns = inodeOf(t.resolve("ns/net"));
                    if (ns != home) {
                        out.add(t.getFileName() + " " + Files.readString(t.resolve("comm")).trim() + " net:[" + ns + "]");
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new ErrnoException("list /proc/self/task", Errno.EIO.number());
        }
        return Collections.unmodifiableList(out);
    }

    /** {@return the namespace's inode number, as {@code ls -iL /proc/PID/ns/net} shows} */
    public long inode() {
        return inode;
    }

    /** {@return the name under /run/netns this was opened by, or null} */
    public String name() {
        return name;
    }

    /**
     * Holds this handle open for one use of its descriptor (a request or system call that names
     * it): {@code try (Netns.Hold h = ns.hold()) { ... ns.fd() ... }}. Closing the handle during the
     * use does not close the descriptor until the use ends, so its number cannot be given to
     * another namespace meanwhile.
     *
     * @return the hold; close it when the use ends
     * @throws IllegalStateException "... is closed" when this handle is closed
     */
    public Hold hold() {
        return hold(List.of(this));
    }

    /**
     * Holds every non-null handle of {@code spaces} for one use, as {@link #hold()}; when one of
     * them is closed none is held.
     *
     * @param spaces the handles; null ones are skipped
     * @return the hold; close it when the use ends
     * @throws IllegalStateException "... is closed" naming the closed one
     */
    public static Hold hold(Netns... spaces) {
        List<Netns> list = new ArrayList<>();
        for (Netns ns : spaces) {
            if (ns != null) {
                list.add(ns);
            }
        }
        return hold(list);
    }

    /**
     * {@link #hold(Netns...)} for a collection.
     *
     * @param spaces the handles; null ones are skipped
     * @return the hold; close it when the use ends
     * @throws IllegalStateException "... is closed" naming the closed one
     */
    public static Hold hold(java.util.Collection<Netns> spaces) {
        List<Netns> held = new ArrayList<>();
        try {
            for (Netns ns : spaces) {
                if (ns != null) {
                    ns.fd.use(ns);
                    held.add(ns);
                }
            }
        } catch (RuntimeException e) {
            held.forEach(Netns::release);
            throw e;
        }
        return new Hold(held);
    }

    private void release() {
        if (fd.release()) {
            cleanable.clean();
        }
    }

    /**
     * The descriptor holding the namespace (owned by this object), for use inside a {@link #hold()}.
     *
     * @return the descriptor number
     * @throws IllegalStateException "... is closed" when this handle is closed (also when that
     *         happened during the hold: the use must not start), or when it is not held
     */
    public int fd() {
        return fd.number(this);
    }

    /**
     * {@return a path other processes can open to reach this namespace: {@code /run/netns/NAME} for a named
     * one, {@code /proc/PID/fd/FD} of this JVM otherwise (e.g. for {@code nsenter --net=PATH})}
     */
    public String path() {
        try (Hold h = hold()) {
            return name != null ? RUN_DIR.resolve(name).toString() : "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd();
        }
    }

    /**
     * Runs {@code task} on a new platform thread inside this namespace and returns its result; the
     * thread ends afterwards. Exceptions of the task are rethrown as they are.
     *
     * <p>Threads the task itself starts inherit the namespace for good (a ForkJoinPool first used
     * there, say): keep such work outside, and open sockets inside instead. {@link #strandedThreads()}
     * finds threads that ended up elsewhere.
     *
     * @param <T> the task's result type
     * @param task what to run inside
     * @return what the task returned
     * @throws Exception what the task threw, as it was thrown
     */
    public <T> T call(Callable<T> task) throws Exception {
        try (Hold h = hold()) {
            return HelperThread.call("in-" + inode, () -> {
                enter();
                return task.call();
            });
        }
    }

    /**
     * Moves the calling (helper) thread into this namespace, inside a {@link #hold()}: setns(2),
     * unless the thread is there already (no privilege is needed to work in one's own namespace).
     */
    void enter() throws ErrnoException {
        if (inodeOf(Path.of("/proc/thread-self/ns/net")) != inode) {
            Syscalls.get().setns(fd(), CLONE_NEWNET);
        }
    }

    /**
     * Like {@link #call} for a task without result.
     *
     * @param task what to run inside
     * @throws Exception what the task threw, as it was thrown
     */
    public void run(ThrowingRunnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** A task that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        /**
         * Runs the task.
         *
         * @throws Exception what the task threw, as it was thrown
         */
        void run() throws Exception;
    }

    /**
     * Reads a sysctl of this namespace, e.g. {@code net.ipv4.ip_forward}. Equivalent to:
     * {@code ip netns exec NS sysctl -n KEY}.
     *
     * @param key the sysctl's name, e.g. {@code net.ipv4.ip_forward}, or its path under /proc/sys
     *     ({@code net/ipv4/conf/eth0.100/forwarding}); only {@code net.*} settings are reachable
     * @return its value, as {@code sysctl -n} prints it
     * @throws NullPointerException for a null key
     * @throws IllegalArgumentException for a key outside {@code net}, or with an empty, "." or ".." part
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public String sysctl(String key) throws ErrnoException {
        Path file = Sysctls.path(key);
        return Sysctls.inside(this, key, () -> Sysctls.read(file));
    }

    /**
     * Writes a sysctl of this namespace. Equivalent to: {@code ip netns exec NS sysctl -w KEY=VALUE}.
     *
     * @param key the sysctl's name, e.g. {@code net.ipv4.ip_forward}, or its path under /proc/sys
     *     ({@code net/ipv4/conf/eth0.100/forwarding}); only {@code net.*} settings are reachable
     * @param value the value to write
     * @throws NullPointerException for a null key or value (nothing is written)
     * @throws IllegalArgumentException for a key outside {@code net}, or with an empty, "." or ".." part
     *     (nothing is written)
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public void setSysctl(String key, String value) throws ErrnoException {
        Path file = Sysctls.path(key);
        Objects.requireNonNull(value, "sysctl value is null");
        Sysctls.inside(this, key, () -> {
            Sysctls.write(file, value);
            return null;
        });
    }

    /**
     * Starts {@code command} inside this namespace, as {@code ip netns exec} does: the child also
     * gets a private mount namespace with /sys remounted for this namespace and, for a named one,
     * the files of /etc/netns/NAME bound over those of /etc. No shell is involved.
     *
     * @param command the command, its directory, environment and redirections
     * @return the child process
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public Process start(ProcessBuilder command) throws ErrnoException {
        return start(command, Set.of());
    }

    /**
     * Like {@link #start(ProcessBuilder)}, and the child can never hold the capabilities
     * {@code dropCapabilities} (CAP_* numbers, see {@code LinuxCapability}): they are removed from
     * its bounding, inheritable and ambient sets, so also from its effective and permitted sets,
     * root or not. Equivalent to: {@code jnetns netns exec --drop-cap net_admin NAME CMD}.
     *
     * @param command the command, its directory, environment and redirections
     * @param dropCapabilities CAP_* numbers the child must not hold
     * @return the child process
     * @throws ErrnoException when a system call fails (the exception names it and its errno)
     */
    public Process start(ProcessBuilder command, Set<Integer> dropCapabilities) throws ErrnoException {
        try (Hold h = hold()) {
            return NetnsExec.start(this, command, dropCapabilities);
        }
    }

    /**
     * A second handle on this namespace with a descriptor of its own (for an owner such as an
     * rtnetlink handle, named by {@code description} in its messages).
     */
    Netns reopen(String description) throws ErrnoException {
        try (Hold h = hold()) {
            return adopt(Syscalls.get().open("/proc/self/fd/" + fd(), O_RDONLY | O_CLOEXEC, 0), name, description);
        }
    }

    /**
     * Closes the handle: every later use throws IllegalStateException; the descriptor is closed now,
     * or when the last {@link Hold} open on it ends.
     */
    @Override
    public void close() {
        if (fd.closeByOwner()) {
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return fd.description;
    }
}
