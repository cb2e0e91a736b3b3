package dev.jnetns.sys;

/**
 * Run by {@link NativeAccessTest} in a child JVM: makes one system call through the backend this
 * JVM chooses and prints "ok BACKEND", or the exception it got as "CLASS: MESSAGE".
 */
public final class NativeAccessProbe {
    private NativeAccessProbe() {
    }

    public static void main(String[] args) {
        try {
            Syscalls.get().gettid();
            System.out.println("ok " + Syscalls.get().backendName());
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
