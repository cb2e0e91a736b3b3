package dev.jnetns.kind;

import dev.jnetns.Link;
import dev.jnetns.RawAttributes;

/**
 * A veth pair's data. The kernel reports none for a veth; a request to create one names the peer
 * ({@code ip link add NAME type veth peer name PEER [mtu N] [address MAC] [netns NS]}).
 *
 * @param peer the peer as requested (VETH_INFO_PEER: its name, MTU, address, namespace), or null
 * @param raw unmodelled attributes
 */
public record Veth(Link peer, RawAttributes raw) implements LinkData {
}
