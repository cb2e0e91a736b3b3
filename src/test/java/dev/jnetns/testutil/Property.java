package dev.jnetns.testutil;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A seeded property check: a generator makes {@code tries} cases from one random source, and the
 * property must hold for each. The seed is random per run unless {@code -Djnetns.seed=N} fixes it;
 * a failure names the seed, the try and the case, so the run can be replayed exactly.
 */
public final class Property {
    private Property() {
    }

    /** The seed of this run: {@code -Djnetns.seed}, or a fresh one. */
    public static long seed() {
        String s = System.getProperty("jnetns.seed");
        return s != null && !s.isBlank() ? Long.parseLong(s) : new Random().nextLong();
    }

    /**
     * Checks {@code property} on {@code tries} cases made by {@code generator}.
     *
     * @throws AssertionError naming the seed, the try and the case when one fails
     */
    public static <T> void check(String name, int tries, Function<Random, T> generator, Consumer<T> property) {
        long seed = seed();
        Random random = new Random(seed);
        for (int i = 0; i < tries; i++) {
            T value = generator.apply(random);
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + " failed at try " + i + " of seed " + seed
                        + " (replay: -Djnetns.seed=" + seed + ") for " + value + ": " + e.getMessage(), e);
            }
        }
    }
}
