package dev.jnetns.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.testutil.Ip;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The snapshot issue 12's checks compare with: the same for a namespace left alone, and it sees a changed field. */
class SnapshotTest {

    @Test
    void a_snapshot_sees_a_changed_field_and_nothing_else() throws Exception {
        String name = "jnetns-cf-snap-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        // nothing up: no DAD, carrier or multicast joins change the namespace while it is compared
        Config quiet = new Config(0, List.of(
                "link add br0 type bridge",
                "link add v0 type veth peer name v1",
                "addr add 198.18.0.1/24 dev v0",
                "addr add fd00::1/64 dev v0 nodad",
                "route add blackhole 198.19.0.0/24 table 7",
                "rule add from 198.18.0.0/24 table 7 pref 100",
                "neigh add 198.18.0.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent"), List.of());
        try (IpShell shell = new IpShell();
             Applied a = Applied.build(quiet, name)) {
            assertEquals(List.of(), a.rejectedByIp, "syntax");
            assertEquals(0, a.refused.size(), "refused: " + a.refused);
            Snapshot before = Snapshot.of(shell, name);
            assertEquals(List.of(), before.differences(Snapshot.of(shell, name), Set.of()), "a namespace left alone");
            Ip.run(a.ns, "link", "add", "snap0", "type", "veth", "peer", "name", "snap1");
            Snapshot added = Snapshot.of(shell, name);
            List<String> devices = before.differences(added, Set.of());
            assertTrue(devices.stream().anyMatch(d -> d.contains("snap0")), "a new device: " + devices);
            Ip.run(a.ns, "link", "set", "snap0", "alias", "changed");
            Snapshot aliased = Snapshot.of(shell, name);
            List<String> changed = added.differences(aliased, Set.of());
            assertTrue(changed.stream().anyMatch(d -> d.contains("ifalias")), "an alias: " + changed);
            assertEquals(List.of(), added.differences(aliased, Set.of("ifalias")),
                    "the alias is the only change, and an ignored key is left out");
        }
    }
}
