package dev.jnetns;

import static dev.jnetns.uapi.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.uapi.LinuxFcntl.O_RDWR;
import static dev.jnetns.uapi.LinuxTun.IFF_NO_PI;
import static dev.jnetns.uapi.LinuxTun.IFF_TAP;
import static dev.jnetns.uapi.LinuxTun.IFF_TUN;
import static dev.jnetns.uapi.LinuxTun.IFF_TUN_EXCL;
import static dev.jnetns.uapi.LinuxTun.IFREQ_FLAGS_OFFSET;
import static dev.jnetns.uapi.LinuxTun.IFREQ_SIZE;
import static dev.jnetns.uapi.LinuxTun.TUNSETIFF;
import static dev.jnetns.uapi.LinuxTun.TUNSETPERSIST;

import dev.jnetns.sys.ErrnoException;
import dev.jnetns.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Persistent tun/tap devices, which the kernel creates only through /dev/net/tun ioctls (not
 * rtnetlink), in the namespace of the calling thread: so on a helper thread inside the target.
 */
final class TunTap {
    private TunTap() {
    }

    /** Equivalent to: {@code ip tuntap add NAME mode tap|tun} (no packet info header). */
    static void create(Netns ns, LinkSpec spec) throws ErrnoException {
        byte[] ifreq = new byte[IFREQ_SIZE];
        byte[] name = spec.name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, ifreq, 0, name.length);
        int flags = (spec.kind.equals("tap") ? IFF_TAP : IFF_TUN) | IFF_NO_PI | IFF_TUN_EXCL;
        ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).putShort(IFREQ_FLAGS_OFFSET, (short) flags);
        try (Netns.Hold h = ns.hold()) {
            create(ns, spec.name, ifreq);
        }
    }

    private static void create(Netns ns, String name, byte[] ifreq) throws ErrnoException {
        HelperThread.callErrno("tuntap", () -> {
            Syscalls sys = Syscalls.get();
            ns.enter();
            int fd;
            try {
                fd = sys.open("/dev/net/tun", O_RDWR | O_CLOEXEC, 0);
            } catch (ErrnoException e) {
                throw new ErrnoException("tuntap add " + name + ": open /dev/net/tun", e.errno());
            }
            try {
                sys.ioctl(fd, TUNSETIFF, ifreq);
                sys.ioctl(fd, TUNSETPERSIST, 1);
            } catch (ErrnoException e) {
                throw new ErrnoException("tuntap add " + name + " (TUNSETIFF, TUNSETPERSIST)", e.errno());
            } finally {
                sys.close(fd);
            }
            return null;
        });
    }
}
