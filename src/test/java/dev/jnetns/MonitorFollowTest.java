package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Monitor.Event;
import dev.jnetns.Monitor.Topic;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Scripts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A monitor of every named namespace follows /run/netns (namespaces named after it started are
 * watched, deleted ones are dropped), and the CLI's monitor honours -4/-6.
 */
@ExtendWith(NetnsExtension.class)
class MonitorFollowTest {

    private static Event next(Monitor m, Predicate<Event> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Event e = m.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && wanted.test(e)) {
                return e;
            }
        }
        return null;
    }

    private static boolean linkIn(Event e, String netns, String name) {
        return e instanceof Monitor.LinkEvent l && l.netns().equals(netns) && l.link().name().equals(name);
    }

    @Test
    void a_namespace_named_after_the_start_is_watched_and_a_deleted_one_dropped() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String before = "jnetns-test-follow-a-" + tag;
        String after = "jnetns-test-follow-b-" + tag;
        try (Netns a = Netns.createNamed(before);
             Monitor m = Monitor.startNamed(EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, null)) {
            assertTrue(m.labels().contains(before), m.labels().toString());
            Ip.run(a, "link", "add", "fa0", "type", "veth", "peer", "name", "fa1");
            assertNotNull(next(m, e -> linkIn(e, before, "fa0")), "event of the namespace named before the start");
            try (Netns b = Netns.createNamed(after)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!m.labels().contains(after) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(m.labels().contains(after), "followed: " + m.labels());
                Ip.run(b, "link", "add", "fb0", "type", "veth", "peer", "name", "fb1");
                assertNotNull(next(m, e -> linkIn(e, after, "fb0")), "event of the namespace named after the start");
            }
            Netns.delete(after);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (m.labels().contains(after) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(m.labels().contains(after), "dropped when its name was deleted: " + m.labels());
            Ip.run(a, "link", "set", "fa0", "mtu", "1400");
            assertNotNull(next(m, e -> linkIn(e, before, "fa0")), "the others are still watched");
        } finally {
            for (String n : List.of(before, after)) {
                if (Netns.names().contains(n)) {
                    Netns.delete(n);
                }
            }
        }
    }

    @Test
    void the_cli_monitor_shows_only_the_family_of_minus_4(Netns ns) throws Exception {
        Ip.batch(ns, "link add v0 type veth peer name v1\nlink set v0 up\n");
        List<String> cmd = new ArrayList<>(List.of(Scripts.jnetnsCommand().split(" ")));
        cmd.addAll(List.of("-4", "-n", ns.path(), "-j", "monitor", "address"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        java.util.concurrent.BlockingQueue<String> out = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(out::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // the child ended
            }
        });
        reader.start();
        List<String> lines = new ArrayList<>();
        try {
            // Rounds of an IPv6 then an IPv4 address until two IPv4 lines came: the child was
            // subscribed before the second round's IPv6 address, whatever the load.
            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int n = 1; seen < 2; n++) {
                assertTrue(System.nanoTime() < deadline, "no IPv4 line in 60 s: " + lines);
                Ip.run(ns, "addr", "add", "fd00:4::" + n + "/64", "dev", "v0", "nodad");
                Ip.run(ns, "addr", "add", "198.18.4." + n + "/24", "dev", "v0");
                for (String line; (line = out.poll(500, TimeUnit.MILLISECONDS)) != null; ) {
                    lines.add(line);
                    if (line.contains("\"198.18.4." + n + "\"")) {
                        seen++;
                        break;
                    }
                }
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "ends on SIGTERM");
            reader.join(10_000);
        }
        assertTrue(lines.stream().allMatch(l -> l.contains("\"family\":\"inet\"") && !l.contains("fd00")),
                "only IPv4 addresses: " + lines);
    }
}
