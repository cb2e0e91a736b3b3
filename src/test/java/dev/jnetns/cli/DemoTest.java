package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import org.junit.jupiter.api.Test;

/** {@code jnetns demo}, the README's first command. */
class DemoTest {
    @Test
    void the_demo_builds_pings_across_the_router_and_cleans_up() throws Exception {
        var r = Cli.run("demo");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("create link r-a (veth, peer a-r in jnetns-demo-a)"), r.out());
        assertTrue(r.out().contains("route default via 198.18.1.1 dev a-r"), r.out());
        assertTrue(r.out().matches("(?s).*ping 198\\.18\\.2\\.2 from jnetns-demo-a through jnetns-demo-router: answered in [0-9.]+ ms.*"), r.out());
        for (String n : Netns.names()) {
            assertFalse(n.startsWith("jnetns-demo-"), "left behind: " + n);
        }
    }
}
