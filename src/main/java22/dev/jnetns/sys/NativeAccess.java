package dev.jnetns.sys;

/**
 * Whether the JVM lets a module call restricted methods: {@code Module.isNativeAccessEnabled}
 * called directly (the JDK 17 copy asks by reflection).
 */
final class NativeAccess {
    private NativeAccess() {
    }

    static boolean enabled(Module module) {
        return module.isNativeAccessEnabled();
    }
}
