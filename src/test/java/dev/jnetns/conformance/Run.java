package dev.jnetns.conformance;

import java.nio.file.Path;

/**
 * What the checks of one conformance run share.
 *
 * @param seed the seed of the run's first configuration
 * @param summary what the run found so far
 * @param shell runs ip for the checks (the test thread's; not thread-safe)
 * @param reportDir where reports are written ({@code target/conformance})
 */
record Run(long seed, Summary summary, IpShell shell, Path reportDir) {
    /** The first lines of a failure: the seed, how to replay it, and the configuration as run. */
    static String header(Applied a, String what) {
        return "seed " + a.config.seed() + ": " + what + " (replay: -Dtest=ConformanceTest -Dconformance.seed="
                + a.config.seed() + " -Dconformance.configs=1; namespace NS=" + a.name + ")\nconfiguration (ip -batch):\n"
                + a.listing();
    }
}
