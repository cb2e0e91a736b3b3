package dev.jnetns.sys;

import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import dev.jnetns.uapi.LinuxSyscall;
import dev.jnetns.uapi.LinuxSocket;
import dev.jnetns.uapi.LinuxSched;
import dev.jnetns.uapi.LinuxFcntl;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static dev.jnetns.uapi.LinuxSyscall.*;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The FFM backend (JDK 22+). System calls go through the C library's {@code syscall(3)} with the
 * numbers of {@link LinuxSyscall}; every downcall captures errno into a state segment allocated for
 * that call alone, so concurrent calls never see each other's errno.
 */
final class FfmSyscalls implements Syscalls {
    /**
     * The FFM downcall's errno capture state and where errno is in it: made on the first downcall,
     * not at all when {@link JniSyscall} makes the calls (the layout's classes cost a fresh JVM
     * milliseconds).
     */
    private static final class Capture {
        static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
        static final long ERRNO = errnoOffset();
    }

    /** The linker and the C library, made on the first downcall (not at all when {@link JniSyscall} makes the calls). */
    private static final class Libc {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    }

    /** Room for a {@code posix_spawn_file_actions_t} (80 bytes on glibc x86_64 and aarch64). */
    private static final long SPAWN_FILE_ACTIONS_SIZE = 256;

    // Every system call goes through the C library's syscall(3): one downcall handle, generated on
    // first use, instead of one per function (each costs a CLI run milliseconds of start-up).
    private static final class H$syscall {
        static final MethodHandle MH = Libc.LINKER.downcallHandle(symbol("syscall"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
    }

    // posix_spawn is a library function, not a system call: its handles are made when a command
    // starts a process, and only then.
    private static final class H$fa_init {
        static final MethodHandle MH = Libc.LINKER.downcallHandle(symbol("posix_spawn_file_actions_init"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class H$fa_destroy {
        static final MethodHandle MH = Libc.LINKER.downcallHandle(
            symbol("posix_spawn_file_actions_destroy"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class H$fa_adddup2 {
        static final MethodHandle MH = Libc.LINKER.downcallHandle(
            symbol("posix_spawn_file_actions_adddup2"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class H$fa_addchdir {
        static final MethodHandle MH = Libc.LINKER.downcallHandle(
            symbol("posix_spawn_file_actions_addchdir_np"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class H$posix_spawnp {
        static final MethodHandle MH = Libc.LINKER.downcallHandle(symbol("posix_spawnp"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }

    FfmSyscalls() {
        if (!LinuxSyscall.SUPPORTED) {
            throw new IllegalStateException("no system call numbers for " + System.getProperty("os.arch"));
        }
    }

    /**
     * errno's offset in the capture state, summed over the members before it: a var handle or a
     * layout path would make a fresh JVM spin method handles for milliseconds.
     */
    private static long errnoOffset() {
        long offset = 0;
        for (MemoryLayout m : Capture.LAYOUT.memberLayouts()) {
            if (m.name().orElse("").equals("errno")) {
                return offset;
            }
            offset += m.byteSize();
        }
        throw new IllegalStateException("the C library's capture state has no errno");
    }

    private static MemorySegment symbol(String name) {
        return Libc.LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol '" + name + "'"));
    }

    /**
     * syscall(3) of {@code nr} with up to six arguments (pointers as addresses, the rest 0): its
     * result, or minus errno when it failed. Through the JNI trampoline when it is loaded
     * ({@link JniSyscall}), else through the FFM downcall, its errno captured in the call's arena.
     */
    private static long sys(CallMemory m, int nr, long a, long b, long c, long d, long e, long f) throws Throwable {
        if (JniSyscall.LOADED) {
            return JniSyscall.syscall(nr, a, b, c, d, e, f);
        }
        MemorySegment state = m.arena().allocate(Capture.LAYOUT);
        long r = (long) H$syscall.MH.invokeExact(state, (long) nr, a, b, c, d, e, f);
        return r < 0 ? -readInt(state, Capture.ERRNO) : r;
    }

    private static long sys(CallMemory m, int nr, long a, long b, long c) throws Throwable {
        return sys(m, nr, a, b, c, 0L, 0L, 0L);
    }

    /** One downcall given the native memory of this call; returns the C result, or minus errno. */
    @FunctionalInterface
    private interface Downcall {
        long invoke(CallMemory m) throws Throwable;
    }

    /** Runs a downcall; a negative result becomes an {@link ErrnoException} naming {@code op}. */
    private static long call(Supplier<String> op, Downcall downcall) throws ErrnoException {
        long rc;
        try (CallMemory m = new CallMemory()) {
            rc = downcall.invoke(m);
        } catch (Throwable t) {
            throw notCalled(op.get(), t);
        }
        if (rc >= 0) {
            return rc;
        }
        throw new ErrnoException(op.get(), (int) -rc);
    }

    /**
     * Why a downcall did not happen, as an unchecked exception naming {@code op}: its handle could not
     * be made (a C library without the symbol; native access refused, which {@link Backends} checks
     * first), now or on an earlier call. A JVM error such as running out of memory passes unchanged.
     */
    private static RuntimeException notCalled(String op, Throwable t) {
        if (t instanceof Error && !(t instanceof LinkageError)) {
            throw (Error) t;
        }
        Throwable cause = t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
        String why = cause instanceof IllegalCallerException
                ? Backends.nativeAccessMessage(FfmSyscalls.class.getModule(), Backends.MODULE)
                : cause.toString();
        return new IllegalStateException(op + ": " + why, cause);
    }

    /** The native int at {@code offset} of {@code m} (a bulk copy: a layout's var handle costs a fresh JVM milliseconds). */
    private static int readInt(MemorySegment m, long offset) {
        int[] v = new int[1];
        MemorySegment.copy(m, offset, MemorySegment.ofArray(v), 0, Integer.BYTES);
        return v[0];
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
                a -> sys(a, SYS_socket, domain, type, protocol));
    }

    @Override
    public void bind(int fd, byte[] sockaddr) throws ErrnoException {
        call(() -> "bind(fd " + fd + ")",
                a -> sys(a, SYS_bind, fd, a.bytes(sockaddr, 0, sockaddr.length), sockaddr.length));
    }

    @Override
    public int getsockname(int fd, byte[] sockaddr) throws ErrnoException {
        return (int) call(() -> "getsockname(fd " + fd + ")", a -> {
            ByteBuffer addr = a.buffer(sockaddr.length);
            ByteBuffer len = a.buffer(Integer.BYTES).putInt(0, sockaddr.length);
            long rc = sys(a, SYS_getsockname, fd, CallMemory.address(addr), CallMemory.address(len));
            if (rc < 0) {
                return rc;
            }
            addr.get(0, sockaddr);
            return len.getInt(0);
        });
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        call(() -> "listen(fd " + fd + ")", a -> sys(a, SYS_listen, fd, backlog, 0L));
    }

    @Override
    public int accept(int fd) throws ErrnoException {
        return (int) call(() -> "accept(fd " + fd + ")",
                a -> sys(a, SYS_accept4, fd, 0L, 0L, LinuxSocket.SOCK_CLOEXEC, 0L, 0L));
    }

    @Override
    public void setsockopt(int fd, int level, int name, int value) throws ErrnoException {
        call(() -> "setsockopt(fd " + fd + ", " + level + ", " + name + ")", a -> sys(a, SYS_setsockopt,
                fd, level, name, a.intOf(value), Integer.BYTES, 0L));
    }

    @Override
    public int getsockopt(int fd, int level, int name) throws ErrnoException {
        int[] out = new int[1];
        call(() -> "getsockopt(fd " + fd + ", " + level + ", " + name + ")", a -> {
            ByteBuffer v = a.buffer(Integer.BYTES);
            long rc = sys(a, SYS_getsockopt, fd, level, name, CallMemory.address(v), a.intOf(Integer.BYTES), 0L);
            out[0] = v.getInt(0);
            return rc;
        });
        return out[0];
    }

    @Override
    public int getsockopt(int fd, int level, int name, byte[] value) throws ErrnoException {
        return (int) call(() -> "getsockopt(fd " + fd + ", " + level + ", " + name + ")", a -> {
            ByteBuffer v = a.buffer(value.length);
            ByteBuffer len = a.buffer(Integer.BYTES).putInt(0, value.length);
            long rc = sys(a, SYS_getsockopt, fd, level, name, CallMemory.address(v), CallMemory.address(len), 0L);
            if (rc < 0) {
                return rc;
            }
            v.get(0, value);
            return len.getInt(0);
        });
    }

    @Override
    public int send(int fd, ByteBuffer buf, int flags) throws ErrnoException {
        MemorySegment data = direct(buf);
        try {
            return (int) call(() -> "send(fd " + fd + ")",
                    a -> sys(a, SYS_sendto, fd, data.address(), data.byteSize(), flags, 0L, 0L));
        } finally {
            Reference.reachabilityFence(buf);
        }
    }

    @Override
    public int recv(int fd, ByteBuffer buf, int flags) throws ErrnoException {
        MemorySegment data = direct(buf);
        try {
            return (int) call(() -> "recv(fd " + fd + ")",
                    a -> sys(a, SYS_recvfrom, fd, data.address(), data.byteSize(), flags, 0L, 0L));
        } finally {
            Reference.reachabilityFence(buf);
        }
    }

    @Override
    public void close(int fd) throws ErrnoException {
        call(() -> "close(fd " + fd + ")", a -> sys(a, SYS_close, fd, 0L, 0L));
    }

    @Override
    public int open(String path, int flags, int mode) throws ErrnoException {
        return (int) call(() -> "open(" + path + ")", a -> sys(a, SYS_openat, LinuxFcntl.AT_FDCWD,
                a.string(path), flags, mode, 0L, 0L));
    }

    @Override
    public void setns(int fd, int nstype) throws ErrnoException {
        call(() -> "setns(fd " + fd + ", " + CloneFlags.names(nstype) + ")", a -> sys(a, SYS_setns, fd, nstype, 0L));
    }

    @Override
    public void unshare(int flags) throws ErrnoException {
        call(() -> "unshare(" + CloneFlags.names(flags) + ")", a -> sys(a, SYS_unshare, flags, 0L, 0L));
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException {
        call(() -> "mount(" + source + ", " + target + ")", a -> sys(a, SYS_mount, a.string(source),
                a.string(target), a.string(fstype), flags, a.string(data), 0L));
    }

    @Override
    public void umount2(String target, int flags) throws ErrnoException {
        call(() -> "umount2(" + target + ")", a -> sys(a, SYS_umount2, a.string(target), flags, 0L));
    }

    @Override
    public void flock(int fd, int operation) throws ErrnoException {
        call(() -> "flock(fd " + fd + ", " + operation + ")", a -> sys(a, SYS_flock, fd, operation, 0L));
    }

    @Override
    public void unlink(String path) throws ErrnoException {
        call(() -> "unlink(" + path + ")",
                a -> sys(a, SYS_unlinkat, LinuxFcntl.AT_FDCWD, a.string(path), 0L));
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) throws ErrnoException {
        return (int) call(() -> "ioctl(fd " + fd + ", 0x" + Long.toHexString(request) + ")", a -> {
            ByteBuffer buf = a.buffer(arg.length).put(0, arg);
            long rc = sys(a, SYS_ioctl, fd, request, CallMemory.address(buf));
            buf.get(0, arg);
            return rc;
        });
    }

    @Override
    public int ioctl(int fd, long request, long arg) throws ErrnoException {
        return (int) call(() -> "ioctl(fd " + fd + ", 0x" + Long.toHexString(request) + ")",
                a -> sys(a, SYS_ioctl, fd, request, arg));
    }

    @Override
    public int prctl(int option, long arg2, long arg3) throws ErrnoException {
        return (int) call(() -> "prctl(" + option + ", " + arg2 + ")",
                a -> sys(a, SYS_prctl, option, arg2, arg3, 0L, 0L, 0L));
    }

    @Override
    public void capget(int[] header, int[] data) throws ErrnoException {
        call(() -> "capget", a -> {
            ByteBuffer d = ints(a, data);
            long rc = sys(a, SYS_capget, CallMemory.address(ints(a, header)), CallMemory.address(d), 0L);
            d.asIntBuffer().get(0, data);
            return rc;
        });
    }

    @Override
    public void capset(int[] header, int[] data) throws ErrnoException {
        call(() -> "capset", a -> sys(a, SYS_capset, CallMemory.address(ints(a, header)),
                CallMemory.address(ints(a, data)), 0L));
    }

    /** A native copy of {@code v}. */
    private static ByteBuffer ints(CallMemory a, int[] v) {
        ByteBuffer b = a.buffer(v.length * Integer.BYTES);
        b.asIntBuffer().put(0, v);
        return b;
    }

    @Override
    public int[] pipe() throws ErrnoException {
        int[] fds = new int[2];
        call(() -> "pipe2", a -> {
            ByteBuffer f = a.buffer(2 * Integer.BYTES);
            long rc = sys(a, SYS_pipe2, CallMemory.address(f), LinuxFcntl.O_CLOEXEC, 0L);
            fds[0] = f.getInt(0);
            fds[1] = f.getInt(Integer.BYTES);
            return rc;
        });
        return fds;
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) throws ErrnoException {
        return (int) call(() -> "read(fd " + fd + ")", a -> {
            ByteBuffer b = a.buffer(len);
            long n = sys(a, SYS_read, fd, CallMemory.address(b), len);
            if (n > 0) {
                b.get(0, buf, off, (int) n);
            }
            return n;
        });
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) throws ErrnoException {
        return (int) call(() -> "write(fd " + fd + ")", a -> {
            return sys(a, SYS_write, fd, a.bytes(buf, off, len), len);
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
                throw notCalled("exec " + argv[0], t);
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
        long rc = call(() -> "waitpid(" + pid + ")", a -> {
            ByteBuffer s = a.buffer(Integer.BYTES);
            long r = sys(a, SYS_wait4, pid, CallMemory.address(s), options, 0L, 0L, 0L);
            status[0] = s.getInt(0);
            return r;
        });
        return rc == 0 ? -1 : status[0];
    }

    @Override
    public boolean poll(int fd, int timeoutMillis) throws ErrnoException {
        try {
            return call(() -> "poll(fd " + fd + ")", a -> {
                ByteBuffer pfd = a.buffer(8).putInt(0, fd).putShort(4, (short) LinuxSocket.POLLIN);
                long timeout = 0L;   // ppoll's NULL timeout waits for ever, as poll's -1
                if (timeoutMillis >= 0) {
                    timeout = CallMemory.address(a.buffer(16).putLong(0, timeoutMillis / 1000)
                            .putLong(8, (timeoutMillis % 1000) * 1_000_000L));
                }
                return sys(a, SYS_ppoll, CallMemory.address(pfd), 1L, timeout, 0L, 0L, 0L);
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
        call(() -> "kill(" + pid + ", " + signal + ")", a -> sys(a, SYS_kill, pid, signal, 0L));
    }

    @Override
    public int gettid() {
        try {
            return (int) call(() -> "gettid", a -> sys(a, SYS_gettid, 0L, 0L, 0L));
        } catch (ErrnoException e) {
            throw new AssertionError("gettid cannot fail", e);
        }
    }

    @Override
    public int inotifyInit1(int flags) throws ErrnoException {
        return (int) call(() -> "inotify_init1(" + flags + ")", a -> sys(a, SYS_inotify_init1, flags, 0L, 0L));
    }

    @Override
    public int inotifyAddWatch(int fd, String path, int mask) throws ErrnoException {
        return (int) call(() -> "inotify_add_watch(fd " + fd + ", " + path + ")",
                a -> sys(a, SYS_inotify_add_watch, fd, a.string(path), mask));
    }
}
