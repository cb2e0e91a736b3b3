package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.Address;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.LinkSpec;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.kind.Bond;
import dev.jnetns.kind.Ipvlan;
import dev.jnetns.kind.Macvlan;
import dev.jnetns.kind.Vlan;
import dev.jnetns.kind.Vxlan;
import dev.jnetns.model.Topology.LinkDecl;
import dev.jnetns.ErrnoException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a device is made with and the kernel cannot change afterwards: its kind and its kind data
 * (a macvlan's or ipvlan's mode, a vlan's id, a vxlan's id, port, remote and underlying device, a
 * bond's mode). {@code diff} compares these and plans delete + create when one differs.
 */
final class KindData {
    private KindData() {
    }

    /**
     * What differs between a declared device that the file creates and the live one, in words.
     *
     * @param want the declaration (its {@code kind} set)
     * @param now the live device of that name
     * @param links the live devices of its namespace (to name a vxlan's underlying device)
     * @return e.g. "vxlan id 42 -> 43", or null when the device is as declared
     */
    static String difference(LinkDecl want, Link now, Collection<Link> links) {
        String kind = now.createKind();
        if (!want.kind().equals(kind)) {
            return "kind " + (kind == null ? "none" : kind) + " -> " + want.kind();
        }
        switch (kind) {
            case "macvlan": case "macvtap":
                return differs(kind + " mode", now.data() instanceof Macvlan m ? m.modeName() : null,
                        want.mode() != null ? want.mode() : "bridge");
            case "ipvlan":
                return differs("ipvlan mode", now.data() instanceof Ipvlan m ? m.modeName() : null,
                        want.mode() != null ? want.mode() : "l3");
            case "bond":
                return differs("bond mode", now.data() instanceof Bond b ? Bond.modeName(b.mode()) : null,
                        want.mode() != null ? want.mode() : "balance-rr");
            case "vlan":
                return differs("vlan id", now.data() instanceof Vlan v ? (Object) v.id() : null,
                        want.id() != null ? want.id() : 0);
            case "vxlan": {
                if (!(now.data() instanceof Vxlan v)) {
                    return "vxlan data unreadable";
                }
                String d = differs("vxlan id", v.id(), want.id() != null ? (long) want.id() : 0L);
                if (d == null) {
                    d = differs("vxlan port", v.port(), want.port() != null ? want.port() : 4789);
                }
                if (d == null) {
                    d = differs("vxlan remote", v.remote() == null ? null : IpPrefix.format(v.remote()),
                            want.remote() == null ? null : IpPrefix.format(IpPrefix.parseAddress(want.remote())));
                }
                if (d == null) {
                    d = differs("vxlan dev", v.link() == 0 ? null : RouteSpecs.name(v.link(), links), want.dev());
                }
                return d;
            }
            default:
                return null;
        }
    }

    private static String differs(String what, Object now, Object want) {
        return Objects.equals(now, want) ? null : what + " " + now + " -> " + want;
    }

    /**
     * Makes a deleted device again: the undo of a recreate. Its ifindex, kind data, MTU, MAC, alias, master
     * and up state, its addresses (every attribute) and the routes that went with it.
     *
     * @param r the namespace's handle
     * @param old the device as it was
     * @param links the namespace's devices as they were
     * @param addrs its addresses as they were
     * @param routes the routes through it as they were
     * @throws ErrnoException when the kernel refuses
     */
    static void remake(Rtnl r, Link old, Collection<Link> links, List<Address> addrs, List<Route> routes)
            throws ErrnoException {
        String name = old.name();
        String kind = old.createKind();
        LinkSpec spec;
        switch (kind == null ? "" : kind) {
            case "macvlan": spec = LinkSpec.macvlan(name, RouteSpecs.name(old.linkIndex(), links),
                    ((Macvlan) old.data()).modeName()); break;
            case "macvtap": spec = LinkSpec.macvtap(name, RouteSpecs.name(old.linkIndex(), links),
                    ((Macvlan) old.data()).modeName()); break;
            case "ipvlan": spec = LinkSpec.ipvlan(name, RouteSpecs.name(old.linkIndex(), links),
                    ((Ipvlan) old.data()).modeName()); break;
            case "vlan": spec = LinkSpec.vlan(name, RouteSpecs.name(old.linkIndex(), links), ((Vlan) old.data()).id()); break;
            case "bond": spec = LinkSpec.bond(name, Bond.modeName(((Bond) old.data()).mode())); break;
            case "vxlan": {
                Vxlan v = (Vxlan) old.data();
                spec = LinkSpec.vxlan(name, (int) v.id()).port(v.port());
                if (v.remote() != null) {
                    spec.remote(v.remote());
                }
                if (v.link() != 0) {
                    spec.dev(RouteSpecs.name(v.link(), links));
                }
                break;
            }
            case "tun": spec = LinkSpec.tun(name); break;
            case "tap": spec = LinkSpec.tap(name); break;
            case "bridge": case "ifb": case "dummy":
                spec = LinkSpec.ofKind(name, kind);
                break;
            default:
                throw new IllegalStateException("cannot make " + name + " (" + kind + ") again");
        }
        if (!kind.equals("tun") && !kind.equals("tap")) {
            spec.index(old.index());   // its place among the devices, and what refers to it by index
        }
        r.links().add(spec.mtu(old.mtu()).address(old.address()));
        LinkUpdate u = LinkUpdate.create();
        if (old.alias() != null) {
            u.alias(old.alias());
        }
        if (old.masterIndex() != 0) {
            u.master(RouteSpecs.name(old.masterIndex(), links));
        }
        r.links().set(name, old.isUp() ? u.up() : u);
        // the kernel lists a device's IPv6 addresses newest first: added oldest first, they list as they did
        List<Address> six = new ArrayList<>(addrs.stream().filter(a -> a.family() == AF_INET6).toList());
        Collections.reverse(six);
        List<Address> inOrder = new ArrayList<>(addrs.stream().filter(a -> a.family() != AF_INET6).toList());
        inOrder.addAll(six);
        for (Address a : inOrder) {
            AddressEntry.of(a, name).addTo(r, name);   // its IPv6 link-local one the kernel may have made again
        }
        for (Route route : routes) {
            r.routes().add(RouteSpecs.of(route, links));
        }
    }
}
