package dev.jnetns.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.testutil.Ip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FFM backend's JNI trampoline (native/jni-syscall.c, built by Maven into
 * target/libjnetns-jni.so), in a child JVM of the test's JDK: with {@code -Djnetns.jni} naming the
 * library the system calls go through it, errno included; naming nothing that loads, or a library
 * without the function, the backend falls back to its FFM downcall and works the same. The JNA
 * backend (JDK 17) ignores the property.
 */
class JniSyscallTest {
    /** JniSyscall.PROPERTY (a JDK 22 class, which this test cannot name on JDK 17). */
    private static final String JNI_PROPERTY = "jnetns.jni";
    private static final Path LIBRARY = Path.of("target/libjnetns-jni.so").toAbsolutePath();

    @ParameterizedTest(name = "-Djnetns.jni={0}")
    @ValueSource(strings = {"library", "missing", "other"})
    void system_calls_go_through_the_library_or_fall_back_to_ffm(String which) {
        assertTrue(Files.isRegularFile(LIBRARY), LIBRARY + " is built by Maven's process-classes phase (gcc)");
        String path = switch (which) {
            case "library" -> LIBRARY.toString();
            case "missing" -> LIBRARY + ".missing";
            default -> Path.of(System.getProperty("java.home"), "lib", "libzip.so").toString();   // loads, lacks the function
        };
        String java = ProcessHandle.current().info().command().orElseThrow();
        boolean ffm = Runtime.version().feature() >= 22;
        Ip.Result r = Ip.command(List.of(java, "--enable-native-access=ALL-UNNAMED", "-D" + JNI_PROPERTY + "=" + path,
                "-cp", System.getProperty("java.class.path"), JniSyscallProbe.class.getName()), null);
        String expected = ffm ? "ffm jni=" + which.equals("library") + " tid ENOENT open" : "jna tid ENOENT open";
        assertEquals(List.of(expected, 0, ""), List.of(r.out().strip(), r.exitCode(), r.err()));
    }
}
