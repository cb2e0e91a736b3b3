package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxVlan.IFLA_VLAN_EGRESS_QOS;
import static dev.jnetns.uapi.LinuxVlan.IFLA_VLAN_FLAGS;
import static dev.jnetns.uapi.LinuxVlan.IFLA_VLAN_FLAGS_SIZE;
import static dev.jnetns.uapi.LinuxVlan.IFLA_VLAN_ID;
import static dev.jnetns.uapi.LinuxVlan.IFLA_VLAN_INGRESS_QOS;
import static dev.jnetns.uapi.LinuxVlan.IFLA_VLAN_PROTOCOL;
import static dev.jnetns.uapi.LinuxVlan.IFLA_VLAN_QOS_MAPPING;
import static dev.jnetns.uapi.LinuxVlan.IFLA_VLAN_QOS_MAPPING_SIZE;
import static dev.jnetns.uapi.LinuxVlan.VLAN_FLAG_BRIDGE_BINDING;
import static dev.jnetns.uapi.LinuxVlan.VLAN_FLAG_GVRP;
import static dev.jnetns.uapi.LinuxVlan.VLAN_FLAG_LOOSE_BINDING;
import static dev.jnetns.uapi.LinuxVlan.VLAN_FLAG_MVRP;
import static dev.jnetns.uapi.LinuxVlan.VLAN_FLAG_REORDER_HDR;

import dev.jnetns.kind.Vlan;
import dev.jnetns.netlink.NlDecodeException;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A vlan's data (iproute2's iplink_vlan.c). */
final class VlanCodec implements KindCodec<Vlan> {
    static final VlanCodec INSTANCE = new VlanCodec();
    /**
     * {@code ip link add ... type vlan [protocol P] id ID [ingress-qos-map ..] [egress-qos-map ..] [FLAG on|off]}
     * writes the options in the order given, the flags last; this is the order of ip's option parser.
     */
    private static final int[] ORDER = {IFLA_VLAN_PROTOCOL, IFLA_VLAN_ID, IFLA_VLAN_INGRESS_QOS, IFLA_VLAN_EGRESS_QOS,
        IFLA_VLAN_FLAGS};
    /** ip's order of the flag names. */
    private static final int[] FLAGS = {VLAN_FLAG_REORDER_HDR, VLAN_FLAG_GVRP, VLAN_FLAG_MVRP, VLAN_FLAG_LOOSE_BINDING,
        VLAN_FLAG_BRIDGE_BINDING};
    private static final String[] FLAG_NAMES = {"REORDER_HDR", "GVRP", "MVRP", "LOOSE_BINDING", "BRIDGE_BINDING"};

    @Override
    public Class<Vlan> type() {
        return Vlan.class;
    }

    @Override
    public Vlan decode(NlReader r) {
        Layout layout = new Layout();
        int id = -1;
        int protocol = -1;
        Vlan.Flags flags = null;
        List<Vlan.QosMapping> ingress = null;
        List<Vlan.QosMapping> egress = null;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_VLAN_ID -> id = r.u16();
                case IFLA_VLAN_PROTOCOL -> protocol = r.be16();
                case IFLA_VLAN_FLAGS -> {
                    int at = r.exact(IFLA_VLAN_FLAGS_SIZE);
                    flags = new Vlan.Flags(r.buffer().getInt(at), r.buffer().getInt(at + 4));
                }
                case IFLA_VLAN_INGRESS_QOS -> ingress = mappings(r.nested());
                case IFLA_VLAN_EGRESS_QOS -> egress = mappings(r.nested());
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Vlan(id, protocol, flags, ingress, egress, layout.done());
    }

    /** A QoS map: IFLA_VLAN_QOS_MAPPING attributes, each a struct ifla_vlan_qos_mapping. */
    private static List<Vlan.QosMapping> mappings(NlReader r) {
        List<Vlan.QosMapping> out = new ArrayList<>();
        while (r.next()) {
            if (r.type() != IFLA_VLAN_QOS_MAPPING) {
                throw new NlDecodeException(r.path() + ": attribute " + r.type() + " in a QoS map");
            }
            int at = r.exact(IFLA_VLAN_QOS_MAPPING_SIZE);
            out.add(new Vlan.QosMapping(Integer.toUnsignedLong(r.buffer().getInt(at)),
                    Integer.toUnsignedLong(r.buffer().getInt(at + 4))));
        }
        return List.copyOf(out);
    }

    @Override
    public void encode(Vlan v, NlWriter w) {
        Layout.write(w, v.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_VLAN_ID -> Wire.putU16(out, type, v.id());
                case IFLA_VLAN_PROTOCOL -> Wire.putBe16(out, type, v.protocol());
                case IFLA_VLAN_FLAGS -> {
                    if (v.flags() != null) {
                        out.attr(type, Wire.u32s(v.flags().flags(), v.flags().mask()));
                    }
                }
                case IFLA_VLAN_INGRESS_QOS -> putMappings(out, type, v.ingressQos());
                case IFLA_VLAN_EGRESS_QOS -> putMappings(out, type, v.egressQos());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static void putMappings(NlWriter w, int type, List<Vlan.QosMapping> map) {
        if (map != null) {
            int nest = w.beginNestedPlain(type);
            for (Vlan.QosMapping m : map) {
                w.attr(IFLA_VLAN_QOS_MAPPING, Wire.u32s((int) m.from(), (int) m.to()));
            }
            w.endNested(nest);
        }
    }

    @Override
    public void print(Vlan v, PrintOut out, IntFunction<String> ifname) {
        if (v.id() < 0) {
            return;
        }
        out.string("protocol", "protocol %s ", v.protocol() >= 0 ? Vlan.protocolName(v.protocol()) : "802.1q");
        out.number("id", "id %s ", v.id());
        if (v.flags() != null) {
            printFlags(out, v.flags().flags());
        }
        if (v.ingressQos() != null) {
            printMap(out, "ingress_qos", "ingress-qos-map", v.ingressQos());
        }
        if (v.egressQos() != null) {
            printMap(out, "egress_qos", "egress-qos-map", v.egressQos());
        }
    }

    /** {@code <REORDER_HDR,GVRP> }, the "flags" array in JSON; bits without a name in hex. */
    private static void printFlags(PrintOut out, int flags) {
        out.beginArray("flags");
        out.text("<");
        int left = flags;
        for (int i = 0; i < FLAGS.length; i++) {
            if ((left & FLAGS[i]) != 0) {
                left &= ~FLAGS[i];
                out.string(null, left != 0 ? "%s," : "%s", FLAG_NAMES[i]);
            }
        }
        if (left != 0) {
            out.string(null, "%s", Integer.toHexString(left));
        }
        out.endArray();
        out.text("> ");
    }

    /** A QoS map on a line of its own: {@code ingress-qos-map { 1:2 3:4 } }. */
    private static void printMap(PrintOut out, String key, String word, List<Vlan.QosMapping> map) {
        out.beginArray(key);
        out.text("\n      " + word + " { ");
        for (Vlan.QosMapping m : map) {
            out.beginObject(null);
            out.number("from", null, m.from());
            out.number("to", null, m.to());
            out.endObject();
            out.text(m.from() + ":" + m.to() + " ");
        }
        out.endArray();
        out.text("} ");
    }
}
