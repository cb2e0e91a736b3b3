package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_CURRENT_NSID;
import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_FD;
import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_NSID;
import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_PID;
import static dev.jnetns.uapi.LinuxNetNamespace.NETNSA_TARGET_NSID;
import static dev.jnetns.uapi.LinuxRtnetlink.RTGENMSG_SIZE;

import dev.jnetns.NamespaceId;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlReader;
import dev.jnetns.netlink.NlWriter;
import java.nio.ByteBuffer;

/**
 * RTM_NEWNSID / RTM_GETNSID ({@code linux/net_namespace.h}): a {@code struct rtgenmsg} (one family
 * byte, padded to 4) and the NETNSA_* attributes, read into a {@link NamespaceId} and written back
 * from one. Equivalent to what {@code ip netns set|list-id} send and read.
 */
public final class NsidCodec {
    /**
     * The order iproute2 writes attributes in: the namespace (fd or pid) before the id to set
     * ({@code ip netns set}), the id before the target ({@code ip netns list-id nsid N target-nsid T}).
     */
    private static final int[] REQUEST_ORDER = {NETNSA_FD, NETNSA_PID, NETNSA_NSID, NETNSA_TARGET_NSID,
        NETNSA_CURRENT_NSID};

    /** The rtgenmsg as written: its family byte and the padding to 4. */
    private static final int HEADER_SIZE = 4;

    private NsidCodec() {
    }

    /** Reads an nsid message. */
    public static NamespaceId decode(NlMessage m) {
        ByteBuffer b = m.buffer();
        NlReader r = NlReader.of(m, RTGENMSG_SIZE, "RTM_NEWNSID");
        Layout layout = new Layout().header(b, m.payloadOffset(), Math.min(HEADER_SIZE, m.end() - m.payloadOffset()));
        int nsid = NamespaceId.ABSENT;
        int current = NamespaceId.ABSENT;
        int pid = NamespaceId.ABSENT;
        int fd = NamespaceId.ABSENT;
        int target = NamespaceId.ABSENT;
        while (r.next()) {
            switch (r.type()) {
                case NETNSA_NSID -> nsid = r.u32();
                case NETNSA_CURRENT_NSID -> current = r.u32();
                case NETNSA_PID -> pid = r.u32();
                case NETNSA_FD -> fd = r.u32();
                case NETNSA_TARGET_NSID -> target = r.u32();
                default -> {
                    layout.unknown(r);
                    continue;
                }
            }
            layout.known(r);
        }
        return new NamespaceId(nsid, current, pid, fd, target, layout.done());
    }

    /** Writes {@code id} as the body of an nsid message (after the nlmsghdr): the rtgenmsg, then the attributes. */
    public static void encode(NamespaceId id, NlWriter w) {
        for (int i = 0; i < HEADER_SIZE; i++) {
            w.u8(id.raw().headerByte(i, 0));   // AF_UNSPEC and padding
        }
        Layout.write(w, id.raw(), REQUEST_ORDER, (out, type, recorded) -> {
            int value;
            switch (type) {
                case NETNSA_NSID -> value = id.nsid();
                case NETNSA_CURRENT_NSID -> value = id.currentNsid();
                case NETNSA_PID -> value = id.pid();
                case NETNSA_FD -> value = id.fd();
                case NETNSA_TARGET_NSID -> value = id.targetNsid();
                default -> {
                    return false;
                }
            }
            if (recorded || value != NamespaceId.ABSENT) {
                out.attrU32(type, value);
            }
            return true;
        });
    }
}
