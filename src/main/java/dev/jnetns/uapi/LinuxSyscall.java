package dev.jnetns.uapi;

/**
 * System call numbers from {@code <sys/syscall.h>} for the two architectures jnetns runs on
 * (x86_64 and aarch64; the values of this JVM's architecture). The FFM backend makes every call
 * through the C library's {@code syscall(3)}, one downcall handle for all of them.
 */
public final class LinuxSyscall {
    private static final boolean X86_64 = System.getProperty("os.arch").equals("amd64");

    /** True when this JVM's architecture has a table here (x86_64 or aarch64). */
    public static final boolean SUPPORTED = X86_64 || System.getProperty("os.arch").equals("aarch64");

    public static final int SYS_read = X86_64 ? 0 : 63;
    public static final int SYS_write = X86_64 ? 1 : 64;
    public static final int SYS_close = X86_64 ? 3 : 57;
    public static final int SYS_ppoll = X86_64 ? 271 : 73;
    public static final int SYS_ioctl = X86_64 ? 16 : 29;
    public static final int SYS_pipe2 = X86_64 ? 293 : 59;
    public static final int SYS_socket = X86_64 ? 41 : 198;
    public static final int SYS_sendto = X86_64 ? 44 : 206;
    public static final int SYS_recvfrom = X86_64 ? 45 : 207;
    public static final int SYS_bind = X86_64 ? 49 : 200;
    public static final int SYS_listen = X86_64 ? 50 : 201;
    public static final int SYS_accept4 = X86_64 ? 288 : 242;
    public static final int SYS_getsockname = X86_64 ? 51 : 204;
    public static final int SYS_setsockopt = X86_64 ? 54 : 208;
    public static final int SYS_getsockopt = X86_64 ? 55 : 209;
    public static final int SYS_wait4 = X86_64 ? 61 : 260;
    public static final int SYS_kill = X86_64 ? 62 : 129;
    public static final int SYS_openat = X86_64 ? 257 : 56;
    public static final int SYS_unlinkat = X86_64 ? 263 : 35;
    public static final int SYS_flock = X86_64 ? 73 : 32;
    public static final int SYS_setns = X86_64 ? 308 : 268;
    public static final int SYS_unshare = X86_64 ? 272 : 97;
    public static final int SYS_mount = X86_64 ? 165 : 40;
    public static final int SYS_umount2 = X86_64 ? 166 : 39;
    public static final int SYS_prctl = X86_64 ? 157 : 167;
    public static final int SYS_capget = X86_64 ? 125 : 90;
    public static final int SYS_capset = X86_64 ? 126 : 91;
    public static final int SYS_gettid = X86_64 ? 186 : 178;
    public static final int SYS_inotify_init1 = X86_64 ? 294 : 26;
    public static final int SYS_inotify_add_watch = X86_64 ? 254 : 27;

    private LinuxSyscall() {
    }
}
