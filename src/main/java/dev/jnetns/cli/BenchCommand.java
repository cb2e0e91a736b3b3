package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.LinkSpec;
import dev.jnetns.Netns;
import dev.jnetns.RouteSpec;
import dev.jnetns.Rtnl;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code jnetns bench}: the library's own speed on this machine, each workload in a fresh
 * namespace, median of several rounds (the first round warms the JIT and is not counted). See
 * bench/compare.sh for the CLI side by side with {@code ip -batch}.
 */
final class BenchCommand extends CliCommand {
    static final String USAGE =
            "Usage: jnetns bench [--routes N] [--rounds N]\n"
            + "  --routes N   routes per round (default 100000)\n"
            + "  --rounds N   measured rounds (default 3)\n";

    private int routes = 100_000;
    private int rounds = 3;

    /** One measured workload: setup happens in {@code run}, the returned nanos are the timed part. */
    @FunctionalInterface
    private interface Workload {
        long run(Netns ns, Rtnl rtnl) throws Exception;
    }

    @Override
    int call(List<String> words) throws Exception {
        Words w = new Words(words);
        while (w.hasNext()) {
            String option = w.next();
            switch (option) {
                case "--routes" -> routes = (int) Math.max(1, w.number(option, 16_000_000));
                case "--rounds" -> rounds = (int) Math.max(1, w.number(option, 1000));
                default -> throw new UsageException("bench: unknown option \"" + option + "\"; try 'jnetns bench --help'", Main.EXIT_USAGE);
            }
        }
        PrintWriter out = top.out();
        List<RouteSpec> specs = new ArrayList<>(routes);
        for (int i = 0; i < routes; i++) {
            specs.add(RouteSpec.to(new IpPrefix(host(i), 32)).dev("v0"));
        }
        out.printf("%-44s %10s%n", "workload (median of " + rounds + ", after 1 warm-up)", "seconds");
        report(out, "add " + routes + " /32 routes (Routes.addAll)", (ns, r) -> {
            setup(r);
            long t = System.nanoTime();
            r.routes().addAll(specs, false);
            return System.nanoTime() - t;
        });
        report(out, "dump + decode " + routes + " routes (Routes.forEach)", (ns, r) -> {
            setup(r);
            r.routes().addAll(specs, false);
            int[] n = {0};
            long t = System.nanoTime();
            r.routes().forEach(2, 254, x -> n[0]++);
            return System.nanoTime() - t;
        });
        List<LinkSpec> veths = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            veths.add(LinkSpec.veth("a" + i, "b" + i));
        }
        report(out, "create 1000 veth pairs (Links.addAll)", (ns, r) -> {
            long t = System.nanoTime();
            r.links().addAll(veths, false);
            return System.nanoTime() - t;
        });
        report(out, "create + delete 200 named netns", (ns, r) -> {
            String tag = "jnetns-bench-" + UUID.randomUUID().toString().substring(0, 6) + "-";
            long t = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                Netns.createNamed(tag + i).close();
            }
            for (int i = 0; i < 200; i++) {
                Netns.delete(tag + i);
            }
            return System.nanoTime() - t;
        });
        out.flush();
        return 0;
    }

    private static java.net.InetAddress host(int i) {
        int x = (198 << 24) | (18 << 16) | (256 + i);
        try {
            return java.net.InetAddress.getByAddress(new byte[] {(byte) (x >>> 24), (byte) (x >>> 16), (byte) (x >>> 8), (byte) x});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setup(Rtnl r) throws Exception {
        r.links().add(LinkSpec.veth("v0", "v1"));
        r.links().setUp("v0");
        r.links().setUp("v1");
        r.addresses().add("v0", dev.jnetns.AddressSpec.of("198.18.0.1/16"));
    }

    private void report(PrintWriter out, String name, Workload w) throws Exception {
        long[] t = new long[rounds];
        for (int i = -1; i < rounds; i++) {
            try (Netns ns = Netns.create(); Rtnl r = Rtnl.open(ns)) {
                long nanos = w.run(ns, r);
                if (i >= 0) {
                    t[i] = nanos;
                }
            }
        }
        Arrays.sort(t);
        out.printf("%-44s %10.3f%n", name, t[rounds / 2] / 1e9);
        out.flush();
    }

}
