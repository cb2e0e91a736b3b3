package dev.jnetns.kind;

import dev.jnetns.RawAttributes;

/**
 * The data of a device's kind (IFLA_INFO_DATA: a vxlan's id, a macvlan's mode ...) or of its port
 * on a master (IFLA_INFO_SLAVE_DATA: a bridge port's cost ...), as {@code ip -d link show} prints
 * it. One record per kind; {@link RawData} holds the data of kinds jnetns does not know, byte for
 * byte. Every member ends with the attributes it does not model ({@link #raw()}).
 */
public sealed interface LinkData
        permits Veth, Macvlan, Tun, Vxlan, Bridge, BridgePort, Vlan, Ipvlan, Bond, BondPort, RawData {
    /** {@return what the kind's attributes held beyond the record's typed fields} */
    RawAttributes raw();

    /**
     * {@return this data without the values that move on their own (a bridge's running timers): for comparing states}
     */
    default LinkData withoutTimers() {
        return this;
    }
}
