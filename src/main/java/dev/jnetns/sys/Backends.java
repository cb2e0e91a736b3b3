package dev.jnetns.sys;

import java.util.Locale;

/**
 * Chooses the syscall backend once per JVM: {@code -Djnetns.backend=ffm|jna} forces one; otherwise
 * FFM on JDK 22+ and JNA below. When the automatic choice cannot load FFM it falls back to JNA and
 * says why on stderr; a forced backend that cannot load fails with its cause.
 *
 * <p>Where the JDK restricts native access (FFM from JDK 22, JNI and so JNA from JDK 24), a JVM that
 * does not grant it to the module making the restricted calls (jnetns's for FFM, JNA's for JNA) gets
 * an {@link IllegalStateException} naming the {@code --enable-native-access} flag to add, before any
 * restricted method is called: no JDK warning, no {@code Error}.
 */
public final class Backends {
    /** System property that forces a backend: {@code ffm} or {@code jna}. */
    public static final String PROPERTY = "jnetns.backend";

    static final Backends DEFAULT = new Backends();

    private static final String FFM_CLASS = "dev.jnetns.sys.FfmSyscalls";

    /** jnetns's module, which makes the FFM backend's downcalls. */
    static final String MODULE = "dev.jnetns";

    /** JNA's module, which loads its native library for the JNA backend. */
    private static final String JNA_MODULE = "com.sun.jna";

    /** The first JDK that restricts JNI (JEP 472), and so JNA. */
    private static final int JNI_RESTRICTED = 24;

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
                requireNativeAccess(Backends.class, MODULE);   // no reason to fall back: JNA needs it as well
                try {
                    return loadFfm();
                } catch (IllegalStateException e) {
                    System.err.println("jnetns: " + e.getMessage() + "; using the JNA backend");
                    return loadJna();
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
        requireNativeAccess(Backends.class, MODULE);
        try {
            return (Syscalls) Class.forName(FFM_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the FFM backend cannot load: " + cause, cause);
        }
    }

    private static Syscalls loadJna() {
        if (Runtime.version().feature() >= JNI_RESTRICTED) {
            requireNativeAccess(JnaSyscalls.LIBRARY_LOADER, JNA_MODULE);
        }
        return new JnaSyscalls();
    }

    /**
     * Throws when this JVM does not let {@code caller}'s module call restricted methods
     * ({@code Module.isNativeAccessEnabled}, JDK 22+); {@code nameOnModulePath} is that module's name
     * for the message when the caller is on the class path.
     */
    private static void requireNativeAccess(Class<?> caller, String nameOnModulePath) {
        Module module = caller.getModule();
        if (!NativeAccess.enabled(module)) {
            throw new IllegalStateException(nativeAccessMessage(module, nameOnModulePath));
        }
    }

    /**
     * What to tell a user whose JVM denies native access to {@code module}: the flag for the path it
     * is on first, then the one for the other path.
     */
    static String nativeAccessMessage(Module module, String nameOnModulePath) {
        String classPath = "--enable-native-access=ALL-UNNAMED";
        String modulePath = "--enable-native-access=" + nameOnModulePath;
        return "jnetns needs native access, which this JVM does not grant it: add "
                + (module.isNamed()
                        ? modulePath + " to the java command (" + classPath + " on the class path)"
                        : classPath + " to the java command (" + modulePath + " on the module path)")
                + ", e.g. in Surefire's argLine";
    }
}
