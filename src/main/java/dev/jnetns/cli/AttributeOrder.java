package dev.jnetns.cli;

import dev.jnetns.RawAttributes;
import java.util.Arrays;

/**
 * The order in which a kind's options name their attributes on the command line, each once at its
 * first mention: the order ip sends them in, kept in the record's {@link RawAttributes} so that
 * the request goes out the same way.
 */
final class AttributeOrder {
    private final short[] order;
    private int n;

    /** @param capacity the most attributes there can be */
    AttributeOrder(int capacity) {
        order = new short[capacity];
    }

    /** Records {@code type} unless it was named before. */
    void add(int type) {
        for (int i = 0; i < n; i++) {
            if (order[i] == type) {
                return;
            }
        }
        order[n++] = (short) type;
    }

    /** {@return the order as a record's raw attributes (no unmodelled ones)} */
    RawAttributes raw() {
        return RawAttributes.of(null, Arrays.copyOf(order, n), new byte[0]);
    }
}
