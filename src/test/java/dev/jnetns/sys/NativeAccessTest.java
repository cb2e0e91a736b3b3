package dev.jnetns.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Native access on the class path, in a child JVM of the test's JDK: granted, the system calls work
 * and nothing is printed; refused (JDK 24+: no --enable-native-access, with the JDK's default
 * "warn" or with "deny"), the first call throws one IllegalStateException naming the flag, and the
 * JDK prints no warning (no restricted method was called). JDK 17 restricts nothing. The module
 * path is checked by consumer/run.sh against the built jar.
 */
class NativeAccessTest {
    private static final String REFUSED = "java.lang.IllegalStateException: jnetns needs native access, which this"
            + " JVM does not grant it: add --enable-native-access=ALL-UNNAMED to the java command"
            + " (--enable-native-access=%s on the module path), e.g. in Surefire's argLine";

    @ParameterizedTest(name = "backend {0}, native access {1}, illegal native access {2}")
    @CsvSource({
        "'',  granted, ''",
        "'',  refused, ''",
        "'',  refused, deny",
        "jna, granted, ''",
        "jna, refused, deny",
    })
    void a_refusal_is_one_exception_naming_the_flag(String backend, String access, String illegal) {
        int feature = Runtime.version().feature();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        if (access.equals("granted")) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        if (!illegal.isEmpty() && feature >= 24) {   // the option is JDK 24's
            cmd.add("--illegal-native-access=" + illegal);
        }
        if (!backend.isEmpty()) {
            cmd.add("-D" + Backends.PROPERTY + "=" + backend);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeAccessProbe.class.getName()));
        Ip.Result r = Ip.command(cmd, null);

        String chosen = !backend.isEmpty() ? backend : feature >= 22 ? "ffm" : "jna";
        boolean restricted = chosen.equals("ffm") ? feature >= 22 : feature >= 24;
        String expected = access.equals("granted") || !restricted
                ? "ok " + chosen
                : String.format(REFUSED, chosen.equals("ffm") ? "dev.jnetns" : "com.sun.jna");
        assertEquals(List.of(expected, 0, ""), List.of(r.out().strip(), r.exitCode(), r.err()), cmd.toString());
    }
}
