package dev.jnetns.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generative test of {@code link move} (issue 12, done-when (b)): for random configurations
 * built with {@code ip} ({@link MoveConfigs}), every device of the source is moved in turn to a
 * target namespace with {@code jnetns link move}, and after each move the source and the target
 * must show, in {@code ip -d -j} link, addr, route and (permanent) neigh output, exactly what {@link MoveOracle}
 * computes from their views before it (split multipath routes included), time-varying fields
 * named there. A device that cannot go with everything (a bridge, which the kernel keeps in its
 * namespace; a bridge port, whose master stays; a device with a multipath route to split that has
 * a dead path, which the kernel cannot make again; a route the target has one of with the same key
 * already, as when the second device of a split multipath route follows the first; the lower device
 * of a macvlan that stays) must fail the command with both namespaces
 * unchanged.
 *
 * <p>{@code -Dmove.configs=N} sets the number of configurations (4 by default, about 14 s each, most of it waiting for the kernel's carrier changes: the class stays
 * under 90 s on two cores), {@code -Djnetns.seed=S} replays a run; {@code bench/move.sh N} runs
 * long campaigns (200 and more).
 */
class MovePropertyTest {
    private static final int CONFIGS = Integer.getInteger("move.configs", 4);
    /** At most this share of the generated lines may be refused by the kernel. */
    private static final double MAX_REFUSED = 0.05;

    private int lines;
    private int refused;
    private int moves;
    private int refusedMoves;
    private final List<String> refusals = new ArrayList<>();

    @Test
    void every_device_moves_with_everything_or_not_at_all() {
        long start = System.nanoTime();
        Property.check("link move of each device", CONFIGS, random -> MoveConfigs.generate(random.nextLong()),
                this::moveEachDevice);
        System.out.printf("MovePropertyTest: %d configurations, %d moves (%d refused as expected), %d of %d lines"
                + " refused by the kernel, %d ms%n", CONFIGS, moves, refusedMoves, refused, lines,
                (System.nanoTime() - start) / 1_000_000);
        assertTrue(refused <= MAX_REFUSED * lines, "the kernel refused " + refused + " of " + lines
                + " generated lines: the generator makes invalid combinations: " + refusals);
        assertTrue(moves > 0, "no move carried anything: the generator makes only devices that cannot move");
    }

    private void moveEachDevice(MoveConfigs.Config c) {
        String tag = Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
        String peerName = "jnetns-mvp-" + tag;
        try (Netns src = Netns.create(); Netns dst = Netns.create(); Netns peer = Netns.createNamed(peerName)) {
            try {
                // no DAD: addresses are not tentative for a second after each move (the per-device
                // accept_dad a device gets from these is carried with it)
                sysctls(src, List.of("net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0"));
                apply(src, c.source().stream().map(l -> l.replace(" netns " + MoveConfigs.PEER, " netns " + peerName))
                        .toList());
                apply(peer, c.peer());
                sysctls(src, c.sysctls());
                for (String dev : c.devices()) {
                    move(src, dst, dev);
                }
            } finally {
                Netns.delete(peerName);
            }
        } catch (Exception e) {
            throw new AssertionError(e.toString(), e);
        }
    }

    private static void sysctls(Netns ns, List<String> settings) {
        if (!settings.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + ns.path(), "sysctl", "-q", "-w"));
            cmd.addAll(settings);
            Ip.Result r = Ip.command(cmd, null);
            assertEquals(0, r.exitCode(), "sysctl " + settings + ": " + r.err());
        }
    }

    /** Runs the lines in {@code ns} with {@code ip -batch - -force}, counting what the kernel refused. */
    private void apply(Netns ns, List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Ip.Result r = Ip.command(List.of("nsenter", "--net=" + ns.path(), "ip", "-force", "-batch", "-"),
                String.join("\n", batch) + "\n");
        lines += batch.size();
        long failed = r.err().lines().filter(l -> l.startsWith("Command failed")).count();
        refused += (int) failed;
        if (failed > 0) {
            refusals.add(r.err().strip());
        }
    }

    private void move(Netns src, Netns dst, String dev) throws InterruptedException {
        long start = System.nanoTime();   // the countdowns run from the views on
        MoveOracle.View s = still(src);
        MoveOracle.View t = still(dst);
        Map<String, Object> link = s.links().get(dev);
        assertTrue(link != null, dev + " is in the source before its move");
        // refused before anything happens: what no move can carry
        boolean upFront = link.containsKey("master") || isBridge(link) || deadSplit(s, dev)
                || s.links().values().stream().anyMatch(l -> dev.equals(l.get("link")) && !l.get("ifname").equals(link.get("link")));
        // refused by the target, then undone
        List<String> clashes = upFront ? List.of() : MoveOracle.clashes(t, s, dev);
        boolean stays = upFront || !clashes.isEmpty();
        long before = System.nanoTime();
        Ip.Result r = Cli.run("-n", src.path(), "link", "move", dev, "netns", dst.path());
        if (stays) {
            assertNotEquals(0, r.exitCode(), "moving " + dev + " (a bridge or a port) must fail: " + r.out());
            assertTrue(r.err().contains(dev), "the error names the device: " + r.err());
            for (String clash : clashes) {
                assertTrue(r.err().contains("route " + clash), "the error names route " + clash + ": " + r.err());
            }
            refusedMoves++;
            settle(s, src, t, dst, dev, start);
            return;
        }
        assertEquals(0, r.exitCode(), "link move " + dev + ": " + r.err());
        moves++;
        long ms = (System.nanoTime() - before) / 1_000_000;
        if (ms > 2000) {
            System.out.println("MovePropertyTest: link move " + dev + " took " + ms + " ms");
        }
        settle(MoveOracle.source(s, dev), src, MoveOracle.target(t, s, dev), dst, dev, start);
    }

    /**
     * Whether a multipath route to split has a dead path (its device is down): the kernel makes no
     * route with a dead path, so neither part can be made again and the move must be refused.
     */
    private static boolean deadSplit(MoveOracle.View s, String dev) {
        for (Map<String, Object> r : s.routes()) {
            if (MoveOracle.mixed(r, dev) && ((List<?>) r.get("nexthops")).stream()
                    .anyMatch(h -> ((List<?>) ((Map<?, ?>) h).get("flags")).contains("dead"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBridge(Map<String, Object> link) {
        return link.get("linkinfo") instanceof Map<?, ?> info && "bridge".equals(info.get("info_kind"));
    }

    /** The view of {@code ns} once it holds still (carrier, link-local addresses after "up"): the same 150 ms later. */
    private static MoveOracle.View still(Netns ns) throws InterruptedException {
        MoveOracle.View v = MoveOracle.of(ns);
        for (int attempt = 0; attempt < 20; attempt++) {
            Thread.sleep(150);
            MoveOracle.View again = MoveOracle.of(ns);
            if (MoveOracle.diff(v, again, "", 1).isEmpty()) {
                return again;
            }
            v = again;
        }
        throw new AssertionError("the namespace never held still: " + v);
    }

    /**
     * Waits (up to 8 s: carrier, DAD) until both namespaces show what is expected; fails with the
     * differences of the last look otherwise.
     */
    private static void settle(MoveOracle.View es, Netns src, MoveOracle.View et, Netns dst, String dev, long start)
            throws InterruptedException {
        List<String> diffs = List.of();
        for (int attempt = 0; attempt < 40; attempt++) {
            long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
            diffs = new ArrayList<>();
            for (String d : MoveOracle.diff(es, MoveOracle.of(src), dev, seconds)) {
                diffs.add("source: " + d);
            }
            for (String d : MoveOracle.diff(et, MoveOracle.of(dst), dev, seconds)) {
                diffs.add("target: " + d);
            }
            if (diffs.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("after link move " + dev + ":\n  " + String.join("\n  ", diffs));
    }
}
