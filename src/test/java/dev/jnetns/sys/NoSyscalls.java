package dev.jnetns.sys;

import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;

/**
 * A backend that refuses every system call (EPERM, "no system calls in this process"), installed
 * for the whole JVM: the CLI fuzz target parses and validates command lines and cannot change
 * anything.
 */
public final class NoSyscalls {
    private NoSyscalls() {
    }

    /** Makes {@link Syscalls#get()} return the refusing backend from now on. */
    public static void install() {
        Syscalls refusing = (Syscalls) Proxy.newProxyInstance(Syscalls.class.getClassLoader(),
                new Class<?>[] {Syscalls.class}, (proxy, method, args) -> {
                    if (method.getName().equals("backendName")) {
                        return "none";
                    }
                    throw new ErrnoException(method.getName() + ": no system calls in this process",
                            Errno.EPERM.number());
                });
        try {
            Field f = Backends.class.getDeclaredField("syscalls");
            f.setAccessible(true);
            f.set(Backends.DEFAULT, refusing);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
