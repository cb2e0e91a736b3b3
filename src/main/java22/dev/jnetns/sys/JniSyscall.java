package dev.jnetns.sys;

import dev.jnetns.uapi.LinuxSyscall;

/**
 * syscall(3) through the JNI library of {@code native/jni-syscall.c}, for the FFM backend: a fresh
 * JVM's first FFM downcall spends tens of milliseconds making its method handle (the AOT cache does
 * not keep it), a JNI call nearly nothing, which a one-shot command notices. Used when
 * {@code -Djnetns.jni=PATH} names the library ({@code bin/jnetns} builds it into
 * {@code target/libjnetns-jni.so} and passes it); when the property is unset, or the library cannot
 * be loaded or lacks the function, {@link #LOADED} is false and {@link FfmSyscalls} makes its FFM
 * downcall as without it.
 */
final class JniSyscall {
    /** System property naming the library's path. */
    static final String PROPERTY = "jnetns.jni";

    /** Whether the library is loaded and answers. */
    static final boolean LOADED = load(System.getProperty(PROPERTY, ""));

    private JniSyscall() {
    }

    private static boolean load(String path) {
        if (path.isEmpty()) {
            return false;
        }
        try {
            System.load(path);
            return syscall(LinuxSyscall.SYS_gettid, 0, 0, 0, 0, 0, 0) > 0;   // it has the function
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;   // absent, not a library, or not this one: FFM makes the calls
        }
    }

    /** syscall(3) of {@code nr} with six arguments: its result, or minus errno when it failed. */
    static native long syscall(long nr, long a, long b, long c, long d, long e, long f);
}
