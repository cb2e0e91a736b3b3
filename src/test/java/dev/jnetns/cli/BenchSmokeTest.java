package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harnesses at smoke size, so that they keep working: {@code jnetns bench} and
 * bench/rawbench.c (which bench/api-vs-c.sh runs). Nothing is timed here; the figures are in
 * docs/PERFORMANCE.md. Both work in namespaces of their own.
 */
class BenchSmokeTest {

    @Test
    void jnetns_bench_runs_every_workload() {
        List<String> names = names();
        String out = Cli.ok("bench", "--routes", "300", "--rounds", "1");
        for (String workload : List.of("add 300 /32 routes", "dump + decode 300 routes", "create 1000 veth pairs",
                "create + delete 200 named netns")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(workload) && l.matches(".* [0-9]+\\.[0-9]{3}")),
                    workload + " in\n" + out);
        }
        assertEquals(names, names(), "bench leaves no named namespace behind");
    }

    @Test
    void rawbench_compiles_and_runs_every_workload() throws Exception {
        Path dir = Path.of(System.getProperty("jnetns.build.dir", "target"), "native");
        Files.createDirectories(dir);
        Path binary = dir.resolve("rawbench");
        Path source = Path.of(System.getProperty("jnetns.native.dir", "native")).resolveSibling("bench")
                .resolve("rawbench.c");
        Ip.Result cc = Ip.command(List.of("gcc", "-O2", "-Wall", "-Werror", "-o", binary.toString(),
                source.toString()), null);
        assertEquals(0, cc.exitCode(), "gcc bench/rawbench.c failed: " + cc.err());
        List<String> names = names();
        for (String[] w : new String[][] {{"routes", "300"}, {"routes-noack", "300"}, {"dump", "300"}, {"veth", "20"},
            {"veth-noack", "20"}, {"netns", "5"}}) {
            Ip.Result r = Ip.command(List.of(binary.toString(), w[0], w[1]), null);
            assertEquals(0, r.exitCode(), "rawbench " + String.join(" ", w) + ": " + r.err());
            assertTrue(r.out().matches("[0-9]+\\.[0-9]{3}\n"), "rawbench " + w[0] + " printed " + r.out());
        }
        assertEquals(names, names(), "rawbench leaves no named namespace behind");
    }

    /** The named namespaces the benchmarks make (others, a user's or another test run's, may come and go). */
    private static List<String> names() {
        try {
            return Netns.names().stream().filter(n -> n.startsWith("jnetns-bench-") || n.startsWith("jnetns-rawbench-"))
                    .toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
