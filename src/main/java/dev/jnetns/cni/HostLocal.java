package dev.jnetns.cni;

import dev.jnetns.IpPrefix;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The built-in IPAM, {@code "ipam": {"type": "jnetns-host-local", ...}}: host-local 1.1 inside the
 * plugin instead of exec'd for every call. Same configuration (range sets, the older single-range
 * form, rangeStart/rangeEnd/gateway, routes, dataDir, resolvConf; addresses asked for by
 * {@code CNI_ARGS} IP=, {@code args.cni.ips} or {@code runtimeConfig.ips} and ranges by
 * {@code runtimeConfig.ipRanges}), same allocation (round robin from the address leased last, the
 * gateway skipped), same files ({@link HostLocalStore}) and messages: a network can switch between
 * the two on a live node, its leases kept.
 */
final class HostLocal {
    static final String TYPE = "jnetns-host-local";
    private static final Path DATA_DIR = Path.of("/var/lib/cni/networks");

    /** The parts of the config host-local reads. */
    private record Config(List<List<HostLocalRange>> sets, Map<String, InetAddress> requested, Path dataDir,
                          Path resolvConf, List<CniResult.RouteEntry> routes) {
    }

    private HostLocal() {
    }

    /** IPAM ADD: one address from every range set. */
    static CniResult add(CniConfig c, CniEnv e) throws CniException {
        Config conf = config(c, e);
        CniResult r = new CniResult();
        r.routes.addAll(conf.routes());
        if (conf.resolvConf() != null) {
            r.dns = dns(conf.resolvConf());
        }
        try (HostLocalStore store = HostLocalStore.open(conf.dataDir(), c.name())) {
            Map<String, InetAddress> requested = new LinkedHashMap<>(conf.requested());
            for (int i = 0; i < conf.sets().size(); i++) {
                List<HostLocalRange> set = conf.sets().get(i);
                InetAddress asked = requested.values().stream().filter(a -> contains(set, a)).findFirst().orElse(null);
                if (asked != null) {
                    requested.remove(IpPrefix.format(asked));
                }
                try {
                    r.ips.add(lease(store, set, i, e.containerId(), e.ifname(), asked));
                } catch (IllegalStateException x) {
                    if (i > 0) {   // what the range sets before leased (as host-local: all of the attachment's)
                        store.release(e.containerId(), e.ifname());
                    }
                    throw failure("ADD", "failed to allocate for range " + i + ": " + x.getMessage());
                }
            }
            if (!requested.isEmpty()) {
                store.release(e.containerId(), e.ifname());
                throw failure("ADD", "failed to allocate all requested IPs: " + String.join(" ", requested.keySet()));
            }
        } catch (IOException x) {
            throw new CniException(CniException.IO, "IPAM " + TYPE + " ADD: " + x.getMessage());
        }
        return r;
    }

    /** IPAM DEL: ends the leases of the attachment; none is fine. */
    static void del(CniConfig c, CniEnv e, String containerId, String ifname) throws CniException {
        Config conf = config(c, e);
        try (HostLocalStore store = HostLocalStore.open(conf.dataDir(), c.name())) {
            store.release(containerId, ifname);
        } catch (IOException x) {
            throw new CniException(CniException.IO, "IPAM " + TYPE + " DEL: " + x.getMessage());
        }
    }

    /** IPAM CHECK: the attachment holds a lease. */
    static void check(CniConfig c, CniEnv e) throws CniException {
        Config conf = config(c, e);
        try (HostLocalStore store = HostLocalStore.open(conf.dataDir(), c.name())) {
            if (store.leasedTo(e.containerId(), e.ifname()).isEmpty()) {
                throw failure("CHECK", "host-local: Failed to find address added by container " + e.containerId());
            }
        } catch (IOException x) {
            throw new CniException(CniException.IO, "IPAM " + TYPE + " CHECK: " + x.getMessage());
        }
    }

    private static CniException failure(String command, String msg) {
        return new CniException(CniException.IPAM, "IPAM " + TYPE + " " + command + ": " + msg);
    }

    /** One address of range set {@code set} (number {@code index}): {@code asked}, or the next free one. */
    private static CniResult.Ip lease(HostLocalStore store, List<HostLocalRange> set, int index, String id,
                                      String ifname, InetAddress asked) throws IOException {
        if (asked != null) {
            HostLocalRange r = set.stream().filter(x -> x.contains(asked)).findFirst().orElseThrow();
            if (asked.equals(r.gateway())) {
                throw new IllegalStateException("requested ip " + IpPrefix.format(asked) + " is subnet's gateway");
            }
            if (!store.reserve(id, ifname, asked, index)) {
                throw new IllegalStateException("requested IP address " + IpPrefix.format(asked)
                        + " is not available in range set " + text(set));
            }
            return new CniResult.Ip(new IpPrefix(asked, r.prefix()), r.gateway(), -1);
        }
        for (InetAddress had : store.leasedTo(id, ifname)) {
            if (contains(set, had)) {
                throw new IllegalStateException(IpPrefix.format(had) + " has been allocated to " + id
                        + ", duplicate allocation is not allowed");
            }
        }
        HostLocalIterator it = new HostLocalIterator(set, store.lastReserved(index));
        for (HostLocalRange r = it.next(); r != null; r = it.next()) {
            if (store.reserve(id, ifname, it.current(), index)) {
                return new CniResult.Ip(new IpPrefix(it.current(), r.prefix()), r.gateway(), -1);
            }
        }
        throw new IllegalStateException("no IP addresses available in range set: " + text(set));
    }

    static boolean contains(List<HostLocalRange> set, InetAddress a) {
        return set.stream().anyMatch(r -> r.contains(a));
    }

    private static String text(List<HostLocalRange> set) {
        return set.stream().map(HostLocalRange::toString).collect(Collectors.joining(","));
    }

    /** The config as host-local reads it; errors are host-local's, as invalid config. */
    private static Config config(CniConfig c, CniEnv e) throws CniException {
        Map<?, ?> ipam = c.ipam();
        Map<?, ?> runtime = c.raw().get("runtimeConfig") instanceof Map ? (Map<?, ?>) c.raw().get("runtimeConfig") : Map.of();
        try {
            List<List<HostLocalRange>> sets = new ArrayList<>();
            for (Object s : list(runtime.get("ipRanges"))) {
                sets.add(rangeSet(s, sets.size()));
            }
            if (ipam.get("subnet") != null) {
                sets.add(rangeSet(List.of(ipam), sets.size()));
            }
            for (Object s : list(ipam.get("ranges"))) {
                sets.add(rangeSet(s, sets.size()));
            }
            if (sets.isEmpty()) {
                throw new IllegalArgumentException("no IP ranges specified");
            }
            for (int i = 0; i < sets.size(); i++) {
                for (int j = i + 1; j < sets.size(); j++) {
                    int other = j;
                    if (sets.get(i).stream().anyMatch(a -> sets.get(other).stream().anyMatch(a::overlaps))) {
                        throw new IllegalArgumentException("range set " + i + " overlaps with " + j);
                    }
                }
            }
            List<CniResult.RouteEntry> routes = CniResult.read(Map.of("routes", list(ipam.get("routes")))).routes;
            Object dataDir = ipam.get("dataDir");
            Object resolv = ipam.get("resolvConf");
            return new Config(sets, requested(c, e, runtime),
                    dataDir instanceof String && !((String) dataDir).isEmpty() ? Path.of((String) dataDir) : DATA_DIR,
                    resolv instanceof String && !((String) resolv).isEmpty() ? Path.of((String) resolv) : null, routes);
        } catch (IllegalArgumentException | ClassCastException x) {
            throw new CniException(CniException.INVALID_CONFIG, "IPAM " + TYPE + ": " + x.getMessage());
        }
    }

    private static List<HostLocalRange> rangeSet(Object s, int index) {
        List<HostLocalRange> set = new ArrayList<>();
        try {
            for (Object r : list(s)) {
                set.add(HostLocalRange.of((Map<?, ?>) r));
            }
            if (set.isEmpty()) {
                throw new IllegalArgumentException("empty range set");
            }
            for (int i = 0; i < set.size(); i++) {
                if (set.get(i).subnet().getClass() != set.get(0).subnet().getClass()) {
                    throw new IllegalArgumentException("mixed address families");
                }
                for (int j = i + 1; j < set.size(); j++) {
                    if (set.get(i).overlaps(set.get(j))) {
                        throw new IllegalArgumentException("subnets " + set.get(i) + " and " + set.get(j) + " overlap");
                    }
                }
            }
        } catch (IllegalArgumentException | ClassCastException x) {
            throw new IllegalArgumentException("invalid range set " + index + ": " + x.getMessage());
        }
        return set;
    }

    /** The addresses asked for, by their text: CNI_ARGS IP=, then args.cni.ips, then runtimeConfig.ips. */
    private static Map<String, InetAddress> requested(CniConfig c, CniEnv e, Map<?, ?> runtime) {
        List<String> texts = new ArrayList<>(HostLocalArgs.ip(e.all().get("CNI_ARGS")));
        if (c.raw().get("args") instanceof Map && ((Map<?, ?>) c.raw().get("args")).get("cni") instanceof Map) {
            for (Object ip : list(((Map<?, ?>) ((Map<?, ?>) c.raw().get("args")).get("cni")).get("ips"))) {
                texts.add((String) ip);
            }
        }
        for (Object ip : list(runtime.get("ips"))) {
            texts.add((String) ip);
        }
        Map<String, InetAddress> out = new LinkedHashMap<>();
        for (String t : texts) {
            try {
                InetAddress a = IpPrefix.parse(t).address();
                out.put(IpPrefix.format(a), a);
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("cannot understand ip: " + x.getMessage());
            }
        }
        return out;
    }

    private static List<?> list(Object o) {
        return o == null ? List.of() : (List<?>) o;
    }

    /** A resolv.conf as host-local reads it: nameserver, domain, search, options. */
    private static Map<String, Object> dns(Path file) throws CniException {
        List<String> nameservers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        String domain = null;
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                String[] f = l.split("\\s+");
                if (l.isEmpty() || l.charAt(0) == '#' || l.charAt(0) == ';' || f.length < 2) {
                    continue;
                }
                switch (f[0]) {
                    case "nameserver" -> nameservers.add(f[1]);
                    case "domain" -> domain = f[1];
                    case "search" -> search.addAll(List.of(f).subList(1, f.length));
                    case "options" -> options.addAll(List.of(f).subList(1, f.length));
                    default -> { }
                }
            }
        } catch (IOException x) {
            throw new CniException(CniException.IO, "IPAM " + TYPE + " ADD: " + x.getMessage());
        }
        Map<String, Object> dns = new LinkedHashMap<>();
        if (!nameservers.isEmpty()) {
            dns.put("nameservers", nameservers);
        }
        if (domain != null) {
            dns.put("domain", domain);
        }
        if (!search.isEmpty()) {
            dns.put("search", search);
        }
        if (!options.isEmpty()) {
            dns.put("options", options);
        }
        return dns;
    }
}
