package dev.jnetns.cli;

import dev.jnetns.Netns;
import dev.jnetns.cni.CniPlugin;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jnetns train}: runs the CLI's common paths once in a throwaway namespace, so that a JDK 25
 * {@code -XX:AOTCacheOutput} run records them; {@code bin/jnetns} does this once and starts every
 * later command from the cache (see docs/PERFORMANCE.md). {@code jnetns train cni} runs the CNI
 * plugin's instead, for the cache {@code jnetns cni} starts from: a JVM loads every class of its
 * cache when it starts, so the CLI's cache holds no class only the plugin needs (nor the
 * reverse). Prints nothing.
 */
final class TrainCommand extends CliCommand {
    private static final int ROUTES = 20_000;

    @Override
    int call(List<String> words) throws Exception {
        if (words.equals(List.of("cni"))) {
            CniPlugin.exercise(Files.createTempDirectory("jnetns-train-cni"), false, 1, () -> false);
            return 0;
        }
        noArguments(words);
        String n = "jnetns-train-" + ProcessHandle.current().pid();   // by name, as users name them
        // (not createTempFile: its random name loads ~50 security classes into every command's start)
        Path batch = Path.of(System.getProperty("java.io.tmpdir"), n + ".batch");
        try (Netns ns = Netns.createNamed(n)) {
            StringBuilder sb = new StringBuilder("link add v0 type veth peer name v1\nlink set v0 up\nlink set v1 up\n"
                    + "addr add 198.18.0.1/16 dev v0\naddr add fd00::1/64 dev v0 nodad\n"
                    + "netns add " + n + "-a\nnetns add " + n + "-b\nnetns del " + n + "-a\nnetns del " + n + "-b\n");
            for (int i = 0; i < ROUTES; i++) {
                int x = (198 << 24) | (18 << 16) | (256 + i);
                sb.append("route add ").append(x >>> 24).append('.').append((x >>> 16) & 255).append('.')
                        .append((x >>> 8) & 255).append('.').append(x & 255).append("/32 via 198.18.0.2 dev v0\n");
            }
            Files.writeString(batch, sb);
            // encoded as Main encodes stdout (the charset encoder's classes go in the cache too)
            PrintWriter none = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            Main.run(new String[] {"-n", n, "-batch", batch.toString()}, none, none);
            for (String[] args : new String[][] {
                {"-n", n, "-j", "route", "show"}, {"-n", n, "route", "show"}, {"-n", n, "-j", "link", "show"},
                {"-n", n, "link", "show"}, {"-n", n, "-j", "addr", "show"}, {"-n", n, "addr", "show"},
                {"-n", n, "neigh", "show"}, {"-n", n, "-j", "rule", "show"}, {"version"}}) {
                Main.run(args, none, none);
            }
        } finally {
            Netns.delete(n);
            Files.deleteIfExists(batch);
        }
        return 0;
    }
}
