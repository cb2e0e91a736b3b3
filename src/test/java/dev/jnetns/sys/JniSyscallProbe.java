package dev.jnetns.sys;

import dev.jnetns.ErrnoException;
import dev.jnetns.uapi.LinuxFcntl;

/**
 * Run by {@link JniSyscallTest} in a child JVM: prints the backend, on FFM whether the JNI
 * trampoline ({@code JniSyscall}, JDK 22+ classes) took the system calls, then what three calls
 * gave: gettid, an open that fails (its errno), an open that works.
 */
public final class JniSyscallProbe {
    private JniSyscallProbe() {
    }

    public static void main(String[] args) throws Exception {
        Syscalls sys = Syscalls.get();
        StringBuilder out = new StringBuilder(sys.backendName());
        if (sys.backendName().equals("ffm")) {
            out.append(" jni=").append(Class.forName("dev.jnetns.sys.JniSyscall").getDeclaredField("LOADED").get(null));
        }
        out.append(sys.gettid() > 0 ? " tid" : " no-tid");
        try {
            sys.open("/nonexistent/jnetns", LinuxFcntl.O_RDONLY, 0);
            out.append(" opened-nothing");
        } catch (ErrnoException e) {
            out.append(' ').append(e.errnoName());
        }
        int fd = sys.open("/proc/self/ns/net", LinuxFcntl.O_RDONLY | LinuxFcntl.O_CLOEXEC, 0);
        sys.close(fd);
        out.append(fd >= 0 ? " open" : " bad-fd");
        System.out.println(out);
    }
}
