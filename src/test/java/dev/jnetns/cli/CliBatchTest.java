package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.CliProcess;
import dev.jnetns.testutil.Ip;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code -batch FILE}: ip's line syntax, stop at the first error, {@code -force} goes on. */
@ExtendWith(NetnsExtension.class)
class CliBatchTest {

    @Test
    void a_batch_stops_at_the_first_error(Netns ns, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds");
        Files.writeString(f, "# a comment\n\nlink add v0 type veth peer name v1\nlink add v0 type veth peer name v1\n"
                + "link set v0 alias \"two words\"\n");
        var r = Cli.run("-n", ns.path(), "-batch", f.toString());
        assertEquals(2, r.exitCode());
        assertEquals("jnetns: link add v0 type veth peer name v1: File exists (EEXIST)\nCommand failed " + f + ":4\n",
                r.err());
        assertTrue(!Ip.run(ns, "link", "show", "v0").contains("alias"), "line 5 did not run");
    }

    @Test
    void force_goes_on_and_exits_non_zero(Netns ns, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds");
        Files.writeString(f, "link add v0 type veth peer name v1\nlink add v0 type bridge\nlink set v0 alias \"two words\"\n");
        var r = Cli.run("-n", ns.path(), "-force", "-b", f.toString());
        assertEquals(2, r.exitCode());
        assertTrue(Ip.run(ns, "link", "show", "v0").contains("alias two words"));
    }

    @Test
    void pipelined_lines_keep_the_stop_at_first_error_semantics(Netns ns, @TempDir Path dir) throws Exception {
        Ip.batch(ns, "link add v0 type veth peer name v1\nlink set v0 up\nlink set v1 up\n");
        Path f = dir.resolve("cmds");
        Files.writeString(f, "addr add 198.18.0.1/24 dev v0\naddr add 198.18.0.1/24 dev v0\naddr add 198.18.0.3/24 dev v0\n"
                + "route add 198.18.9.0/24 via 198.18.0.2\n");
        var r = Cli.run("-n", ns.path(), "-batch", f.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().endsWith("Command failed " + f + ":2\n"), r.err());
        String addrs = Ip.run(ns, "addr", "show", "dev", "v0");
        assertTrue(addrs.contains("198.18.0.1/24") && !addrs.contains("198.18.0.3/24"),
                "line 3 went out with line 2 but is undone: " + addrs);
        assertEquals("", Ip.run(ns, "route", "show", "198.18.9.0/24"));
        var forced = Cli.run("-n", ns.path(), "-force", "-batch", f.toString());
        assertEquals(2, forced.exitCode());
        assertTrue(Ip.run(ns, "addr", "show", "dev", "v0").contains("198.18.0.3/24"));
        assertTrue(Ip.run(ns, "route", "show").contains("198.18.9.0/24 via 198.18.0.2"));
    }

    @Test
    void a_syntax_error_stops_even_with_force(Netns ns, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds");
        Files.writeString(f, "link frob\nlink add v0 type veth peer name v1\n");
        var r = Cli.run("-n", ns.path(), "-force", "-batch", f.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().endsWith("Command failed " + f + ":1\n"), r.err());
        assertEquals(1, Ip.run(ns, "-o", "link", "show").lines().count());
    }

    @Test
    void stdin_batches_share_one_handle_and_print_json(Netns ns) {
        var r = CliProcess.run("link add v0 type veth peer name v1\naddr add 198.18.0.1/24 dev v0\naddr show dev v0\n",
                "-n", ns.path(), "-j", "-batch", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Ip.run(ns, "-j", "addr", "show", "dev", "v0"), r.out());
    }
}
