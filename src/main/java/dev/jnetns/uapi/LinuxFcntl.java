package dev.jnetns.uapi;

/**
 * open(2) flags and the "current directory" descriptor of the *at calls, from {@code <fcntl.h>};
 * flock(2) operations from {@code <sys/file.h>}.
 */
public final class LinuxFcntl {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_CLOEXEC = 02000000;
    public static final int AT_FDCWD = -100;
    public static final int LOCK_EX = 2;
    public static final int LOCK_UN = 8;

    private LinuxFcntl() {
    }
}
