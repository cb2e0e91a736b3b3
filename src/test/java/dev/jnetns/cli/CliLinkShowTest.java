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
    void errors_are_one_line_with_ip_texts_and_exit_codes(Netns ns) {
        Ip.Result missing = Cli.run("-n", ns.path(), "link", "show", "dev", "nope0");
        assertEquals(1, missing.exitCode());
        assertEquals("jnetns: Device \"nope0\" does not exist.\n", missing.err());
        Ip.Result notFound = Cli.run("-n", ns.path(), "link", "set", "nope0", "up");
        assertEquals(1, notFound.exitCode());
        assertEquals("jnetns: Cannot find device \"nope0\"\n", notFound.err());
        Ip.Result noNs = Cli.run("-n", "jnetns-test-missing", "link", "show");
        assertEquals(255, noNs.exitCode());
        assertEquals("jnetns: Cannot open network namespace \"jnetns-test-missing\": No such file or directory\n",
                noNs.err());
        Ip.Result badVerb = Cli.run("-n", ns.path(), "link", "frobnicate");
        assertEquals(255, badVerb.exitCode());
        assertEquals("jnetns: Command \"frobnicate\" is unknown, try \"jnetns link help\".\n", badVerb.err());
        Ip.Result twice = Cli.run("-n", ns.path(), "link", "show", "dev", "lo", "dev", "lo");
        assertEquals(255, twice.exitCode());
        assertEquals("jnetns: Error: either \"dev\" is duplicate, or \"lo\" is a garbage.\n", twice.err());
        Ip.Result badOption = Cli.run("--no-such-option");
        assertEquals(255, badOption.exitCode());
        assertEquals("jnetns: Option \"-no-such-option\" is unknown, try \"jnetns -help\".\n", badOption.err());
        Ip.Result badObject = Cli.run("frob");
        assertEquals(1, badObject.exitCode());
        assertEquals("jnetns: Object \"frob\" is unknown, try \"jnetns help\".\n", badObject.err());
        Ip.Result control = Cli.run("-n", ns.path(), "link", "show", "a\nb\u0000c");
        assertEquals(1, control.exitCode());
        assertEquals("jnetns: Device \"a\\nb\\x00c\" does not exist.\n", control.err());
    }

    @Test
    void help_is_ips_for_its_objects_and_on_stdout_for_jnetns_own() {
        String help = Cli.ok("--help");
        for (String[] ipHelp : new String[][] {{"help"}, {"-help"}, {"-he"}}) {
            Ip.Result asIp = Cli.run(ipHelp);
            assertEquals(255, asIp.exitCode(), "ip help exits 255");
            assertEquals(help, asIp.err());
        }
        for (Commands.Entry e : Commands.ALL) {
            if (e.implemented()) {
                assertEquals(!e.hidden(), help.contains("\n  " + e.name()), e.name());
            }
            if (Commands.ownCommand(e) && !e.hidden()) {
                String own = Cli.ok(e.name(), "--help");
                assertTrue(own.startsWith("jnetns " + e.name() + ": " + e.description() + "\n"), own);
                assertEquals(own, Cli.ok(e.name(), "help"));
            }
        }
        Ip.Result link = Cli.run("link", "help");
        assertEquals(255, link.exitCode());
        assertEquals("", link.out());
        assertTrue(link.err().contains("jnetns link add"), link.err());
        assertTrue(Cli.run("ro", "help").err().contains("jnetns route add"));
        assertTrue(Cli.run("link", "show", "help").err().contains("jnetns link add"));
        assertTrue(Cli.run("monitor", "help").err().startsWith("Usage: jnetns"));
        Ip.Result get = Cli.run("route", "get", "--help");
        assertEquals(1, get.exitCode());
        assertEquals("jnetns: Error: any valid prefix is expected rather than \"--help\".\n", get.err());
        assertEquals("jnetns " + VersionCommand.version() + "\n", Cli.ok("-V"));
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
