package dev.jnetns;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of a bulk request ({@code addAll} of {@link Links}, {@link Addresses} and {@link Routes}):
 * how many requests were sent and which of them the kernel refused, by index. The kernel handles
 * each request on its own, so every request sent that it did not refuse was applied
 * ({@link #applied}), those after a refusal included.
 *
 * @param sent how many requests were sent: the first {@code sent} of the list
 * @param failures the refusals, by the index of their request (unmodifiable)
 */
public record BulkResult(int sent, SortedMap<Integer, NetlinkException> failures) {
    /**
     * Keeps an unmodifiable copy of {@code failures}.
     *
     * @param sent how many requests were sent
     * @param failures the refusals, by the index of their request
     */
    public BulkResult {
        failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
    }

    /**
     * Whether everything went through.
     *
     * @return true when the kernel refused nothing
     */
    public boolean ok() {
        return failures.isEmpty();
    }

    /**
     * Whether request {@code index} was applied: it was sent and the kernel did not refuse it.
     *
     * @param index the index of the request in the list given to {@code addAll}
     * @return true when the kernel applied it
     */
    public boolean applied(int index) {
        return index >= 0 && index < sent && !failures.containsKey(index);
    }
}
