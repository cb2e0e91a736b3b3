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
    private static final Map<String, KindCodec<?>> DATA = Map.of(
            "veth", VethCodec.INSTANCE,
            "macvlan", MacvlanCodec.INSTANCE,
            "macvtap", MacvlanCodec.INSTANCE,
            "tun", TunCodec.INSTANCE,
            "vxlan", VxlanCodec.INSTANCE);

    /** Port data, by the master's kind. */
    private static final Map<String, KindCodec<?>> PORT_DATA = Map.of();

    private LinkKinds() {
    }

    /** The codec of {@code kind}'s data ({@code port}: of the port data of a master of that kind), or null. */
    static KindCodec<?> codec(String kind, boolean port) {
        return kind == null ? null : (port ? PORT_DATA : DATA).get(kind);
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
