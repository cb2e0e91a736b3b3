package dev.jnetns.uapi;

/** Namespace flags from {@code <sched.h>} / {@code linux/sched.h}; names as in the kernel. */
public final class LinuxSched {
    public static final int CLONE_FS = 0x00000200;
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWNET = 0x40000000;

    private LinuxSched() {
    }
}
