package dev.jnetns.uapi;

/** Signals from {@code <signal.h>} and waitpid options from {@code <sys/wait.h>}. */
public final class LinuxSignal {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int WNOHANG = 1;

    private LinuxSignal() {
    }
}
