package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.model.DeviceMover;
import dev.jnetns.testutil.Ip;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A closed handle never acts on another namespace: every API that takes a {@link Netns} or works
 * through an {@link Rtnl}, given a closed one whose descriptor number now belongs to another
 * namespace, throws IllegalStateException and changes nothing in either namespace (checked with ip).
 */
class ClosedHandleTest {

    /** Something done with a closed handle. */
    @FunctionalInterface
    interface Use {
        void run(Scene s) throws Exception;
    }

    /**
     * {@code home}: a namespace with the veth pair v0/v1 and its handle {@code rtnl}; {@code stale}: a
     * closed handle whose descriptor number {@code other} (another namespace) now has;
     * {@code closedRtnl}: a closed rtnetlink handle of {@code home}.
     */
    record Scene(Netns home, Rtnl rtnl, Netns stale, Netns other, Rtnl closedRtnl) implements AutoCloseable {
        static Scene make() throws Exception {
            Netns home = Netns.create();
            Rtnl rtnl = Rtnl.open(home);
            rtnl.links().add(LinkSpec.veth("v0", "v1"));
            Rtnl closedRtnl = Rtnl.open(home);
            closedRtnl.close();
            for (int attempt = 0; ; attempt++) {
                Netns stale = Netns.create();
                int number = fdOf(stale);
                stale.close();
                Netns other = Netns.create();
                if (fdOf(other) == number) {
                    return new Scene(home, rtnl, stale, other, closedRtnl);
                }
                other.close();
                if (attempt == 5) {
                    throw new AssertionError("the descriptor number of a closed namespace was never reused");
                }
            }
        }

        /** Links, addresses, routes and namespace ids of home and other, as ip prints them. */
        String state() {
            StringBuilder sb = new StringBuilder();
            for (Netns ns : List.of(home, other)) {
                sb.append(Ip.run(ns, "-d", "link", "show")).append(Ip.run(ns, "addr", "show"))
                        .append(Ip.run(ns, "route", "show", "table", "all")).append(Ip.run(ns, "netns", "list-id"));
            }
            return sb.toString();
        }

        @Override
        public void close() throws Exception {
            rtnl.close();
            home.close();
            other.close();
        }
    }

    static int fdOf(Netns ns) {
        try (Netns.Hold h = ns.hold()) {
            return ns.fd();
        }
    }

    @TestFactory
    Stream<DynamicTest> every_api_refuses_a_closed_handle_whose_number_another_namespace_has() {
        Map<String, Use> uses = new LinkedHashMap<>();
        uses.put("Rtnl.open", s -> Rtnl.open(s.stale()).close());
        uses.put("LinkSpec.peerNetns", s -> s.rtnl().links().add(LinkSpec.veth("p0", "p1").peerNetns(s.stale())));
        uses.put("LinkSpec.netns", s -> s.rtnl().links().add(LinkSpec.bridge("b0").netns(s.stale())));
        uses.put("Links.addAll", s -> s.rtnl().links().addAll(List.of(LinkSpec.bridge("b1"),
                LinkSpec.veth("p0", "p1").peerNetns(s.stale())), false));
        uses.put("LinkUpdate.netns", s -> s.rtnl().links().set("v0", LinkUpdate.create().mtu(1400).netns(s.stale())));
        uses.put("Links.setNetns", s -> s.rtnl().links().setNetns("v1", s.stale()));
        uses.put("Monitor.start", s -> Monitor.start(Map.of("stale", s.stale()), EnumSet.allOf(Monitor.Topic.class),
                Monitor.Options.DEFAULT, e -> { }).close());
        uses.put("Rtnl.nsid", s -> s.rtnl().nsid(s.stale()));
        uses.put("Rtnl.setNsid", s -> s.rtnl().setNsid(s.stale(), 7));
        uses.put("Netns.call", s -> s.stale().call(() -> Ip.command(List.of("ip", "link", "add", "c0", "type", "bridge"), null)));
        uses.put("Netns.run", s -> s.stale().run(() -> { }));
        uses.put("Netns.start (NetnsExec)", s -> s.stale().start(new ProcessBuilder("ip", "link", "add", "e0", "type", "bridge")));
        uses.put("Netns.setSysctl", s -> s.stale().setSysctl("net.ipv4.ip_forward", "1"));
        uses.put("Netns.sysctl", s -> s.stale().sysctl("net.ipv4.ip_forward"));
        uses.put("Netns.path", s -> s.stale().path());
        uses.put("Netns.hold", s -> s.stale().hold());
        uses.put("closed Rtnl: tap", s -> s.closedRtnl().links().add(LinkSpec.tap("tap0")));
        uses.put("closed Rtnl: link add", s -> s.closedRtnl().links().add(LinkSpec.bridge("b2")));
        uses.put("closed Rtnl: link set", s -> s.closedRtnl().links().setMtu("v0", 1300));
        uses.put("closed Rtnl: list", s -> s.closedRtnl().links().list());
        uses.put("closed Rtnl: netns", s -> s.closedRtnl().netns());
        uses.put("closed Rtnl: setNsid", s -> s.closedRtnl().setNsid(s.other(), 9));
        uses.put("DeviceMover from a closed Rtnl", s -> {
            try (Rtnl to = Rtnl.open(s.other())) {
                DeviceMover.move(s.closedRtnl(), to, "v0");
            }
        });
        uses.put("DeviceMover to a closed Rtnl", s -> {
            try (Rtnl to = Rtnl.open(s.other())) {
                to.close();
                DeviceMover.move(s.rtnl(), to, "v0");
            }
        });
        return uses.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            try (Scene s = Scene.make()) {
                String before = s.state();
                IllegalStateException x = assertThrows(IllegalStateException.class, () -> e.getValue().run(s));
                assertTrue(x.getMessage().endsWith(" is closed"), x.getMessage());
                assertEquals(before, s.state(), "nothing changed in either namespace");
            }
        }));
    }

    @Test
    void a_hold_keeps_the_descriptor_until_it_ends_even_when_the_handle_is_closed_meanwhile() throws Exception {
        Netns ns = Netns.create();
        Path fd;
        Netns.Hold h = ns.hold();
        fd = Path.of("/proc/self/fd/" + ns.fd());
        ns.close();
        assertEquals("net:[" + ns.inode() + "]", Files.readSymbolicLink(fd).toString(), "still open during the hold");
        IllegalStateException e = assertThrows(IllegalStateException.class, ns::fd);
        assertEquals("netns net:[" + ns.inode() + "] is closed", e.getMessage());
        h.close();
        assertFalse(Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && Files.readSymbolicLink(fd).toString().equals("net:[" + ns.inode() + "]"), "closed when the hold ended");
        assertThrows(IllegalStateException.class, ns::hold);
        assertEquals("netns net:[" + ns.inode() + "] is closed", assertThrows(IllegalStateException.class, ns::fd).getMessage());
        try (Netns other = Netns.create(); Netns.Hold both = Netns.hold(other)) {
            assertThrows(IllegalStateException.class, ns::fd, "another handle's hold does not make it usable");
        }
    }

    @Test
    void the_descriptor_is_read_only_inside_a_hold() throws Exception {
        try (Netns ns = Netns.create()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, ns::fd);
            assertTrue(e.getMessage().contains("outside Netns.hold()"), e.getMessage());
        }
    }

    @Test
    void a_dropped_rtnl_is_reported_and_its_socket_and_namespace_released() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        long inode;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            inode = leak();
            for (int i = 0; i < 500 && countFds("net:[" + inode + "]") > 0; i++) {
                System.gc();
                Thread.sleep(20);
            }
        } finally {
            System.setErr(realErr);
        }
        assertEquals(0, countFds("net:[" + inode + "]"), "the namespace reference was released");
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*jnetns: rtnl net:\\[" + inode + "] \\(socket fd \\d+\\) was never closed; closing it now.*"),
                text);
    }

    /** Opens an rtnetlink handle on a new namespace, closes the namespace handle and drops the rtnetlink one. */
    private static long leak() throws Exception {
        try (Netns ns = Netns.create()) {
            Rtnl.open(ns).links().list();
            assertEquals(2, countFds("net:[" + ns.inode() + "]"));
            return ns.inode();
        }
    }

    private static long countFds(String target) throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().equals(target);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
