package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxIpvlan.IFLA_IPVLAN_FLAGS;
import static dev.jnetns.uapi.LinuxIpvlan.IFLA_IPVLAN_MODE;
import static dev.jnetns.uapi.LinuxIpvlan.IPVLAN_F_PRIVATE;
import static dev.jnetns.uapi.LinuxIpvlan.IPVLAN_F_VEPA;

import dev.jnetns.kind.Ipvlan;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.util.function.IntFunction;

/** An ipvlan's or ipvtap's data (iproute2's iplink_ipvlan.c). */
final class IpvlanCodec implements KindCodec<Ipvlan> {
    static final IpvlanCodec INSTANCE = new IpvlanCodec();
    /** {@code ip link add ... type ipvlan [mode M] [bridge|private|vepa]}: the mode, then the flags (always). */
    private static final int[] ORDER = {IFLA_IPVLAN_MODE, IFLA_IPVLAN_FLAGS};

    @Override
    public Class<Ipvlan> type() {
        return Ipvlan.class;
    }

    @Override
    public Ipvlan decode(NlReader r) {
        Layout layout = new Layout();
        int mode = -1;
        int flags = -1;
        while (r.next()) {
            switch (r.type()) {
                case IFLA_IPVLAN_MODE -> mode = r.u16();
                case IFLA_IPVLAN_FLAGS -> flags = r.u16();
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new Ipvlan(mode, flags, layout.done());
    }

    @Override
    public void encode(Ipvlan v, NlWriter w) {
        Layout.write(w, v.raw(), ORDER, (out, type, recorded) -> {
            switch (type) {
                case IFLA_IPVLAN_MODE -> Wire.putU16(out, type, v.mode());
                case IFLA_IPVLAN_FLAGS -> Wire.putU16(out, type, v.flags());
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void print(Ipvlan v, PrintOut out, IntFunction<String> ifname) {
        if (v.mode() >= 0) {
            out.string("mode", " mode %s ", v.modeName());
        }
        if (v.flags() >= 0) {
            if ((v.flags() & IPVLAN_F_PRIVATE) != 0) {
                out.bool("private", "private ", true);
            } else if ((v.flags() & IPVLAN_F_VEPA) != 0) {
                out.bool("vepa", "vepa ", true);
            } else {
                out.bool("bridge", "bridge ", true);
            }
        }
    }
}
