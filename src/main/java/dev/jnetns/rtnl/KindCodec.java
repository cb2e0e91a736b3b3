package dev.jnetns.rtnl;

import dev.jnetns.kind.LinkData;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.util.function.IntFunction;

/**
 * The wire form of one link kind's data (IFLA_INFO_DATA) or of one master's port data
 * (IFLA_INFO_SLAVE_DATA): decode, encode and {@code ip -d}'s printing side by side, one file per
 * kind, registered in {@link LinkKinds}.
 *
 * @param <T> the kind's record
 */
interface KindCodec<T extends LinkData> {
    /** The record's class (for dispatching a record back to its codec). */
    Class<T> type();

    /** Reads the attributes of the data nest. */
    T decode(NlReader r);

    /** Writes the attributes inside the data nest. */
    void encode(T data, NlWriter w);

    /** Whether ip prints this kind's data (it then opens "info_data" in JSON even when there is none). */
    default boolean printed() {
        return true;
    }

    /**
     * Prints the data as {@code ip -d link show} does after the kind's name (iproute2's
     * {@code print_opt} of the kind).
     *
     * @param ifname names a device of the same namespace by ifindex (as ip's ll_index_to_name)
     */
    void print(T data, PrintOut out, IntFunction<String> ifname);
}
