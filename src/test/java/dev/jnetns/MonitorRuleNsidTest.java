package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Monitor.Change;
import dev.jnetns.Monitor.Event;
import dev.jnetns.Monitor.Topic;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RULE and NSID topics ({@code ip monitor rule nsid}), with changes only (the default) and with
 * {@link Monitor.Options#everyNotification()}, which reports each notification, a repeated one too.
 */
@ExtendWith(NetnsExtension.class)
class MonitorRuleNsidTest {

    private static List<Event> drain(Monitor m) throws InterruptedException {
        assertTrue(m.awaitSynced(10, TimeUnit.SECONDS), "caught up");
        List<Event> out = new ArrayList<>();
        for (Event e = m.poll(0, TimeUnit.MILLISECONDS); e != null; e = m.poll(0, TimeUnit.MILLISECONDS)) {
            out.add(e);
        }
        return out;
    }

    @Test
    void rules_and_nsids_are_reported_added_and_removed(Netns ns) throws Exception {
        String other = "jnetns-test-mrn-" + UUID.randomUUID().toString().substring(0, 6);
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.RULE, Topic.NSID), Monitor.Options.DEFAULT, null)) {
            Ip.run(ns, "rule", "add", "from", "198.18.70.0/24", "table", "100", "pref", "1000");
            Ip.run(ns, "-6", "rule", "add", "from", "fd00:70::/64", "table", "100", "pref", "1001");
            Ip.run(ns, "rule", "del", "pref", "1000");
            List<Event> rules = drain(m);
            assertEquals(List.of("ADDED 2 1000", "ADDED 10 1001", "REMOVED 2 1000"), rules.stream()
                    .map(e -> (Monitor.RuleEvent) e).map(e -> e.change() + " " + e.rule().family() + " " + e.rule().priority())
                    .toList());
            try (Netns b = Netns.createNamed(other)) {
                try (Rtnl rtnl = Rtnl.open(ns)) {
                    rtnl.setNsid(b, 9);
                }
                List<Event> ids = drain(m);
                assertEquals(1, ids.size(), ids.toString());
                Monitor.NsidEvent id = (Monitor.NsidEvent) ids.get(0);
                assertEquals(Change.ADDED, id.change());
                assertEquals(9, id.id().nsid());
            } finally {
                Netns.delete(other);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Event gone = null;
            while (gone == null && System.nanoTime() < deadline) {   // the kernel drops the id in a worker, later
                gone = m.poll(100, TimeUnit.MILLISECONDS);
            }
            assertTrue(gone instanceof Monitor.NsidEvent n && n.change() == Change.REMOVED && n.id().nsid() == 9,
                    "the id goes with the namespace: " + gone);
        }
    }

    @Test
    void every_notification_reports_a_repeated_one_too(Netns ns) throws Exception {
        Ip.batch(ns, "link add v0 type veth peer name v1\nlink set v0 up\n");   // the kernel announces an alias only when up
        try (Monitor m = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.LINK), new Monitor.Options(false, 0, true), null);
             Monitor changes = Monitor.start(Map.of("t", ns), EnumSet.of(Topic.LINK), Monitor.Options.DEFAULT, null)) {
            Ip.run(ns, "link", "set", "v0", "alias", "same");
            Ip.run(ns, "link", "set", "v0", "alias", "same");   // the kernel announces it again: nothing changed
            List<Event> every = drain(m);
            List<Event> real = drain(changes);
            assertTrue(every.size() > real.size(), "every " + every + "\nreal " + real);
            assertTrue(every.stream().allMatch(e -> ((Monitor.LinkEvent) e).change() == Change.ADDED), every.toString());
        }
    }
}
