package dev.jnetns.fuzz;

import dev.jnetns.model.Topology;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: the topology reader ({@code jnetns apply|diff|destroy FILE}): any text is a
 * topology or an IllegalArgumentException naming the place.
 */
public final class TopologyFuzz {
    private TopologyFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Typed.allow(() -> Topology.parse(text), IllegalArgumentException.class);
    }
}
