package dev.jnetns.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The generative conformance test of the lossless wire model (issue 17): random configurations
 * built with {@code ip} alone ({@link ConfigGenerator}), each put through {@link #CHECKS}:
 * <ul>
 * <li>every show of link, addr, route, rule and neigh in every form ({@link ShowForm}) prints what
 *     ip prints, byte for byte, apart from the named {@link TimeVarying} fields ({@link ShowsMatchIp});</li>
 * <li>every message of every dump ip makes for them decodes and encodes back to the same bytes
 *     ({@link MessagesRoundTrip}).</li>
 * </ul>
 * The last test prints a summary (also written to {@code target/conformance/report.txt}): the
 * differences by object and form, the round-trip counts by message type, and what the kernel
 * refused. Run it alone with {@code mvn -B test -Dtest=ConformanceTest}; {@code
 * -Dconformance.configs=N} sets the number of configurations (200 by default, the CI size) and
 * {@code -Dconformance.seed=S} the seed (random by default; configuration i is made from S + i, so
 * {@code -Dconformance.seed=S -Dconformance.configs=1} replays the configuration of seed S).
 * {@code bench/conformance.sh N SEED} runs long campaigns.
 */
class ConformanceTest {
    /** Configurations per run. */
    private static final int CONFIGS = Integer.getInteger("conformance.configs", 200);
    /** The seed of the first configuration. */
    private static final long SEED = Long.getLong("conformance.seed", new SecureRandom().nextLong() >>> 20);
    /** The checks of each configuration, in order (read-only ones first; see {@link ConfigCheck}). */
    static final List<ConfigCheck> CHECKS = List.of(new ShowsMatchIp(), new MessagesRoundTrip());
    /** At most this share of the generated lines may be refused by the kernel. */
    private static final double MAX_REFUSED = 0.05;

    private static final Summary SUMMARY = new Summary();
    private static Pipeline pipeline;
    private static IpShell shell;

    @TestFactory
    Stream<DynamicNode> configurations() throws IOException {
        System.out.println("conformance: seed " + SEED + ", " + CONFIGS + " configurations"
                + " (replay one with -Dconformance.seed=SEED -Dconformance.configs=1)");
        Files.createDirectories(reportDir());
        try (var old = Files.newDirectoryStream(reportDir(), "{seed-*.txt,report.txt}")) {
            for (Path p : old) {
                Files.delete(p);   // a previous run's reports would read as this run's
            }
        }
        pipeline = new Pipeline(SEED, CONFIGS, SUMMARY);
        shell = new IpShell();
        Run run = new Run(SEED, SUMMARY, shell, reportDir());
        Stream<DynamicNode> configs = IntStream.range(0, CONFIGS).mapToObj(i -> dynamicContainer("seed " + (SEED + i),
                CHECKS.stream().map(c -> dynamicTest(c.name(), () -> c.check(pipeline.get(i), run)))));
        return Stream.concat(configs, Stream.of(dynamicTest("summary", ConformanceTest::summary)));
    }

    @AfterAll
    static void deleteNamespaces() throws Exception {
        if (shell != null) {
            shell.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static void summary() throws IOException {
        String report = SUMMARY.report(SEED);
        System.out.println(report);
        Files.writeString(reportDir().resolve("report.txt"), report);
        assertEquals(List.of(), SUMMARY.rejectedByIp(), "lines ip rejected: the generator wrote bad syntax");
        assertTrue(SUMMARY.refused() <= MAX_REFUSED * SUMMARY.lines(), "the kernel refused " + SUMMARY.refused()
                + " of " + SUMMARY.lines() + " generated lines (at most " + (int) (MAX_REFUSED * 100)
                + "% allowed): the generator makes invalid combinations; see the summary");
        assertEquals(CONFIGS, SUMMARY.configs(), "configurations built");
    }

    private static Path reportDir() {
        return Path.of(System.getProperty("jnetns.build.dir", "target"), "conformance");
    }
}
