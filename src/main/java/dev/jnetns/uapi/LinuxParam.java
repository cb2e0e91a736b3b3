package dev.jnetns.uapi;

/** From {@code asm/param.h}: the unit of the clock_t times the kernel reports to user space. */
public final class LinuxParam {
    /** Ticks per second of clock_t values (USER_HZ), e.g. neighbour cache ages: ip divides by it. */
    public static final int HZ = 100;

    private LinuxParam() {
    }
}
