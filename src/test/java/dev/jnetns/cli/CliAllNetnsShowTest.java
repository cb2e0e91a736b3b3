package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.TunTapSpec;
import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.CliProcess;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's view: {@code jnetns --all-netns link show} over 300 namespaces each holding a
 * {@code tun0} lists 300 {@code tun0}s, each under its namespace's header (a sample of 20 sections
 * compared byte for byte with {@code ip -n NS link show}); its {@code -j} is the concatenation of
 * each namespace's {@code ip -n NS -j link show} records, each with "netns" first. Other sessions'
 * namespaces under /run/netns come and go meanwhile: only this test's are compared.
 */
class CliAllNetnsShowTest {
    private static final int COUNT = 300;

    /** NAME → its section of a text listing headed "\nnetns: NAME\n" per namespace, in order. */
    private static Map<String, String> sections(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = text.split("\nnetns: ", -1);
        assertEquals("", parts[0], "the listing starts with a header");
        for (int i = 1; i < parts.length; i++) {
            int nl = parts[i].indexOf('\n');
            out.put(parts[i].substring(0, nl), parts[i].substring(nl + 1));
        }
        return out;
    }

    @Test
    void three_hundred_tun0_each_with_its_namespace() throws Exception {
        String prefix = "jnetns-test-all-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> names = new ArrayList<>();
        StringBuilder add = new StringBuilder();
        StringBuilder del = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            names.add(prefix + i);
            add.append("netns add ").append(prefix).append(i).append('\n');
            del.append("netns del ").append(prefix).append(i).append('\n');
        }
        Set<String> mine = new LinkedHashSet<>(names);
        try {
            Ip.Result made = Ip.command(List.of("ip", "-batch", "-"), add.toString());
            assertEquals(0, made.exitCode(), made.err());
            for (String n : names) {   // in-process: 300 "ip -n NS tuntap add" take ~15 s here
                try (Netns ns = Netns.open(n); Rtnl rtnl = Rtnl.open(ns)) {
                    rtnl.tunTaps().add(TunTapSpec.tun("tun0"));
                }
            }

            Ip.Result text = CliProcess.run(null, "--all-netns", "link", "show");
            assertEquals(0, text.exitCode(), text.err());
            Map<String, String> listed = sections(text.out());
            Map<String, String> ours = new LinkedHashMap<>(listed);
            ours.keySet().retainAll(mine);
            assertEquals(COUNT, ours.size(), "each of ours once: " + ours.keySet());
            for (Map.Entry<String, String> e : ours.entrySet()) {
                assertEquals(1, e.getValue().split("\n\\d+: tun0: ", -1).length - 1, e.getKey() + ": " + e.getValue());
            }
            // ip's view of each of ours, one ip -n per namespace (not ip -all netns exec: in 6.1 a
            // namespace it cannot enter, one another session deletes meanwhile, makes its child go
            // on with the rest of the loop, and the children multiply); the text of every 15th
            StringBuilder each = new StringBuilder();
            int i = 0;
            for (String n : ours.keySet()) {
                each.append("echo ").append(n).append("; ip -n ").append(n).append(" -j link show; ");
                if (i++ % 15 == 0) {
                    each.append("ip -n ").append(n).append(" link show | sed 's/^/|/'; ");
                }
            }
            Map<String, String> ipJson = new LinkedHashMap<>();
            Map<String, String> ipText = new LinkedHashMap<>();
            String current = null;
            for (String line : Ip.command(List.of("bash", "-c", each.toString()), null).out().split("\n")) {
                if (line.startsWith("|")) {
                    ipText.merge(current, line.substring(1) + "\n", String::concat);
                } else if (line.startsWith("[")) {
                    ipJson.put(current, line);
                } else {
                    current = line;
                }
            }
            assertEquals(20, ipText.size(), "every 15th namespace's text");
            ipText.forEach((n, shown) -> assertEquals(shown, ours.get(n), n + ": as ip -n " + n + " link show prints it"));
            assertEquals(List.copyOf(ours.keySet()), List.copyOf(ipJson.keySet()));
            Ip.Result json = CliProcess.run(null, "--all-netns", "-j", "link", "show");
            assertEquals(0, json.exitCode(), json.err());
            List<Object> got = new ArrayList<>();
            for (Object r : (List<?>) JsonText.parse(json.out())) {
                assertTrue(((Map<?, ?>) r).containsKey("netns"), "labelled: " + r);
                if (mine.contains(((Map<?, ?>) r).get("netns"))) {
                    got.add(r);
                }
            }
            List<Object> expected = new ArrayList<>();
            for (Map.Entry<String, String> e : ipJson.entrySet()) {
                for (Object r : (List<?>) JsonText.parse(e.getValue())) {
                    Map<String, Object> labelled = new LinkedHashMap<>();
                    labelled.put("netns", e.getKey());
                    ((Map<?, ?>) r).forEach((k, v) -> labelled.put((String) k, v));
                    expected.add(labelled);
                }
            }
            assertEquals(COUNT * 2, expected.size(), "lo and tun0 in each");
            assertEquals(expected.toString(), got.toString(), "ip -n NS -j link show of each, netns first, in order");
            assertTrue(json.out().contains("{\"netns\":\"" + names.get(0) + "\",\"ifindex\":"), "netns the first key");
        } finally {
            Ip.command(List.of("ip", "-force", "-batch", "-"), del.toString());
            for (String n : names) {
                assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("/run/netns", n)), n + " left behind");
            }
        }
    }
}
