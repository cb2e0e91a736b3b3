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
    void errors_are_one_line_with_ip_texts_and_exit_codes(Netns ns) throws Exception {
        try (Netns twin = Netns.create()) {   // ip's answer to the same command line, in an empty namespace too
            for (List<String> args : List.of(List.of("link", "show", "dev", "nope0"), List.of("link", "set", "nope0", "up"),
                    List.of("link", "frobnicate"), List.of("link", "show", "dev", "lo", "dev", "lo"))) {
                List<String> ours = new ArrayList<>(List.of("-n", ns.path()));
                ours.addAll(args);
                Cli.assertFailsAsIp(Ip.exec(twin, args.toArray(new String[0])), Cli.run(ours.toArray(new String[0])),
                        String.join(" ", args));
            }
            // no namespace to enter, or none named: ip fails before it would enter one
            for (List<String> args : List.of(List.of("-n", "jnetns-tests-missing", "link", "show"),
                    List.of("--no-such-option"), List.of("frob"))) {
                List<String> cmd = new ArrayList<>(List.of("ip"));
                cmd.addAll(args);
                Cli.assertFailsAsIp(Ip.command(cmd, null), Cli.run(args.toArray(new String[0])), String.join(" ", args));
            }
            // jnetns escapes control characters (ip prints them raw and cannot be given a NUL)
            Ip.Result ip = Ip.exec(twin, "link", "show", "a\nb");
            Ip.Result control = Cli.run("-n", ns.path(), "link", "show", "a\nb\u0000c");
            assertEquals(List.of(ip.exitCode(), "jnetns: Device \"a\\nb\\x00c\" does not exist.\n"),
                    List.of(control.exitCode(), control.err()));
        }
    }

    @Test
    void help_is_ips_for_its_objects_and_on_stdout_for_jnetns_own() throws Exception {
        try (Netns twin = Netns.create()) {
            String help = Cli.ok("--help");
            for (String[] ipHelp : new String[][] {{"help"}, {"-help"}, {"-he"}}) {
                Ip.Result ip = Ip.exec(twin, ipHelp);
                Ip.Result asIp = Cli.run(ipHelp);
                assertEquals(List.of(ip.exitCode(), ip.out(), help), List.of(asIp.exitCode(), asIp.out(), asIp.err()),
                        ipHelp[0] + ": ip's exit code and stdout, jnetns's usage on stderr");
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
            for (String[] usage : new String[][] {{"link", "help"}, {"ro", "help"}, {"link", "show", "help"}, {"monitor", "help"}}) {
                Ip.Result ip = Ip.exec(twin, usage);
                Ip.Result ours = Cli.run(usage);
                assertEquals(List.of(ip.exitCode(), ip.out()), List.of(ours.exitCode(), ours.out()), String.join(" ", usage));
                assertTrue(ip.err().startsWith("Usage: ip") && ours.err().startsWith("Usage: jnetns"), ours.err());
            }
            assertTrue(Cli.run("link", "help").err().contains("jnetns link add"));
            assertTrue(Cli.run("ro", "help").err().contains("jnetns route add"));
            assertTrue(Cli.run("link", "show", "help").err().contains("jnetns link add"));
            Cli.assertFailsAsIp(Ip.exec(twin, "route", "get", "--help"), Cli.run("route", "get", "--help"), "route get --help");
            assertEquals("jnetns " + VersionCommand.version() + "\n", Cli.ok("-V"));
            // jnetns's own command: no ip counterpart
            Ip.Result extra = Cli.run("diff", "a.json", "b.json");
            assertEquals(1, extra.exitCode());
            assertEquals("jnetns: diff takes one FILE (- for stdin); try 'jnetns diff --help'\n", extra.err());
        }
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
