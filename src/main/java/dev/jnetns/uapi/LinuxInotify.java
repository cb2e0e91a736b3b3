package dev.jnetns.uapi;

/** inotify from {@code <sys/inotify.h>}: flags, event bits and the size of {@code struct inotify_event}. */
public final class LinuxInotify {
    public static final int IN_CLOEXEC = 02000000;
    public static final int IN_NONBLOCK = 04000;
    public static final int IN_MOVED_FROM = 0x40;
    public static final int IN_MOVED_TO = 0x80;
    public static final int IN_CREATE = 0x100;
    public static final int IN_DELETE = 0x200;
    /** {@code sizeof(struct inotify_event)}: wd, mask, cookie, len; the name follows. */
    public static final int INOTIFY_EVENT_SIZE = 16;

    private LinuxInotify() {
    }
}
