package dev.jnetns.cni;

import dev.jnetns.Netns;
import java.io.IOException;

/**
 * The runtime a call comes from: its network namespace, where the host side of every attachment
 * goes, and how a delegated plugin starts there. The direct plugin is that runtime's child already,
 * so it starts IPAM plugins as any process does; the daemon starts them inside the caller's namespace.
 */
record CniCaller(Netns netns, boolean daemon) {

    /** Starts a delegated plugin (IPAM) where the runtime would have. */
    Process start(ProcessBuilder pb) throws IOException {
        return daemon ? netns.start(pb) : pb.start();
    }
}
