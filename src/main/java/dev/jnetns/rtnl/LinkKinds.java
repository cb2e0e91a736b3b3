package dev.jnetns.rtnl;

import dev.jnetns.kind.LinkData;
import dev.jnetns.kind.RawData;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The kind codecs by the name the kernel gives a kind (IFLA_INFO_KIND) and by the master kind
 * whose port data they read (IFLA_INFO_SLAVE_KIND). A kind without a codec here keeps its data as
 * {@link RawData}. Adding a kind: its record in {@code dev.jnetns.kind}, its codec, one line here.
 */
public final class LinkKinds {
    private static final Map<String, KindCodec<?>> DATA = Map.ofEntries(
            Map.entry("veth", VethCodec.INSTANCE),
            Map.entry("macvlan", MacvlanCodec.INSTANCE),
            Map.entry("macvtap", MacvlanCodec.INSTANCE),
            Map.entry("tun", TunCodec.INSTANCE),
            Map.entry("vxlan", VxlanCodec.INSTANCE),
            Map.entry("bridge", BridgeCodec.INSTANCE),
            Map.entry("vlan", VlanCodec.INSTANCE),
            Map.entry("ipvlan", IpvlanCodec.INSTANCE),
            Map.entry("ipvtap", IpvlanCodec.INSTANCE),
            Map.entry("bond", BondCodec.INSTANCE));

    /** Port data, by the master's kind. */
    private static final Map<String, KindCodec<?>> PORT_DATA = Map.of(
            "bridge", BridgePortCodec.INSTANCE,
            "bond", BondPortCodec.INSTANCE);

    private static final String PORT_SUFFIX = "_slave";

    private LinkKinds() {
    }

    /** The codec of {@code kind}'s data ({@code port}: of the port data of a master of that kind), or null. */
    static KindCodec<?> codec(String kind, boolean port) {
        return kind == null ? null : (port ? PORT_DATA : DATA).get(kind);
    }

    /**
     * The master kind whose port data a linkinfo nest holds: its IFLA_INFO_SLAVE_KIND as the kernel
     * reports it, or in a request, the kind ip names it by ({@code ip link set DEV type bridge_slave
     * ...} sends IFLA_INFO_KIND "bridge_slave" with the IFLA_INFO_SLAVE_DATA).
     */
    static String portKind(String kind, String slaveKind) {
        if (slaveKind == null && kind != null && kind.endsWith(PORT_SUFFIX)) {
            return kind.substring(0, kind.length() - PORT_SUFFIX.length());
        }
        return slaveKind;
    }

    /** Reads a data nest of {@code kind}. */
    static LinkData decode(String kind, boolean port, NlReader r) {
        KindCodec<?> c = codec(kind, port);
        if (c != null) {
            return c.decode(r);
        }
        Layout raw = new Layout();
        while (r.next()) {
            raw.unknown(r);
        }
        return new RawData(kind, raw.done());
    }

    /** Writes the attributes of a data nest. */
    static void encode(LinkData data, String kind, boolean port, NlWriter w) {
        KindCodec<?> c = codec(kind, port);
        if (c != null && c.type().isInstance(data)) {
            encodeWith(c, data, w);
        } else {
            Layout.write(w, data.raw(), new int[0], (out, type, recorded) -> false);
        }
    }

    private static <T extends LinkData> void encodeWith(KindCodec<T> c, LinkData data, NlWriter w) {
        c.encode(c.type().cast(data), w);
    }

    /** True when ip has a printer for {@code kind}'s data (it then opens "info_data" even when there is none). */
    public static boolean printed(String kind, boolean port) {
        KindCodec<?> c = codec(kind, port);
        return c != null && c.printed();
    }

    /** Prints a data record as {@code ip -d} does; nothing for kinds without a codec. */
    public static void print(LinkData data, String kind, boolean port, PrintOut out, IntFunction<String> ifname) {
        KindCodec<?> c = codec(kind, port);
        if (c != null && data != null && c.type().isInstance(data)) {
            printWith(c, data, out, ifname);
        }
    }

    private static <T extends LinkData> void printWith(KindCodec<T> c, LinkData data, PrintOut out,
                                                       IntFunction<String> ifname) {
        c.print(c.type().cast(data), out, ifname);
    }
}
