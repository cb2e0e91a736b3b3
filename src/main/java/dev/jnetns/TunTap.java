package dev.jnetns;

import static dev.jnetns.uapi.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.uapi.LinuxFcntl.O_RDWR;
import static dev.jnetns.uapi.LinuxTun.IFF_MULTI_QUEUE;
import static dev.jnetns.uapi.LinuxTun.IFF_NO_PI;
import static dev.jnetns.uapi.LinuxTun.IFF_ONE_QUEUE;
import static dev.jnetns.uapi.LinuxTun.IFF_TAP;
import static dev.jnetns.uapi.LinuxTun.IFF_TUN;
import static dev.jnetns.uapi.LinuxTun.IFF_TUN_EXCL;
import static dev.jnetns.uapi.LinuxTun.IFF_VNET_HDR;
import static dev.jnetns.uapi.LinuxTun.IFREQ_FLAGS_OFFSET;
import static dev.jnetns.uapi.LinuxTun.IFREQ_SIZE;
import static dev.jnetns.uapi.LinuxTun.TUNSETGROUP;
import static dev.jnetns.uapi.LinuxTun.TUNSETIFF;
import static dev.jnetns.uapi.LinuxTun.TUNSETOWNER;
import static dev.jnetns.uapi.LinuxTun.TUNSETPERSIST;

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

    /** A tap or tun device of {@code spec} (link add NAME type tap|tun: no packet info header). */
    static void create(Netns ns, LinkSpec spec) throws ErrnoException {
        create(ns, spec.kind.equals("tap") ? TunTapSpec.tap(spec.name) : TunTapSpec.tun(spec.name));
    }

    /** Equivalent to: {@code ip tuntap add [NAME] mode tap|tun [FLAGS] [user U] [group G]}; returns the name. */
    static String create(Netns ns, TunTapSpec spec) throws ErrnoException {
        return ifreq(ns, spec, true, (sys, fd, ifreq) -> {
            if (spec.owner >= 0) {
                sys.ioctl(fd, TUNSETOWNER, spec.owner);
            }
            if (spec.group >= 0) {
                sys.ioctl(fd, TUNSETGROUP, spec.group);
            }
            sys.ioctl(fd, TUNSETPERSIST, 1);
        });
    }

    /** Equivalent to: {@code ip tuntap del NAME mode tap|tun [FLAGS]}. */
    static void delete(Netns ns, TunTapSpec spec) throws ErrnoException {
        ifreq(ns, spec, false, (sys, fd, ifreq) -> sys.ioctl(fd, TUNSETPERSIST, 0));
    }

    /** What is done with the attached descriptor. */
    @FunctionalInterface
    private interface Attached {
        void run(Syscalls sys, int fd, byte[] ifreq) throws ErrnoException;
    }

    /**
     * Opens /dev/net/tun inside {@code ns} (on a helper thread), attaches to the device of
     * {@code spec} with TUNSETIFF (exclusively when {@code create}), runs {@code then}; the
     * device's name.
     */
    private static String ifreq(Netns ns, TunTapSpec spec, boolean create, Attached then) throws ErrnoException {
        byte[] ifreq = new byte[IFREQ_SIZE];
        if (spec.name != null) {
            byte[] name = spec.name.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(name, 0, ifreq, 0, name.length);
        }
        int flags = (spec.tap ? IFF_TAP : IFF_TUN) | (spec.pi ? 0 : IFF_NO_PI) | (spec.vnetHdr ? IFF_VNET_HDR : 0)
                | (spec.multiQueue ? IFF_MULTI_QUEUE : 0) | (spec.oneQueue ? IFF_ONE_QUEUE : 0)
                | (create ? IFF_TUN_EXCL : 0);
        ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).putShort(IFREQ_FLAGS_OFFSET, (short) flags);
        String what = "tuntap " + (create ? "add" : "del") + (spec.name != null ? " " + spec.name : "");
        try (Netns.Hold h = ns.hold()) {   // the namespace stays open while the helper enters it
            return attach(ns, what, ifreq, then);
        }
    }

    private static String attach(Netns ns, String what, byte[] ifreq, Attached then) throws ErrnoException {
        return HelperThread.callErrno("tuntap", () -> {
            Syscalls sys = Syscalls.get();
            ns.enter();
            int fd;
            try {
                fd = sys.open("/dev/net/tun", O_RDWR | O_CLOEXEC, 0);
            } catch (ErrnoException e) {
                throw new ErrnoException(what + ": open /dev/net/tun", e.errno());
            }
            try {
                sys.ioctl(fd, TUNSETIFF, ifreq);
                then.run(sys, fd, ifreq);
            } catch (ErrnoException e) {
                throw new ErrnoException(what, e.errno());
            } finally {
                sys.close(fd);
            }
            int end = 0;
            while (end < IFREQ_FLAGS_OFFSET && ifreq[end] != 0) {
                end++;
            }
            return new String(ifreq, 0, end, StandardCharsets.UTF_8);
        });
    }
}
