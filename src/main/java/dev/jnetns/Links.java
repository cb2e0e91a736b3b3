package dev.jnetns;

import static dev.jnetns.netlink.LinuxNetlink.NLM_F_ACK;
import static dev.jnetns.netlink.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.netlink.LinuxNetlink.NLM_F_REQUEST;
import static dev.jnetns.rtnl.LinuxIfLink.IFLA_EXT_MASK;
import static dev.jnetns.rtnl.LinuxIfLink.IFLA_IFNAME;
import static dev.jnetns.rtnl.LinuxIfLink.IFLA_MTU;
import static dev.jnetns.rtnl.LinuxRtnetlink.RTEXT_FILTER_SKIP_STATS;
import static dev.jnetns.rtnl.LinuxRtnetlink.RTEXT_FILTER_VF;
import static dev.jnetns.rtnl.LinuxRtnetlink.RTM_GETLINK;
import static dev.jnetns.rtnl.LinuxRtnetlink.RTM_NEWLINK;
import static dev.jnetns.sys.LinuxSocket.AF_UNSPEC;

import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.rtnl.LinkMessage;
import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The devices of one namespace: {@code ip link}. Obtained from {@link Rtnl#links()}. */
public final class Links {
    /** IFNAMSIZ - 1: the longest device name the kernel accepts. */
    public static final int MAX_NAME_BYTES = 15;

    private final NlSocket socket;

    Links(NlSocket socket) {
        this.socket = socket;
    }

    /** All devices, in ifindex order. Equivalent to: {@code ip link show}. */
    public List<Link> list() throws ErrnoException {
        return socket.dump("link show", (w, seq) -> {
            w.beginMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq);
            LinkMessage.writeHeader(w, AF_UNSPEC, 0, 0, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
            w.endMessage();
        }, Links::decode);
    }

    /** The device named {@code name}, if any. Equivalent to: {@code ip link show dev NAME}. */
    public Optional<Link> find(String name) throws ErrnoException {
        checkName(name);
        return find("link show dev " + name, 0, name);
    }

    /** The device with ifindex {@code index}, if any. */
    public Optional<Link> find(int index) throws ErrnoException {
        return find("link show index " + index, index, null);
    }

    /**
     * The device named {@code name}. Equivalent to: {@code ip link show dev NAME}.
     *
     * @throws NoSuchLinkException when there is none
     */
    public Link get(String name) throws ErrnoException {
        Optional<Link> l = find(name);
        if (l.isEmpty()) {
            throw new NoSuchLinkException("link show dev " + name);
        }
        return l.get();
    }

    private Optional<Link> find(String what, int index, String name) throws ErrnoException {
        try {
            List<Link> found = socket.execute(what, (w, seq) -> {
                w.beginMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
                LinkMessage.writeHeader(w, AF_UNSPEC, 0, index, 0, 0);
                if (name != null) {
                    w.attrString(IFLA_IFNAME, name);
                }
                w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
                w.endMessage();
            }, Links::decode);
            return found.stream().findFirst();
        } catch (ErrnoException e) {
            if (e.is(Errno.ENODEV)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets the MTU. Equivalent to: {@code ip link set dev NAME mtu MTU}. */
    public void setMtu(String name, int mtu) throws ErrnoException {
        checkName(name);
        socket.execute("link set dev " + name + " mtu " + Integer.toUnsignedString(mtu), (w, seq) -> {
            w.beginMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
            LinkMessage.writeHeader(w, AF_UNSPEC, 0, 0, 0, 0);
            w.attrString(IFLA_IFNAME, name);
            w.attrU32(IFLA_MTU, mtu);
            w.endMessage();
        });
    }

    private static Link decode(NlMessage m) {
        return m.type() == RTM_NEWLINK ? Link.of(LinkMessage.decode(m)) : null;
    }

    /**
     * Checks a device name as the kernel would: 1 to 15 bytes, no '/', ':' or white space.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static String checkName(String name) {
        String why = null;
        if (name == null || name.isEmpty()) {
            why = "empty";
        } else if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            why = "longer than " + MAX_NAME_BYTES + " bytes";
        } else if (name.equals(".") || name.equals("..")) {
            why = "\"" + name + "\" is not allowed";
        } else {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                    why = "contains '" + (c == 0 ? "\\0" : String.valueOf(c)) + "'";
                    break;
                }
            }
        }
        if (why != null) {
            throw new IllegalArgumentException("invalid device name \"" + name + "\": " + why);
        }
        return name;
    }
}
