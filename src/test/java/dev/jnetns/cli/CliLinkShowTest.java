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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code jnetns link show} against {@code ip link show} on the same namespace. */
@ExtendWith(NetnsExtension.class)
class CliLinkShowTest {

    @Test
    void json_equals_ip_json(Netns ns) throws Exception {
        Fixtures.mixedLinks(ns);
        try (Netns peer = Netns.create()) {
            // a veth whose peer lives in another namespace: link_index and link_netnsid
            Ip.run(ns, "link", "add", "x0", "type", "veth", "peer", "name", "x1", "netns", peer.path());
            Cli.assertSameAsIp(() -> Ip.run(ns, "-j", "link", "show").trim(),
                    () -> Cli.ok("-n", ns.path(), "-j", "link", "show").trim(), "-j link show");
        }
    }

    @Test
    void text_equals_ip_text(Netns ns) {
        Fixtures.mixedLinks(ns);
        Cli.assertSameAsIp(() -> Ip.run(ns, "link", "show"), () -> Cli.ok("-n", ns.path(), "link", "show"), "link show");
        // -d: every device but the bridge and its port, whose timers move (CliBridgeShowTest masks them)
        for (String dev : List.of("lo", "v0", "mv0", "tap0", "vx0")) {
            for (String[] flags : new String[][] {{"-d"}, {"-d", "-j"}, {"-d", "-j", "-p"}}) {
                List<String> args = new ArrayList<>(List.of(flags));
                args.addAll(List.of("link", "show", "dev", dev));
                List<String> ours = new ArrayList<>(List.of("-n", ns.path()));
                ours.addAll(args);
                Cli.assertSameAsIp(() -> Ip.run(ns, args.toArray(new String[0])),
                        () -> Cli.ok(ours.toArray(new String[0])), String.join(" ", args));
            }
        }
    }

    @Test
    void show_dev_returns_just_that_device(Netns ns) {
        Fixtures.mixedLinks(ns);
        Cli.assertSameAsIp(() -> Ip.run(ns, "-j", "link", "show", "dev", "mv0").trim(),
                () -> Cli.ok("-n", ns.path(), "-j", "link", "show", "dev", "mv0").trim(), "-j link show dev mv0");
        Cli.assertSameAsIp(() -> Ip.run(ns, "-j", "link", "show", "v1").trim(),
                () -> Cli.ok("-n", ns.path(), "-j", "l", "sh", "v1").trim(), "-j l sh v1");
    }

    @Test
    void errors_are_one_line_with_ip_exit_codes(Netns ns) {
        Ip.Result missing = Cli.run("-n", ns.path(), "link", "show", "dev", "nope0");
        assertEquals(2, missing.exitCode());
        assertEquals("jnetns: Device \"nope0\" does not exist: No such device (ENODEV)\n", missing.err());
        Ip.Result noNs = Cli.run("-n", "jnetns-test-missing", "link", "show");
        assertEquals(2, noNs.exitCode());
        assertEquals("jnetns: cannot open netns \"jnetns-test-missing\": No such file or directory (ENOENT)\n",
                noNs.err());
        Ip.Result badVerb = Cli.run("-n", ns.path(), "link", "frobnicate");
        assertEquals(1, badVerb.exitCode());
        assertEquals(1, badVerb.err().lines().count(), badVerb.err());
        Ip.Result badName = Cli.run("-n", ns.path(), "link", "show", "dev", "sixteen-bytes-xx");
        assertEquals(1, badName.exitCode());
        assertEquals("jnetns: invalid device name \"sixteen-bytes-xx\": longer than 15 bytes\n", badName.err());
        Ip.Result badOption = Cli.run("--no-such-option");
        assertEquals(1, badOption.exitCode());
        assertEquals("jnetns: Option \"--no-such-option\" is unknown, try \"jnetns --help\"\n", badOption.err());
        Ip.Result badObject = Cli.run("frob");
        assertEquals(1, badObject.exitCode());
        assertEquals("jnetns: Object \"frob\" is unknown, try \"jnetns help\"\n", badObject.err());
        Ip.Result noValue = Cli.run("-n");
        assertEquals(1, noValue.exitCode());
        assertEquals("jnetns: option \"-n\" needs a value; try 'jnetns --help'\n", noValue.err());
    }

    @Test
    void help_lists_every_command_and_each_command_has_its_own() {
        String help = Cli.ok("--help");
        assertEquals(help, Cli.ok("help"));
        for (Commands.Entry e : Commands.ALL) {
            assertEquals(!e.hidden(), help.contains("\n  " + e.name()), e.name());
            String own = Cli.ok(e.name(), "--help");
            assertTrue(own.startsWith("jnetns " + e.name() + ": " + e.description() + "\n"), own);
        }
        assertTrue(Cli.ok("link", "help").contains("jnetns link add"));
        assertTrue(Cli.ok("ro", "help").contains("jnetns route add"));
        assertEquals("jnetns " + VersionCommand.version() + "\n", Cli.ok("--version"));
        Ip.Result extra = Cli.run("diff", "a.json", "b.json");
        assertEquals(1, extra.exitCode());
        assertEquals("jnetns: diff takes one FILE (- for stdin); try 'jnetns diff --help'\n", extra.err());
    }

    @Test
    void version_names_the_backend() {
        String v = Cli.ok("version");
        String expected = Runtime.version().feature() >= 22 ? "ffm" : "jna";
        String forced = System.getProperty("jnetns.backend", "");
        assertTrue(v.startsWith("jnetns "), v);
        assertTrue(v.contains(" backend " + (forced.isEmpty() ? expected : forced) + " "), v);
        assertTrue(Cli.ok("-j", "version").matches("\\{\"version\":\"[^\"]+\",\"backend\":\"(ffm|jna)\",\"jdk\":\"[^\"]+\"}\n"));
    }
}
