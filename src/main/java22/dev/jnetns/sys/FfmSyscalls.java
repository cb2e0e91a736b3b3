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
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
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
import java.nio.charset.StandardCharsets;
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
     * ({@link JniSyscall}), else through the FFM downcall, its errno captured in {@code arena}.
     */
    private static long sys(Arena arena, int nr, long a, long b, long c, long d, long e, long f) throws Throwable {
        if (JniSyscall.LOADED) {
            return JniSyscall.syscall(nr, a, b, c, d, e, f);
        }
        MemorySegment state = arena.allocate(Capture.LAYOUT);
        long r = (long) H$syscall.MH.invokeExact(state, (long) nr, a, b, c, d, e, f);
        return r < 0 ? -readInt(state, Capture.ERRNO) : r;
    }

    private static long sys(Arena arena, int nr, long a, long b, long c) throws Throwable {
        return sys(arena, nr, a, b, c, 0L, 0L, 0L);
    }

    /** One downcall given the arena of this call; returns the C result, or minus errno. */
    @FunctionalInterface
    private interface Downcall {
        long invoke(Arena arena) throws Throwable;
    }

    /** Runs a downcall; a negative result becomes an {@link ErrnoException} naming {@code op}. */
    private static long call(Supplier<String> op, Downcall downcall) throws ErrnoException {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            rc = downcall.invoke(arena);
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

    // On the start path memory is written and read by bulk copies between segments, not through a
    // layout's var handle nor an array copy given a layout: a fresh JVM's first var handle, and the
    // type switch behind an array copy, cost it milliseconds of class spinning that the AOT cache
    // does not keep.

    private static MemorySegment cString(Arena arena, String s) {
        if (s == null) {
            return MemorySegment.NULL;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        MemorySegment m = arena.allocate(b.length + 1);   // zeroed: the terminating NUL
        toNative(b, 0, m, b.length);
        return m;
    }

    /** A native int holding {@code v}. */
    private static MemorySegment intOf(Arena arena, int v) {
        MemorySegment m = arena.allocate(JAVA_INT);
        MemorySegment.copy(MemorySegment.ofArray(new int[] {v}), 0, m, 0, Integer.BYTES);
        return m;
    }

    /** The native int at {@code offset} of {@code m}. */
    private static int readInt(MemorySegment m, long offset) {
        int[] v = new int[1];
        MemorySegment.copy(m, offset, MemorySegment.ofArray(v), 0, Integer.BYTES);
        return v[0];
    }

    /** Copies {@code len} bytes of {@code b} from {@code off} to the start of {@code m}. */
    private static void toNative(byte[] b, int off, MemorySegment m, int len) {
        MemorySegment.copy(MemorySegment.ofArray(b), off, m, 0, len);
    }

    /** Copies the first {@code len} bytes of {@code m} into {@code b} at {@code off}. */
    private static void fromNative(MemorySegment m, byte[] b, int off, int len) {
        MemorySegment.copy(m, 0, MemorySegment.ofArray(b), off, len);
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
        call(() -> "bind(fd " + fd + ")", a -> {
            MemorySegment addr = a.allocate(sockaddr.length);
            toNative(sockaddr, 0, addr, sockaddr.length);
            return sys(a, SYS_bind, fd, addr.address(), sockaddr.length);
        });
    }

    @Override
    public int getsockname(int fd, byte[] sockaddr) throws ErrnoException {
        return (int) call(() -> "getsockname(fd " + fd + ")", a -> {
            MemorySegment addr = a.allocate(sockaddr.length);
            MemorySegment len = intOf(a, sockaddr.length);
            long rc = sys(a, SYS_getsockname, fd, addr.address(), len.address());
            if (rc < 0) {
                return rc;
            }
            fromNative(addr, sockaddr, 0, sockaddr.length);
            return readInt(len, 0);
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
                fd, level, name, intOf(a, value).address(), Integer.BYTES, 0L));
    }

    @Override
    public int getsockopt(int fd, int level, int name) throws ErrnoException {
        int[] out = new int[1];
        call(() -> "getsockopt(fd " + fd + ", " + level + ", " + name + ")", a -> {
            MemorySegment v = a.allocate(JAVA_INT);
            long rc = sys(a, SYS_getsockopt, fd, level, name, v.address(),
                    intOf(a, Integer.BYTES).address(), 0L);
            out[0] = readInt(v, 0);
            return rc;
        });
        return out[0];
    }

    @Override
    public int getsockopt(int fd, int level, int name, byte[] value) throws ErrnoException {
        return (int) call(() -> "getsockopt(fd " + fd + ", " + level + ", " + name + ")", a -> {
            MemorySegment v = a.allocate(Math.max(1, value.length));
            MemorySegment len = intOf(a, value.length);
            long rc = sys(a, SYS_getsockopt, fd, level, name, v.address(), len.address(), 0L);
            if (rc < 0) {
                return rc;
            }
            fromNative(v, value, 0, value.length);
            return readInt(len, 0);
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
                cString(a, path).address(), flags, mode, 0L, 0L));
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
        call(() -> "mount(" + source + ", " + target + ")", a -> sys(a, SYS_mount, cString(a, source).address(),
                cString(a, target).address(), cString(a, fstype).address(), flags, cString(a, data).address(), 0L));
    }

    @Override
    public void umount2(String target, int flags) throws ErrnoException {
        call(() -> "umount2(" + target + ")", a -> sys(a, SYS_umount2, cString(a, target).address(), flags, 0L));
    }

    @Override
    public void flock(int fd, int operation) throws ErrnoException {
        call(() -> "flock(fd " + fd + ", " + operation + ")", a -> sys(a, SYS_flock, fd, operation, 0L));
    }

    @Override
    public void unlink(String path) throws ErrnoException {
        call(() -> "unlink(" + path + ")",
                a -> sys(a, SYS_unlinkat, LinuxFcntl.AT_FDCWD, cString(a, path).address(), 0L));
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) throws ErrnoException {
        return (int) call(() -> "ioctl(fd " + fd + ", 0x" + Long.toHexString(request) + ")", a -> {
            MemorySegment buf = a.allocate(arg.length);
            toNative(arg, 0, buf, arg.length);
            long rc = sys(a, SYS_ioctl, fd, request, buf.address());
            fromNative(buf, arg, 0, arg.length);
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
            MemorySegment h = a.allocateFrom(JAVA_INT, header);
            MemorySegment d = a.allocateFrom(JAVA_INT, data);
            long rc = sys(a, SYS_capget, h.address(), d.address(), 0L);
            MemorySegment.copy(d, JAVA_INT, 0, data, 0, data.length);
            return rc;
        });
    }

    @Override
    public void capset(int[] header, int[] data) throws ErrnoException {
        call(() -> "capset", a -> sys(a, SYS_capset, a.allocateFrom(JAVA_INT, header).address(),
                a.allocateFrom(JAVA_INT, data).address(), 0L));
    }

    @Override
    public int[] pipe() throws ErrnoException {
        int[] fds = new int[2];
        call(() -> "pipe2", a -> {
            MemorySegment f = a.allocate(JAVA_INT, 2);
            long rc = sys(a, SYS_pipe2, f.address(), LinuxFcntl.O_CLOEXEC, 0L);
            fds[0] = f.getAtIndex(JAVA_INT, 0);
            fds[1] = f.getAtIndex(JAVA_INT, 1);
            return rc;
        });
        return fds;
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) throws ErrnoException {
        return (int) call(() -> "read(fd " + fd + ")", a -> {
            MemorySegment b = a.allocate(Math.max(1, len));
            long n = sys(a, SYS_read, fd, b.address(), len);
            if (n > 0) {
                fromNative(b, buf, off, (int) n);
            }
            return n;
        });
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) throws ErrnoException {
        return (int) call(() -> "write(fd " + fd + ")", a -> {
            MemorySegment b = a.allocate(Math.max(1, len));
            toNative(buf, off, b, len);
            return sys(a, SYS_write, fd, b.address(), len);
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
            MemorySegment s = a.allocate(JAVA_INT);
            long r = sys(a, SYS_wait4, pid, s.address(), options, 0L, 0L, 0L);
            status[0] = s.get(JAVA_INT, 0);
            return r;
        });
        return rc == 0 ? -1 : status[0];
    }

    @Override
    public boolean poll(int fd, int timeoutMillis) throws ErrnoException {
        try {
            return call(() -> "poll(fd " + fd + ")", a -> {
                MemorySegment pfd = a.allocate(8, 4);
                pfd.set(JAVA_INT, 0, fd);
                pfd.set(JAVA_SHORT, 4, (short) LinuxSocket.POLLIN);
                MemorySegment timeout = MemorySegment.NULL;   // ppoll's NULL timeout waits for ever, as poll's -1
                if (timeoutMillis >= 0) {
                    timeout = a.allocate(16, 8);
                    timeout.set(JAVA_LONG, 0, timeoutMillis / 1000);
                    timeout.set(JAVA_LONG, 8, (timeoutMillis % 1000) * 1_000_000L);
                }
                return sys(a, SYS_ppoll, pfd.address(), 1L, timeout.address(), 0L, 0L, 0L);
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
                a -> sys(a, SYS_inotify_add_watch, fd, cString(a, path).address(), mask));
    }
}
