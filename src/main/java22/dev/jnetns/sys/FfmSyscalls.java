package dev.jnetns.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The FFM backend (JDK 22+). Every downcall captures errno into a state segment allocated for that
 * call alone, so concurrent calls never see each other's errno.
 */
final class FfmSyscalls implements Syscalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** Room for a {@code posix_spawn_file_actions_t} (80 bytes on glibc x86_64 and aarch64). */
    private static final long SPAWN_FILE_ACTIONS_SIZE = 256;

    // One holder class per C function: a downcall handle is generated on first use only (generating
    // all of them up front costs a CLI run a good part of its start-up time), and stays a constant.
    private static final class H$socket {
        static final MethodHandle MH = downcall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class H$bind {
        static final MethodHandle MH = downcall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class H$getsockname {
        static final MethodHandle MH = downcall("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class H$setsockopt {
        static final MethodHandle MH = downcall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class H$getsockopt {
        static final MethodHandle MH = downcall("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class H$send {
        static final MethodHandle MH = downcall("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    }

    private static final class H$recv {
        static final MethodHandle MH = downcall("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    }

    private static final class H$close {
        static final MethodHandle MH = downcall("close", JAVA_INT, JAVA_INT);
    }

    private static final class H$open {
        static final MethodHandle MH = LINKER.downcallHandle(symbol("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    }

    private static final class H$setns {
        static final MethodHandle MH = downcall("setns", JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class H$unshare {
        static final MethodHandle MH = downcall("unshare", JAVA_INT, JAVA_INT);
    }

    private static final class H$mount {
        static final MethodHandle MH = downcall("mount", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
    }

    private static final class H$umount2 {
        static final MethodHandle MH = downcall("umount2", JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class H$unlink {
        static final MethodHandle MH = downcall("unlink", JAVA_INT, ADDRESS);
    }

    private static final class H$ioctl_ptr {
        static final MethodHandle MH = LINKER.downcallHandle(symbol("ioctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    }

    private static final class H$ioctl_long {
        static final MethodHandle MH = LINKER.downcallHandle(symbol("ioctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    }

    private static final class H$prctl {
        static final MethodHandle MH = LINKER.downcallHandle(symbol("prctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
    }

    private static final class H$capget {
        static final MethodHandle MH = downcall("capget", JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class H$capset {
        static final MethodHandle MH = downcall("capset", JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class H$pipe2 {
        static final MethodHandle MH = downcall("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class H$read {
        static final MethodHandle MH = downcall("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    }

    private static final class H$write {
        static final MethodHandle MH = downcall("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    }

    private static final class H$fa_init {
        static final MethodHandle MH = LINKER.downcallHandle(symbol("posix_spawn_file_actions_init"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class H$fa_destroy {
        static final MethodHandle MH = LINKER.downcallHandle(
            symbol("posix_spawn_file_actions_destroy"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class H$fa_adddup2 {
        static final MethodHandle MH = LINKER.downcallHandle(
            symbol("posix_spawn_file_actions_adddup2"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class H$fa_addchdir {
        static final MethodHandle MH = LINKER.downcallHandle(
            symbol("posix_spawn_file_actions_addchdir_np"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class H$posix_spawnp {
        static final MethodHandle MH = LINKER.downcallHandle(symbol("posix_spawnp"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }

    private static final class H$waitpid {
        static final MethodHandle MH = downcall("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class H$kill {
        static final MethodHandle MH = downcall("kill", JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class H$poll {
        static final MethodHandle MH = downcall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    }

    private static final class H$gettid {
        static final MethodHandle MH = LINKER.downcallHandle(symbol("gettid"), FunctionDescriptor.of(JAVA_INT));
    }

    private static MemorySegment symbol(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol '" + name + "'"));
    }

    private static MethodHandle downcall(String name, MemoryLayout ret, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(ret, args), CAPTURE_ERRNO);
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** One downcall given the arena of this call and the errno capture segment; returns the C result. */
    @FunctionalInterface
    private interface Downcall {
        long invoke(Arena arena, MemorySegment errnoState) throws Throwable;
    }

    /** Runs a downcall; a negative result becomes an {@link ErrnoException} naming {@code op}. */
    private static long call(Supplier<String> op, Downcall downcall) throws ErrnoException {
        int err;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long rc;
            try {
                rc = downcall.invoke(arena, state);
            } catch (Throwable t) {
                throw new AssertionError(op.get() + " downcall", t);
            }
            if (rc >= 0) {
                return rc;
            }
            err = errno(state);
        }
        throw new ErrnoException(op.get(), err);
    }

    private static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }

    private static MemorySegment direct(ByteBuffer buf) {
        if (!buf.isDirect()) {
            throw new IllegalArgumentException("send/recv need a direct ByteBuffer");
        }
        return MemorySegment.ofBuffer(buf);
    }

    @Override
    public String backendName() {
        return "ffm";
    }

    @Override
    public int socket(int domain, int type, int protocol) throws ErrnoException {
        return (int) call(() -> "socket(" + domain + ", " + type + ", " + protocol + ")",
                (a, st) -> (int) H$socket.MH.invokeExact(st, domain, type, protocol));
    }

    @Override
    public void bind(int fd, byte[] sockaddr) throws ErrnoException {
        call(() -> "bind(fd " + fd + ")", (a, st) -> {
            MemorySegment addr = a.allocate(sockaddr.length);
            MemorySegment.copy(sockaddr, 0, addr, JAVA_BYTE, 0, sockaddr.length);
            return (int) H$bind.MH.invokeExact(st, fd, addr, sockaddr.length);
        });
    }

    @Override
    public int getsockname(int fd, byte[] sockaddr) throws ErrnoException {
        return (int) call(() -> "getsockname(fd " + fd + ")", (a, st) -> {
            MemorySegment addr = a.allocate(sockaddr.length);
            MemorySegment len = a.allocateFrom(JAVA_INT, sockaddr.length);
            int rc = (int) H$getsockname.MH.invokeExact(st, fd, addr, len);
            if (rc < 0) {
                return rc;
            }
            MemorySegment.copy(addr, JAVA_BYTE, 0, sockaddr, 0, sockaddr.length);
            return len.get(JAVA_INT, 0);
        });
    }

    @Override
    public void setsockopt(int fd, int level, int name, int value) throws ErrnoException {
        call(() -> "setsockopt(fd " + fd + ", " + level + ", " + name + ")", (a, st) ->
                (int) H$setsockopt.MH.invokeExact(st, fd, level, name, a.allocateFrom(JAVA_INT, value), Integer.BYTES));
    }

    @Override
    public int getsockopt(int fd, int level, int name) throws ErrnoException {
        int[] out = new int[1];
        call(() -> "getsockopt(fd " + fd + ", " + level + ", " + name + ")", (a, st) -> {
            MemorySegment v = a.allocate(JAVA_INT);
            int rc = (int) H$getsockopt.MH.invokeExact(st, fd, level, name, v, a.allocateFrom(JAVA_INT, Integer.BYTES));
            out[0] = v.get(JAVA_INT, 0);
            return rc;
        });
        return out[0];
    }

    @Override
    public int send(int fd, ByteBuffer buf, int flags) throws ErrnoException {
        MemorySegment data = direct(buf);
        return (int) call(() -> "send(fd " + fd + ")",
                (a, st) -> (long) H$send.MH.invokeExact(st, fd, data, data.byteSize(), flags));
    }

    @Override
    public int recv(int fd, ByteBuffer buf, int flags) throws ErrnoException {
        MemorySegment data = direct(buf);
        return (int) call(() -> "recv(fd " + fd + ")",
                (a, st) -> (long) H$recv.MH.invokeExact(st, fd, data, data.byteSize(), flags));
    }

    @Override
    public void close(int fd) throws ErrnoException {
        call(() -> "close(fd " + fd + ")", (a, st) -> (int) H$close.MH.invokeExact(st, fd));
    }

    @Override
    public int open(String path, int flags, int mode) throws ErrnoException {
        return (int) call(() -> "open(" + path + ")",
                (a, st) -> (int) H$open.MH.invokeExact(st, cString(a, path), flags, mode));
    }

    @Override
    public void setns(int fd, int nstype) throws ErrnoException {
        call(() -> "setns(fd " + fd + ", " + LinuxSched.name(nstype) + ")",
                (a, st) -> (int) H$setns.MH.invokeExact(st, fd, nstype));
    }

    @Override
    public void unshare(int flags) throws ErrnoException {
        call(() -> "unshare(" + LinuxSched.name(flags) + ")", (a, st) -> (int) H$unshare.MH.invokeExact(st, flags));
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException {
        call(() -> "mount(" + source + ", " + target + ")", (a, st) -> (int) H$mount.MH.invokeExact(st,
                cString(a, source), cString(a, target), cString(a, fstype), flags, cString(a, data)));
    }

    @Override
    public void umount2(String target, int flags) throws ErrnoException {
        call(() -> "umount2(" + target + ")", (a, st) -> (int) H$umount2.MH.invokeExact(st, cString(a, target), flags));
    }

    @Override
    public void unlink(String path) throws ErrnoException {
        call(() -> "unlink(" + path + ")", (a, st) -> (int) H$unlink.MH.invokeExact(st, cString(a, path)));
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) throws ErrnoException {
        return (int) call(() -> "ioctl(fd " + fd + ", 0x" + Long.toHexString(request) + ")", (a, st) -> {
            MemorySegment buf = a.allocate(arg.length);
            MemorySegment.copy(arg, 0, buf, JAVA_BYTE, 0, arg.length);
            int rc = (int) H$ioctl_ptr.MH.invokeExact(st, fd, request, buf);
            MemorySegment.copy(buf, JAVA_BYTE, 0, arg, 0, arg.length);
            return rc;
        });
    }

    @Override
    public int ioctl(int fd, long request, long arg) throws ErrnoException {
        return (int) call(() -> "ioctl(fd " + fd + ", 0x" + Long.toHexString(request) + ")",
                (a, st) -> (int) H$ioctl_long.MH.invokeExact(st, fd, request, arg));
    }

    @Override
    public int prctl(int option, long arg2, long arg3) throws ErrnoException {
        return (int) call(() -> "prctl(" + option + ", " + arg2 + ")",
                (a, st) -> (int) H$prctl.MH.invokeExact(st, option, arg2, arg3, 0L, 0L));
    }

    @Override
    public void capget(int[] header, int[] data) throws ErrnoException {
        call(() -> "capget", (a, st) -> {
            MemorySegment h = a.allocateFrom(JAVA_INT, header);
            MemorySegment d = a.allocateFrom(JAVA_INT, data);
            int rc = (int) H$capget.MH.invokeExact(st, h, d);
            MemorySegment.copy(d, JAVA_INT, 0, data, 0, data.length);
            return rc;
        });
    }

    @Override
    public void capset(int[] header, int[] data) throws ErrnoException {
        call(() -> "capset", (a, st) -> (int) H$capset.MH.invokeExact(st, a.allocateFrom(JAVA_INT, header),
                a.allocateFrom(JAVA_INT, data)));
    }

    @Override
    public int[] pipe() throws ErrnoException {
        int[] fds = new int[2];
        call(() -> "pipe2", (a, st) -> {
            MemorySegment f = a.allocate(JAVA_INT, 2);
            int rc = (int) H$pipe2.MH.invokeExact(st, f, LinuxFcntl.O_CLOEXEC);
            fds[0] = f.getAtIndex(JAVA_INT, 0);
            fds[1] = f.getAtIndex(JAVA_INT, 1);
            return rc;
        });
        return fds;
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) throws ErrnoException {
        return (int) call(() -> "read(fd " + fd + ")", (a, st) -> {
            MemorySegment b = a.allocate(Math.max(1, len));
            long n = (long) H$read.MH.invokeExact(st, fd, b, (long) len);
            if (n > 0) {
                MemorySegment.copy(b, JAVA_BYTE, 0, buf, off, (int) n);
            }
            return n;
        });
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) throws ErrnoException {
        return (int) call(() -> "write(fd " + fd + ")", (a, st) -> {
            MemorySegment b = a.allocate(Math.max(1, len));
            MemorySegment.copy(buf, off, b, JAVA_BYTE, 0, len);
            return (long) H$write.MH.invokeExact(st, fd, b, (long) len);
        });
    }

    private static MemorySegment strings(Arena a, String[] values) {
        MemorySegment arr = a.allocate(ADDRESS, values.length + 1);
        for (int i = 0; i < values.length; i++) {
            arr.setAtIndex(ADDRESS, i, a.allocateFrom(values[i]));
        }
        arr.setAtIndex(ADDRESS, values.length, MemorySegment.NULL);
        return arr;
    }

    @Override
    public int spawn(String[] argv, String[] envp, int[] fds, String dir) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment actions = a.allocate(SPAWN_FILE_ACTIONS_SIZE, 16);
            int rc;
            MemorySegment pid = a.allocate(JAVA_INT);
            try {
                rc = (int) H$fa_init.MH.invokeExact(actions);
                for (int i = 0; i < fds.length; i++) {
                    if (fds[i] >= 0) {
                        rc |= (int) H$fa_adddup2.MH.invokeExact(actions, fds[i], i);
                    }
                }
                if (dir != null) {
                    rc |= (int) H$fa_addchdir.MH.invokeExact(actions, a.allocateFrom(dir));
                }
                if (rc == 0) {
                    rc = (int) H$posix_spawnp.MH.invokeExact(pid, a.allocateFrom(argv[0]), actions, MemorySegment.NULL,
                            strings(a, argv), strings(a, envp));
                }
                int ignored = (int) H$fa_destroy.MH.invokeExact(actions);
            } catch (Throwable t) {
                throw new AssertionError("posix_spawnp downcall", t);
            }
            if (rc != 0) {
                throw new ErrnoException("exec " + argv[0], rc);
            }
            return pid.get(JAVA_INT, 0);
        }
    }

    @Override
    public int waitpid(int pid, int options) throws ErrnoException {
        int[] status = new int[1];
        long rc = call(() -> "waitpid(" + pid + ")", (a, st) -> {
            MemorySegment s = a.allocate(JAVA_INT);
            int r = (int) H$waitpid.MH.invokeExact(st, pid, s, options);
            status[0] = s.get(JAVA_INT, 0);
            return r;
        });
        return rc == 0 ? -1 : status[0];
    }

    @Override
    public boolean poll(int fd, int timeoutMillis) throws ErrnoException {
        try {
            return call(() -> "poll(fd " + fd + ")", (a, st) -> {
                MemorySegment pfd = a.allocate(8, 4);
                pfd.set(JAVA_INT, 0, fd);
                pfd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 4, (short) LinuxSocket.POLLIN);
                return (int) H$poll.MH.invokeExact(st, pfd, 1L, timeoutMillis);
            }) > 0;
        } catch (ErrnoException e) {
            if (e.is(Errno.EINTR)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void kill(int pid, int signal) throws ErrnoException {
        call(() -> "kill(" + pid + ", " + signal + ")", (a, st) -> (int) H$kill.MH.invokeExact(st, pid, signal));
    }

    @Override
    public int gettid() {
        try {
            return (int) H$gettid.MH.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError("gettid downcall", t);
        }
    }
}
