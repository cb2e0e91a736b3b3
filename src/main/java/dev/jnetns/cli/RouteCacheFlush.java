package dev.jnetns.cli;

import dev.jnetns.ErrnoException;
import dev.jnetns.Netns;

/**
 * The IPv4 half of {@code ip route flush cache} (ip's iproute_flush_cache): "-1" written to
 * net.ipv4.route.flush of the namespace, which invalidates its cached routes (there is no IPv4
 * route cache to list since Linux 3.6). A failure is reported as ip reports it and not fatal.
 */
final class RouteCacheFlush {
    private RouteCacheFlush() {
    }

    /** Flushes the IPv4 route cache of {@code netns} (null: the current namespace). */
    static void ipv4(String netns) {
        try (Netns ns = netns == null ? Netns.current() : Netns.open(netns)) {
            ns.setSysctl("net.ipv4.route.flush", "-1");
        } catch (ErrnoException e) {
            System.err.println("Cannot flush routing cache");
        }
    }
}
