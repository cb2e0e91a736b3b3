package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code netconf show} prints what ip 6.1 prints, byte for byte, in text, {@code -j} and
 * {@code -j -p}, for every family filter, of all entries and of each device, on namespaces whose devices (veth,
 * bridge, tun, macvlan) and whose {@code all} and {@code default} entries got random forwarding,
 * rp_filter, proxy and linkdown settings; and bad command lines fail as ip's do.
 */
class CliNetconfTest {
    private static final String[] FORMS = {"", "-j", "-j -p"};
    private static final String[] FAMILIES = {"", "-4", "-6", "-0"};

    /** One configuration: the ip lines that make the devices, the sysctl assignments, the device names. */
    record Config(List<String> ipLines, List<String> sysctls, List<String> devices) {
    }

    static Config generate(Random r) {
        List<String> lines = new ArrayList<>();
        List<String> devices = new ArrayList<>(List.of("lo"));
        int veths = 1 + r.nextInt(2);
        for (int i = 0; i < veths; i++) {
            lines.add("link add v" + i + " type veth peer name v" + i + "p");
            devices.addAll(List.of("v" + i, "v" + i + "p"));
        }
        if (r.nextBoolean()) {
            lines.add("link add br0 type bridge");
            devices.add("br0");
        }
        if (r.nextBoolean()) {
            lines.add("tuntap add dev tn0 mode tun");
            devices.add("tn0");
        }
        if (r.nextBoolean()) {
            lines.add("link add link v0 name mv0 type macvlan mode bridge");
            devices.add("mv0");
        }
        List<String> entries = new ArrayList<>(devices);
        entries.addAll(List.of("all", "default"));
        List<String> sysctls = new ArrayList<>();
        for (int i = r.nextInt(8); i > 0; i--) {
            String at = entries.get(r.nextInt(entries.size()));
            sysctls.add(switch (r.nextInt(7)) {
                case 0 -> "net.ipv4.conf." + at + ".forwarding=" + r.nextInt(2);
                case 1 -> "net.ipv4.conf." + at + ".rp_filter=" + r.nextInt(3);
                case 2 -> "net.ipv4.conf." + at + ".proxy_arp=" + r.nextInt(2);
                case 3 -> "net.ipv4.conf." + at + ".ignore_routes_with_linkdown=" + r.nextInt(2);
                case 4 -> "net.ipv6.conf." + at + ".forwarding=" + r.nextInt(2);
                case 5 -> "net.ipv6.conf." + at + ".proxy_ndp=" + r.nextInt(2);
                default -> "net.ipv6.conf." + at + ".ignore_routes_with_linkdown=" + r.nextInt(2);
            });
        }
        // a device made after the default entry changed starts from it
        if (r.nextBoolean()) {
            lines.add("link add late0 type veth peer name late0p");
            devices.addAll(List.of("late0", "late0p"));
            sysctls.add("net.ipv4.conf.default.rp_filter=" + r.nextInt(3));
        }
        return new Config(lines, sysctls, devices);
    }

    @Test
    void netconf_shows_equal_ip_on_random_settings() {
        Property.check("netconf show", 3, CliNetconfTest::generate, c -> {
            try {
                check(c);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void check(Config c) throws Exception {
        String name = "jnetns-test-ncf-" + UUID.randomUUID().toString().substring(0, 8);
        try (Netns ns = Netns.createNamed(name)) {
            Ip.batch(ns, String.join("\n", c.ipLines().stream().filter(l -> !l.contains("late0")).toList()) + "\n");
            sysctl(name, c.sysctls());
            c.ipLines().stream().filter(l -> l.contains("late0")).forEach(l -> Ip.run(ns, l.split(" ")));
            int compared = 0;
            List<String> shows = new ArrayList<>();
            for (String family : FAMILIES) {
                shows.addAll(List.of(family + " netconf show", family + " netconf"));
            }
            for (int i = 0; i < c.devices().size(); i++) {   // each family filter on every fourth device
                shows.add(FAMILIES[i % FAMILIES.length] + " netconf show dev " + c.devices().get(i));
            }
            for (String show : shows) {
                for (String form : FORMS) {
                    compare(name, (form + " " + show).trim());
                    compared++;
                }
            }
            String all = Cli.ok("-n", name, "netconf", "show");
            assertEquals(2 * (c.devices().size() + 2), all.lines().count(), all);
            assertTrue(compared > 30);
        } finally {
            Netns.delete(name);
        }
    }

    private static void sysctl(String name, List<String> assignments) {
        if (assignments.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "sysctl", "-q", "-w"));
        cmd.addAll(assignments);
        Ip.Result r = Ip.command(cmd, null);
        assertEquals(0, r.exitCode(), r.err());
    }

    /** jnetns ARGS prints what ip ARGS prints, with ip's exit code. */
    private static void compare(String name, String line) {
        List<String> args = new ArrayList<>(List.of("-n", name));
        args.addAll(Arrays.asList(line.split(" +")));
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(args);
        String[] a = args.toArray(new String[0]);
        Cli.assertSameAsIp(() -> {
            Ip.Result r = Ip.command(cmd, null);
            assertEquals(0, r.exitCode(), line + ": " + r.err());
            return r.out();
        }, () -> Cli.ok(a), "jnetns -n NS " + line);
    }

    @Test
    void bad_command_lines_fail_as_ip_fails() throws Exception {
        String name = "jnetns-test-ncb-" + UUID.randomUUID().toString().substring(0, 8);
        try (Netns ns = Netns.createNamed(name)) {
            // ip's words after "jnetns: ", ip's exit code
            assertFails(name, "Device \"nope\" does not exist.", "netconf", "show", "dev", "nope");
            assertFails(name, "Command line is not complete. Try option \"help\"", "netconf", "show", "dev");
            assertFails(name, "Command \"frob\" is unknown, try \"jnetns netconf help\".", "netconf", "frob");
            Ip.Result help = Cli.run("-n", name, "netconf", "help");
            assertEquals(List.of(255, "", "Usage: jnetns netconf show [ dev STRING ]\n"),
                    List.of(help.exitCode(), help.out(), help.err()));
        } finally {
            Netns.delete(name);
        }
    }

    private static void assertFails(String name, String message, String... words) {
        List<String> args = new ArrayList<>(List.of("-n", name));
        args.addAll(List.of(words));
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(args);
        Ip.Result ip = Ip.command(cmd, null);
        assertEquals(message + "\n", ip.err().replace("\"ip netconf help\"", "\"jnetns netconf help\""));
        Ip.Result ours = Cli.run(args.toArray(new String[0]));
        assertEquals(List.of(ip.exitCode(), "", "jnetns: " + message + "\n"),
                List.of(ours.exitCode(), ours.out(), ours.err()), String.join(" ", words));
        assertTrue(ip.exitCode() == 1 || ip.exitCode() == 255, "ip's exit " + ip.exitCode());
    }
}
