package dev.jnetns;

import static dev.jnetns.uapi.LinuxFcntl.O_APPEND;
import static dev.jnetns.uapi.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.uapi.LinuxFcntl.O_CREAT;
import static dev.jnetns.uapi.LinuxFcntl.O_RDONLY;
import static dev.jnetns.uapi.LinuxFcntl.O_TRUNC;
import static dev.jnetns.uapi.LinuxFcntl.O_WRONLY;
import static dev.jnetns.uapi.LinuxMount.MNT_DETACH;
import static dev.jnetns.uapi.LinuxMount.MS_BIND;
import static dev.jnetns.uapi.LinuxMount.MS_RDONLY;
import static dev.jnetns.uapi.LinuxMount.MS_REC;
import static dev.jnetns.uapi.LinuxMount.MS_SLAVE;
import static dev.jnetns.uapi.LinuxSched.CLONE_NEWNS;

import dev.jnetns.uapi.LinuxCapability;
import dev.jnetns.sys.Syscalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Starting a process inside a namespace the way {@code ip netns exec} prepares it (lib/namespace.c):
 * on a helper thread that gets its own mount namespace, enters the network namespace, makes / a
 * recursive slave, remounts /sys, binds /etc/netns/NAME/* over /etc, and spawns the child with
 * posix_spawn. The child inherits that thread's namespaces; every other thread of the JVM keeps
 * the host's. (ProcessBuilder.start is not used: it may start the JDK's "process reaper" thread on
 * the calling thread, which would then live on in the foreign namespaces.)
 */
final class NetnsExec {
    private static final Path ETC_NETNS = Path.of("/etc/netns");

    private NetnsExec() {
    }

    static Process start(Netns ns, ProcessBuilder command, Set<Integer> dropCapabilities) throws ErrnoException {
        Syscalls sys = Syscalls.get();
        Stdio io = Stdio.open(sys, command);
        try {
            int pid = HelperThread.callErrno("exec", () -> {
                sys.unshare(CLONE_NEWNS);
                ns.enter();
                sys.mount("", "/", "none", MS_SLAVE | MS_REC, null);
                remountSys(sys, ns.name());
                if (ns.name() != null) {
                    bindEtc(sys, ns.name());
                }
                drop(sys, dropCapabilities);
                return sys.spawn(command.command().toArray(new String[0]), environment(command), io.child,
                        command.directory() == null ? null : command.directory().getPath());
            });
            io.closeChildEnds(sys);
            return new NsProcess(pid, io.parent[0], io.parent[1], io.parent[2]);
        } catch (ErrnoException | RuntimeException e) {
            io.closeAll(sys);
            throw e;
        }
    }

    private static String[] environment(ProcessBuilder pb) {
        return pb.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** The child's stdin, stdout and stderr as ProcessBuilder's redirects say: pipes, files or ours. */
    private static final class Stdio {
        final int[] child = {-1, -1, -1};    // descriptor of this process the child gets as 0, 1, 2
        final int[] parent = {-1, -1, -1};   // our end of a pipe
        private final java.util.List<Integer> childEnds = new java.util.ArrayList<>();

        static Stdio open(Syscalls sys, ProcessBuilder pb) throws ErrnoException {
            Stdio io = new Stdio();
            try {
                io.redirect(sys, 0, pb.redirectInput());
                io.redirect(sys, 1, pb.redirectOutput());
                if (pb.redirectErrorStream()) {
                    io.child[2] = 1;   // applied after fd 1 is in place: stderr follows stdout
                } else {
                    io.redirect(sys, 2, pb.redirectError());
                }
            } catch (ErrnoException | RuntimeException e) {
                io.closeAll(sys);
                throw e;
            }
            return io;
        }

        private void redirect(Syscalls sys, int fd, ProcessBuilder.Redirect r) throws ErrnoException {
            switch (r.type()) {
                case PIPE: {
                    int[] p = sys.pipe();
                    child[fd] = fd == 0 ? p[0] : p[1];
                    parent[fd] = fd == 0 ? p[1] : p[0];
                    childEnds.add(child[fd]);
                    break;
                }
                case INHERIT:
                    break;
                case READ:
                    child[fd] = sys.open(r.file().getPath(), O_RDONLY | O_CLOEXEC, 0);
                    childEnds.add(child[fd]);
                    break;
                case WRITE:
                case APPEND:
                    child[fd] = sys.open(r.file().getPath(), O_WRONLY | O_CREAT | O_CLOEXEC
                            | (r.type() == ProcessBuilder.Redirect.Type.APPEND ? O_APPEND : O_TRUNC), 0644);
                    childEnds.add(child[fd]);
                    break;
                default:
                    throw new IllegalArgumentException("unsupported redirect " + r);
            }
        }

        void closeChildEnds(Syscalls sys) {
            for (int fd : childEnds) {
                try {
                    sys.close(fd);
                } catch (ErrnoException e) {
                    // already gone
                }
            }
            childEnds.clear();
        }

        void closeAll(Syscalls sys) {
            closeChildEnds(sys);
            for (int fd : parent) {
                if (fd >= 0) {
                    try {
                        sys.close(fd);
                    } catch (ErrnoException e) {
                        // already gone
                    }
                }
            }
        }
    }

    /**
     * Removes capabilities from this (spawning) thread's bounding and inheritable sets and clears
     * its ambient set, so an exec'd child — root included — can never hold them.
     */
    private static void drop(Syscalls sys, Set<Integer> caps) throws ErrnoException {
        if (caps.isEmpty()) {
            return;
        }
        int[] header = {LinuxCapability.LINUX_CAPABILITY_VERSION_3, 0};
        int[] data = new int[6];
        sys.capget(header, data);
        for (int cap : caps) {
            sys.prctl(LinuxCapability.PR_CAPBSET_DROP, cap, 0);
            int word = cap / 32;
            int bit = 1 << (cap % 32);
            data[word * 3 + 2] &= ~bit;   // inheritable
        }
        sys.capset(header, data);
        sys.prctl(LinuxCapability.PR_CAP_AMBIENT, LinuxCapability.PR_CAP_AMBIENT_CLEAR_ALL, 0);
    }

    private static void remountSys(Syscalls sys, String name) throws ErrnoException {
        long flags = 0;
        try {
            if (Files.getFileStore(Path.of("/sys")).isReadOnly()) {
                flags = MS_RDONLY;
            }
        } catch (IOException e) {
            // no /sys at all: mount one below anyway
        }
        try {
            sys.umount2("/sys", MNT_DETACH);
        } catch (ErrnoException e) {
            if (!e.is(Errno.EINVAL)) {
                throw e;
            }
        }
        sys.mount(name != null ? name : "sysfs", "/sys", "sysfs", flags, null);
    }

    /** Binds each /etc/netns/NAME/FILE over /etc/FILE, as iproute2 does; a failed bind is reported and skipped. */
    private static void bindEtc(Syscalls sys, String name) {
        Path dir = ETC_NETNS.resolve(name);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path src : entries) {
                Path dst = Path.of("/etc").resolve(src.getFileName().toString());
                try {
                    sys.mount(src.toString(), dst.toString(), "none", MS_BIND, null);
                } catch (ErrnoException e) {
                    System.err.println("jnetns: bind " + src + " -> " + dst + " failed: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            System.err.println("jnetns: cannot read " + dir + ": " + e.getMessage());
        }
    }
}
