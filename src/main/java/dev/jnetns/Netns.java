package dev.jnetns;

import static dev.jnetns.sys.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.sys.LinuxFcntl.O_RDONLY;
import static dev.jnetns.sys.LinuxSched.CLONE_NEWNET;

import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import dev.jnetns.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace held open by a file descriptor. Code that must run inside it runs on a
 * dedicated platform thread that enters it and then ends ({@link #call}); the caller's thread never
 * changes namespace, so this is safe from any thread, virtual threads included.
 */
public final class Netns implements AutoCloseable {
    /** Where iproute2 keeps named namespaces. */
    public static final Path RUN_DIR = Path.of("/run/netns");

    private static final AtomicInteger HELPERS = new AtomicInteger();

    private final int fd;
    private final String name;
    private final long inode;
    private boolean closed;

    private Netns(int fd, String name) throws ErrnoException {
        this.fd = fd;
        this.name = name;
        this.inode = inodeOf(Path.of("/proc/self/fd/" + fd));
    }

    /**
     * Creates a new anonymous namespace; it lives as long as this object (or a socket or process
     * inside it) holds it. Equivalent to: {@code unshare -n} without a process.
     */
    public static Netns create() throws ErrnoException {
        try {
            return onHelperThread("create", () -> {
                Syscalls sys = Syscalls.get();
                sys.unshare(CLONE_NEWNET);
                return new Netns(sys.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0), null);
            });
        } catch (ErrnoException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a namespace by name (under /run/netns, as {@code ip -n NAME}) or by path (anything with a
     * '/', e.g. {@code /proc/PID/ns/net}).
     */
    public static Netns open(String nameOrPath) throws ErrnoException {
        String path = nameOrPath.indexOf('/') >= 0 ? nameOrPath : RUN_DIR.resolve(NetnsNames.check(nameOrPath)).toString();
        int fd = Syscalls.get().open(path, O_RDONLY | O_CLOEXEC, 0);
        try {
            return new Netns(fd, nameOrPath.indexOf('/') >= 0 ? null : nameOrPath);
        } catch (ErrnoException | RuntimeException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    /** The namespace of this process ({@code /proc/self/ns/net}). */
    public static Netns current() throws ErrnoException {
        return open("/proc/self/ns/net");
    }

    private static void closeQuietly(int fd) {
        try {
            Syscalls.get().close(fd);
        } catch (ErrnoException ignored) {
            // reporting the original failure matters more
        }
    }

    /** The inode that identifies a namespace file (as {@code stat -L}); equal inodes mean the same namespace. */
    public static long inodeOf(Path nsFile) throws ErrnoException {
        try {
            return ((Number) Files.getAttribute(nsFile, "unix:ino")).longValue();
        } catch (IOException e) {
            throw new ErrnoException("stat " + nsFile + ": " + e.getMessage(), Errno.ENOENT.number());
        }
    }

    /** The namespace's inode number, as {@code ls -iL /proc/PID/ns/net} shows. */
    public long inode() {
        return inode;
    }

    /** The name under /run/netns this was opened by, or null. */
    public String name() {
        return name;
    }

    /** The descriptor holding the namespace (owned by this object). */
    public int fd() {
        return fd;
    }

    /**
     * A path other processes can open to reach this namespace: {@code /run/netns/NAME} for a named
     * one, {@code /proc/PID/fd/FD} of this JVM otherwise (e.g. for {@code nsenter --net=PATH}).
     */
    public String path() {
        return name != null ? RUN_DIR.resolve(name).toString() : "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd;
    }

    /**
     * Runs {@code task} on a new platform thread inside this namespace and returns its result; the
     * thread ends afterwards. Exceptions of the task are rethrown as they are.
     */
    public <T> T call(Callable<T> task) throws Exception {
        checkOpen();
        return onHelperThread(toString(), () -> {
            Syscalls.get().setns(fd, CLONE_NEWNET);
            return task.call();
        });
    }

    /** Like {@link #call} for a task without result. */
    public void run(ThrowingRunnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** A task that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T onHelperThread(String what, Callable<T> task) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = task.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "jnetns-" + what + "-" + HELPERS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof Exception) {
            throw (Exception) failure[0];
        }
        if (failure[0] != null) {
            throw (Error) failure[0];
        }
        return (T) result[0];
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    @Override
    public synchronized void close() throws ErrnoException {
        if (!closed) {
            closed = true;
            Syscalls.get().close(fd);
        }
    }

    @Override
    public String toString() {
        return "netns " + (name != null ? name : "net:[" + inode + "]");
    }
}
