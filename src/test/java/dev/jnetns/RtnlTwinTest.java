package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.cli.Main;
import dev.jnetns.testutil.Fixtures;
import dev.jnetns.testutil.Ip;
import dev.jnetns.model.JsonText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every verb of link, address, route, neighbour and rule: the jnetns command in one namespace and
 * the same ip command in a twin leave the same kernel state, as ip -j sees it after every step.
 */
class RtnlTwinTest {
    /** The state ip -j shows, without what is random per namespace (MACs, link-local addresses). */
    private static final String[][] SHOWS = {
        {"-d", "-j", "link", "show"}, {"-j", "addr", "show"}, {"-j", "route", "show", "table", "all"},
        {"-j", "neigh", "show", "nud", "all"}, {"-j", "rule", "show"}, {"-6", "-j", "rule", "show"}};

    private static String state(Netns ns, String[] show) {
        Object v = JsonText.parse(Ip.run(ns, show));
        scrub(v);
        if (Arrays.asList(show).contains("neigh")) {
            // multicast entries the kernel makes by itself come and go with timing: leave them out
            ((List<?>) v).removeIf(n -> String.valueOf(((Map<?, ?>) n).get("dst")).matches("ff0.*|22[4-9]\\..*|23\\d\\..*"));
            // the kernel dumps its neighbour hash table, whose order differs between namespaces
            return ((List<?>) v).stream().map(Object::toString).sorted().toList().toString();
        }
        return v.toString();
    }

    @SuppressWarnings("unchecked")
    private static void scrub(Object v) {
        if (v instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) v;
            if ("ether".equals(m.get("link_type")) && !String.valueOf(m.get("address")).startsWith("02:00:00")) {
                m.remove("address");
            }
            m.remove("permaddr");
            // carrier and operational state follow the link asynchronously (linkwatch, bridge ports)
            m.remove("operstate");
            if (m.get("flags") instanceof List) {
                ((List<Object>) m.get("flags")).removeIf(f -> f.equals("NO-CARRIER") || f.equals("LOWER_UP")
                        || f.equals("linkdown"));
            }
            m.values().forEach(RtnlTwinTest::scrub);
            if (m.get("addr_info") instanceof List) {
                ((List<Object>) m.get("addr_info")).removeIf(a -> String.valueOf(((Map<?, ?>) a).get("local")).startsWith("fe80:"));
            }
            m.remove("linkinfo");   // -d: data such as the vxlan port range are the same but bulky
        } else if (v instanceof List) {
            List<Object> l = (List<Object>) v;
            l.removeIf(x -> x instanceof Map && String.valueOf(((Map<?, ?>) x).get("dst")).matches("fe80::[0-9a-f].*"));
            l.forEach(RtnlTwinTest::scrub);
        }
    }

    /**
     * Both twins show the same, within 10 s: a bridge's carrier, and with it the kernel's IPv6
     * routes of the device (fe80::/64, ff00::/8), comes when a port starts forwarding, on the
     * kernel's timers, so one twin may be a moment behind the other.
     */
    private static void sameState(Netns a, Netns b, String[] show, String what) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String ip = state(b, show);
            String ours = state(a, show);
            if (ip.equals(ours) || attempt == 50) {
                assertEquals(ip, ours, what);
                if (attempt > 1) {
                    System.out.println("RtnlTwinTest: the twins agreed after " + (attempt - 1) * 200 + " ms, " + what);
                }
                return;
            }
            Thread.sleep(200);
        }
    }

    private static String[] words(String command, String peer) {
        List<String> out = new ArrayList<>();
        for (String w : command.replace("@PEER", peer).split(" (?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            out.add(w.replace("\"", ""));
        }
        return out.toArray(new String[0]);
    }

    @Test
    void jnetns_and_ip_leave_the_same_state_after_each_command() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String peerA = "jnetns-test-pa-" + tag;
        String peerB = "jnetns-test-pb-" + tag;
        try (Netns a = Netns.create(); Netns b = Netns.create();
             Netns pa = Netns.createNamed(peerA); Netns pb = Netns.createNamed(peerB)) {
            int n = 0;
            for (String line : Fixtures.COMMANDS) {
                String[] parts = line.split("\\|");
                String jn = parts[0];
                String ip = parts.length > 1 ? parts[1] : parts[0];
                List<String> args = new ArrayList<>(List.of("-n", a.path()));
                args.addAll(Arrays.asList(words(jn, peerA)));
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int rc = Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
                assertEquals(0, rc, "jnetns " + jn + ": " + err);
                Ip.run(b, words(ip, peerB));
                for (String[] show : SHOWS) {
                    sameState(a, b, show, "after \"" + jn + "\", ip " + String.join(" ", show));
                }
                assertEquals(Ip.run(pb, "-j", "link", "show").replaceAll("\"address\":\"[0-9a-f:]+\",", ""),
                        Ip.run(pa, "-j", "link", "show").replaceAll("\"address\":\"[0-9a-f:]+\",", ""));
                n++;
            }
            assertEquals(Fixtures.COMMANDS.size(), n);
        } finally {
            Netns.delete(peerA);
            Netns.delete(peerB);
        }
    }
}
