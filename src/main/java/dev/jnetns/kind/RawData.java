package dev.jnetns.kind;

import dev.jnetns.RawAttributes;

/**
 * The data of a kind jnetns does not model (or of a port of such a master): every attribute kept
 * byte for byte, and written back unchanged.
 *
 * @param kind the IFLA_INFO_KIND (or, for port data, the master's IFLA_INFO_SLAVE_KIND)
 * @param raw the attributes
 */
public record RawData(String kind, RawAttributes raw) implements LinkData {
}
