package dev.jnetns.conformance;

import java.util.List;

/**
 * A generated namespace configuration: {@code ip -batch} lines for the namespace under test, then
 * lines for the peer namespace ({@link #PEER} in a line stands for the peer's name). A line that
 * starts with {@code -6 } runs with {@code ip -6} (batch lines take no options; only rules without
 * an address need it, the other objects take their family from their addresses).
 *
 * @param seed the seed {@link ConfigGenerator#generate} made it from (replays it)
 * @param main lines run with {@code ip -n NS -batch -}
 * @param peer lines run with {@code ip -n PEER -batch -} afterwards; empty when the peer is not needed
 */
record Config(long seed, List<String> main, List<String> peer) {
    /** Stands for the peer namespace's name in {@link #main} and {@link #peer}. */
    static final String PEER = "@PEER";

    /** True when the configuration needs a peer namespace. */
    boolean usesPeer() {
        return !peer.isEmpty() || main.stream().anyMatch(l -> l.contains(PEER));
    }

    /** Every line, the peer's marked {@code [peer]}, to print on failure. */
    String listing() {
        StringBuilder sb = new StringBuilder();
        for (String l : main) {
            sb.append("  ").append(l).append('\n');
        }
        for (String l : peer) {
            sb.append("  [peer] ").append(l).append('\n');
        }
        return sb.toString();
    }
}
