package dev.jnetns.testutil;

import java.util.ArrayList;
import java.util.List;

/** Runs the jnetns CLI in a child JVM (same JDK, classpath and backend as the tests), for stdio and exit codes. */
public final class CliProcess {
    private CliProcess() {
    }

    /** Runs {@code jnetns ARGS} with {@code stdin} (may be null). */
    public static Ip.Result run(String stdin, String... args) {
        return Ip.command(command(args), stdin);
    }

    /** Starts {@code jnetns ARGS} (stdout and stderr discarded), e.g. to kill it. */
    public static Process start(String... args) throws java.io.IOException {
        return new ProcessBuilder(command(args)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** {@code jnetns ARGS} as a process to start, its output redirected as the caller sets. */
    public static ProcessBuilder builder(String... args) {
        return new ProcessBuilder(command(args));
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));   // short runs, as bin/jnetns starts them
        cmd.add("--enable-native-access=ALL-UNNAMED");
        String backend = System.getProperty("jnetns.backend", "");
        if (!backend.isEmpty()) {
            cmd.add("-Djnetns.backend=" + backend);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.jnetns.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }
}
