package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Fixtures;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code jnetns -d link show} of bridges and bridge ports against {@code ip -d link show}, in text,
 * {@code -j}, {@code -j -p} and {@code -o}, on bridges and ports with non-default options and STP running.
 * The bridge timers move on their own: each is named below, and its value (only) is replaced in both
 * outputs by a mark of the same width, so that the format is still compared.
 */
@ExtendWith(NetnsExtension.class)
class CliBridgeShowTest {
    /** The timers ip prints for bridges and ports: they count down (or up) between two reads. */
    private static final List<String> TIMERS = List.of("hello_timer", "tcn_timer", "topology_change_timer",
            "gc_timer", "hold_timer", "message_age_timer", "forward_delay_timer");
    private static final Pattern TEXT_TIMER =
            Pattern.compile("\\b(" + String.join("|", TIMERS) + ") ( *[0-9]+\\.[0-9]{2}) ");
    private static final Pattern JSON_TIMER =
            Pattern.compile("(\"(?:" + String.join("|", TIMERS) + ")\": ?)[0-9]+\\.[0-9]{2}([,\\n}])");

    /** The timers' values replaced: by '#'s of the same width in text, by T in JSON. */
    static String maskTimers(String out) {
        Matcher m = TEXT_TIMER.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group(1) + " " + "#".repeat(m.group(2).length()) + " ");
        }
        m.appendTail(sb);
        return JSON_TIMER.matcher(sb.toString()).replaceAll("$1T$2");
    }

    @Test
    void masking_keeps_the_format_of_the_timers() {
        assertEquals("hello_timer ####### gc_timer #### ", maskTimers("hello_timer    1.19 gc_timer 0.05 "));
        assertEquals("{\"hold_timer\":T,\"x\":1}", maskTimers("{\"hold_timer\":12.34,\"x\":1}"));
        assertEquals("\"gc_timer\": T\n", maskTimers("\"gc_timer\": 0.00\n"));
        // a value not written as ip writes it stays, and fails the comparison
        assertEquals("hello_timer 1.5 ", maskTimers("hello_timer 1.5 "));
    }

    @Test
    void details_of_bridges_and_ports_equal_ip(Netns ns) {
        Fixtures.bridges(ns);
        List<String> checked = new ArrayList<>();
        for (String[] form : new String[][] {{"-d"}, {"-d", "-j"}, {"-d", "-j", "-p"}, {"-d", "-o"}}) {
            for (String dev : new String[] {null, "br0", "br1", "br2", "v0", "v4", "v6"}) {
                List<String> args = new ArrayList<>(List.of(form));
                args.addAll(List.of("link", "show"));
                if (dev != null) {
                    args.addAll(List.of("dev", dev));
                }
                List<String> ours = new ArrayList<>(List.of("-n", ns.path()));
                ours.addAll(args);
                String what = String.join(" ", args);
                Cli.assertSameAsIp(() -> maskTimers(Ip.run(ns, args.toArray(new String[0]))),
                        () -> maskTimers(Cli.ok(ours.toArray(new String[0]))), what);
                checked.add(what);
            }
        }
        assertEquals(28, checked.size());
        String text = Cli.ok("-n", ns.path(), "-d", "link", "show", "dev", "v0");
        assertTrue(text.contains("bridge_slave state ") && text.contains(" backup_port v2 "), text);
    }
}
