package dev.jnetns.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.netlink.NetlinkFuzz;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fuzz target runs under Jazzer (coverage-guided, libFuzzer) in a child JVM for a bounded
 * time, from seeds made here: no input may end in anything but a typed error, hang longer than
 * {@link #TIMEOUT_S} s, or use more than the heap and RSS limits. The seed is printed; a long run
 * is {@code bench/fuzz.sh} (figures in docs/FUZZING.md).
 */
class FuzzTest {
    /** Seconds each target is fuzzed in CI. */
    static final int SECONDS = Integer.getInteger("jnetns.fuzz.seconds", 25);
    /** Seconds one input may take before it counts as a hang. */
    static final int TIMEOUT_S = 10;

    @TestFactory
    Stream<DynamicTest> every_target_survives_a_bounded_fuzzing_run(@TempDir Path dir) {
        return Stream.of(TopologyFuzz.class, CliFuzz.class, NetlinkFuzz.class).map(target ->
                DynamicTest.dynamicTest(target.getSimpleName(), () -> fuzz(target, dir.resolve(target.getSimpleName()))));
    }

    /** The Jazzer command line for {@code target} (bench/fuzz.sh runs the same, with more inputs). */
    static List<String> command(Class<?> target, Path work, long seed, long runs, int seconds) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-Xmx768m", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 21) {
            cmd.add("-XX:+EnableDynamicAgentLoading");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + target.getName(), "--instrumentation_includes=dev.jnetns.**",
                "-seed=" + seed, "-runs=" + runs, "-max_total_time=" + seconds, "-timeout=" + TIMEOUT_S,
                "-rss_limit_mb=2048", "-max_len=4096", "--reproducer_path=" + work, "-artifact_prefix=" + work + "/",
                work.resolve("corpus").toString()));
        return cmd;
    }

    private static void fuzz(Class<?> target, Path work) throws IOException {
        Path corpus = Files.createDirectories(work.resolve("corpus"));
        List<byte[]> seeds = Seeds.of(target.getSimpleName());
        for (int i = 0; i < seeds.size(); i++) {
            Files.write(corpus.resolve("seed-" + i), seeds.get(i));
        }
        long seed = Long.getLong("jnetns.seed", System.nanoTime() & 0x7fffffff);
        System.out.println("FuzzTest " + target.getSimpleName() + " seed " + seed + " (-Djnetns.seed=" + seed + " repeats it)");
        Ip.Result r = Ip.command(command(target, work, seed, 50_000_000, SECONDS), null);
        String tail = tail(r.err(), 40);
        assertEquals(0, r.exitCode(), target.getSimpleName() + " seed " + seed + " found a failure:\n" + tail);
        Matcher done = Pattern.compile("Done (\\d+) runs in (\\d+) second").matcher(r.err());
        assertTrue(done.find(), tail);
        long runs = Long.parseLong(done.group(1));
        System.out.println("FuzzTest " + target.getSimpleName() + ": " + runs + " inputs in " + done.group(2) + " s");
        assertTrue(runs >= 1000, target.getSimpleName() + " ran only " + runs + " inputs:\n" + tail);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
