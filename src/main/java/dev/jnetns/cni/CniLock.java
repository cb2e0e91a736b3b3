package dev.jnetns.cni;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the ADD, DEL and GC calls of one network ({@link CniConfig#lockKey}) across processes:
 * the direct plugin and the daemon lock the same byte of {@code /run/jnetns/cni.lock}, picked by the
 * key's hash (a record lock, what {@link FileChannel#lock} takes; calls of other networks lock other
 * bytes and run at the same time). The kernel drops the lock of a process that dies, so a killed call
 * blocks nobody. Inside one JVM (the daemon's) a lock per byte comes first: record locks belong to the
 * process, and the JVM refuses overlapping ones of its own.
 */
final class CniLock implements AutoCloseable {
    private static final Path FILE = Path.of("/run/jnetns/cni.lock");
    private static final int SLOTS = 1024;
    private static final ReentrantLock[] IN_JVM = new ReentrantLock[SLOTS];
    /** Opened once and never closed: closing any descriptor of the file drops all of this process's locks on it. */
    private static FileChannel channel;

    static {
        for (int i = 0; i < SLOTS; i++) {
            IN_JVM[i] = new ReentrantLock();
        }
    }

    private final ReentrantLock inJvm;
    private final FileLock held;

    private CniLock(ReentrantLock inJvm, FileLock held) {
        this.inJvm = inJvm;
        this.held = held;
    }

    /** Waits for the lock of {@code key} and holds it until {@link #close}. */
    static CniLock hold(String key) throws IOException {
        int slot = Math.floorMod(key.hashCode(), SLOTS);
        ReentrantLock l = IN_JVM[slot];
        l.lock();
        try {
            return new CniLock(l, channel().lock(slot, 1, false));
        } catch (IOException | RuntimeException e) {
            l.unlock();
            throw e;
        }
    }

    private static synchronized FileChannel channel() throws IOException {
        if (channel == null) {
            Files.createDirectories(FILE.getParent());
            channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        return channel;
    }

    @Override
    public void close() throws IOException {
        try {
            held.release();
        } finally {
            inJvm.unlock();
        }
    }
}
