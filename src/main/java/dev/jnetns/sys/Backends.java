package dev.jnetns.sys;

import java.util.Locale;

/**
 * Chooses the syscall backend once per JVM: {@code -Djnetns.backend=ffm|jna} forces one; otherwise
 * FFM on JDK 22+ and JNA below. When the automatic choice cannot load FFM it falls back to JNA and
 * says why on stderr; a forced backend that cannot load fails with its cause.
 *
 * <p>Where the JDK restricts native access (FFM from JDK 22, JNI and so JNA from JDK 24), a JVM that
 * does not grant it to jnetns gets an {@link IllegalStateException} naming the
 * {@code --enable-native-access} flag to add, before any restricted method is called: no JDK warning,
 * no {@code Error}.
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
                return loadJna();
            case "":
                if (Runtime.version().feature() < 22) {
                    return loadJna();
                }
                requireNativeAccess();   // not a reason to fall back: JNA needs it too from JDK 24
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
        requireNativeAccess();
        try {
            return (Syscalls) Class.forName(FFM_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the FFM backend cannot load: " + cause, cause);
        }
    }

    private static Syscalls loadJna() {
        if (Runtime.version().feature() >= JNI_RESTRICTED) {
            requireNativeAccess();
        }
        return new JnaSyscalls();
    }

    /** The first JDK that restricts JNI (JEP 472), which JNA uses. */
    private static final int JNI_RESTRICTED = 24;

    /**
     * Throws when this JVM does not let jnetns's module (named on the module path, the unnamed one on
     * the class path) call restricted methods ({@code Module.isNativeAccessEnabled}, JDK 22+).
     */
    private static void requireNativeAccess() {
        Module module = Backends.class.getModule();
        boolean enabled;
        try {
            enabled = (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask the JDK whether native access is enabled", e);
        }
        if (!enabled) {
            throw new IllegalStateException(nativeAccessMessage(module.getName()));
        }
    }

    /** What to tell a user whose JVM denies native access to {@code moduleName} (null: the class path). */
    static String nativeAccessMessage(String moduleName) {
        String classPath = "--enable-native-access=ALL-UNNAMED";
        String modulePath = "--enable-native-access=" + (moduleName != null ? moduleName : "dev.jnetns");
        return "jnetns needs native access, which this JVM does not grant it: add "
                + (moduleName == null
                        ? classPath + " to the java command (" + modulePath + " on the module path)"
                        : modulePath + " to the java command (" + classPath + " on the class path)")
                + ", e.g. in Surefire's argLine";
    }
}
