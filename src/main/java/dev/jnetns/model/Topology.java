package dev.jnetns.model;

import dev.jnetns.AddressSpec;
import dev.jnetns.IpPrefix;
import dev.jnetns.Links;
import dev.jnetns.Netns;
import dev.jnetns.RtNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declarative topology: named namespaces with their sysctls, devices (with addresses) and
 * routes, in the JSON format of DESIGN.md. A link with {@code kind} is created; one without refers
 * to a device that exists or that another entry creates (a veth peer). Addresses are written in
 * the words of {@code ip address add} ({@link AddressEntry}).
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
     * @param rules its rules
     * @param neighbours its neighbour entries
     */
    public record NamespaceDecl(Map<String, String> sysctl, List<LinkDecl> links, List<RouteDecl> routes,
                                List<RuleDecl> rules, List<NeighbourDecl> neighbours) {
    }

    /**
     * One policy routing rule ({@code ip rule add}). The kernel's own rules (proto kernel: the
     * local, main and default lookups) are not managed.
     *
     * @param family "inet" or "inet6"; default the family of {@code from}/{@code to}, else inet
     * @param priority {@code pref}; required
     * @param from the source prefix, or null for all
     * @param to the destination prefix, or null for all
     * @param iif the input device name
     * @param oif the output device name
     * @param fwmark {@code MARK} or {@code MARK/MASK} (hex with 0x, or decimal)
     * @param not true for {@code not}
     * @param table the table looked up (when {@code type} is absent)
     * @param type blackhole, unreachable or prohibit instead of a lookup
     */
    public record RuleDecl(String family, Long priority, String from, String to, String iif, String oif, String fwmark,
                           Boolean not, Integer table, String type) {
    }

    /**
     * One permanent neighbour ({@code ip neigh add DST lladdr MAC dev DEV [router]}) or proxy entry
     * ({@code ip neigh add proxy DST dev DEV [router]}).
     *
     * @param dst its IP address
     * @param lladdr its link-layer address; null for a proxy entry
     * @param dev the device (in the file)
     * @param router true for {@code router}
     * @param proxy true for a proxy entry
     */
    public record NeighbourDecl(String dst, String lladdr, String dev, Boolean router, Boolean proxy) {
        /** {@return true for a proxy entry} */
        public boolean isProxy() {
            return Boolean.TRUE.equals(proxy);
        }
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
     * One device. Kind-specific fields: {@code peer} (veth), {@code link} (parent of a macvlan,
     * macvtap, ipvlan or vlan), {@code mode} (macvlan, macvtap, ipvlan, bond), {@code id} (vxlan
     * VNI, vlan id), {@code port}, {@code dev}, {@code remote} (vxlan). Null fields are not managed,
     * but the kind data of a device the file creates is: a kind field left out means the default
     * the device is made with.
     *
     * @param name the device's name
     * @param kind what to create ("veth", "bridge", ...), or null for a device made elsewhere
     * @param peer the other end of a veth
     * @param link the parent of a macvlan, macvtap, ipvlan or vlan
     * @param mode the macvlan/macvtap/ipvlan/bond mode
     * @param id the vxlan VNI or the vlan id
     * @param port the vxlan UDP port
     * @param dev the vxlan's underlying device
     * @param remote the vxlan's remote (or multicast group) address
     * @param up whether it is up
     * @param mtu its MTU
     * @param mac its hardware address
     * @param alias its alias
     * @param master the bridge it is a port of
     * @param addresses its addresses, each in the words of {@code ip address add} (see {@link AddressEntry})
     */
    public record LinkDecl(String name, String kind, Ref peer, Ref link, String mode, Integer id, Integer port,
                           String dev, String remote, Boolean up, Integer mtu, String mac, String alias, String master,
                           List<String> addresses) {
    }

    /**
     * One route. Null fields take {@code ip route add}'s defaults (see {@link RouteForm}), and every
     * field is compared by {@code diff}.
     *
     * @param dst a prefix, or "default" (IPv4 unless a gateway or source says IPv6; "::/0" is IPv6's)
     * @param via the gateway
     * @param dev the device
     * @param metric the metric
     * @param table the table number
     * @param src the preferred source address
     * @param type the route type, e.g. "unreachable"
     * @param proto the protocol, e.g. "static"
     * @param nexthops the paths of a multipath route (then no {@code via} or {@code dev})
     * @param scope the scope, e.g. "link"
     * @param onlink whether the gateway is taken as on the link ({@code onlink})
     * @param metrics the route metrics by ip's names ({@code mtu}, {@code advmss}, {@code rtt} ...; numbers
     *     in the kernel's units, {@code congctl} a name)
     * @param tos the TOS the route matches
     * @param pref the IPv6 router preference: low, medium or high
     */
    public record RouteDecl(String dst, String via, String dev, Long metric, Integer table, String src, String type,
                            String proto, List<NexthopDecl> nexthops, String scope, Boolean onlink,
                            Map<String, Object> metrics, Integer tos, String pref) {
    }

    /**
     * One path of a multipath route: {@code nexthop via VIA dev DEV weight WEIGHT [onlink]}.
     *
     * @param via the gateway
     * @param dev the device
     * @param weight the weight, or null for 1
     * @param onlink true for {@code onlink}, or null
     */
    public record NexthopDecl(String via, String dev, Integer weight, Boolean onlink) {
    }

    private static final Set<String> TOP = Set.of("namespaces");
    private static final Set<String> NS = Set.of("sysctl", "links", "routes", "rules", "neighbours");
    private static final Set<String> RULE = Set.of("family", "priority", "from", "to", "iif", "oif", "fwmark", "not",
            "table", "type");
    private static final Set<String> NEIGHBOUR = Set.of("dst", "lladdr", "dev", "router", "proxy");
    private static final Set<String> LINK = Set.of("name", "kind", "peer", "link", "mode", "id", "port", "dev",
            "remote", "up", "mtu", "mac", "alias", "master", "addresses");
    private static final Set<String> REF = Set.of("name", "netns");
    private static final Set<String> ROUTE = Set.of("dst", "via", "dev", "metric", "table", "src", "type", "proto",
            "nexthops", "scope", "onlink", "metrics", "tos", "pref");
    private static final Set<String> NEXTHOP = Set.of("via", "dev", "weight", "onlink");
    /** The kinds a file can create, each with the kind fields it may carry. */
    private static final Map<String, Set<String>> KINDS = Map.ofEntries(
            Map.entry("veth", Set.of("peer")), Map.entry("bridge", Set.of()), Map.entry("ifb", Set.of()),
            Map.entry("dummy", Set.of()), Map.entry("tap", Set.of()), Map.entry("tun", Set.of()),
            Map.entry("macvlan", Set.of("link", "mode")), Map.entry("macvtap", Set.of("link", "mode")),
            Map.entry("ipvlan", Set.of("link", "mode")), Map.entry("vlan", Set.of("link", "id")),
            Map.entry("bond", Set.of("mode")), Map.entry("vxlan", Set.of("id", "port", "dev", "remote")));
    private static final Set<String> KIND_FIELDS = Set.of("peer", "link", "mode", "id", "port", "dev", "remote");
    private static final Map<String, Set<String>> MODES = Map.of(
            "macvlan", Set.of("private", "vepa", "bridge", "passthru", "source"),
            "macvtap", Set.of("private", "vepa", "bridge", "passthru", "source"),
            "ipvlan", Set.of("l2", "l3", "l3s"),
            "bond", Set.of("balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb",
                    "balance-alb"));

    /**
     * Parses and checks a topology file: every field's value, and the references between entries
     * ({@link References}). Nothing is looked up in the live system.
     *
     * @param json the file's text
     * @return the topology
     * @throws IllegalArgumentException naming the JSON path of the first problem
     */
    public static Topology parse(String json) {
        Fields top = Fields.of(JsonText.parse(json), "topology", TOP);
        Map<String, NamespaceDecl> spaces = new LinkedHashMap<>();
        Fields nsMap = Fields.of(top.object("namespaces"), "namespaces", Set.copyOf(namesOf(top.object("namespaces"))));
        for (String name : namesOf(top.object("namespaces"))) {
            String path = "namespaces." + name;
            at(path, () -> Netns.checkName(name));
            Fields ns = Fields.of(nsMap.raw(name), path, NS);
            Map<String, String> sysctl = new LinkedHashMap<>();
            ns.object("sysctl").forEach((k, v) -> sysctl.put(String.valueOf(k),
                    sysctl(String.valueOf(k), v, path + ".sysctl." + k)));
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
            List<RuleDecl> rules = new ArrayList<>();
            List<?> rawRules = ns.list("rules");
            for (int i = 0; i < rawRules.size(); i++) {
                rules.add(rule(Fields.of(rawRules.get(i), path + ".rules[" + i + "]", RULE)));
            }
            List<NeighbourDecl> neighbours = new ArrayList<>();
            List<?> rawNeighbours = ns.list("neighbours");
            for (int i = 0; i < rawNeighbours.size(); i++) {
                neighbours.add(neighbour(Fields.of(rawNeighbours.get(i), path + ".neighbours[" + i + "]", NEIGHBOUR)));
            }
            spaces.put(name, new NamespaceDecl(sysctl, links, routes, rules, neighbours));
        }
        Topology t = new Topology(spaces);
        References.check(t);
        return t;
    }

    /** Runs a check, putting {@code path} before the message of what it throws. */
    private static <T> T at(String path, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /** A sysctl's value: a string or a whole number, one line; its key under {@code net.}, without "..". */
    private static String sysctl(String key, Object value, String path) {
        if (!key.matches("net\\.[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)+")) {
            throw new IllegalArgumentException(path + ": not a sysctl under net. (letters, digits, '_' and '-' "
                    + "between single dots)");
        }
        if (!(value instanceof String || value instanceof Long) || String.valueOf(value).length() > 4096
                || String.valueOf(value).chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new IllegalArgumentException(path + ": expected a one-line string or a whole number");
        }
        return String.valueOf(value);
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
            return new Ref(at(path, () -> Links.checkName((String) v)), null);
        }
        Fields f = Fields.of(v, path, REF);
        String netns = f.string("netns");
        if (netns != null) {
            at(path + ".netns", () -> Netns.checkName(netns));
        }
        return new Ref(at(path + ".name", () -> Links.checkName(f.requiredString("name"))), netns);
    }

    private static String devName(Fields f, String key) {
        String v = f.string(key);
        return v == null ? null : at(f.path() + "." + key, () -> Links.checkName(v));
    }

    private static LinkDecl link(Fields f) {
        String name = at(f.path() + ".name", () -> Links.checkName(f.requiredString("name")));
        String kind = f.string("kind");
        if (kind != null && !KINDS.containsKey(kind)) {
            throw new IllegalArgumentException(f.path() + ".kind: unknown kind \"" + kind + "\" (known: "
                    + String.join(", ", new java.util.TreeSet<>(KINDS.keySet())) + ")");
        }
        for (String k : KIND_FIELDS) {
            if (f.raw(k) != null && (kind == null || !KINDS.get(kind).contains(k))) {
                throw new IllegalArgumentException(f.path() + "." + k + ": not a field of "
                        + (kind == null ? "a link without \"kind\"" : "a " + kind));
            }
        }
        List<String> addrs = new ArrayList<>();
        List<?> raw = f.list("addresses");
        for (int i = 0; i < raw.size(); i++) {
            String p = f.path() + ".addresses[" + i + "]";
            if (!(raw.get(i) instanceof String)) {
                throw new IllegalArgumentException(p + ": expected a string");
            }
            String a = (String) raw.get(i);
            at(p, () -> AddressEntry.parse(a, name));
            addrs.add(a);
        }
        Ref peer = ref(f.raw("peer"), f.path() + ".peer");
        Ref parent = ref(f.raw("link"), f.path() + ".link");
        if ("veth".equals(kind) && peer == null) {
            throw new IllegalArgumentException(f.path() + ": a veth needs \"peer\"");
        }
        if (kind != null && KINDS.get(kind).contains("link") && parent == null) {
            throw new IllegalArgumentException(f.path() + ": a " + kind + " needs \"link\" (its parent)");
        }
        String mode = f.string("mode");
        if (mode != null && !MODES.get(kind).contains(mode)) {
            throw new IllegalArgumentException(f.path() + ".mode: invalid " + kind + " mode \"" + mode + "\" (known: "
                    + String.join(", ", new java.util.TreeSet<>(MODES.get(kind))) + ")");
        }
        Integer id = f.integer("id");
        if ("vxlan".equals(kind) && id == null) {
            throw new IllegalArgumentException(f.path() + ": a vxlan needs \"id\"");
        }
        long maxId = "vlan".equals(kind) ? 4094 : 16777215;
        if (id != null && (id < 0 || id > maxId)) {
            throw new IllegalArgumentException(f.path() + ".id: " + Integer.toUnsignedString(id) + " is out of range 0.."
                    + maxId);
        }
        Integer port = f.integer("port");
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException(f.path() + ".port: " + Integer.toUnsignedString(port)
                    + " is out of range 1..65535");
        }
        String remote = f.string("remote");
        if (remote != null) {
            at(f.path() + ".remote", () -> IpPrefix.parseAddress(remote));
        }
        Integer mtu = f.integer("mtu");
        if (mtu != null && (mtu < 68 || mtu > 65536)) {
            throw new IllegalArgumentException(f.path() + ".mtu: " + Integer.toUnsignedString(mtu)
                    + " is out of range 68..65536");
        }
        String mac = f.string("mac");
        if (mac != null && !mac.matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")) {
            throw new IllegalArgumentException(f.path() + ".mac: invalid MAC \"" + mac + "\"");
        }
        if (mac != null && (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
            throw new IllegalArgumentException(f.path() + ".mac: \"" + mac + "\" is a multicast address");
        }
        String alias = f.string("alias");
        if (alias != null && (alias.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255
                || alias.chars().anyMatch(c -> c == 0))) {
            throw new IllegalArgumentException(f.path() + ".alias: longer than 255 bytes or holding a NUL");
        }
        String master = devName(f, "master");
        if (name.equals(master)) {
            throw new IllegalArgumentException(f.path() + ".master: a device cannot be its own master");
        }
        return new LinkDecl(name, kind, peer, parent, mode, id, port, devName(f, "dev"), remote, f.bool("up"), mtu,
                mac, alias, master, addrs);
    }

    /**
     * An entry of "addresses" as the request that adds it.
     *
     * @param entry the entry, in the words of {@code ip address add} (see {@link AddressEntry})
     * @param dev the device it is on
     * @return what to add
     * @throws IllegalArgumentException for a bad entry
     */
    public static AddressSpec address(String entry, String dev) {
        return AddressEntry.parse(entry, dev).spec();
    }

    private static String address(Fields f, String key) {
        String v = f.string(key);
        if (v != null) {
            at(f.path() + "." + key, () -> IpPrefix.parseAddress(v));
        }
        return v;
    }

    private static RouteDecl route(Fields f) {
        String dst = f.requiredString("dst");
        if (!dst.equals("default")) {
            at(f.path() + ".dst", () -> IpPrefix.parse(dst));
        }
        List<NexthopDecl> hops = new ArrayList<>();
        List<?> rawHops = f.list("nexthops");
        for (int i = 0; i < rawHops.size(); i++) {
            Fields h = Fields.of(rawHops.get(i), f.path() + ".nexthops[" + i + "]", NEXTHOP);
            Integer weight = h.integer("weight");
            if (weight != null && (weight < 1 || weight > 256)) {
                throw new IllegalArgumentException(h.path() + ".weight: " + Integer.toUnsignedString(weight)
                        + " out of range 1..256");
            }
            String via = address(h, "via");
            String dev = devName(h, "dev");
            if (via == null && dev == null) {
                throw new IllegalArgumentException(h.path() + ": a path needs \"via\" or \"dev\"");
            }
            hops.add(new NexthopDecl(via, dev, weight, h.bool("onlink")));
        }
        if (!hops.isEmpty() && (f.string("via") != null || f.string("dev") != null)) {
            throw new IllegalArgumentException(f.path() + ": \"nexthops\" replaces \"via\" and \"dev\"");
        }
        Long metric = f.number("metric");
        if (metric != null && metric > 0xffffffffL) {
            throw new IllegalArgumentException(f.path() + ".metric: " + metric + " is out of range 0..4294967295");
        }
        Integer table = f.integer("table");
        if (table != null && (table < 1 || table == 255 || table == 253)) {
            throw new IllegalArgumentException(f.path() + ".table: " + Integer.toUnsignedString(table)
                    + " is not a table a file manages (1..2147483647 but 253 and 255)");
        }
        String type = f.string("type");
        if (type != null) {
            at(f.path() + ".type", () -> RtNames.TYPES.number(type));
        }
        String proto = f.string("proto");
        if (proto != null) {
            int n = at(f.path() + ".proto", () -> RtNames.PROTOCOLS.number(proto));
            if (n == 2) {
                throw new IllegalArgumentException(f.path() + ".proto: routes of proto kernel are the kernel's own");
            }
        }
        String scope = f.string("scope");
        if (scope != null) {
            at(f.path() + ".scope", () -> RtNames.SCOPES.number(scope));
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        f.object("metrics").forEach((k, v) -> {
            String p = f.path() + ".metrics." + k;
            int n = RouteForm.METRICS.indexOf(String.valueOf(k));
            if (n < 1) {
                throw new IllegalArgumentException(p + ": unknown metric (known: "
                        + String.join(", ", RouteForm.METRICS.subList(1, RouteForm.METRICS.size())) + ")");
            }
            boolean name = k.equals("congctl");
            if (name ? !(v instanceof String) : !(v instanceof Long) || (Long) v < 0 || (Long) v > 0xffffffffL) {
                throw new IllegalArgumentException(p + ": expected " + (name ? "a name" : "a whole number 0..4294967295"));
            }
            metrics.put(String.valueOf(k), v);
        });
        Integer tos = f.integer("tos");
        if (tos != null && (tos < 0 || tos > 255)) {
            throw new IllegalArgumentException(f.path() + ".tos: " + Integer.toUnsignedString(tos) + " is out of range 0..255");
        }
        String pref = f.string("pref");
        if (pref != null && (pref.isEmpty() || !RouteForm.PREFS.contains(pref))) {
            throw new IllegalArgumentException(f.path() + ".pref: expected low, medium or high");
        }
        RouteDecl r = new RouteDecl(dst, address(f, "via"), devName(f, "dev"), metric, table, address(f, "src"), type,
                proto, List.copyOf(hops), scope, f.bool("onlink"), metrics, tos, pref);
        int family = RouteForm.family(r);
        List<String> addrs = new ArrayList<>(List.of("via", "src"));
        for (String key : addrs) {
            String a = f.string(key);
            if (a != null && (a.contains(":") ? 10 : 2) != family) {
                throw new IllegalArgumentException(f.path() + "." + key + ": " + a + " is not of the family of the route");
            }
        }
        for (int i = 0; i < hops.size(); i++) {
            String a = hops.get(i).via();
            if (a != null && (a.contains(":") ? 10 : 2) != family) {
                throw new IllegalArgumentException(f.path() + ".nexthops[" + i + "].via: " + a
                        + " is not of the family of the route");
            }
        }
        if (pref != null && family != 10) {
            throw new IllegalArgumentException(f.path() + ".pref: only IPv6 routes have a preference");
        }
        boolean unicast = type == null || type.equals("unicast");
        if (unicast && r.via() == null && r.dev() == null && hops.isEmpty()) {
            throw new IllegalArgumentException(f.path() + ": a unicast route needs \"via\", \"dev\" or \"nexthops\"");
        }
        if (Boolean.TRUE.equals(r.onlink()) && (r.via() == null || r.dev() == null)) {
            throw new IllegalArgumentException(f.path() + ".onlink: needs \"via\" and \"dev\"");
        }
        return r;
    }

    private static RuleDecl rule(Fields f) {
        String family = f.string("family");
        if (family != null && !family.equals("inet") && !family.equals("inet6")) {
            throw new IllegalArgumentException(f.path() + ".family: expected inet or inet6");
        }
        Long priority = f.number("priority");
        if (priority == null) {
            throw new IllegalArgumentException(f.path() + ": \"priority\" is required");
        }
        if (priority > 0xffffffffL) {
            throw new IllegalArgumentException(f.path() + ".priority: " + priority + " is out of range 0..4294967295");
        }
        String from = f.string("from");
        String to = f.string("to");
        for (String k : List.of("from", "to")) {
            String v = f.string(k);
            if (v != null) {
                IpPrefix p = at(f.path() + "." + k, () -> IpPrefix.parse(v));
                if (family != null && (p.family() == 10) != family.equals("inet6")) {
                    throw new IllegalArgumentException(f.path() + "." + k + ": " + v + " is not of family " + family);
                }
            }
        }
        if (from != null && to != null && IpPrefix.parse(from).family() != IpPrefix.parse(to).family()) {
            throw new IllegalArgumentException(f.path() + ".to: " + to + " is not of the family of \"from\"");
        }
        String fwmark = f.string("fwmark");
        if (fwmark != null && !fwmark.matches("(0x[0-9a-fA-F]{1,8}|\\d{1,10})(/(0x[0-9a-fA-F]{1,8}|\\d{1,10}))?")) {
            throw new IllegalArgumentException(f.path() + ".fwmark: expected MARK or MARK/MASK, not \"" + fwmark + "\"");
        }
        if (fwmark != null) {
            for (String part : fwmark.split("/")) {
                if (RuleForm.number(part) > 0xffffffffL) {
                    throw new IllegalArgumentException(f.path() + ".fwmark: " + part + " is out of range");
                }
            }
        }
        Integer table = f.integer("table");
        String type = f.string("type");
        if (type != null && RuleForm.ACTIONS.indexOf(type) < 0) {
            throw new IllegalArgumentException(f.path() + ".type: expected blackhole, unreachable or prohibit");
        }
        if ((table == null) == (type == null)) {
            throw new IllegalArgumentException(f.path() + ": a rule needs \"table\" or \"type\" (not both)");
        }
        if (table != null && (table < 1 || table == 255 && priority != 0)) {
            throw new IllegalArgumentException(f.path() + ".table: " + Integer.toUnsignedString(table) + " is out of range");
        }
        return new RuleDecl(family, priority, from, to, devName(f, "iif"), devName(f, "oif"), fwmark, f.bool("not"),
                table, type);
    }

    private static NeighbourDecl neighbour(Fields f) {
        String dst = f.requiredString("dst");
        at(f.path() + ".dst", () -> IpPrefix.parseAddress(dst));
        Boolean proxy = f.bool("proxy");
        String lladdr = null;
        if (Boolean.TRUE.equals(proxy)) {
            if (f.raw("lladdr") != null) {
                throw new IllegalArgumentException(f.path() + ".lladdr: a proxy entry has no link-layer address");
            }
        } else {
            lladdr = f.requiredString("lladdr");
            if (!lladdr.matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")) {
                throw new IllegalArgumentException(f.path() + ".lladdr: invalid MAC \"" + lladdr + "\"");
            }
            lladdr = lladdr.toLowerCase(java.util.Locale.ROOT);
        }
        String dev = devName(f, "dev");
        if (dev == null) {
            throw new IllegalArgumentException(f.path() + ": \"dev\" is required");
        }
        return new NeighbourDecl(IpPrefix.format(IpPrefix.parseAddress(dst)), lladdr, dev, f.bool("router"),
                Boolean.TRUE.equals(proxy) ? Boolean.TRUE : null);
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
                put(m, "remote", l.remote());
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
                put(m, "scope", r.scope());
                put(m, "onlink", r.onlink());
                if (!r.metrics().isEmpty()) {
                    m.put("metrics", new LinkedHashMap<>(r.metrics()));
                }
                put(m, "tos", r.tos());
                put(m, "pref", r.pref());
                if (!r.nexthops().isEmpty()) {
                    List<Object> hops = new ArrayList<>();
                    for (NexthopDecl h : r.nexthops()) {
                        Map<String, Object> hm = new LinkedHashMap<>();
                        put(hm, "via", h.via());
                        put(hm, "dev", h.dev());
                        put(hm, "weight", h.weight());
                        put(hm, "onlink", h.onlink());
                        hops.add(hm);
                    }
                    m.put("nexthops", hops);
                }
                routes.add(m);
            }
            if (!routes.isEmpty()) {
                n.put("routes", routes);
            }
            List<Object> rules = new ArrayList<>();
            for (RuleDecl r : ns.rules()) {
                Map<String, Object> m = new LinkedHashMap<>();
                put(m, "family", r.family());
                put(m, "priority", r.priority());
                put(m, "from", r.from());
                put(m, "to", r.to());
                put(m, "iif", r.iif());
                put(m, "oif", r.oif());
                put(m, "fwmark", r.fwmark());
                put(m, "not", r.not());
                put(m, "table", r.table());
                put(m, "type", r.type());
                rules.add(m);
            }
            if (!rules.isEmpty()) {
                n.put("rules", rules);
            }
            List<Object> neighbours = new ArrayList<>();
            for (NeighbourDecl d : ns.neighbours()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dst", d.dst());
                put(m, "lladdr", d.lladdr());
                m.put("dev", d.dev());
                put(m, "router", d.router());
                put(m, "proxy", d.proxy());
                neighbours.add(m);
            }
            if (!neighbours.isEmpty()) {
                n.put("neighbours", neighbours);
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
