package dev.jnetns.fuzz;

/**
 * What a fuzz target may throw: the typed errors of bad input. Anything else that escapes (a
 * NullPointerException, an IndexOutOfBoundsException, a StackOverflowError, an OutOfMemoryError)
 * reaches the fuzzer, which reports it with the input that caused it.
 */
final class Typed {
    private Typed() {
    }

    /** Something the target does with one input. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}; swallows only the exception types given, rethrows everything else. */
    @SafeVarargs
    static void allow(Body body, Class<? extends Exception>... allowed) {
        try {
            body.run();
        } catch (Exception e) {
            for (Class<? extends Exception> c : allowed) {
                if (c.isInstance(e)) {
                    return;
                }
            }
            throw new IllegalStateException("untyped failure " + e, e);
        }
    }
}
