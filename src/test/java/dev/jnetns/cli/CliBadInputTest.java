package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.Netns;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input gives one line on stderr (ip's words where ip has them), ip's exit codes, and changes
 * nothing: in particular rule add and rule del without arguments, which would otherwise add a
 * catch-all rule or delete the rule of the local table. Each command line runs through ip too, in a
 * twin namespace built the same way, which gives the exit code and the words.
 */
@ExtendWith(NetnsExtension.class)
class CliBadInputTest {
    private static final String SETUP = "link add v0 type veth peer name v1\nlink set v0 up\nlink set v1 up\n"
            + "addr add 198.18.0.1/24 dev v0\n";

    /** How jnetns words a failure: as ip, as the kernel's error ({@code kernel}), or its own check ({@code own}). */
    private record Case(String kernel, String own, String... args) {
    }

    private static Case ip(String... args) {
        return new Case(null, null, args);
    }

    /** The kernel refused: jnetns's own line ({@code WHAT: REASON (ERRNO)[: EXTACK]}) with ip's reason and exit code. */
    private static Case kernel(String message, String... args) {
        return new Case(message, null, args);
    }

    /**
     * jnetns checks before sending what ip sends and the kernel refuses (exit 2): its own line, exit 1
     * (the allowed differences of the corpus's 02-link.txt say so too).
     */
    private static Case own(String message, String... args) {
        return new Case(null, message, args);
    }

    private static final List<Case> CASES = List.of(
            ip("link", "add", "a b", "type", "bridge"),
            own("invalid device name \"sixteen-bytes-xx\": longer than 15 bytes", "link", "add", "sixteen-bytes-xx", "type", "bridge"),
            kernel("link add x0 type frob: Operation not supported (EOPNOTSUPP): Unknown device type", "link", "add", "x0", "type", "frob"),
            own("invalid link kind \"fr/ob\"", "link", "add", "x0", "type", "fr/ob"),
            ip("link", "add", "x0"),
            ip("link", "set", "v0", "address", "zz:00:00:00:00:00"),
            ip("link", "set", "v0", "address", "02:00"),
            kernel("link add x0 type bridge: Invalid argument (EINVAL)", "link", "add", "x0", "address", "02:00", "type", "bridge"),
            ip("link", "set", "v0", "mtu", "1400", "mtu", "1300"),
            ip("link", "show", "dev", "v0", "dev", "v0"),
            ip("addr", "add", "198.18.300.1/24", "dev", "v0"),
            ip("addr", "add", "198.18.3.1/33", "dev", "v0"),
            ip("route", "add", "198.18.5.0/24", "via", "host.example"),
            ip("-4", "route", "add", "fd00:50::/64", "dev", "v0"),
            ip("-6", "neigh", "add", "198.18.40.9", "lladdr", "02:00:00:00:00:01", "dev", "v0"),
            kernel("route add 198.18.50.0/24 via 203.0.113.1: Network is unreachable (ENETUNREACH): Nexthop has invalid gateway",
                    "route", "add", "198.18.50.0/24", "via", "203.0.113.1"),
            ip("route", "add", "198.18.50.0/24", "dev", "v0", "table", "foo"),
            ip("route", "add", "198.18.50.0/24", "dev", "v0", "metric", "-3"),
            ip("addr", "add", "198.18.7.1/24", "dev", "nope0"),
            ip("link", "set", "nope0", "up"),
            ip("route", "add", "198.18.50.0/24", "dev", "nope0"),
            ip("link", "del", "nope0"),
            kernel("link add v0 type veth peer name v9: File exists (EEXIST)", "link", "add", "v0", "type", "veth", "peer", "name", "v9"),
            kernel("link set dev v0 mtu 10: Invalid argument (EINVAL): mtu less than device minimum", "link", "set", "v0", "mtu", "10"),
            kernel("addr del 198.18.99.1/24 dev v0: Cannot assign requested address (EADDRNOTAVAIL): ipv4: Address not found",
                    "addr", "del", "198.18.99.1/24", "dev", "v0"),
            kernel("route del 198.18.77.0/24: No such process (ESRCH)", "route", "del", "198.18.77.0/24"),
            ip("link", "set", "v0", "promisc", "maybe"),
            ip("neigh", "add", "198.18.0.9", "lladdr", "02:00:00:00:00:09", "dev", "v0", "nud", "sleepy"),
            ip("rule", "del"),
            ip("rule", "add"),
            ip("route", "flush"),
            ip("neigh", "flush"),
            ip("link", "set", "v0", "mtu"));

    private static String state(Netns ns) {
        return Ip.run(ns, "-j", "link", "show") + Ip.run(ns, "-j", "addr", "show")
                + Ip.run(ns, "-j", "route", "show", "table", "all") + Ip.run(ns, "-j", "rule", "show");
    }

    @Test
    void every_bad_command_fails_as_ip_and_changes_nothing(Netns ns) throws Exception {
        try (Netns twin = Netns.create()) {
            Ip.batch(ns, SETUP);
            Ip.batch(twin, SETUP);
            String before = Ip.settled(() -> state(ns));
            String twinBefore = Ip.settled(() -> state(twin));
            for (Case c : CASES) {
                String what = String.join(" ", c.args());
                Ip.Result ip = Ip.exec(twin, c.args());
                List<String> args = new ArrayList<>(List.of("-n", ns.path()));
                args.addAll(List.of(c.args()));
                Ip.Result ours = Cli.run(args.toArray(new String[0]));
                if (c.own() != null) {
                    assertEquals(List.of(2, 1, "", "jnetns: " + c.own() + "\n"),
                            List.of(ip.exitCode(), ours.exitCode(), ours.out(), ours.err()), what + ": " + ip.err());
                } else if (c.kernel() != null) {
                    assertEquals(List.of(ip.exitCode(), "", "jnetns: " + c.kernel() + "\n"),
                            List.of(ours.exitCode(), ours.out(), ours.err()), what + ": ip " + ip.err());
                    Cli.assertKernelReason(ip.err(), ours.err(), what);
                } else {
                    Cli.assertFailsAsIp(ip, ours, what);
                }
            }
            assertEquals(twinBefore, state(twin), "ip changed its twin");
            assertEquals(before, state(ns));
        }
    }
}
