package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code -all netns exec CMD}: the command in every named namespace, each headed as ip heads it, exit 0 as ip's. */
class CliNetnsAllTest {

    @Test
    void runs_in_every_named_namespace_with_ips_header() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "jnetns-test-all-" + tag;
        Path mark = Files.createTempFile("jnetns-all-", ".txt");
        try (Netns ns = Netns.createNamed(name)) {
            Ip.batch(ns, "link add all-" + tag.substring(0, 4) + " type bridge\n");
            // each run appends its namespace's devices; ours must be there, in ours only
            var r = Cli.run("-all", "netns", "exec", "sh", "-c", "ip -o link show >> " + mark + "; exit 3");
            assertEquals(0, r.exitCode(), "ip exits 0 whatever the runs exit with: " + r.err());
            assertTrue(r.out().contains("\nnetns: " + name + "\n"), r.out());
            List<String> seen = Files.readAllLines(mark);
            assertEquals(1, seen.stream().filter(l -> l.contains(": all-" + tag.substring(0, 4) + ":")).count(),
                    String.join("\n", seen));
            var ip = Ip.command(List.of("ip", "-all", "netns", "exec", "true"), null);
            assertTrue(ip.out().contains("\nnetns: " + name + "\n"), "ip heads the run the same way: " + ip.out());
            assertEquals(1, Cli.run("-all", "netns", "exec").exitCode(), "no command");
        } finally {
            Netns.delete(name);
            Files.deleteIfExists(mark);
        }
    }
}
