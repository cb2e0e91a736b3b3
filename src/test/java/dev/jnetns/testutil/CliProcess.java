package dev.jnetns.testutil;

import java.util.ArrayList;
import java.util.List;

/** Runs the jnetns CLI in a child JVM (same JDK, classpath and backend as the tests), for stdio and exit codes. */
public final class CliProcess {
    private CliProcess() {
    }

    /** Runs {@code jnetns ARGS} with {@code stdin} (may be null). */
    public static Ip.Result run(String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        String backend = System.getProperty("jnetns.backend", "");
        if (!backend.isEmpty()) {
            cmd.add("-Djnetns.backend=" + backend);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.jnetns.cli.Main");
        cmd.addAll(List.of(args));
        return Ip.command(cmd, stdin);
    }
}
