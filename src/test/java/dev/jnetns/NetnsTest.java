package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.junit.NetnsExtension;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Running code inside a namespace never moves the caller's thread. */
@ExtendWith(NetnsExtension.class)
class NetnsTest {

    private static long threadNetns() throws ErrnoException {
        return Netns.inodeOf(Path.of("/proc/thread-self/ns/net"));
    }

    @Test
    void call_runs_inside_and_leaves_the_caller_where_it_was(Netns ns) throws Exception {
        long before = threadNetns();
        assertNotEquals(before, ns.inode());
        assertEquals(ns.inode(), (long) ns.call(NetnsTest::threadNetns));
        assertEquals(before, threadNetns());
    }

    @Test
    void exceptions_of_the_task_come_back_with_their_type(Netns ns) {
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> ns.run(() -> {
            throw new FileNotFoundException("from inside");
        }));
        assertEquals("from inside", e.getMessage());
    }

    @Test
    void a_virtual_thread_can_call_in_and_stays_home() throws Exception {
        long home = threadNetns();
        try (Netns ns = Netns.create()) {
            long[] seen = new long[2];
            Thread vt = virtualOrPlatform(() -> {
                try {
                    seen[0] = ns.call(NetnsTest::threadNetns);
                    seen[1] = threadNetns();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            vt.join();
            assertEquals(ns.inode(), seen[0]);
            assertEquals(home, seen[1]);
        }
    }

    /** A virtual thread on JDK 21+, a platform thread on 17 (reflection keeps this compilable for 17). */
    private static Thread virtualOrPlatform(Runnable r) throws Exception {
        try {
            return (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, r);
        } catch (NoSuchMethodException e) {
            Thread t = new Thread(r);
            t.start();
            return t;
        }
    }

    @Test
    void a_fresh_namespace_holds_only_lo(Rtnl rtnl) throws Exception {
        assertEquals(java.util.List.of("lo"), rtnl.links().list().stream().map(Link::name).toList());
    }

    @Test
    void opening_a_missing_name_says_enoent_and_bad_names_are_refused() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Netns.open("jnetns-test-does-not-exist"));
        assertTrue(e.getMessage().endsWith("No such file or directory (ENOENT)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Netns.open(".."));
        assertThrows(IllegalArgumentException.class, () -> Netns.open(""));
        assertThrows(IllegalArgumentException.class, () -> Netns.open("x".repeat(256)));
    }

    @Test
    void only_net_sysctls_are_reachable_and_bad_keys_or_values_touch_nothing(Netns ns) throws Exception {
        String forward = ns.sysctl("net.ipv4.ip_forward");
        assertEquals(forward, ns.sysctl("net/ipv4/ip_forward"));
        // kernel.hostname is the UTS namespace's, i.e. the host's: not even read
        for (String key : List.of("kernel.hostname", "kernel/hostname", "net/../kernel/hostname", "net.ipv4..ip_forward",
                "net/./ipv4/ip_forward", "net//ipv4/ip_forward", "/net/ipv4/ip_forward", ".net.ipv4.ip_forward",
                "net.ipv4.ip_forward.", "net", "net.", "", "netx.ipv4.ip_forward", "net.ipv4.ip_forward\0")) {
            assertThrows(IllegalArgumentException.class, () -> ns.sysctl(key), key);
        }
        // keys that exist nowhere: were one written, it would fail, not change a host setting
        for (String key : List.of("kernel.jnetns_api_none", "fs/jnetns_api_none", "net/../kernel/jnetns_api_none",
                "vm.jnetns_api_none")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ns.setSysctl(key, "1"), key);
            assertTrue(e.getMessage().contains("not a net.* setting"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ns.setSysctl("kernel.jnetns_api_none\nx", "1"));
        assertEquals("invalid sysctl key \"kernel.jnetns_api_none\\nx\": not a net.* setting of the namespace", e.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class, () -> ns.setSysctl("net.ipv4.ip_forward", null));
        assertEquals("sysctl value is null", n.getMessage());
        assertThrows(NullPointerException.class, () -> ns.sysctl(null));
        assertEquals(forward, ns.sysctl("net.ipv4.ip_forward"), "nothing was written");
    }

    @Test
    void messages_show_control_characters_of_user_input_escaped() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Netns.open("jnetns-api-\nmissing\u0001"));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u0001"), e.getMessage());
        assertTrue(e.getMessage().contains("jnetns-api-\\nmissing\\x01"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Netns.checkName("a\0b"));
        assertEquals("invalid netns name \"a\\x00b\": contains NUL", bad.getMessage());
    }
}
