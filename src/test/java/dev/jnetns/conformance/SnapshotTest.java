package dev.jnetns.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.testutil.Ip;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The snapshot issue 12's checks compare with: stable on a namespace left alone, and it sees a changed field. */
class SnapshotTest {

    @Test
    void a_snapshot_sees_a_changed_field_and_nothing_else() throws Exception {
        String name = "jnetns-cf-snap-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (IpShell shell = new IpShell();
             Applied a = Applied.build(ConfigGenerator.generate(42), name)) {
            assertEquals(List.of(), a.rejectedByIp, "generator syntax");
            Snapshot before = Snapshot.of(shell, name);
            assertEquals(List.of(), stable(shell, name, before), "a namespace left alone");
            Ip.run(a.ns, "link", "add", "snap0", "type", "veth", "peer", "name", "snap1");
            Snapshot added = Snapshot.of(shell, name);
            assertTrue(before.differences(added, Set.of()).stream().anyMatch(d -> d.contains("snap0")),
                    "a new device: " + before.differences(added, Set.of()));
            Ip.run(a.ns, "link", "set", "snap0", "alias", "changed");
            List<String> changed = added.differences(Snapshot.of(shell, name), Set.of());
            assertTrue(changed.stream().anyMatch(d -> d.contains("ifalias")), "an alias: " + changed);
            assertEquals(List.of(), added.differences(Snapshot.of(shell, name), Set.of("ifalias")),
                    "the alias is the only change, and an ignored key is left out");
        }
    }

    /** The differences from {@code before} once the namespace has settled (DAD, carrier): at most 5 s. */
    private static List<String> stable(IpShell shell, String name, Snapshot before) throws InterruptedException {
        List<String> d = List.of();
        for (int i = 0; i < 10; i++) {
            Snapshot now = Snapshot.of(shell, name);
            d = before.differences(now, Set.of());
            if (d.isEmpty()) {
                return d;
            }
            before = now;
            Thread.sleep(500);
        }
        return d;
    }
}
