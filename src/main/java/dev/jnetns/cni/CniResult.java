package dev.jnetns.cni;

import dev.jnetns.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CNI result: the interfaces made, the addresses given to them, routes and DNS. Read from what an
 * IPAM plugin (or a config's static {@code addresses}) returns; written in the version asked for
 * (0.3.x and 0.4.0 mark each address with "version", 1.0 and later do not).
 */
final class CniResult {
    /** An address with its gateway (or null) on the interface at {@code iface} (-1: none named). */
    record Ip(IpPrefix address, InetAddress gateway, int iface) {
    }

    /** A route the container should have: {@code dst} via {@code gw} (null: the default gateway). */
    record RouteEntry(IpPrefix dst, InetAddress gw) {
    }

    /** An interface: name, MAC, MTU (0: not reported), sandbox (null: the runtime's namespace). */
    record Iface(String name, String mac, int mtu, String sandbox) {
    }

    final List<Iface> interfaces = new ArrayList<>();
    final List<Ip> ips = new ArrayList<>();
    final List<RouteEntry> routes = new ArrayList<>();
    Map<?, ?> dns = Map.of();

    /** Reads {@code ips}, {@code routes} and {@code dns} of a result or static config ({@code addresses}). */
    static CniResult read(Map<?, ?> m) throws CniException {
        CniResult r = new CniResult();
        try {
            Object ips = m.containsKey("ips") ? m.get("ips") : m.get("addresses");
            for (Object o : list(ips)) {
                Map<?, ?> ip = (Map<?, ?>) o;
                Object gw = ip.get("gateway");
                Object iface = ip.get("interface");
                r.ips.add(new Ip(IpPrefix.parse((String) ip.get("address")),
                        gw == null ? null : IpPrefix.parseAddress((String) gw),
                        iface == null ? -1 : ((Long) iface).intValue()));
            }
            for (Object o : list(m.get("routes"))) {
                Map<?, ?> route = (Map<?, ?>) o;
                Object gw = route.get("gw");
                r.routes.add(new RouteEntry(IpPrefix.parse((String) route.get("dst")).network(),
                        gw == null ? null : IpPrefix.parseAddress((String) gw)));
            }
            if (m.get("dns") instanceof Map) {
                r.dns = (Map<?, ?>) m.get("dns");
            }
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new CniException(CniException.DECODE, "cannot read addresses and routes",
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return r;
    }

    private static List<?> list(Object o) {
        return o == null ? List.of() : (List<?>) o;
    }

    /** The result JSON in {@code version}, its addresses on the interface at {@code containerIface}. */
    Map<String, Object> json(String version, int containerIface) {
        boolean legacy = version.startsWith("0.");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cniVersion", version);
        List<Object> ifs = new ArrayList<>();
        for (Iface i : interfaces) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("name", i.name());
            j.put("mac", i.mac());
            if (i.mtu() > 0 && !legacy) {
                j.put("mtu", i.mtu());
            }
            if (i.sandbox() != null) {
                j.put("sandbox", i.sandbox());
            }
            ifs.add(j);
        }
        out.put("interfaces", ifs);
        List<Object> ipl = new ArrayList<>();
        for (Ip ip : ips) {
            Map<String, Object> j = new LinkedHashMap<>();
            if (legacy) {
                j.put("version", ip.address().family() == 2 ? "4" : "6");
            }
            j.put("interface", containerIface);
            j.put("address", text(ip.address()));
            if (ip.gateway() != null) {
                j.put("gateway", IpPrefix.format(ip.gateway()));
            }
            ipl.add(j);
        }
        out.put("ips", ipl);
        if (!routes.isEmpty()) {
            List<Object> rl = new ArrayList<>();
            for (RouteEntry r : routes) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("dst", text(r.dst()));
                if (r.gw() != null) {
                    j.put("gw", IpPrefix.format(r.gw()));
                }
                rl.add(j);
            }
            out.put("routes", rl);
        }
        out.put("dns", dns);
        return out;
    }

    static String text(IpPrefix p) {
        return IpPrefix.format(p.address()) + "/" + p.length();
    }
}
