package dev.jnetns.cli;

import dev.jnetns.Address;
import dev.jnetns.Link;
import dev.jnetns.Netns;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.model.Plan;
import dev.jnetns.model.Planner;
import dev.jnetns.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code jnetns demo}: builds a router namespace with two networks (seed scenario 2) from a
 * topology file, shows each namespace, pings from one network to the other through the router,
 * and removes everything.
 */
final class DemoCommand extends CliCommand {
    private static final String A = "jnetns-demo-a";
    private static final String ROUTER = "jnetns-demo-router";
    private static final String TARGET = "198.18.2.2";

    @Override
    int call(List<String> words) throws Exception {
        noArguments(words);
        PrintWriter out = top.out();
        Topology t;
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-topology.json")) {
            t = Topology.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        out.println("Building " + t.namespaces().size() + " namespaces: " + String.join(", ", t.namespaces().keySet()));
        Plan plan = Planner.plan(t);
        plan.apply(step -> out.println("  " + step));
        try {
            for (String name : t.namespaces().keySet()) {
                show(out, name);
            }
            long[] rtt = {-1};
            try (Netns a = Netns.open(A)) {
                rtt[0] = a.call(() -> {
                    long start = System.nanoTime();
                    return InetAddress.getByName(TARGET).isReachable(2000) ? (System.nanoTime() - start) / 1000 : -1L;
                });
            }
            if (rtt[0] < 0) {
                out.println("ping " + TARGET + " from " + A + " through " + ROUTER + ": no answer");
                return Main.EXIT_KERNEL;
            }
            out.printf("ping %s from %s through %s: answered in %.2f ms%n", TARGET, A, ROUTER, rtt[0] / 1000.0);
            return 0;
        } finally {
            out.println("Removing them");
            Planner.destroy(t).apply(step -> out.println("  " + step));
            out.flush();
        }
    }

    /** One namespace in brief: devices with state and addresses, then routes. */
    private static void show(PrintWriter out, String name) throws IOException {
        out.println();
        out.println("netns " + name);
        try (Netns ns = Netns.open(name); Rtnl r = Rtnl.open(ns)) {
            List<Link> links = r.links().list();
            List<Address> addrs = r.addresses().list();
            for (Link l : links) {
                StringBuilder sb = new StringBuilder(String.format("  %-8s %-5s mtu %-5d", l.name(),
                        l.isUp() ? "UP" : "DOWN", l.mtu()));
                for (Address a : addrs) {
                    if (a.index() == l.index() && !a.local().isLinkLocalAddress()) {
                        sb.append(' ').append(a.prefix());
                    }
                }
                out.println(sb.toString().stripTrailing());
            }
            RoutePrinter p = new RoutePrinter(links);
            for (Route route : r.routes().list(2, 254)) {
                out.print("  route " + p.text(route).stripTrailing() + "\n");
            }
            if (name.equals(ROUTER)) {
                out.println("  sysctl net.ipv4.ip_forward = " + ns.sysctl("net.ipv4.ip_forward"));
            }
        }
        out.flush();
    }

}
