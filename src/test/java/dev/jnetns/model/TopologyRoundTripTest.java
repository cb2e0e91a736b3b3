package dev.jnetns.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generative test of issue 12 for export, diff, apply and rollback, on random configurations
 * built with ip alone ({@link TopologyGen}); ip is the oracle: {@code ip -d -j} link, addr, route
 * (both families, every table), rule, permanent and proxy neighbours before and after, equal apart from
 * the {@link #TIME_VARYING} fields named one by one.
 * <ul>
 * <li>(a) {@code netns export} → {@code netns del} → {@code apply} restores the namespace;</li>
 * <li>(c) one managed attribute changed with ip is reported by {@code diff} (exit 1) and repaired by
 *     {@code apply}, then {@code diff} exits 0 and a second {@code apply} changes nothing;</li>
 * <li>(d) a fault injected at a random step of an apply leaves exactly the state before it.</li>
 * </ul>
 * {@code -Dtopology.configs=N} sets the configurations per property (5 by default, the CI size);
 * {@code -Djnetns.seed=S} replays a run; {@code bench/topology.sh} runs long campaigns.
 */
class TopologyRoundTripTest {
    private static final int CONFIGS = Integer.getInteger("topology.configs", 5);
    /**
     * What the kernel changes on its own clock or chooses itself, masked by name: ifindexes, the
     * remaining lifetimes of finite addresses, the bridge's and its ports' running timers.
     */
    private static final Map<String, Pattern> TIME_VARYING = Map.of(
            "ifindex", Pattern.compile("\"ifindex\":\\d+"),
            "valid_life_time", Pattern.compile("\"valid_life_time\":(?!4294967295\\b)\\d+"),
            "preferred_life_time", Pattern.compile("\"preferred_life_time\":(?!4294967295\\b)\\d+"),
            "bridge timers", Pattern.compile("\"(?:hello_timer|tcn_timer|topology_change_timer|gc_timer|hold_timer"
                    + "|message_age_timer|forward_delay_timer)\":[\\d.]+"));

    private final String name = "jg" + UUID.randomUUID().toString().substring(0, 6);

    @AfterEach
    void cleanUp() throws Exception {
        if (Netns.names().contains(name)) {
            Netns.delete(name);
        }
    }

    /** Makes the namespace afresh and builds {@code c} in it with ip. */
    private void build(TopologyGen.Config c) throws Exception {
        cleanUp();
        try (Netns ns = Netns.createNamed(name)) {
            // no DAD, so that ip's picture holds still at once; the file carries these sysctls too
            ns.setSysctl("net.ipv6.conf.all.accept_dad", "0");
            ns.setSysctl("net.ipv6.conf.default.accept_dad", "0");
            Ip.batch(ns, String.join("\n", c.lines()) + "\n");
        }
    }

    /**
     * What ip sees in the namespace, time-varying fields masked; with {@code anyAddressOrder}, a device's addresses are sorted among themselves and
     * the devices too: after an address or a device was deleted behind the file's back, apply makes
     * it again where the kernel puts a new one (an address last for IPv4, first for IPv6; a device
     * with the next ifindex), not where it was.
     */
    private String snapshot(boolean anyAddressOrder) throws Exception {
        try (Netns ns = Netns.open(name)) {
            Thread.sleep(50);
            StringBuilder sb = new StringBuilder();
            for (List<String> q : List.of(List.of("-d", "-j", "link", "show"), List.of("-d", "-j", "addr", "show"),
                    List.of("-d", "-j", "-4", "route", "show", "table", "all"),
                    List.of("-d", "-j", "-6", "route", "show", "table", "all"), List.of("-j", "-4", "rule", "show"),
                    List.of("-j", "-6", "rule", "show"), List.of("-j", "neigh", "show", "nud", "permanent"),
                    List.of("-j", "neigh", "show", "proxy"))) {
                String out = Ip.run(ns, q.toArray(new String[0]));
                for (Map.Entry<String, Pattern> f : TIME_VARYING.entrySet()) {
                    out = f.getValue().matcher(out).replaceAll("<" + f.getKey() + ">");
                }
                String lines = sortAmong(out.replace("},{", "},\n{").replace(":[{", ":[\n{"), KERNEL_V6);
                sb.append(String.join(" ", q)).append('\n').append(anyAddressOrder ? devicesInAnyOrder(lines)
                        : lines).append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * The kernel's own IPv6 routes of every device ({@code fe80::/64}, {@code ff00::/8}, local
     * addresses) are listed in the order the devices came up, which a file does not say: those lines
     * are sorted among themselves, in their places; every other line keeps its place.
     */
    private static String sortAmong(String out, Pattern which) {
        List<String> lines = new ArrayList<>(out.lines().toList());
        List<Integer> at = new ArrayList<>();
        List<String> kernel = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (which.matcher(lines.get(i)).find()) {
                at.add(i);
                kernel.add(lines.get(i).replaceAll("[,\\]]+$", ""));
            }
        }
        kernel.sort(null);
        for (int k = 0; k < at.size(); k++) {
            String old = lines.get(at.get(k));
            lines.set(at.get(k), kernel.get(k) + old.substring(old.replaceAll("[,\\]]+$", "").length()));
        }
        return String.join("\n", lines);
    }

    /** Each device's lines (its object, then its addresses sorted) as one block, the blocks sorted. */
    private static String devicesInAnyOrder(String out) {
        List<List<String>> blocks = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String bare = line.replaceFirst("^\\[", "").replaceAll("[,\\]}]+$", "");
            if (bare.startsWith("{<ifindex>") || blocks.isEmpty()) {
                blocks.add(new ArrayList<>());
            }
            blocks.get(blocks.size() - 1).add(bare);
        }
        List<String> sorted = new ArrayList<>();
        for (List<String> b : blocks) {
            List<String> addresses = new ArrayList<>(b.subList(1, b.size()));
            addresses.sort(null);
            sorted.add(b.get(0) + "\n" + String.join("\n", addresses));
        }
        sorted.sort(null);
        return String.join("\n", sorted);
    }

    private static final Pattern KERNEL_V6 = Pattern.compile(
            "\"dst\":\"(?:fe80::/64|ff00::/8|fe80::[0-9a-f:]+)\".*\"protocol\":\"kernel\"");

    private String settled() {
        return settled(false);
    }

    /** {@link #snapshot(boolean)} once the kernel is done with the devices ({@link Ip#settled}). */
    private String settled(boolean anyAddressOrder) {
        return Ip.settled(() -> {
            try {
                return snapshot(anyAddressOrder);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private Path export(Path dir) throws Exception {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, Cli.ok("netns", "export", name));
        return f;
    }

    private static void assertSame(String before, String after, String what) {
        if (!before.equals(after)) {
            List<String> b = before.lines().toList();
            List<String> a = after.lines().toList();
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                String x = i < b.size() ? b.get(i) : "";
                String y = i < a.size() ? a.get(i) : "";
                if (!x.equals(y)) {
                    d.append("- ").append(x).append("\n+ ").append(y).append('\n');
                }
            }
            throw new AssertionError(what + ":\n" + d);
        }
    }

    @Test
    void a_export_then_netns_del_then_apply_gives_the_same_namespace(@TempDir Path dir) {
        Property.check("export/del/apply", CONFIGS, TopologyGen::config, c -> {
            try {
                build(c);
                String before = settled();
                Path file = export(dir);
                Netns.delete(name);
                Ip.Result apply = Cli.run("apply", file.toString());
                assertEquals(0, apply.exitCode(), apply.err() + "\nfile:\n" + Files.readString(file));
                assertSame(before, settled(), "ip sees another namespace after export, del, apply of\n"
                        + Files.readString(file));
                assertEquals("", Cli.run("diff", file.toString()).out(), "no drift right after apply");
                assertEquals("no changes\n", Cli.ok("apply", file.toString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void c_one_attribute_changed_with_ip_is_reported_by_diff_and_repaired_by_apply(@TempDir Path dir) {
        Property.check("diff/repair", CONFIGS, r -> {
            TopologyGen.Config c = TopologyGen.config(r);
            return Map.entry(c, TopologyGen.mutation(r, c));
        }, cm -> {
            try {
                build(cm.getKey());
                boolean readded = cm.getValue().stream().anyMatch(l -> l.startsWith("addr del") || l.startsWith("link del"));
                String before = settled(readded);
                Path file = export(dir);
                try (Netns ns = Netns.open(name)) {
                    Ip.batch(ns, String.join("\n", cm.getValue()) + "\n");
                }
                Ip.Result diff = Cli.run("diff", file.toString());
                assertEquals(1, diff.exitCode(), "diff sees " + cm.getValue() + ": " + diff.out() + diff.err());
                assertFalse(diff.out().isEmpty(), "diff exits 1 saying nothing: " + diff.err());
                Ip.Result apply = Cli.run("apply", file.toString());
                assertEquals(0, apply.exitCode(), apply.out() + apply.err());
                Ip.Result again = Cli.run("diff", file.toString());
                assertEquals(0, again.exitCode(), "after apply, diff still finds:\n" + again.out() + again.err());
                assertEquals("no changes\n", Cli.ok("apply", file.toString()));
                assertSame(before, settled(readded), "apply repaired " + cm.getValue() + " into another state (diff said:\n"
                        + diff.out() + ")");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void d_a_fault_at_a_random_step_of_apply_leaves_the_state_before_it() {
        Property.check("rollback", CONFIGS, r -> Map.entry(TopologyGen.config(r), r.nextLong()), cs -> {
            try {
                build(cs.getKey());
                String before = settled();
                Random r = new Random(cs.getValue());
                String changed = Cli.ok("netns", "export", name);
                Plan plan = Planner.plan(Topology.parse(changed));
                for (int tries = 0; plan.isEmpty() && tries < 10; tries++) {   // a change may find nothing to remove
                    changed = mutate(changed, r);
                    plan = Planner.plan(Topology.parse(changed));
                }
                assertFalse(plan.isEmpty(), "the changed file differs:\n" + changed);
                int k = r.nextInt(plan.steps().size());
                List<Plan.Step> steps = new ArrayList<>(plan.steps());
                Plan.Step at = steps.get(k);
                steps.set(k, new Plan.Step(at.netns(), at.verb(), at.what(), s -> {
                    throw new IllegalStateException("injected fault");
                }, at.undo()));
                Plan.StepFailedException e = assertThrows(Plan.StepFailedException.class, () -> new Plan(steps).apply(null));
                assertEquals(0, e.getSuppressed().length, "every undo ran: " + List.of(e.getSuppressed()));
                assertSame(before, settled(), "a fault at step " + k + " (" + at + ") of\n" + plan.steps()
                        + "\nleft another state");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** An exported file with one to three managed attributes changed. */
    @SuppressWarnings("unchecked")
    private String mutate(String exported, Random r) {
        Map<String, Object> top = (Map<String, Object>) JsonText.parse(exported);
        Map<String, Object> ns = (Map<String, Object>) ((Map<String, Object>) top.get("namespaces")).get(name);
        List<Map<String, Object>> links = (List<Map<String, Object>>) ns.get("links");
        List<Map<String, Object>> routes = (List<Map<String, Object>>) ns.getOrDefault("routes", new ArrayList<>());
        int changes = 1 + r.nextInt(3);
        for (int i = 0; i < changes; i++) {
            Map<String, Object> l = links.get(r.nextInt(links.size()));
            List<Object> addrs = (List<Object>) l.computeIfAbsent("addresses", k -> new ArrayList<>());
            switch (r.nextInt(12)) {
                case 0 -> l.put("mtu", 1444L);
                case 1 -> l.put("alias", "mutated");
                case 2 -> l.put("up", Boolean.FALSE);
                case 3 -> {
                    if (!addrs.isEmpty()) {
                        addrs.remove(addrs.size() - 1);
                    }
                }
                case 4 -> addrs.add("198.18.44." + (1 + r.nextInt(250)) + "/24");
                case 5 -> {
                    if (!routes.isEmpty()) {
                        routes.get(r.nextInt(routes.size())).put("proto", "static");
                    }
                }
                case 6 -> {
                    if (!routes.isEmpty()) {
                        routes.remove(r.nextInt(routes.size()));
                    }
                }
                case 7 -> {
                    if ("macvlan".equals(l.get("kind"))) {
                        l.put("mode", "bridge".equals(l.get("mode")) ? "vepa" : "bridge");
                    } else {
                        l.put("mtu", 1400L);
                    }
                }
                case 8 -> {
                    if ("vxlan".equals(l.get("kind"))) {
                        l.put("id", ((Long) l.get("id") + 1) % 16777216);
                    } else {
                        l.put("alias", "other");
                    }
                }
                case 9 -> ((List<Object>) ns.computeIfAbsent("rules", k -> new ArrayList<>()))
                        .add(Map.of("priority", 2000L, "to", "198.18.45.0/24", "table", 45L));
                case 10 -> {
                    List<Object> neighbours = (List<Object>) ns.get("neighbours");
                    if (neighbours != null && !neighbours.isEmpty()) {
                        neighbours.remove(0);
                    } else {
                        l.put("mtu", 1420L);
                    }
                }
                default -> {
                    if (!"lo".equals(l.get("name"))) {   // lo's all-zero address could not be put back: refused
                        l.put("mac", "02:12:34:56:78:9a");
                    }
                }
            }
        }
        return JsonText.write(top);
    }
}
