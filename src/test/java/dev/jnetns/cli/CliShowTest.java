package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Fixtures;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every show command of jnetns prints exactly what ip prints (JSON, indented JSON and text) on a namespace that
 * holds every device kind and route type, tables and IPv6 included.
 */
class CliShowTest {
    private static final List<String> SHOWS = List.of(
            "link show", "link show dev v3", "addr show", "addr show dev v0", "-4 addr show", "-6 addr show",
            "route show", "-6 route show", "route show table all", "route show table 100", "route show table 1000",
            "route show table local", "-6 route show table local", "route show dev v0",
            "neigh show", "neigh show nud all", "-6 neigh show", "rule show", "-6 rule show",
            "netns list", "-br link show", "-br addr show", "-br -4 addr show", "-br -6 addr show",
            // counters of a device that is down (they do not move): -s and -s -s
            "-s link show dev v3", "-s -s link show dev v3", "-s addr show dev v3",
            "-o link show", "-o addr show", "-o -4 addr show",
            "link show up", "link show type veth", "link show type bridge_slave", "link show master br0",
            "addr show up", "addr show type bridge", "-br link show group default", "-4 addr show up",
            "-br addr show up", "-o addr show up",
            "route show proto kernel", "route show scope link", "route show table all type local",
            "route show root 198.18.0.0/15", "route show match 198.18.0.7", "-6 route show root fd00::/8",
            "route show default", "route show exact 198.18.0.0/24", "route show table all proto boot");

    @Test
    void every_show_equals_ip_in_json_and_text() throws Exception {
        String peer = "jnetns-test-show-" + UUID.randomUUID().toString().substring(0, 6);
        try (Netns ns = Netns.createNamed("jnetns-test-s-" + peer.substring(17)); Netns p = Netns.createNamed(peer)) {
            Fixtures.everything(ns, peer);
            List<String> checked = new ArrayList<>();
            for (String show : SHOWS) {
                for (String json : new String[] {"-j", "-j -p", null}) {
                    List<String> args = new ArrayList<>(List.of("-n", ns.name()));
                    if (json != null) {
                        args.addAll(List.of(json.split(" ")));
                    }
                    args.addAll(List.of(show.split(" ")));
                    String[] a = args.toArray(new String[0]);
                    List<String> ipArgs = new ArrayList<>(args);
                    Cli.assertSameAsIp(() -> ipOut(prepend("ip", ipArgs)), () -> Cli.ok(a), "jnetns " + String.join(" ", a));
                    checked.add(String.join(" ", a));
                }
            }
            assertEquals(SHOWS.size() * 3, checked.size());
        } finally {
            Netns.delete(peer);
            Netns.delete("jnetns-test-s-" + peer.substring(17));
        }
    }

    private static String ipOut(List<String> cmd) {
        Ip.Result ip = Ip.command(cmd, null);
        assertEquals(0, ip.exitCode(), ip.err());
        return ip.out();
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
