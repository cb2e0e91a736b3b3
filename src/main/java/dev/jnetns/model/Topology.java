package dev.jnetns.model;

import dev.jnetns.AddressSpec;
import dev.jnetns.IpPrefix;
import dev.jnetns.Links;
import dev.jnetns.Netns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declarative topology: named namespaces with their sysctls, devices (with addresses) and
 * routes, in the JSON format of DESIGN.md. A link with {@code kind} is created; one without refers
 * to a device that exists or that another entry creates (a veth peer). Addresses may carry the
 * flags {@code nodad} and {@code noprefixroute} after the prefix.
 *
 * @param namespaces the namespaces, by name, in file order
 */
public record Topology(Map<String, NamespaceDecl> namespaces) {

    /**
     * One namespace of the file.
     *
     * @param sysctl sysctls to set in it, e.g. {@code net.ipv4.ip_forward} → "1"
     * @param links its devices
     * @param routes its routes
     */
    public record NamespaceDecl(Map<String, String> sysctl, List<LinkDecl> links, List<RouteDecl> routes) {
    }

    /**
     * A device reference in another namespace, or in the same one when {@code netns} is null.
     *
     * @param name the device's name
     * @param netns the namespace's name, or null
     */
    public record Ref(String name, String netns) {
    }

    /**
     * One device. Kind-specific fields: {@code peer} (veth), {@code link} and {@code mode}
     * (macvlan/macvtap parent), {@code id}, {@code port}, {@code dev} (vxlan). Null fields are not
     * managed.
     *
     * @param name the device's name
     * @param kind what to create ("veth", "bridge", ...), or null for a device made elsewhere
     * @param peer the other end of a veth
     * @param link the parent of a macvlan or macvtap
     * @param mode the macvlan/macvtap mode
     * @param id the vxlan id
     * @param port the vxlan UDP port
     * @param dev the vxlan's underlying device
     * @param up whether it is up
     * @param mtu its MTU
     * @param mac its hardware address
     * @param alias its alias
     * @param master the bridge it is a port of
     * @param addresses its addresses, each a prefix optionally followed by flags (see {@link #address})
     */
    public record LinkDecl(String name, String kind, Ref peer, Ref link, String mode, Integer id, Integer port,
                           String dev, Boolean up, Integer mtu, String mac, String alias, String master,
                           List<String> addresses) {
    }

    /**
     * One route. Null fields are left to the kernel.
     *
     * @param dst a prefix or "default"
     * @param via the gateway
     * @param dev the device
     * @param metric the metric
     * @param table the table number
     * @param src the preferred source address
     * @param type the route type, e.g. "unreachable"
     * @param proto the protocol, e.g. "static"
     * @param nexthops the paths of a multipath route (then no {@code via} or {@code dev})
     */
    public record RouteDecl(String dst, String via, String dev, Long metric, Integer table, String src, String type,
                            String proto, List<NexthopDecl> nexthops) {
    }

    /**
     * One path of a multipath route: {@code nexthop via VIA dev DEV weight WEIGHT}.
     *
     * @param via the gateway
     * @param dev the device
     * @param weight the weight, or null for 1
     */
    public record NexthopDecl(String via, String dev, Integer weight) {
    }

    private static final Set<String> TOP = Set.of("namespaces");
    private static final Set<String> NS = Set.of("sysctl", "links", "routes");
    private static final Set<String> LINK = Set.of("name", "kind", "peer", "link", "mode", "id", "port", "dev", "up",
            "mtu", "mac", "alias", "master", "addresses");
    private static final Set<String> REF = Set.of("name", "netns");
    private static final Set<String> ROUTE = Set.of("dst", "via", "dev", "metric", "table", "src", "type", "proto",
            "nexthops");
    private static final Set<String> NEXTHOP = Set.of("via", "dev", "weight");

    /**
     * Parses and checks a topology file.
     *
     * @param json the file's text
     * @return the topology
     * @throws IllegalArgumentException naming the place of the first problem
     */
    public static Topology parse(String json) {
        Fields top = Fields.of(JsonText.parse(json), "topology", TOP);
        Map<String, NamespaceDecl> spaces = new LinkedHashMap<>();
        Fields nsMap = Fields.of(top.object("namespaces"), "namespaces", Set.copyOf(namesOf(top.object("namespaces"))));
        for (String name : namesOf(top.object("namespaces"))) {
            String path = "namespaces." + name;
            try {
                Netns.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage());
            }
            Fields ns = Fields.of(nsMap.raw(name), path, NS);
            Map<String, String> sysctl = new LinkedHashMap<>();
            ns.object("sysctl").forEach((k, v) -> sysctl.put(String.valueOf(k), String.valueOf(v)));
            List<LinkDecl> links = new ArrayList<>();
            List<?> rawLinks = ns.list("links");
            for (int i = 0; i < rawLinks.size(); i++) {
                links.add(link(Fields.of(rawLinks.get(i), path + ".links[" + i + "]", LINK)));
            }
            List<RouteDecl> routes = new ArrayList<>();
            List<?> rawRoutes = ns.list("routes");
            for (int i = 0; i < rawRoutes.size(); i++) {
                routes.add(route(Fields.of(rawRoutes.get(i), path + ".routes[" + i + "]", ROUTE)));
            }
            spaces.put(name, new NamespaceDecl(sysctl, links, routes));
        }
        return new Topology(spaces);
    }

    private static List<String> namesOf(Map<?, ?> m) {
        List<String> out = new ArrayList<>();
        m.keySet().forEach(k -> out.add(String.valueOf(k)));
        return out;
    }

    private static Ref ref(Object v, String path) {
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return new Ref(Links.checkName((String) v), null);
        }
        Fields f = Fields.of(v, path, REF);
        String netns = f.string("netns");
        if (netns != null) {
            Netns.checkName(netns);
        }
        return new Ref(Links.checkName(f.requiredString("name")), netns);
    }

    private static LinkDecl link(Fields f) {
        String name;
        try {
            name = Links.checkName(f.requiredString("name"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f.path() + ": " + e.getMessage());
        }
        List<String> addrs = new ArrayList<>();
        for (Object a : f.list("addresses")) {
            try {
                address(String.valueOf(a));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.path() + ".addresses: " + e.getMessage());
            }
            addrs.add(String.valueOf(a));
        }
        String kind = f.string("kind");
        Ref peer = ref(f.raw("peer"), f.path() + ".peer");
        if ("veth".equals(kind) && peer == null) {
            throw new IllegalArgumentException(f.path() + ": a veth needs \"peer\"");
        }
        return new LinkDecl(name, kind, peer, ref(f.raw("link"), f.path() + ".link"), f.string("mode"),
                f.integer("id"), f.integer("port"), f.string("dev"), f.bool("up"), f.integer("mtu"), f.string("mac"),
                f.string("alias"), f.string("master"), addrs);
    }

    /**
     * An entry of "addresses": a prefix, optionally followed by the flags {@code nodad} and
     * {@code noprefixroute}, e.g. {@code "fd00::1/64 nodad"}.
     *
     * @param entry the entry
     * @return what to add
     * @throws IllegalArgumentException for a bad prefix or an unknown flag
     */
    public static AddressSpec address(String entry) {
        String[] words = entry.trim().split("\\s+");
        AddressSpec s = AddressSpec.of(words[0]);
        for (int i = 1; i < words.length; i++) {
            switch (words[i]) {
                case "nodad": s.noDad(); break;
                case "noprefixroute": s.noPrefixRoute(); break;
                default: throw new IllegalArgumentException("unknown address flag \"" + words[i] + "\" in \"" + entry + "\"");
            }
        }
        return s;
    }

    private static RouteDecl route(Fields f) {
        String dst = f.requiredString("dst");
        if (!dst.equals("default")) {
            try {
                IpPrefix.parse(dst);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.path() + ".dst: " + e.getMessage());
            }
        }
        List<NexthopDecl> hops = new ArrayList<>();
        List<?> rawHops = f.list("nexthops");
        for (int i = 0; i < rawHops.size(); i++) {
            Fields h = Fields.of(rawHops.get(i), f.path() + ".nexthops[" + i + "]", NEXTHOP);
            String via = h.string("via");
            if (via != null) {
                try {
                    IpPrefix.parseAddress(via);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(h.path() + ".via: " + e.getMessage());
                }
            }
            Integer weight = h.integer("weight");
            if (weight != null && (weight < 1 || weight > 256)) {
                throw new IllegalArgumentException(h.path() + ".weight: " + weight + " out of range 1..256");
            }
            hops.add(new NexthopDecl(via, h.string("dev"), weight));
        }
        if (!hops.isEmpty() && (f.string("via") != null || f.string("dev") != null)) {
            throw new IllegalArgumentException(f.path() + ": \"nexthops\" replaces \"via\" and \"dev\"");
        }
        return new RouteDecl(dst, f.string("via"), f.string("dev"), f.number("metric"), f.integer("table"),
                f.string("src"), f.string("type"), f.string("proto"), List.copyOf(hops));
    }

    /**
     * The file form, with only the fields that are set (what {@code netns export} writes).
     *
     * @return maps and lists for {@link JsonText#write}
     */
    public Map<String, Object> toJson() {
        Map<String, Object> spaces = new LinkedHashMap<>();
        namespaces.forEach((name, ns) -> {
            Map<String, Object> n = new LinkedHashMap<>();
            if (!ns.sysctl().isEmpty()) {
                n.put("sysctl", new LinkedHashMap<>(ns.sysctl()));
            }
            List<Object> links = new ArrayList<>();
            for (LinkDecl l : ns.links()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", l.name());
                put(m, "kind", l.kind());
                if (l.peer() != null) {
                    put(m, "peer", refJson(l.peer()));
                }
                if (l.link() != null) {
                    put(m, "link", refJson(l.link()));
                }
                put(m, "mode", l.mode());
                put(m, "id", l.id());
                put(m, "port", l.port());
                put(m, "dev", l.dev());
                put(m, "up", l.up());
                put(m, "mtu", l.mtu());
                put(m, "mac", l.mac());
                put(m, "alias", l.alias());
                put(m, "master", l.master());
                if (!l.addresses().isEmpty()) {
                    m.put("addresses", l.addresses());
                }
                links.add(m);
            }
            if (!links.isEmpty()) {
                n.put("links", links);
            }
            List<Object> routes = new ArrayList<>();
            for (RouteDecl r : ns.routes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dst", r.dst());
                put(m, "via", r.via());
                put(m, "dev", r.dev());
                put(m, "metric", r.metric());
                put(m, "table", r.table());
                put(m, "src", r.src());
                put(m, "type", r.type());
                put(m, "proto", r.proto());
                if (!r.nexthops().isEmpty()) {
                    List<Object> hops = new ArrayList<>();
                    for (NexthopDecl h : r.nexthops()) {
                        Map<String, Object> hm = new LinkedHashMap<>();
                        put(hm, "via", h.via());
                        put(hm, "dev", h.dev());
                        put(hm, "weight", h.weight());
                        hops.add(hm);
                    }
                    m.put("nexthops", hops);
                }
                routes.add(m);
            }
            if (!routes.isEmpty()) {
                n.put("routes", routes);
            }
            spaces.put(name, n);
        });
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("namespaces", spaces);
        return top;
    }

    private static Object refJson(Ref r) {
        if (r.netns() == null) {
            return r.name();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("netns", r.netns());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }
}
