package dev.jnetns.sys;

import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import dev.jnetns.uapi.LinuxSocket;
import dev.jnetns.uapi.LinuxSched;
import dev.jnetns.uapi.LinuxFcntl;
import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.nio.ByteBuffer;

/** The JNA backend (JDK 17+): direct-mapped libc calls; JNA reads errno and throws. */
final class JnaSyscalls implements Syscalls {
    /** Room for a {@code posix_spawn_file_actions_t} (80 bytes on glibc x86_64 and aarch64). */
    static final int SPAWN_FILE_ACTIONS_SIZE = 256;

    /** The class that loads JNA's native library ({@code System.load}): the JDK checks its module. */
    static final Class<?> LIBRARY_LOADER = Native.class;

    /** libc, direct-mapped; Java names equal the C symbols. */
    private static final class Libc {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int bind(int fd, byte[] addr, int len) throws LastErrorException;

        static native int getsockname(int fd, byte[] addr, int[] len) throws LastErrorException;

        static native int listen(int fd, int backlog) throws LastErrorException;

        static native int accept4(int fd, Pointer addr, Pointer len, int flags) throws LastErrorException;

        static native int setsockopt(int fd, int level, int name, int[] value, int len) throws LastErrorException;

        static native int getsockopt(int fd, int level, int name, int[] value, int[] len) throws LastErrorException;

        static native int getsockopt(int fd, int level, int name, byte[] value, int[] len) throws LastErrorException;

        static native NativeLong send(int fd, Pointer buf, NativeLong len, int flags) throws LastErrorException;

        static native NativeLong recv(int fd, Pointer buf, NativeLong len, int flags) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;

        static native int open(String path, int flags, int mode) throws LastErrorException;

        static native int setns(int fd, int nstype) throws LastErrorException;

        static native int unshare(int flags) throws LastErrorException;

        static native int inotify_init1(int flags) throws LastErrorException;

        static native int inotify_add_watch(int fd, String path, int mask) throws LastErrorException;

        static native int mount(String source, String target, String fstype, NativeLong flags, String data)
                throws LastErrorException;

        static native int umount2(String target, int flags) throws LastErrorException;

        static native int flock(int fd, int operation) throws LastErrorException;

        static native int unlink(String path) throws LastErrorException;

        static native int ioctl(int fd, NativeLong request, byte[] arg) throws LastErrorException;

        static native int ioctl(int fd, NativeLong request, NativeLong arg) throws LastErrorException;

        static native int prctl(int option, NativeLong arg2, NativeLong arg3, NativeLong arg4, NativeLong arg5)
                throws LastErrorException;

        static native int capget(int[] header, int[] data) throws LastErrorException;

        static native int capset(int[] header, int[] data) throws LastErrorException;

        static native int pipe2(int[] fds, int flags) throws LastErrorException;

        static native NativeLong read(int fd, byte[] buf, NativeLong len) throws LastErrorException;

        static native NativeLong write(int fd, byte[] buf, NativeLong len) throws LastErrorException;

        static native int posix_spawn_file_actions_init(Pointer actions);

        static native int posix_spawn_file_actions_destroy(Pointer actions);

        static native int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

        static native int posix_spawn_file_actions_addchdir_np(Pointer actions, String dir);

        static native int posix_spawnp(int[] pid, String file, Pointer actions, Pointer attr, Pointer argv,
                                       Pointer envp);

        static native int waitpid(int pid, int[] status, int options) throws LastErrorException;

        static native int kill(int pid, int signal) throws LastErrorException;

        static native int poll(short[] pollfd, NativeLong nfds, int timeout) throws LastErrorException;

        static native int gettid();
    }

    @Override
    public String backendName() {
        return "jna";
    }

    @Override
    public int socket(int domain, int type, int protocol) throws ErrnoException {
        try {
            return Libc.socket(domain, type, protocol);
        } catch (LastErrorException e) {
            throw new ErrnoException("socket(" + domain + ", " + type + ", " + protocol + ")", e.getErrorCode());
        }
    }

    @Override
    public void bind(int fd, byte[] sockaddr) throws ErrnoException {
        try {
            Libc.bind(fd, sockaddr, sockaddr.length);
        } catch (LastErrorException e) {
            throw new ErrnoException("bind(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public int getsockname(int fd, byte[] sockaddr) throws ErrnoException {
        int[] len = {sockaddr.length};
        try {
            Libc.getsockname(fd, sockaddr, len);
            return len[0];
        } catch (LastErrorException e) {
            throw new ErrnoException("getsockname(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        try {
            Libc.listen(fd, backlog);
        } catch (LastErrorException e) {
            throw new ErrnoException("listen(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public int accept(int fd) throws ErrnoException {
        try {
            return Libc.accept4(fd, null, null, LinuxSocket.SOCK_CLOEXEC);
        } catch (LastErrorException e) {
            throw new ErrnoException("accept(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public void setsockopt(int fd, int level, int name, int value) throws ErrnoException {
        try {
            Libc.setsockopt(fd, level, name, new int[] {value}, Integer.BYTES);
        } catch (LastErrorException e) {
            throw new ErrnoException("setsockopt(fd " + fd + ", " + level + ", " + name + ")", e.getErrorCode());
        }
    }

    @Override
    public int getsockopt(int fd, int level, int name) throws ErrnoException {
        int[] value = {0};
        int[] len = {Integer.BYTES};
        try {
            Libc.getsockopt(fd, level, name, value, len);
            return value[0];
        } catch (LastErrorException e) {
            throw new ErrnoException("getsockopt(fd " + fd + ", " + level + ", " + name + ")", e.getErrorCode());
        }
    }

    @Override
    public int getsockopt(int fd, int level, int name, byte[] value) throws ErrnoException {
        int[] len = {value.length};
        try {
            Libc.getsockopt(fd, level, name, value, len);
            return len[0];
        } catch (LastErrorException e) {
            throw new ErrnoException("getsockopt(fd " + fd + ", " + level + ", " + name + ")", e.getErrorCode());
        }
    }

    @Override
    public int send(int fd, ByteBuffer buf, int flags) throws ErrnoException {
        try {
            return Libc.send(fd, at(buf), new NativeLong(buf.remaining()), flags).intValue();
        } catch (LastErrorException e) {
            throw new ErrnoException("send(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public int recv(int fd, ByteBuffer buf, int flags) throws ErrnoException {
        try {
            return Libc.recv(fd, at(buf), new NativeLong(buf.remaining()), flags).intValue();
        } catch (LastErrorException e) {
            throw new ErrnoException("recv(fd " + fd + ")", e.getErrorCode());
        }
    }

    private static Pointer at(ByteBuffer buf) {
        if (!buf.isDirect()) {
            throw new IllegalArgumentException("send/recv need a direct ByteBuffer");
        }
        return Native.getDirectBufferPointer(buf).share(buf.position());
    }

    @Override
    public void close(int fd) throws ErrnoException {
        try {
            Libc.close(fd);
        } catch (LastErrorException e) {
            throw new ErrnoException("close(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public int open(String path, int flags, int mode) throws ErrnoException {
        try {
            return Libc.open(path, flags, mode);
        } catch (LastErrorException e) {
            throw new ErrnoException("open(" + path + ")", e.getErrorCode());
        }
    }

    @Override
    public void setns(int fd, int nstype) throws ErrnoException {
        try {
            Libc.setns(fd, nstype);
        } catch (LastErrorException e) {
            throw new ErrnoException("setns(fd " + fd + ", " + CloneFlags.names(nstype) + ")", e.getErrorCode());
        }
    }

    @Override
    public void unshare(int flags) throws ErrnoException {
        try {
            Libc.unshare(flags);
        } catch (LastErrorException e) {
            throw new ErrnoException("unshare(" + CloneFlags.names(flags) + ")", e.getErrorCode());
        }
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException {
        try {
            Libc.mount(source, target, fstype, new NativeLong(flags), data);
        } catch (LastErrorException e) {
            throw new ErrnoException("mount(" + source + ", " + target + ")", e.getErrorCode());
        }
    }

    @Override
    public void umount2(String target, int flags) throws ErrnoException {
        try {
            Libc.umount2(target, flags);
        } catch (LastErrorException e) {
            throw new ErrnoException("umount2(" + target + ")", e.getErrorCode());
        }
    }

    @Override
    public void flock(int fd, int operation) throws ErrnoException {
        try {
            Libc.flock(fd, operation);
        } catch (LastErrorException e) {
            throw new ErrnoException("flock(fd " + fd + ", " + operation + ")", e.getErrorCode());
        }
    }

    @Override
    public void unlink(String path) throws ErrnoException {
        try {
            Libc.unlink(path);
        } catch (LastErrorException e) {
            throw new ErrnoException("unlink(" + path + ")", e.getErrorCode());
        }
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) throws ErrnoException {
        try {
            return Libc.ioctl(fd, new NativeLong(request), arg);
        } catch (LastErrorException e) {
            throw new ErrnoException("ioctl(fd " + fd + ", 0x" + Long.toHexString(request) + ")", e.getErrorCode());
        }
    }

    @Override
    public int ioctl(int fd, long request, long arg) throws ErrnoException {
        try {
            return Libc.ioctl(fd, new NativeLong(request), new NativeLong(arg));
        } catch (LastErrorException e) {
            throw new ErrnoException("ioctl(fd " + fd + ", 0x" + Long.toHexString(request) + ")", e.getErrorCode());
        }
    }

    @Override
    public int prctl(int option, long arg2, long arg3) throws ErrnoException {
        try {
            return Libc.prctl(option, new NativeLong(arg2), new NativeLong(arg3), new NativeLong(0), new NativeLong(0));
        } catch (LastErrorException e) {
            throw new ErrnoException("prctl(" + option + ", " + arg2 + ")", e.getErrorCode());
        }
    }

    @Override
    public void capget(int[] header, int[] data) throws ErrnoException {
        try {
            Libc.capget(header, data);
        } catch (LastErrorException e) {
            throw new ErrnoException("capget", e.getErrorCode());
        }
    }

    @Override
    public void capset(int[] header, int[] data) throws ErrnoException {
        try {
            Libc.capset(header, data);
        } catch (LastErrorException e) {
            throw new ErrnoException("capset", e.getErrorCode());
        }
    }

    @Override
    public int[] pipe() throws ErrnoException {
        int[] fds = new int[2];
        try {
            Libc.pipe2(fds, LinuxFcntl.O_CLOEXEC);
            return fds;
        } catch (LastErrorException e) {
            throw new ErrnoException("pipe2", e.getErrorCode());
        }
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) throws ErrnoException {
        byte[] tmp = off == 0 ? buf : new byte[len];
        try {
            int n = Libc.read(fd, tmp, new NativeLong(len)).intValue();
            if (tmp != buf && n > 0) {
                System.arraycopy(tmp, 0, buf, off, n);
            }
            return n;
        } catch (LastErrorException e) {
            throw new ErrnoException("read(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) throws ErrnoException {
        byte[] tmp = off == 0 ? buf : java.util.Arrays.copyOfRange(buf, off, off + len);
        try {
            return Libc.write(fd, tmp, new NativeLong(len)).intValue();
        } catch (LastErrorException e) {
            throw new ErrnoException("write(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public int spawn(String[] argv, String[] envp, int[] fds, String dir) throws ErrnoException {
        com.sun.jna.Memory actions = new com.sun.jna.Memory(SPAWN_FILE_ACTIONS_SIZE);
        Libc.posix_spawn_file_actions_init(actions);
        try {
            for (int i = 0; i < fds.length; i++) {
                if (fds[i] >= 0) {
                    Libc.posix_spawn_file_actions_adddup2(actions, fds[i], i);
                }
            }
            if (dir != null) {
                Libc.posix_spawn_file_actions_addchdir_np(actions, dir);
            }
            int[] pid = new int[1];
            int rc = Libc.posix_spawnp(pid, argv[0], actions, null, new StringArray(argv), new StringArray(envp));
            if (rc != 0) {
                throw new ErrnoException("exec " + argv[0], rc);
            }
            return pid[0];
        } finally {
            Libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    @Override
    public int waitpid(int pid, int options) throws ErrnoException {
        int[] status = new int[1];
        try {
            return Libc.waitpid(pid, status, options) == 0 ? -1 : status[0];
        } catch (LastErrorException e) {
            throw new ErrnoException("waitpid(" + pid + ")", e.getErrorCode());
        }
    }

    @Override
    public boolean poll(int fd, int timeoutMillis) throws ErrnoException {
        // struct pollfd { int fd; short events; short revents; } as four shorts, host order
        short[] pfd = {0, 0, (short) LinuxSocket.POLLIN, 0};
        boolean little = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        pfd[little ? 0 : 1] = (short) fd;
        pfd[little ? 1 : 0] = (short) (fd >>> 16);
        try {
            return Libc.poll(pfd, new NativeLong(1), timeoutMillis) > 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EINTR.number()) {
                return false;
            }
            throw new ErrnoException("poll(fd " + fd + ")", e.getErrorCode());
        }
    }

    @Override
    public void kill(int pid, int signal) throws ErrnoException {
        try {
            Libc.kill(pid, signal);
        } catch (LastErrorException e) {
            throw new ErrnoException("kill(" + pid + ", " + signal + ")", e.getErrorCode());
        }
    }

    @Override
    public int gettid() {
        return Libc.gettid();
    }

    @Override
    public int inotifyInit1(int flags) throws ErrnoException {
        try {
            return Libc.inotify_init1(flags);
        } catch (LastErrorException e) {
            throw new ErrnoException("inotify_init1(" + flags + ")", e.getErrorCode());
        }
    }

    @Override
    public int inotifyAddWatch(int fd, String path, int mask) throws ErrnoException {
        try {
            return Libc.inotify_add_watch(fd, path, mask);
        } catch (LastErrorException e) {
            throw new ErrnoException("inotify_add_watch(fd " + fd + ", " + path + ")", e.getErrorCode());
        }
    }
}
