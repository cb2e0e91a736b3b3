package dev.jnetns.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file under src/test/resources/topology/invalid is refused by apply, diff and destroy alike:
 * exit 1, nothing on stdout (diff reports no drift), one line on stderr naming the JSON path of the
 * problem as expected.txt says, and no namespace or device made (none of the file's namespaces in
 * {@code ip netns list} or under /run/netns, the host's {@code ip link show} unchanged; other
 * namespaces come and go with the tests of other processes).
 */
class TopologyValidationTest {
    private static final Path DIR = Path.of("src/test/resources/topology/invalid");

    @Test
    void each_invalid_file_exits_1_naming_the_json_path_and_changes_nothing(@TempDir Path tmp) throws Exception {
        String prefix = "jv" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> cases = Files.readAllLines(DIR.resolve("expected.txt")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertTrue(cases.size() >= 30, "at least 30 invalid files: " + cases.size());
        String hostLinksBefore = hostLinks();
        for (String c : cases) {
            String[] parts = c.split("\t", 2);
            Path file = tmp.resolve(parts[0]);
            Files.writeString(file, Files.readString(DIR.resolve(parts[0])).replace("@", prefix));
            String expected = "jnetns: " + file + ": " + parts[1].replace("@", prefix);
            for (String command : List.of("apply", "diff", "destroy")) {
                Ip.Result r = Cli.run(command, file.toString());
                String what = command + " " + parts[0];
                assertEquals(1, r.exitCode(), what + ": " + r.err());
                assertEquals("", r.out(), what + " reports nothing as drift or as done");
                assertEquals(1, r.err().lines().count(), what + ": one line: " + r.err());
                assertTrue(r.err().startsWith(expected), what + ": expected a line starting with\n" + expected + "\nbut got\n"
                        + r.err());
                assertTrue(Netns.names().stream().noneMatch(n -> n.startsWith(prefix)), what + " made no namespace");
            }
        }
        assertFalse(Ip.command(List.of("ip", "netns", "list"), null).out().contains(prefix), "ip netns list shows none");
        assertEquals(hostLinksBefore, hostLinks(), "no device made in the host namespace");
    }

    /** The host's devices as {@code ip -o link show} lists them, without their changing state and counters. */
    private static String hostLinks() {
        return Ip.command(List.of("ip", "-o", "link", "show"), null).out().replaceAll(" state [A-Z]+", "");
    }
}
