package dev.jnetns.conformance;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the configurations of a run one ahead of the one being checked, on a background thread,
 * so that the kernel's own settling (DAD, carrier) of the next one overlaps the current check;
 * deletes the namespaces of each configuration once the next is asked for.
 */
final class Pipeline implements AutoCloseable {
    private final long seed;
    private final int count;
    private final String prefix = "jnetns-cf-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "conformance-builder");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, Future<Applied>> built = new ConcurrentHashMap<>();
    private final Summary summary;

    Pipeline(long seed, int count, Summary summary) {
        this.seed = seed;
        this.count = count;
        this.summary = summary;
    }

    /** Configuration {@code i}, built; starts building {@code i + 1} and deletes those before {@code i}. */
    Applied get(int i) throws Exception {
        for (Integer older : built.keySet()) {
            if (older < i) {
                release(older);
            }
        }
        Future<Applied> f = start(i);
        if (i + 1 < count) {
            start(i + 1);
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new AssertionError("building configuration seed " + (seed + i) + " failed: " + e.getCause(), e.getCause());
        }
    }

    private Future<Applied> start(int i) {
        return built.computeIfAbsent(i, k -> builder.submit(() -> {
            Applied a = Applied.build(ConfigGenerator.generate(seed + k), prefix + "-" + k);
            summary.built(a);
            return a;
        }));
    }

    private void release(int i) throws Exception {
        Future<Applied> f = built.remove(i);
        if (f != null) {
            try {
                f.get().close();
            } catch (ExecutionException failedToBuild) {
                // reported by the test that asked for it; nothing left to delete
            }
        }
    }

    @Override
    public void close() throws Exception {
        builder.shutdown();
        for (Integer i : built.keySet()) {
            release(i);
        }
    }
}
