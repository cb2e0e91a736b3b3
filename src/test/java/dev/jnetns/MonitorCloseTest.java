package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Monitor.Event;
import dev.jnetns.Monitor.Topic;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Ip;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * A closed monitor watches nothing and answers nothing: every method throws IllegalStateException
 * ("monitor is closed"), a take() waiting as it closes included; close() from the callback returns
 * at once.
 */
@ExtendWith(NetnsExtension.class)
class MonitorCloseTest {

    private static boolean reading(String label) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("jnetns-monitor-" + label));
    }

    @Test
    void after_close_every_method_throws_and_add_watches_nothing(Netns ns) throws Exception {
        Monitor m = Monitor.start(Map.of("mon-closed", ns), EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, null);
        m.close();
        Map<String, Executable> uses = new LinkedHashMap<>();
        uses.put("add", () -> m.add("mon-closed-added", ns));
        uses.put("remove", () -> m.remove("mon-closed"));
        uses.put("labels", m::labels);
        uses.put("links", () -> m.links("mon-closed"));
        uses.put("routes", () -> m.routes("mon-closed"));
        uses.put("awaitSynced", () -> m.awaitSynced(1, TimeUnit.SECONDS));
        uses.put("poll", () -> m.poll(1, TimeUnit.SECONDS));
        uses.put("take", m::take);
        for (Map.Entry<String, Executable> u : uses.entrySet()) {
            long start = System.nanoTime();
            IllegalStateException e = assertThrows(IllegalStateException.class, u.getValue(), u.getKey());
            assertEquals("monitor is closed", e.getMessage(), u.getKey());
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), u.getKey() + " waited");
        }
        assertFalse(reading("mon-closed-added"), "add after close started a reader");
        assertFalse(reading("mon-closed"));
        m.close();   // a second close does nothing
    }

    @Test
    void take_and_poll_on_a_monitor_with_a_callback_say_where_the_events_go(Netns ns) throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        try (Monitor m = Monitor.start(Map.of("cb", ns), EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, seen::add)) {
            for (Executable use : List.<Executable>of(m::take, () -> m.poll(1, TimeUnit.SECONDS))) {
                IllegalStateException e = assertThrows(IllegalStateException.class, use);
                assertEquals("monitor was started with a callback: its events go there, not to take/poll", e.getMessage());
            }
        }
    }

    @Test
    void a_take_waiting_as_another_thread_closes_the_monitor_throws_at_once(Netns ns) throws Exception {
        Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, null);
        CompletableFuture<Event> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return m.take();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(300);
        assertFalse(taken.isDone(), "no event yet");
        m.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> taken.get(2, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
        assertEquals("monitor is closed", e.getCause().getMessage());
    }

    @Test
    void close_from_the_callback_returns_at_once_and_nothing_is_delivered_after_it(Netns ns) throws Exception {
        AtomicReference<Monitor> monitor = new AtomicReference<>();
        AtomicLong closeNanos = new AtomicLong(-1);
        List<Event> afterClose = new CopyOnWriteArrayList<>();
        Monitor m = Monitor.start(Map.of("mon-self", ns), EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, e -> {
            if (closeNanos.get() >= 0) {
                afterClose.add(e);
            } else {
                long start = System.nanoTime();
                monitor.get().close();
                closeNanos.set(System.nanoTime() - start);
            }
        });
        monitor.set(m);
        Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((closeNanos.get() < 0 || reading("mon-self")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(closeNanos.get() >= 0, "no event came");
        assertTrue(closeNanos.get() < TimeUnit.SECONDS.toNanos(1), "close() took " + closeNanos.get() / 1_000_000 + " ms");
        assertFalse(reading("mon-self"), "the reader ended as the callback returned");
        Ip.run(ns, "link", "add", "v2", "type", "veth", "peer", "name", "v3");
        Thread.sleep(300);
        assertEquals(List.of(), afterClose);
        assertThrows(IllegalStateException.class, m::labels);
    }

    @Test
    void close_waits_five_seconds_in_all_for_readers_stuck_in_their_callbacks_not_five_each(Netns ns) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(3);
        Map<String, Netns> three = Map.of("stuck-a", ns, "stuck-b", ns, "stuck-c", ns);
        Monitor m = Monitor.start(three, EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, e -> {
            stuck.countDown();
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
            assertTrue(stuck.await(10, TimeUnit.SECONDS), "the three readers got an event");
            long start = System.nanoTime();
            m.close();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 4500 && ms < 9000, "close() took " + ms + " ms (5 s in all expected, not 15)");
        } finally {
            release.countDown();
        }
    }

    @Test
    void close_from_the_callback_on_the_thread_following_run_netns_returns_at_once() throws Exception {
        String name = "jnetns-mon-close-" + UUID.randomUUID().toString().substring(0, 6);
        AtomicReference<Monitor> monitor = new AtomicReference<>();
        AtomicLong closeNanos = new AtomicLong(-1);
        // the listing of a namespace named later is reported on the thread that follows /run/netns
        Monitor m = Monitor.startNamed(EnumSet.of(Topic.LINK), new Monitor.Options(true, 0), e -> {
            if (e.netns().equals(name) && closeNanos.get() < 0) {
                long start = System.nanoTime();
                monitor.get().close();
                closeNanos.set(System.nanoTime() - start);
            }
        });
        monitor.set(m);
        try (Netns ns = Netns.createNamed(name)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (closeNanos.get() < 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(closeNanos.get() >= 0, "the namespace named later was not listed");
            assertTrue(closeNanos.get() < TimeUnit.SECONDS.toNanos(1), "close() took " + closeNanos.get() / 1_000_000 + " ms");
            Thread.sleep(300);
            assertFalse(reading(name), "no reader of the namespace named later after close()");
        } finally {
            Netns.delete(name);
            m.close();
        }
    }
}
