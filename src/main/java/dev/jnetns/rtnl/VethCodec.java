package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxIfLink.IFINFOMSG_SIZE;
import static dev.jnetns.uapi.LinuxVeth.VETH_INFO_PEER;

import dev.jnetns.kind.Veth;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.util.function.IntFunction;

/** A veth's data: VETH_INFO_PEER, the peer as a nested ifinfomsg and link attributes (requests only). */
final class VethCodec implements KindCodec<Veth> {
    static final VethCodec INSTANCE = new VethCodec();
    private static final int[] ORDER = {VETH_INFO_PEER};

    @Override
    public Class<Veth> type() {
        return Veth.class;
    }

    @Override
    public Veth decode(NlReader r) {
        Layout layout = new Layout();
        dev.jnetns.Link peer = null;
        while (r.next()) {
            if (r.type() == VETH_INFO_PEER) {
                peer = LinkCodec.decode(r.buffer(), r.valueOffset(), r.nested(IFINFOMSG_SIZE));
                layout.known(r);
            } else {
                layout.unknown(r);
            }
        }
        return new Veth(peer, layout.done());
    }

    @Override
    public void encode(Veth v, NlWriter w) {
        Layout.write(w, v.raw(), ORDER, (out, type, recorded) -> {
            if (type != VETH_INFO_PEER) {
                return false;
            }
            if (v.peer() != null) {
                int peer = out.beginNestedPlain(VETH_INFO_PEER);
                LinkCodec.encode(v.peer(), out);
                out.endNested(peer);
            }
            return true;
        });
    }

    /** ip has no printer for veth data: nothing, and no "info_data" object. */
    @Override
    public boolean printed() {
        return false;
    }

    @Override
    public void print(Veth v, PrintOut out, IntFunction<String> ifname) {
    }
}
