package dev.jnetns.conformance;

/**
 * One check of every generated configuration; {@link ConformanceTest} runs each as a test of its
 * own, in the order of {@link ConformanceTest#CHECKS}. Checks that only read the namespace come
 * first; a check that changes it (issue 12: export, delete and apply; move each device; change an
 * attribute behind jnetns's back and repair it with diff and apply; a fault in apply) goes after
 * them and leaves the namespace as the configuration built it, or says so in its name.
 */
interface ConfigCheck {
    /** The test's display name. */
    String name();

    /** Checks {@code config}; throws an {@link AssertionError} naming the seed on failure. */
    void check(Applied config, Run run) throws Exception;
}
