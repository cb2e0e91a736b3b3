package dev.jnetns.sys;

/**
 * Whether the JVM lets a module call restricted methods ({@code Module.isNativeAccessEnabled}, JDK
 * 22+). This copy, for JDK 17 to 21, asks by reflection; the multi-release jar's JDK 22 copy calls
 * the method itself (reflection's first call spins method-handle classes a one-shot command pays
 * milliseconds for).
 */
final class NativeAccess {
    private NativeAccess() {
    }

    static boolean enabled(Module module) {
        try {
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask the JDK whether native access is enabled", e);
        }
    }
}
