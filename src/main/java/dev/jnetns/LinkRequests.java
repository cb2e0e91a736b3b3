package dev.jnetns;

import static dev.jnetns.uapi.LinuxIfLink.IFLA_ADDRESS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_BOND_MODE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_IFNAME;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_DATA;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_INFO_KIND;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_IPVLAN_FLAGS;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_IPVLAN_MODE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINK;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_LINKINFO;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MACVLAN_MODE;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_MTU;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_NET_NS_FD;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_TXQLEN;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VLAN_ID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_GROUP;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_GROUP6;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_ID;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_LEARNING;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_LINK;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_LOCAL;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_LOCAL6;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_PORT;
import static dev.jnetns.uapi.LinuxIfLink.IFLA_VXLAN_TTL;
import static dev.jnetns.uapi.LinuxIfLink.VETH_INFO_PEER;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.netlink.NlWriter;
import dev.jnetns.rtnl.LinkMessage;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;

/**
 * The body of RTM_NEWLINK for {@code ip link add}, with attributes in iproute2's order (MTU,
 * address, queue length, namespace, parent, name, linkinfo) so that the bytes equal what
 * {@code ip} sends for the same command.
 */
final class LinkRequests {
    private LinkRequests() {
    }

    /**
     * @param parent ifindex of {@link LinkSpec#parent}, 0 when none
     * @param vxlanDev ifindex of the vxlan underlay device, 0 when none
     */
    static void writeAdd(NlWriter w, LinkSpec s, int parent, int vxlanDev) {
        LinkMessage.writeHeader(w, AF_UNSPEC, 0, 0, 0, 0);
        writeCommon(w, s.mtu, s.address, s.txQueueLen, s.netns);
        if (parent != 0) {
            w.attrU32(IFLA_LINK, parent);
        }
        w.attrString(IFLA_IFNAME, s.name);
        int info = w.beginNestedPlain(IFLA_LINKINFO);
        w.attr(IFLA_INFO_KIND, s.kind.getBytes(StandardCharsets.US_ASCII));   // iproute2 sends no NUL
        switch (s.kind) {
            case "veth": {
                int data = w.beginNestedPlain(IFLA_INFO_DATA);
                int peer = w.beginNestedPlain(VETH_INFO_PEER);
                LinkMessage.writeHeader(w, AF_UNSPEC, 0, 0, 0, 0);
                writeCommon(w, s.peerMtu, s.peerAddress, null, s.peerNetns);
                w.attrString(IFLA_IFNAME, s.peerName);
                w.endNested(peer).endNested(data);
                break;
            }
            case "macvlan":
            case "macvtap": {
                int data = w.beginNestedPlain(IFLA_INFO_DATA);
                w.attrU32(IFLA_MACVLAN_MODE, s.mode);
                w.endNested(data);
                break;
            }
            case "vlan": {
                int data = w.beginNestedPlain(IFLA_INFO_DATA);
                w.attrU16(IFLA_VLAN_ID, s.vlanId);
                w.endNested(data);
                break;
            }
            case "ipvlan": {
                int data = w.beginNestedPlain(IFLA_INFO_DATA);
                w.attrU16(IFLA_IPVLAN_MODE, s.mode);
                w.attrU16(IFLA_IPVLAN_FLAGS, 0);
                w.endNested(data);
                break;
            }
            case "bond": {
                int data = w.beginNestedPlain(IFLA_INFO_DATA);
                w.attrU8(IFLA_BOND_MODE, s.mode);
                w.endNested(data);
                break;
            }
            case "vxlan":
                writeVxlan(w, s, vxlanDev);
                break;
            default:
                break;
        }
        w.endNested(info);
    }

    private static void writeCommon(NlWriter w, Integer mtu, byte[] address, Integer txQueueLen, Netns ns) {
        if (mtu != null) {
            w.attrU32(IFLA_MTU, mtu);
        }
        if (address != null) {
            w.attr(IFLA_ADDRESS, address);
        }
        if (txQueueLen != null) {
            w.attrU32(IFLA_TXQLEN, txQueueLen);
        }
        if (ns != null) {
            w.attrU32(IFLA_NET_NS_FD, ns.fd());
        }
    }

    private static void writeVxlan(NlWriter w, LinkSpec s, int dev) {
        int data = w.beginNestedPlain(IFLA_INFO_DATA);
        if (dev != 0) {
            w.attrU32(IFLA_VXLAN_LINK, dev);
        }
        w.attrU32(IFLA_VXLAN_ID, s.vni);
        if (s.remote != null) {
            w.attr(s.remote instanceof Inet4Address ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, s.remote.getAddress());
        }
        if (s.local != null) {
            w.attr(s.local instanceof Inet4Address ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, s.local.getAddress());
        }
        if (s.ttl != null) {
            w.attrU8(IFLA_VXLAN_TTL, s.ttl);
        }
        w.attrU8(IFLA_VXLAN_LEARNING, s.learning == null || s.learning ? 1 : 0);
        if (s.port != null) {
            w.attrU16(IFLA_VXLAN_PORT, Short.reverseBytes((short) (int) s.port));   // network byte order
        }
        w.endNested(data);
    }
}
