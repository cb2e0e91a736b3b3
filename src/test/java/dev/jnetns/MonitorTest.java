package dev.jnetns;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Monitor.Change;
import dev.jnetns.Monitor.Event;
import dev.jnetns.Monitor.Topic;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Scripts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events from the kernel, in order, without loss even when the socket overflows. */
@ExtendWith(NetnsExtension.class)
class MonitorTest {

    private static Event next(Monitor m, java.util.function.Predicate<Event> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Event e = m.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && wanted.test(e)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void link_address_route_and_link_delete_arrive_in_order(Netns ns) throws Exception {
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.allOf(Topic.class), Monitor.Options.DEFAULT, null)) {
            Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
            Ip.run(ns, "addr", "add", "198.18.0.1/24", "dev", "v0");
            Ip.run(ns, "link", "set", "v0", "up");
            Ip.run(ns, "route", "add", "198.18.5.0/24", "via", "198.18.0.2");
            Ip.run(ns, "link", "del", "v0");
            List<String> seen = new ArrayList<>();
            Event e;
            while ((e = m.poll(2, TimeUnit.SECONDS)) != null) {
                if (e instanceof Monitor.LinkEvent && ((Monitor.LinkEvent) e).link().name().equals("v0")
                        && ((Monitor.LinkEvent) e).change() != Change.CHANGED) {
                    seen.add("link " + ((Monitor.LinkEvent) e).change());
                } else if (e instanceof Monitor.AddressEvent && ((Monitor.AddressEvent) e).change() == Change.ADDED) {
                    seen.add("address " + ((Monitor.AddressEvent) e).address().prefix());
                } else if (e instanceof Monitor.RouteEvent && ((Monitor.RouteEvent) e).change() == Change.ADDED
                        && ((Monitor.RouteEvent) e).route().dst().toString().equals("198.18.5.0/24")) {
                    seen.add("route 198.18.5.0/24");
                }
                if (seen.contains("link REMOVED")) {
                    break;
                }
            }
            assertEquals(List.of("link ADDED", "address 198.18.0.1/24", "route 198.18.5.0/24", "link REMOVED"), seen);
        }
    }

    /** The events about 198.18.0.9 until none came for a second and a half. */
    private static List<String> neighbourEvents(Monitor m) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        Event e;
        while ((e = m.poll(1500, TimeUnit.MILLISECONDS)) != null) {
            Neighbour n = ((Monitor.NeighbourEvent) e).neighbour();
            if (n.dst().getHostAddress().equals("198.18.0.9")) {
                seen.add(((Monitor.NeighbourEvent) e).change() + " " + n.lladdr() + " " + n.stateNames()
                        + (n.cache() != null || n.probes() >= 0 ? " with ages" : ""));
            }
        }
        return seen;
    }

    @Test
    void a_neighbour_is_reported_once_not_again_as_it_ages(Netns ns) throws Exception {
        Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.NEIGH), Monitor.Options.DEFAULT, null)) {
            Ip.run(ns, "neigh", "add", "198.18.0.9", "lladdr", "02:00:00:00:00:09", "dev", "v0", "router");
            // the entry's ages change every second the monitor waits here: no event for that
            assertEquals(List.of("ADDED 02:00:00:00:00:09 [PERMANENT]"), neighbourEvents(m));
            Ip.run(ns, "neigh", "del", "198.18.0.9", "dev", "v0");
            List<String> gone = neighbourEvents(m);
            assertTrue(!gone.isEmpty() && gone.get(gone.size() - 1).startsWith("REMOVED "), gone.toString());
        }
    }

    @Test
    void a_netconf_change_is_reported_as_the_whole_entry_with_the_change_applied(Netns ns) throws Exception {
        Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        int v0 = Integer.parseInt(Ip.run(ns, "-o", "link", "show", "v0").split(":")[0]);
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.NETCONF), Monitor.Options.DEFAULT, null)) {
            Ip.Result r = Ip.command(List.of("nsenter", "--net=" + ns.path(), "sysctl", "-q", "-w",
                    "net.ipv4.conf.v0.rp_filter=2", "net.ipv4.conf.v0.rp_filter=2"), null);
            assertEquals(0, r.exitCode(), r.err());
            // the kernel says only "rp_filter 2" (and once: the second write changes nothing)
            Event e = m.poll(5, TimeUnit.SECONDS);
            assertTrue(e instanceof Monitor.NetconfEvent, String.valueOf(e));
            Netconf c = ((Monitor.NetconfEvent) e).netconf();
            assertEquals(List.of(Change.CHANGED, AF_INET, v0, 2, 0, 0, 0),
                    List.of(((Monitor.NetconfEvent) e).change(), c.family(), c.ifindex(), c.rpFilter(), c.forwarding(),
                            c.proxyNeigh(), c.mcForwarding()));
            assertEquals(null, m.poll(500, TimeUnit.MILLISECONDS));
            Ip.run(ns, "link", "del", "v0");
            Set<String> removed = new TreeSet<>();
            while ((e = m.poll(2, TimeUnit.SECONDS)) != null) {
                Monitor.NetconfEvent n = (Monitor.NetconfEvent) e;
                assertEquals(Change.REMOVED, n.change(), e.toString());
                removed.add(n.netconf().family() + "/" + n.netconf().ifindex());
            }
            // v0 and its peer, each of both families
            assertEquals(4, removed.size(), removed.toString());
        }
    }

    @Test
    void what_the_callback_throws_goes_to_the_uncaught_handler_once_and_watching_goes_on(Netns ns) throws Exception {
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.BlockingQueue<String> names = new java.util.concurrent.LinkedBlockingQueue<>();
        RuntimeException thrown = new IllegalStateException("the callback's own failure");
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, x) -> uncaught.add(x));
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, e -> {
            if (e instanceof Monitor.LinkEvent l && l.change() == Change.ADDED) {
                names.add(l.link().name());
                if (l.link().name().equals("a0")) {
                    throw thrown;
                }
            } else if (e instanceof Monitor.Failed f) {
                names.add("failed " + f.error());
            }
        })) {
            Ip.run(ns, "link", "add", "a0", "type", "bridge");
            assertEquals("a0", names.poll(10, TimeUnit.SECONDS));
            Ip.run(ns, "link", "add", "b0", "type", "bridge");
            assertEquals("b0", names.poll(10, TimeUnit.SECONDS), "still watching after the callback threw");
            assertEquals(List.of(thrown), uncaught);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void an_initial_listing_comes_first_without_duplicates(Netns ns) throws Exception {
        Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.LINK), new Monitor.Options(true, 0), null)) {
            Set<String> names = new TreeSet<>();
            Event e;
            while ((e = m.poll(500, TimeUnit.MILLISECONDS)) != null) {
                assertEquals(Change.ADDED, ((Monitor.LinkEvent) e).change());
                assertTrue(names.add(((Monitor.LinkEvent) e).link().name()), "duplicate " + e);
            }
            assertEquals(Set.of("lo", "v0", "v1"), names);
        }
    }

    private static Set<String> routeKeys(List<Route> routes) {
        Set<String> out = new TreeSet<>();
        for (Route r : routes) {
            out.add(r.family() + " " + r.table() + " " + r.type() + " " + r.dst() + " " + r.metric() + " " + r.oif());
        }
        return out;
    }

    @Test
    void an_overflow_is_followed_by_a_resync_that_restores_the_true_state(Netns ns, Rtnl rtnl) throws Exception {
        // no IPv6 link-local addresses: under load a resync once left the local route of one in the
        // view after the kernel had dropped it (cause not found: see the closing note of 2026-12-02);
        // this test is about 10 000 routes lost to an overflow
        Ip.batch(ns, "link add v0 type veth peer name v1\nlink set v0 addrgenmode none\nlink set v1 addrgenmode none\n"
                + "link set v0 up\nlink set v1 up\naddr add 198.18.0.1/16 dev v0\n");
        CountDownLatch burstDone = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean resynced = new java.util.concurrent.atomic.AtomicBoolean();
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.ROUTE), new Monitor.Options(false, 1024), e -> {
            if (e instanceof Monitor.Resynced) {
                resynced.set(true);
            }
            if (count.incrementAndGet() == 1) {
                try {
                    burstDone.await(60, TimeUnit.SECONDS);   // a slow reader: the socket buffer overflows
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        })) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                batch.append("route add 198.19.").append(i / 250).append('.').append(i % 250).append("/32 dev v0\n");
            }
            Ip.batch(ns, batch.toString());
            burstDone.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!resynced.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(resynced.get(), "no Resynced after " + count.get() + " events");
            // events may keep coming after the resync: the reconstructed state must meet the
            // kernel's once they stop
            Set<String> kernel = routeKeys(rtnl.routes().list());
            for (int i = 0; i < 100 && !kernel.equals(routeKeys(m.routes("t"))); i++) {
                Thread.sleep(100);
                kernel = routeKeys(rtnl.routes().list());
            }
            assertEquals(kernel, routeKeys(m.routes("t")));
            assertTrue(m.routes("t").size() > 10_000);
        }
    }

    @Test
    void await_synced_returns_once_the_view_has_every_change_made_before_it(Netns ns, Rtnl rtnl) throws Exception {
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.LINK, Topic.ROUTE), Monitor.Options.DEFAULT, null)) {
            assertTrue(m.awaitSynced(10, TimeUnit.SECONDS));
            for (int round = 0; round < 20; round++) {
                Ip.run(ns, "link", "add", "s" + round, "type", "veth", "peer", "name", "t" + round);
                assertTrue(m.awaitSynced(10, TimeUnit.SECONDS));
                // no polling: the reconstructed state already holds the new pair
                Set<String> names = new TreeSet<>(m.links("t").stream().map(Link::name).toList());
                assertTrue(names.contains("s" + round) && names.contains("t" + round), round + ": " + names);
            }
        }
    }

    @Test
    void await_synced_after_an_overflow_waits_for_the_resync(Netns ns, Rtnl rtnl) throws Exception {
        Ip.batch(ns, "link add v0 type veth peer name v1\nlink set v0 up\nlink set v1 up\naddr add 198.18.0.1/16 dev v0\n");
        java.util.concurrent.atomic.AtomicInteger resyncs = new java.util.concurrent.atomic.AtomicInteger();
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.ROUTE), new Monitor.Options(false, 1024), e -> {
            if (e instanceof Monitor.Resynced) {
                resyncs.incrementAndGet();
            }
        })) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                batch.append("route add 198.19.").append(i / 250).append('.').append(i % 250).append("/32 dev v0\n");
            }
            Ip.batch(ns, batch.toString());
            Ip.run(ns, "route", "del", "198.19.0.0/32");
            assertTrue(m.awaitSynced(60, TimeUnit.SECONDS));
            Set<String> seen = routeKeys(m.routes("t"));
            Set<String> kernel = routeKeys(rtnl.routes().list());
            assertTrue(resyncs.get() > 0, "a 1 KiB buffer overflows under 20 000 routes");
            // IPv6 routes of DAD may still come; the 20 000 IPv4 ones must all be there, and the deleted one not
            assertEquals(filter(kernel, "2 254"), filter(seen, "2 254"));
            assertTrue(seen.stream().noneMatch(k -> k.contains(" 198.19.0.0/32 ")), "the deletion made before the call is seen");
            assertEquals(19_999, filter(seen, "2 254 1 198.19.").size());
        }
    }

    private static Set<String> filter(Set<String> keys, String prefix) {
        Set<String> out = new TreeSet<>();
        keys.stream().filter(k -> k.startsWith(prefix)).forEach(out::add);
        return out;
    }

    private static long fds() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void twenty_namespaces_at_once_and_closing_leaves_nothing() throws Exception {
        long fdsBefore = fds();
        Map<String, Netns> spaces = new LinkedHashMap<>();
        try {
            for (int i = 0; i < 20; i++) {
                spaces.put("ns" + i, Netns.create());
            }
            try (Monitor m = Monitor.start(spaces, EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, null)) {
                for (Map.Entry<String, Netns> e : spaces.entrySet()) {
                    Ip.run(e.getValue(), "link", "add", "x-" + e.getKey(), "type", "veth", "peer", "name", "y-" + e.getKey());
                }
                Set<String> got = new TreeSet<>();
                while (got.size() < 20) {
                    Event e = next(m, x -> x instanceof Monitor.LinkEvent
                            && ((Monitor.LinkEvent) x).link().name().startsWith("x-"));
                    assertNotNull(e, "events so far: " + got);
                    assertEquals("x-" + e.netns(), ((Monitor.LinkEvent) e).link().name());
                    got.add(e.netns());
                }
            }
            assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName).filter(n -> n.startsWith("jnetns-monitor")).toList());
        } finally {
            spaces.values().forEach(Netns::close);
        }
        assertEquals(fdsBefore, fds());
    }

    @Test
    void the_cli_prints_one_json_object_per_event_as_it_happens(Netns ns) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Scripts.jnetnsCommand().split(" ")));
        cmd.addAll(List.of("-n", ns.path(), "-j", "monitor", "link"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        });
        reader.start();
        try {
            // the child JVM takes a while to start and subscribe: add the pair until the monitor reports it
            String first = null;
            for (int attempt = 0; first == null && attempt < 30; attempt++) {
                Ip.run(ns, "link", "add", "m0", "type", "veth", "peer", "name", "m1");
                first = lines.poll(2, TimeUnit.SECONDS);
                while (first != null && !first.startsWith("{\"event\":\"newlink\"")) {
                    first = lines.poll(2, TimeUnit.SECONDS);   // the removal of an earlier attempt
                }
                if (first == null) {
                    Ip.run(ns, "link", "del", "m0");
                }
            }
            assertNotNull(first, "the monitor reported nothing in 60 s");
            assertTrue(first.startsWith("{\"event\":\"newlink\",\"ifindex\":"), first);   // ip -j link show's record
            assertTrue(first.contains("\"ifname\":\"m1\"") || first.contains("\"ifname\":\"m0\""), first);
            Ip.run(ns, "link", "del", "m0");
            boolean deleted = false;
            for (String line; !deleted && (line = lines.poll(30, TimeUnit.SECONDS)) != null; ) {
                deleted = line.startsWith("{\"event\":\"dellink\",") && line.contains("\"ifname\":\"m0\"");
            }
            assertTrue(deleted);
        } finally {
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "ends on SIGTERM");
        }
        assertEquals(143, p.exitValue());
    }
}
