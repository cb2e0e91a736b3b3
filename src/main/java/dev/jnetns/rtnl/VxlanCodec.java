package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_AGEING;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_COLLECT_METADATA;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_DF;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_GBP;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_GPE;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_GROUP;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_GROUP6;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_ID;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_L2MISS;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_L3MISS;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_LABEL;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_LEARNING;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_LIMIT;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_LINK;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_LOCAL;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_LOCAL6;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_PORT;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_PORT_RANGE;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_PORT_RANGE_SIZE;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_PROXY;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_REMCSUM_NOPARTIAL;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_REMCSUM_RX;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_REMCSUM_TX;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_RSC;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_TOS;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_TTL;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_TTL_INHERIT;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_UDP_CSUM;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_UDP_ZERO_CSUM6_RX;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_UDP_ZERO_CSUM6_TX;
import static dev.jnetns.uapi.LinuxVxlan.IFLA_VXLAN_VNIFILTER;
import static dev.jnetns.uapi.LinuxVxlan.VXLAN_DF_INHERIT;
import static dev.jnetns.uapi.LinuxVxlan.VXLAN_DF_SET;
import static dev.jnetns.uapi.LinuxVxlan.VXLAN_DF_UNSET;

import dev.jnetns.kind.Vxlan;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.function.IntFunction;

/** A vxlan's data (iproute2's iplink_vxlan.c). */
final class VxlanCodec implements KindCodec<Vxlan> {
    static final VxlanCodec INSTANCE = new VxlanCodec();
    /** ip's order: the options as parsed, then id, local, remote, learning, dstport. */
    private static final int[] ORDER = {IFLA_VXLAN_LINK, IFLA_VXLAN_TTL_INHERIT, IFLA_VXLAN_TTL, IFLA_VXLAN_TOS,
        IFLA_VXLAN_DF, IFLA_VXLAN_LABEL, IFLA_VXLAN_AGEING, IFLA_VXLAN_LIMIT, IFLA_VXLAN_PORT_RANGE,
        IFLA_VXLAN_PROXY, IFLA_VXLAN_RSC, IFLA_VXLAN_L2MISS, IFLA_VXLAN_L3MISS, IFLA_VXLAN_UDP_CSUM,
        IFLA_VXLAN_UDP_ZERO_CSUM6_TX, IFLA_VXLAN_UDP_ZERO_CSUM6_RX, IFLA_VXLAN_REMCSUM_TX, IFLA_VXLAN_REMCSUM_RX,
        IFLA_VXLAN_REMCSUM_NOPARTIAL, IFLA_VXLAN_COLLECT_METADATA, IFLA_VXLAN_GBP, IFLA_VXLAN_GPE,
        IFLA_VXLAN_VNIFILTER, IFLA_VXLAN_ID, IFLA_VXLAN_LOCAL, IFLA_VXLAN_LOCAL6, IFLA_VXLAN_GROUP,
        IFLA_VXLAN_GROUP6, IFLA_VXLAN_LEARNING, IFLA_VXLAN_PORT};

    @Override
    public Class<Vxlan> type() {
        return Vxlan.class;
    }

    @Override
    public Vxlan decode(NlReader r) {
        Layout layout = new Layout();
        long id = -1;
        InetAddress remote = null;
        InetAddress local = null;
        int link = 0;
        long ageing = -1;
        long limit = -1;
        long label = -1;
        int portLow = -1;
        int portHigh = -1;
        int port = -1;
        boolean gbp = false;
        boolean noPartial = false;
        boolean gpe = false;
        int ttlInherit = -1;
        // ttl, tos, learning, proxy, rsc, l2miss, l3miss, udp_csum, zero6tx, zero6rx, remcsum_tx, remcsum_rx,
        // collect_metadata, df, vnifilter
        int[] u8 = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        while (r.next()) {
            switch (r.type()) {
                case IFLA_VXLAN_ID -> id = r.u32L();
                case IFLA_VXLAN_GROUP, IFLA_VXLAN_GROUP6 -> remote = Wire.address(r, 0);
                case IFLA_VXLAN_LOCAL, IFLA_VXLAN_LOCAL6 -> local = Wire.address(r, 0);
                case IFLA_VXLAN_LINK -> link = r.u32();
                case IFLA_VXLAN_AGEING -> ageing = r.u32L();
                case IFLA_VXLAN_LIMIT -> limit = r.u32L();
                case IFLA_VXLAN_LABEL -> label = r.be32();
                case IFLA_VXLAN_PORT -> port = r.be16();
                case IFLA_VXLAN_PORT_RANGE -> {
                    int at = r.exact(IFLA_VXLAN_PORT_RANGE_SIZE);
                    portLow = Short.toUnsignedInt(Short.reverseBytes(r.buffer().getShort(at)));
                    portHigh = Short.toUnsignedInt(Short.reverseBytes(r.buffer().getShort(at + 2)));
                }
                case IFLA_VXLAN_GBP -> gbp = true;
                case IFLA_VXLAN_REMCSUM_NOPARTIAL -> noPartial = true;
                case IFLA_VXLAN_GPE -> gpe = true;
                case IFLA_VXLAN_TTL_INHERIT -> ttlInherit = r.valueLength() == 0 ? 2 : r.u8();
                case IFLA_VXLAN_TTL -> u8[0] = r.u8();
                case IFLA_VXLAN_TOS -> u8[1] = r.u8();
                case IFLA_VXLAN_LEARNING -> u8[2] = r.u8();
                case IFLA_VXLAN_PROXY -> u8[3] = r.u8();
                case IFLA_VXLAN_RSC -> u8[4] = r.u8();
                case IFLA_VXLAN_L2MISS -> u8[5] = r.u8();
                case IFLA_VXLAN_L3MISS -> u8[6] = r.u8();
                case IFLA_VXLAN_UDP_CSUM -> u8[7] = r.u8();
                case IFLA_VXLAN_UDP_ZERO_CSUM6_TX -> u8[8] = r.u8();
                case IFLA_VXLAN_UDP_ZERO_CSUM6_RX -> u8[9] = r.u8();
                case IFLA_VXLAN_REMCSUM_TX -> u8[10] = r.u8();
                case IFLA_VXLAN_REMCSUM_RX -> u8[11] = r.u8();
                case IFLA_VXLAN_COLLECT_METADATA -> u8[12] = r.u8();
                case IFLA_VXLAN_DF -> u8[13] = r.u8();
                case IFLA_VXLAN_VNIFILTER -> u8[14] = r.u8();
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Vxlan(id, remote, local, link, u8[0], u8[1], u8[2], ageing, limit, portLow, portHigh, u8[3], u8[4],
                u8[5], u8[6], port, u8[7], u8[8], u8[9], u8[10], u8[11], gbp, noPartial, u8[12], label, gpe,
                ttlInherit, u8[13], u8[14], layout.done());
    }

    @Override
    public void encode(Vxlan v, NlWriter w) {
        Layout.write(w, v.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_VXLAN_ID -> putU32(out, type, v.id());
                case IFLA_VXLAN_GROUP -> putAddress(out, type, v.remote(), true);
                case IFLA_VXLAN_GROUP6 -> putAddress(out, type, v.remote(), false);
                case IFLA_VXLAN_LOCAL -> putAddress(out, type, v.local(), true);
                case IFLA_VXLAN_LOCAL6 -> putAddress(out, type, v.local(), false);
                case IFLA_VXLAN_LINK -> {
                    if (v.link() != 0 || recorded) {
                        out.attrU32(type, v.link());
                    }
                }
                case IFLA_VXLAN_AGEING -> putU32(out, type, v.ageing());
                case IFLA_VXLAN_LIMIT -> putU32(out, type, v.limit());
                case IFLA_VXLAN_LABEL -> {
                    if (v.label() >= 0) {
                        out.attrU32(type, Integer.reverseBytes((int) v.label()));
                    }
                }
                case IFLA_VXLAN_PORT -> {
                    if (v.port() >= 0) {
                        out.attrU16(type, Short.reverseBytes((short) v.port()));
                    }
                }
                case IFLA_VXLAN_PORT_RANGE -> {
                    if (v.portLow() >= 0) {
                        out.attr(type, new byte[] {(byte) (v.portLow() >> 8), (byte) v.portLow(),
                            (byte) (v.portHigh() >> 8), (byte) v.portHigh()});
                    }
                }
                case IFLA_VXLAN_GBP -> putFlag(out, type, v.gbp());
                case IFLA_VXLAN_REMCSUM_NOPARTIAL -> putFlag(out, type, v.remcsumNoPartial());
                case IFLA_VXLAN_GPE -> putFlag(out, type, v.gpe());
                case IFLA_VXLAN_TTL_INHERIT -> {
                    if (v.ttlInherit() == 2) {
                        out.attr(type);
                    } else {
                        putU8(out, type, v.ttlInherit());
                    }
                }
                case IFLA_VXLAN_TTL -> putU8(out, type, v.ttl());
                case IFLA_VXLAN_TOS -> putU8(out, type, v.tos());
                case IFLA_VXLAN_LEARNING -> putU8(out, type, v.learning());
                case IFLA_VXLAN_PROXY -> putU8(out, type, v.proxy());
                case IFLA_VXLAN_RSC -> putU8(out, type, v.rsc());
                case IFLA_VXLAN_L2MISS -> putU8(out, type, v.l2miss());
                case IFLA_VXLAN_L3MISS -> putU8(out, type, v.l3miss());
                case IFLA_VXLAN_UDP_CSUM -> putU8(out, type, v.udpCsum());
                case IFLA_VXLAN_UDP_ZERO_CSUM6_TX -> putU8(out, type, v.udpZeroCsum6Tx());
                case IFLA_VXLAN_UDP_ZERO_CSUM6_RX -> putU8(out, type, v.udpZeroCsum6Rx());
                case IFLA_VXLAN_REMCSUM_TX -> putU8(out, type, v.remcsumTx());
                case IFLA_VXLAN_REMCSUM_RX -> putU8(out, type, v.remcsumRx());
                case IFLA_VXLAN_COLLECT_METADATA -> putU8(out, type, v.collectMetadata());
                case IFLA_VXLAN_DF -> putU8(out, type, v.df());
                case IFLA_VXLAN_VNIFILTER -> putU8(out, type, v.vnifilter());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static void putAddress(NlWriter w, int type, InetAddress a, boolean v4) {
        if (a != null && (a instanceof Inet4Address) == v4) {
            w.attr(type, a.getAddress());
        }
    }

    private static void putU32(NlWriter w, int type, long v) {
        if (v >= 0) {
            w.attrU32(type, (int) v);
        }
    }

    private static void putU8(NlWriter w, int type, int v) {
        if (v >= 0) {
            w.attrU8(type, v);
        }
    }

    private static void putFlag(NlWriter w, int type, boolean on) {
        if (on) {
            w.attr(type);
        }
    }

    @Override
    public void print(Vxlan v, PrintOut out, IntFunction<String> ifname) {
        if (v.collectMetadata() > 0) {
            out.bool("external", "external ", true);
        }
        if (v.vnifilter() > 0) {
            out.bool("vnifilter", "vnifilter", true);
        }
        if (v.id() >= 0) {
            out.number("id", "id %s ", v.id());
        }
        if (v.remote() != null && !v.remote().isAnyLocalAddress()) {
            boolean six = !(v.remote() instanceof Inet4Address);
            String key = v.remote().isMulticastAddress() ? "group" : "remote";
            out.string(six ? key + "6" : key, key + " %s ", dev.jnetns.IpPrefix.format(v.remote()));
        }
        if (v.local() != null && !v.local().isAnyLocalAddress()) {
            out.string(v.local() instanceof Inet4Address ? "local" : "local6", "local %s ",
                    dev.jnetns.IpPrefix.format(v.local()));
        }
        if (v.link() != 0) {
            out.string("link", "dev %s ", ifname.apply(v.link()));
        }
        if (v.portLow() >= 0) {
            if (out.json()) {
                out.beginObject("port_range");
                out.number("low", null, v.portLow());
                out.number("high", null, v.portHigh());
                out.endObject();
            } else {
                out.text("srcport " + v.portLow() + " " + v.portHigh() + " ");
            }
        }
        if (v.port() >= 0) {
            out.number("port", "dstport %s ", v.port());
        }
        if (v.learning() >= 0) {
            out.bool("learning", null, v.learning() != 0);
            if (v.learning() == 0) {
                out.text("nolearning ");
            }
        }
        flagIfSet(out, v.proxy(), "proxy");
        flagIfSet(out, v.rsc(), "rsc");
        flagIfSet(out, v.l2miss(), "l2miss");
        flagIfSet(out, v.l3miss(), "l3miss");
        int tos = Math.max(v.tos(), 0);
        if (tos != 0) {
            if (out.json() || tos != 1) {
                out.hex("tos", "tos 0x%s ", tos);
            } else {
                out.text("tos inherit ");
            }
        }
        if (v.ttlInherit() > 0) {
            out.text("ttl inherit ");
        } else if (v.ttl() >= 0) {
            if (out.json() || v.ttl() != 0) {
                out.number("ttl", "ttl %s ", v.ttl());
            } else {
                out.text("ttl auto ");
            }
        }
        if (v.df() == VXLAN_DF_UNSET) {
            out.string("df", null, "unset");
        } else if (v.df() == VXLAN_DF_SET) {
            out.string("df", "df %s ", "set");
        } else if (v.df() == VXLAN_DF_INHERIT) {
            out.string("df", "df %s ", "inherit");
        }
        if (v.label() > 0) {
            out.hex("label", "flowlabel 0x%s ", v.label());
        }
        if (v.ageing() == 0) {
            out.number("ageing", "ageing none ", 0);
        } else if (v.ageing() > 0) {
            out.number("ageing", "ageing %s ", v.ageing());
        }
        if (v.limit() > 0) {
            out.number("limit", "maxaddr %s ", v.limit());
        }
        onOrNo(out, v.udpCsum(), "udp_csum", "udpcsum ");
        onOrNo(out, v.udpZeroCsum6Tx(), "udp_zero_csum6_tx", "udp6zerocsumtx ");
        onOrNo(out, v.udpZeroCsum6Rx(), "udp_zero_csum6_rx", "udp6zerocsumrx ");
        if (v.remcsumTx() > 0) {
            out.bool("remcsum_tx", "remcsumtx ", true);
        }
        if (v.remcsumRx() > 0) {
            out.bool("remcsum_rx", "remcsumrx ", true);
        }
        if (v.gbp()) {
            out.bool("gbp", "gbp ", true);
        }
        if (v.gpe()) {
            out.bool("gpe", "gpe ", true);
        }
    }

    private static void flagIfSet(PrintOut out, int value, String word) {
        if (value > 0) {
            out.bool(word, word + " ", true);
        }
    }

    /** JSON true/false; text WORD, or noWORD when off (ip's udpcsum and friends). */
    private static void onOrNo(PrintOut out, int value, String key, String word) {
        if (value >= 0) {
            out.bool(key, null, value != 0);
            out.text((value == 0 ? "no" : "") + word);
        }
    }
}
