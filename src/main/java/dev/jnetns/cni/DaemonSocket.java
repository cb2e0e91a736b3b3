package dev.jnetns.cni;

import static dev.jnetns.uapi.LinuxSocket.AF_UNIX;
import static dev.jnetns.uapi.LinuxSocket.SOCKADDR_UN_PATH_OFFSET;
import static dev.jnetns.uapi.LinuxSocket.SOCKADDR_UN_SIZE;
import static dev.jnetns.uapi.LinuxSocket.SOCK_CLOEXEC;
import static dev.jnetns.uapi.LinuxSocket.SOCK_STREAM;
import static dev.jnetns.uapi.LinuxSocket.SOL_SOCKET;
import static dev.jnetns.uapi.LinuxSocket.SO_PEERCRED;
import static dev.jnetns.uapi.LinuxSocket.UCRED_PID_OFFSET;
import static dev.jnetns.uapi.LinuxSocket.UCRED_SIZE;
import static dev.jnetns.uapi.LinuxSocket.UCRED_UID_OFFSET;

import dev.jnetns.ErrnoException;
import dev.jnetns.sys.Syscalls;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The daemon's unix stream socket, on the syscall layer: java.nio's unix channels do not give the
 * peer's credentials ({@code SO_PEERCRED}), which decide who is served and in which namespace.
 */
final class DaemonSocket {
    /** The connected process, as the kernel saw it at connect(2). */
    record Peer(int pid, int uid) {
    }

    private DaemonSocket() {
    }

    /**
     * A socket listening at {@code path}, mode 0600: bound under a temporary name, restricted and
     * listening, then renamed over {@code path}, so it is never reachable with a wider mode nor
     * found before it answers. Returns its descriptor.
     */
    static int listen(Path path) throws IOException {
        Syscalls sys = Syscalls.get();
        Path tmp = path.resolveSibling("." + path.getFileName() + "." + ProcessHandle.current().pid());
        byte[] addr = sockaddr(tmp);
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(tmp);
        int fd = sys.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        try {
            sys.bind(fd, addr);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            sys.listen(fd, 128);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return fd;
        } catch (IOException | RuntimeException e) {
            sys.close(fd);
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** A {@code struct sockaddr_un} for {@code path}. */
    private static byte[] sockaddr(Path path) {
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        if (p.length >= SOCKADDR_UN_SIZE - SOCKADDR_UN_PATH_OFFSET) {
            throw new IllegalArgumentException("socket path longer than "
                    + (SOCKADDR_UN_SIZE - SOCKADDR_UN_PATH_OFFSET - 1) + " bytes: " + path);
        }
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_UN_PATH_OFFSET + p.length + 1).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) AF_UNIX);
        b.put(SOCKADDR_UN_PATH_OFFSET, p);
        return b.array();
    }

    /** The peer of connection {@code fd}. */
    static Peer peer(int fd) throws ErrnoException {
        byte[] cred = new byte[UCRED_SIZE];
        Syscalls.get().getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred);
        ByteBuffer b = ByteBuffer.wrap(cred).order(ByteOrder.nativeOrder());
        return new Peer(b.getInt(UCRED_PID_OFFSET), b.getInt(UCRED_UID_OFFSET));
    }

    /** Reads {@code buf.length} bytes by {@code deadline} (a {@link System#nanoTime} value). */
    static void readFully(int fd, byte[] buf, long deadline) throws IOException {
        Syscalls sys = Syscalls.get();
        int got = 0;
        byte[] chunk = new byte[Math.min(buf.length, 64 * 1024)];
        while (got < buf.length) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || !sys.poll(fd, (int) Math.min(left, Integer.MAX_VALUE))) {
                throw new SocketTimeoutException("no complete request in time (" + got + " of " + buf.length + " bytes)");
            }
            int n = sys.read(fd, chunk, 0, Math.min(chunk.length, buf.length - got));
            if (n == 0) {
                throw new EOFException("the caller closed after " + got + " of " + buf.length + " bytes");
            }
            System.arraycopy(chunk, 0, buf, got, n);
            got += n;
        }
    }

    /** Writes all of {@code buf}. */
    static void writeAll(int fd, byte[] buf) throws ErrnoException {
        Syscalls sys = Syscalls.get();
        for (int off = 0; off < buf.length; ) {
            off += sys.write(fd, buf, off, buf.length - off);
        }
    }

    /** True when the peer has gone (its end closed: readable at end of file), after a complete request. */
    static boolean hungUp(int fd) throws ErrnoException {
        return Syscalls.get().poll(fd, 0);
    }
}
