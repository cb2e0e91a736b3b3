package dev.jnetns;

import static dev.jnetns.uapi.LinuxInotify.INOTIFY_EVENT_SIZE;
import static dev.jnetns.uapi.LinuxInotify.IN_CLOEXEC;
import static dev.jnetns.uapi.LinuxInotify.IN_CREATE;
import static dev.jnetns.uapi.LinuxInotify.IN_DELETE;
import static dev.jnetns.uapi.LinuxInotify.IN_MOVED_FROM;
import static dev.jnetns.uapi.LinuxInotify.IN_MOVED_TO;
import static dev.jnetns.uapi.LinuxInotify.IN_NONBLOCK;

import dev.jnetns.sys.Syscalls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reports names that appear in and vanish from {@link Netns#RUN_DIR} (inotify), for a monitor of
 * every named namespace. A name is reported as added once its bind mount is in place: ip and
 * jnetns create the file first and mount the namespace on it a moment later, so the file is opened
 * until it is a namespace (at most {@link #MOUNT_WAIT_MILLIS}).
 */
final class NetnsDirWatch implements AutoCloseable {
    /** How long a new name may stay a plain file before it is given up on. */
    static final int MOUNT_WAIT_MILLIS = 3000;

    private final int fd;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Watches the directory (made when missing, as ip netns add makes it); {@code added} gets each
     * new namespace (opened; the receiver closes it), {@code removed} each name that went away,
     * {@code failed} the error that stopped the watch.
     */
    NetnsDirWatch(Consumer<Netns> added, Consumer<String> removed, Consumer<Exception> failed) throws ErrnoException {
        try {
            Files.createDirectories(Netns.RUN_DIR);
        } catch (IOException e) {
            throw new ErrnoException("mkdir " + Netns.RUN_DIR + ": " + e.getMessage(), dev.jnetns.Errno.EIO.number());
        }
        Syscalls sys = Syscalls.get();
        fd = sys.inotifyInit1(IN_CLOEXEC | IN_NONBLOCK);
        try {
            sys.inotifyAddWatch(fd, Netns.RUN_DIR.toString(), IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO);
        } catch (ErrnoException e) {
            sys.close(fd);
            throw e;
        }
        thread = new Thread(() -> run(added, removed, failed), "jnetns-netns-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Consumer<Netns> added, Consumer<String> removed, Consumer<Exception> failed) {
        Syscalls sys = Syscalls.get();
        byte[] buf = new byte[64 * 1024];
        try {
            while (!stopping) {
                if (!sys.poll(fd, 100)) {
                    continue;
                }
                int n;
                try {
                    n = sys.read(fd, buf, 0, buf.length);
                } catch (ErrnoException e) {
                    if (e.is(dev.jnetns.Errno.EAGAIN)) {
                        continue;
                    }
                    throw e;
                }
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n).order(ByteOrder.nativeOrder());
                while (b.remaining() >= INOTIFY_EVENT_SIZE) {
                    b.getInt();   // wd: there is one
                    int mask = b.getInt();
                    b.getInt();   // cookie
                    int len = b.getInt();
                    byte[] raw = new byte[len];
                    b.get(raw);
                    int end = 0;
                    while (end < len && raw[end] != 0) {
                        end++;
                    }
                    String name = new String(raw, 0, end, StandardCharsets.UTF_8);
                    if ((mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
                        Netns ns = openWhenMounted(name);
                        if (ns != null) {
                            added.accept(ns);
                        }
                    } else if ((mask & (IN_DELETE | IN_MOVED_FROM)) != 0) {
                        removed.accept(name);
                    }
                }
            }
        } catch (ErrnoException | RuntimeException e) {
            if (!stopping) {
                failed.accept(e);
            }
        }
    }

    /** The namespace {@code name} names once it is one; null when it never becomes one or is gone. */
    private Netns openWhenMounted(String name) {
        long deadline = System.nanoTime() + MOUNT_WAIT_MILLIS * 1_000_000L;
        while (!stopping && System.nanoTime() < deadline) {
            try {
                if (isNamespace(Netns.RUN_DIR.resolve(name))) {
                    return Netns.open(name);
                }
            } catch (IOException | IllegalArgumentException e) {
                if (!Files.exists(Netns.RUN_DIR.resolve(name))) {
                    return null;   // removed again, or not a name ip would make
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Whether {@code file} is a namespace file (on nsfs, as /proc/self/ns/net is), not the plain file under it. */
    private static boolean isNamespace(Path file) throws IOException {
        return Files.getAttribute(file, "unix:dev").equals(Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:dev"));
    }

    /** Stops the watch, waiting up to 5 s for its thread unless called on it (from a callback). */
    @Override
    public void close() {
        stopping = true;
        try {
            if (Thread.currentThread() != thread) {
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Syscalls.get().close(fd);
        } catch (ErrnoException e) {
            // closing
        }
    }
}
