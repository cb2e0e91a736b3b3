package dev.jnetns;

import static dev.jnetns.sys.LinuxMount.MNT_DETACH;
import static dev.jnetns.sys.LinuxMount.MS_BIND;
import static dev.jnetns.sys.LinuxMount.MS_RDONLY;
import static dev.jnetns.sys.LinuxMount.MS_REC;
import static dev.jnetns.sys.LinuxMount.MS_SLAVE;
import static dev.jnetns.sys.LinuxSched.CLONE_NEWNET;
import static dev.jnetns.sys.LinuxSched.CLONE_NEWNS;

import dev.jnetns.sys.Errno;
import dev.jnetns.sys.LinuxCapability;
import dev.jnetns.sys.ErrnoException;
import dev.jnetns.sys.Syscalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starting a process inside a namespace the way {@code ip netns exec} prepares it (lib/namespace.c):
 * on a helper thread that gets its own mount namespace, enters the network namespace, makes / a
 * recursive slave, remounts /sys, binds /etc/netns/NAME/* over /etc, and spawns the child. The
 * child inherits that thread's namespaces; every other thread of the JVM keeps the host's.
 */
final class NetnsExec {
    private static final Path ETC_NETNS = Path.of("/etc/netns");
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+)");

    private NetnsExec() {
    }

    static Process start(Netns ns, ProcessBuilder command, Set<Integer> dropCapabilities) throws ErrnoException {
        return HelperThread.callErrno("exec", () -> {
            Syscalls sys = Syscalls.get();
            sys.unshare(CLONE_NEWNS);
            sys.setns(ns.fd(), CLONE_NEWNET);
            sys.mount("", "/", "none", MS_SLAVE | MS_REC, null);
            remountSys(sys, ns.name());
            if (ns.name() != null) {
                bindEtc(sys, ns.name());
            }
            drop(sys, dropCapabilities);
            try {
                return command.start();
            } catch (IOException e) {
                Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
                throw new ErrnoException("exec " + command.command().get(0),
                        m.find() ? Integer.parseInt(m.group(1)) : Errno.ENOENT.number());
            }
        });
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
