package dev.jnetns.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jnetns.rtnl.RoundTrip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The generative conformance test of the lossless wire model (issue 17): random configurations
 * built with {@code ip} alone ({@link ConfigGenerator}), each checked two ways:
 * <ul>
 * <li>every show of link, addr, route, rule and neigh in every form ({@link ShowForm}) prints what
 *     ip prints, byte for byte, apart from the named {@link TimeVarying} fields;</li>
 * <li>every message of every dump ip makes for them decodes and encodes back to the same bytes
 *     ({@link RoundTrip}).</li>
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
    /**
     * Whether every rtnetlink message type the dumps bring has its codec (flipped to true by the lead
     * once the last codec is in): then a message no codec reads fails its configuration. Until
     * then such messages are counted in the summary.
     */
    static final boolean EVERY_MESSAGE_TYPE_HAS_A_CODEC = false;
    /** At most this share of the generated lines may be refused by the kernel. */
    private static final double MAX_REFUSED = 0.05;
    /** Forms whose line diff a failure message shows; the rest are in the configuration's report file. */
    private static final int DIFFS_SHOWN = 8;

    private static final Summary SUMMARY = new Summary();
    private static Pipeline pipeline;

    @TestFactory
    Stream<DynamicNode> configurations() throws IOException {
        System.out.println("conformance: seed " + SEED + ", " + CONFIGS + " configurations"
                + " (replay one with -Dconformance.seed=SEED -Dconformance.configs=1)");
        Files.createDirectories(reportDir());
        pipeline = new Pipeline(SEED, CONFIGS, SUMMARY);
        Stream<DynamicNode> configs = IntStream.range(0, CONFIGS).mapToObj(i -> dynamicContainer("seed " + (SEED + i),
                Stream.of(dynamicTest("ip and jnetns print the same", () -> shows(pipeline.get(i))),
                        dynamicTest("every kernel message decodes and encodes back", () -> roundTrip(pipeline.get(i))))));
        return Stream.concat(configs, Stream.of(dynamicTest("summary", ConformanceTest::summary)));
    }

    @AfterAll
    static void deleteNamespaces() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static void shows(Applied a) throws IOException {
        long started = System.nanoTime();
        List<ShowCheck.Outcome> outcomes = new ArrayList<>();
        List<String> unstable = new ArrayList<>();
        for (ShowForm f : ShowForm.all()) {
            try {
                outcomes.add(ShowCheck.compare(a.name, f));
            } catch (ShowCheck.Unstable e) {
                unstable.add(e.getMessage());
            }
        }
        SUMMARY.shown(a.config.seed(), outcomes, (System.nanoTime() - started) / 1_000_000);
        List<ShowCheck.Outcome> differing = outcomes.stream().filter(o -> !o.same()).toList();
        if (differing.isEmpty() && unstable.isEmpty()) {
            return;
        }
        StringBuilder full = new StringBuilder(header(a, differing.size() + " of " + ShowForm.all().size()
                + " forms differ" + (unstable.isEmpty() ? "" : ", " + unstable.size() + " never held still")));
        unstable.forEach(u -> full.append("  ").append(u).append('\n'));
        StringBuilder shown = new StringBuilder(full);
        Path file = reportDir().resolve("seed-" + a.config.seed() + ".txt");
        for (int k = 0; k < differing.size(); k++) {
            String report = differing.get(k).report(1000);
            full.append(report);
            shown.append(k < DIFFS_SHOWN ? differing.get(k).report(12) : "  jnetns -n NS " + differing.get(k).form() + "\n");
        }
        Files.writeString(file, full);
        throw new AssertionError(shown + "(every diff in " + file + ")");
    }

    private static void roundTrip(Applied a) throws Exception {
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int withoutCodec = 0;
        for (RoundTrip.Captured c : RoundTrip.capture(a.ns)) {
            String type = RoundTrip.typeName(c.type());
            if (!RoundTrip.hasCodec(c.type())) {
                withoutCodec++;
                SUMMARY.message(type, false, null);
                continue;
            }
            try {
                RoundTrip.check(c);
                SUMMARY.message(type, true, null);
            } catch (AssertionError | RuntimeException e) {
                failures.add(e.getMessage());
                SUMMARY.message(type, true, e.getMessage());
            }
        }
        SUMMARY.roundTripTime((System.nanoTime() - started) / 1_000_000);
        assertTrue(failures.isEmpty(), () -> header(a, failures.size() + " messages differ after decode -> encode")
                + String.join("\n", failures));
        if (EVERY_MESSAGE_TYPE_HAS_A_CODEC) {
            assertEquals(0, withoutCodec, header(a, withoutCodec + " messages have no codec"));
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

    private static String header(Applied a, String what) {
        return "seed " + a.config.seed() + ": " + what + " (replay: -Dconformance.seed=" + a.config.seed()
                + " -Dconformance.configs=1; namespace NS=" + a.name + ")\nconfiguration (ip -batch):\n" + a.listing();
    }

    private static Path reportDir() {
        return Path.of(System.getProperty("jnetns.build.dir", "target"), "conformance");
    }
}
