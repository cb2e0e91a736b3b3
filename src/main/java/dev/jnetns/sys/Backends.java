package dev.jnetns.sys;

import java.util.Locale;

/**
 * Chooses the syscall backend once per JVM: {@code -Djnetns.backend=ffm|jna} forces one; otherwise
 * FFM on JDK 22+ and JNA below. When the automatic choice cannot load FFM it falls back to JNA and
 * says why on stderr; a forced backend that cannot load fails with its cause.
 */
public final class Backends {
    /** System property that forces a backend: {@code ffm} or {@code jna}. */
    public static final String PROPERTY = "jnetns.backend";

    static final Backends DEFAULT = new Backends();

    private static final String FFM_CLASS = "dev.jnetns.sys.FfmSyscalls";

    private volatile Syscalls syscalls;

    private Backends() {
    }

    Syscalls syscalls() {
        Syscalls s = syscalls;
        if (s == null) {
            synchronized (this) {
                s = syscalls;
                if (s == null) {
                    s = choose(System.getProperty(PROPERTY, ""));
                    syscalls = s;
                }
            }
        }
        return s;
    }

    static Syscalls choose(String wanted) {
        switch (wanted.trim().toLowerCase(Locale.ROOT)) {
            case "ffm":
                return loadFfm();
            case "jna":
                return new JnaSyscalls();
            case "":
                if (Runtime.version().feature() < 22) {
                    return new JnaSyscalls();
                }
                try {
                    return loadFfm();
                } catch (IllegalStateException e) {
                    System.err.println("jnetns: " + e.getMessage() + "; using the JNA backend");
                    return new JnaSyscalls();
                }
            default:
                throw new IllegalArgumentException(
                        "-D" + PROPERTY + "=" + wanted + ": unknown backend (use ffm or jna)");
        }
    }

    private static Syscalls loadFfm() {
        if (Runtime.version().feature() < 22) {
            throw new IllegalStateException("the FFM backend needs JDK 22 or newer, this is JDK "
                    + Runtime.version().feature());
        }
        try {
            return (Syscalls) Class.forName(FFM_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the FFM backend cannot load: " + cause, cause);
        }
    }
}
