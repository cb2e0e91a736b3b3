package dev.jnetns.testutil;

import java.nio.file.Path;
import java.util.List;

/** Runs the shell scripts of examples/ with the jnetns CLI of this build. */
public final class Scripts {
    private Scripts() {
    }

    /** The command line that starts this build's CLI (same JDK, classpath and backend as the tests). */
    public static String jnetnsCommand() {
        String backend = System.getProperty("jnetns.backend", "");
        return ProcessHandle.current().info().command().orElse("java") + " --enable-native-access=ALL-UNNAMED"
                + (backend.isEmpty() ? "" : " -Djnetns.backend=" + backend)
                + " -cp " + System.getProperty("java.class.path") + " dev.jnetns.cli.Main";
    }

    /** Runs {@code examples/NAME} with bash. */
    public static Ip.Result run(String name) {
        Path script = Path.of(System.getProperty("jnetns.native.dir", "native")).resolveSibling("examples").resolve(name);
        return Ip.command(List.of("env", "JNETNS=" + jnetnsCommand(), "bash", script.toString()), null);
    }

    /** The path of {@code examples/NAME}. */
    public static Path example(String name) {
        return Path.of(System.getProperty("jnetns.native.dir", "native")).resolveSibling("examples").resolve(name);
    }
}
