package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Netns#createNamedAll}: the names in order on one helper thread, each a namespace of its own
 * that {@code ip netns} sees; a failing name is reported by its index (with the caller's stack, the
 * worker's as its cause) and, when asked, stops the rest; a bad name makes nothing. And
 * {@link Netns#deleteNamedAll}: the outcome of deleting one by one in order, whether the run is
 * long enough to be removed by several threads or not.
 */
class NetnsCreateNamedAllTest {
    private final String tag = "jnetns-all-" + Long.toHexString(System.nanoTime() & 0xffffff);

    @Test
    void names_are_made_in_order_and_a_failure_names_its_index() throws Exception {
        List<String> names = List.of(tag + "-a", tag + "-b", tag + "-a", tag + "-c");
        try {
            Map<Integer, ErrnoException> stop = Netns.createNamedAll(names, true);
            assertEquals(List.of(2), List.copyOf(stop.keySet()));
            ErrnoException e = stop.get(2);
            assertTrue(e.is(Errno.EEXIST), e.getMessage());
            assertEquals(NetnsDir.class.getName(), e.getStackTrace()[0].getClassName(), "the caller's stack");
            assertTrue(e.getCause().getMessage().startsWith("thrown on thread jnetns-create-"), e.getCause().getMessage());
            assertEquals(List.of(tag + "-a", tag + "-b"), mine(), "the name after the failure was not tried");
            assertTrue(Netns.inodeOf(Netns.RUN_DIR.resolve(tag + "-a")) != Netns.inodeOf(Netns.RUN_DIR.resolve(tag + "-b")),
                    "two namespaces");

            Netns.delete(tag + "-b");
            Map<Integer, ErrnoException> force = Netns.createNamedAll(names, false);
            assertEquals(List.of(0, 2), List.copyOf(force.keySet()));
            assertEquals(List.of(tag + "-a", tag + "-b", tag + "-c"), mine());
            String listed = Ip.command(List.of("ip", "netns", "list"), null).out();
            for (String n : mine()) {
                assertTrue(listed.lines().anyMatch(l -> l.startsWith(n)), "ip netns sees " + n + ": " + listed);
            }

            assertThrows(IllegalArgumentException.class, () -> Netns.createNamedAll(List.of(tag + "-d", "x/y"), false));
            assertEquals(List.of(tag + "-a", tag + "-b", tag + "-c"), mine(), "nothing made for a bad name");
        } finally {
            for (String n : mine()) {
                Netns.delete(n);
            }
        }
    }

    @Test
    void a_run_of_deletions_has_the_outcome_of_one_by_one_in_order() throws Exception {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            made.add(String.format("%s-%02d", tag, i));
        }
        try {
            assertEquals(Map.of(), Netns.createNamedAll(made, true));
            // 30 removed by the removers, then one missing (stops the run), then the rest
            List<String> run = new ArrayList<>(made.subList(0, 30));
            run.add(tag + "-missing");
            run.addAll(made.subList(30, 40));
            Map<Integer, ErrnoException> stop = Netns.deleteNamedAll(run, true);
            assertEquals(List.of(30), List.copyOf(stop.keySet()));
            assertTrue(stop.get(30).is(Errno.ENOENT), stop.get(30).getMessage());
            assertEquals(made.subList(30, 40), mine(), "the 30 before the failure removed, none after it");

            // a repeated name fails as its second deletion would, the others go on (-force)
            List<String> again = new ArrayList<>(made.subList(30, 40));
            again.add(1, made.get(30));
            Map<Integer, ErrnoException> force = Netns.deleteNamedAll(again, false);
            assertEquals(List.of(1), List.copyOf(force.keySet()));
            assertEquals(List.of(), mine());
            String listed = Ip.command(List.of("ip", "netns", "list"), null).out();
            assertTrue(listed.lines().noneMatch(l -> l.startsWith(tag)), listed);

            assertThrows(IllegalArgumentException.class, () -> Netns.deleteNamedAll(List.of("x/y"), false));
        } finally {
            for (String n : mine()) {
                Netns.delete(n);
            }
        }
    }

    private List<String> mine() throws ErrnoException {
        List<String> out = new ArrayList<>();
        for (String n : Netns.names()) {
            if (n.startsWith(tag + "-")) {
                out.add(n);
            }
        }
        out.sort(null);
        return out;
    }
}
