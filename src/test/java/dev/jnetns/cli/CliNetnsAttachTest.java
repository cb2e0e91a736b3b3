package dev.jnetns.cli;

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

/** {@code netns attach NAME PID}: the namespace of a running process named, as ip names it; a taken name refused. */
class CliNetnsAttachTest {

    @Test
    void names_the_namespace_of_a_process() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String home = "jnetns-test-attach-" + tag;
        String name = "jnetns-test-attached-" + tag;
        Process p = null;
        try (Netns ns = Netns.createNamed(home)) {
            p = new ProcessBuilder("ip", "netns", "exec", home, "sleep", "60").start();
            String pid = Long.toString(p.pid());
            for (int i = 0; i < 100 && Netns.inodeOf(Path.of("/proc/" + pid + "/ns/net")) != ns.inode(); i++) {
                Thread.sleep(20);   // until ip netns exec has entered it
            }
            var r = Cli.run("netns", "attach", name, pid);
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(ns.inode(), Netns.inodeOf(Path.of("/run/netns", name)), "the process's namespace");
            var ip = Ip.command(List.of("ip", "netns", "list"), null);
            assertTrue(ip.out().lines().anyMatch(l -> l.startsWith(name)), "ip sees it: " + ip.out());
            r = Cli.run("netns", "attach", name, pid);
            assertEquals(1, r.exitCode());
            assertTrue(r.err().contains("Cannot create namespace file \"/run/netns/" + name + "\": File exists"), r.err());
        } finally {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
            if (Files.exists(Path.of("/run/netns", name))) {
                Netns.delete(name);
            }
            Netns.delete(home);
        }
        assertFalse(Files.exists(Path.of("/run/netns", name)));
    }
}
