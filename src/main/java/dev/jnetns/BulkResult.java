package dev.jnetns;

import java.util.SortedMap;

/**
 * The outcome of a bulk request ({@code addAll} of {@link Links}, {@link Addresses} and {@link Routes}):
 * how many requests were sent and which of them the kernel refused, by index.
 *
 * @param sent how many requests were sent
 * @param failures the refusals, by the index of their request
 */
public record BulkResult(int sent, SortedMap<Integer, NetlinkException> failures) {
    /**
     * Whether everything went through.
     *
     * @return true when the kernel refused nothing
     */
    public boolean ok() {
        return failures.isEmpty();
    }
}
