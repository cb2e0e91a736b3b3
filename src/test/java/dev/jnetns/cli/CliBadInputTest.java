package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input gives one line on stderr (ip's words where ip has them), ip's exit codes, and changes
 * nothing: in particular rule add and rule del without arguments, which would otherwise add a
 * catch-all rule or delete the rule of the local table.
 */
@ExtendWith(NetnsExtension.class)
class CliBadInputTest {

    private static String state(Netns ns) {
        return Ip.run(ns, "-j", "link", "show") + Ip.run(ns, "-j", "addr", "show")
                + Ip.run(ns, "-j", "route", "show", "table", "all") + Ip.run(ns, "-j", "rule", "show");
    }

    @Test
    void every_bad_command_fails_cleanly_and_changes_nothing(Netns ns) throws InterruptedException {
        Ip.batch(ns, "link add v0 type veth peer name v1\nlink set v0 up\nlink set v1 up\naddr add 198.18.0.1/24 dev v0\n");
        String before = Ip.settled(() -> state(ns));
        // {exit code, start of the message, args...}
        List<String[]> cases = List.of(
                new String[] {"255", "Error: argument \"a b\" is wrong: \"dev\" not a valid ifname", "link", "add", "a b", "type", "bridge"},
                new String[] {"1", "invalid device name \"sixteen-bytes-xx\": longer than 15 bytes", "link", "add", "sixteen-bytes-xx", "type", "bridge"},
                new String[] {"2", "link add x0 type frob: Operation not supported (EOPNOTSUPP): Unknown device type", "link", "add", "x0", "type", "frob"},
                new String[] {"1", "invalid link kind \"fr/ob\"", "link", "add", "x0", "type", "fr/ob"},
                new String[] {"1", "Not enough information: \"type\" argument is required", "link", "add", "x0"},
                new String[] {"1", "\"zz\" is invalid lladdr.", "link", "set", "v0", "address", "zz:00:00:00:00:00"},
                new String[] {"1", "Invalid address length 2 - must be 6 bytes", "link", "set", "v0", "address", "02:00"},
                new String[] {"2", "link add x0 type bridge: Invalid argument (EINVAL)", "link", "add", "x0", "address", "02:00", "type", "bridge"},
                new String[] {"255", "Error: duplicate \"mtu\": \"1300\" is the second value.", "link", "set", "v0", "mtu", "1400", "mtu", "1300"},
                new String[] {"255", "Error: either \"dev\" is duplicate, or \"v0\" is a garbage.", "link", "show", "dev", "v0", "dev", "v0"},
                new String[] {"1", "Error: any valid prefix is expected rather than \"198.18.300.1/24\".", "addr", "add", "198.18.300.1/24", "dev", "v0"},
                new String[] {"1", "Error: any valid prefix is expected rather than \"198.18.3.1/33\".", "addr", "add", "198.18.3.1/33", "dev", "v0"},
                new String[] {"1", "Error: inet address is expected rather than \"host.example\".", "route", "add", "198.18.5.0/24", "via", "host.example"},
                new String[] {"1", "Error: inet prefix is expected rather than \"fd00:50::/64\".", "-4", "route", "add", "fd00:50::/64", "dev", "v0"},
                new String[] {"1", "Error: inet6 address is expected rather than \"198.18.40.9\".", "-6", "neigh", "add", "198.18.40.9", "lladdr", "02:00:00:00:00:01", "dev", "v0"},
                new String[] {"2", "route add 198.18.50.0/24 via 203.0.113.1: Network is unreachable (ENETUNREACH): Nexthop has invalid gateway", "route", "add", "198.18.50.0/24", "via", "203.0.113.1"},
                new String[] {"255", "Error: argument \"foo\" is wrong: \"table\" value is invalid", "route", "add", "198.18.50.0/24", "dev", "v0", "table", "foo"},
                new String[] {"255", "Error: argument \"-3\" is wrong: \"metric\" value is invalid", "route", "add", "198.18.50.0/24", "dev", "v0", "metric", "-3"},
                new String[] {"1", "Cannot find device \"nope0\"", "addr", "add", "198.18.7.1/24", "dev", "nope0"},
                new String[] {"1", "Cannot find device \"nope0\"", "link", "set", "nope0", "up"},
                new String[] {"1", "Cannot find device \"nope0\"", "route", "add", "198.18.50.0/24", "dev", "nope0"},
                new String[] {"1", "Cannot find device \"nope0\"", "link", "del", "nope0"},
                new String[] {"2", "link add v0 type veth peer name v9: File exists (EEXIST)", "link", "add", "v0", "type", "veth", "peer", "name", "v9"},
                new String[] {"2", "link set dev v0 mtu 10: Invalid argument (EINVAL): mtu less than device minimum", "link", "set", "v0", "mtu", "10"},
                new String[] {"2", "addr del 198.18.99.1/24 dev v0: Cannot assign requested address (EADDRNOTAVAIL): ipv4: Address not found", "addr", "del", "198.18.99.1/24", "dev", "v0"},
                new String[] {"2", "route del 198.18.77.0/24: No such process (ESRCH)", "route", "del", "198.18.77.0/24"},
                new String[] {"1", "Error: argument of \"promisc\" must be \"on\" or \"off\", not \"maybe\"", "link", "set", "v0", "promisc", "maybe"},
                new String[] {"255", "Error: argument \"sleepy\" is wrong: nud state is bad", "neigh", "add", "198.18.0.9", "lladdr", "02:00:00:00:00:09", "dev", "v0", "nud", "sleepy"},
                new String[] {"1", "\"ip rule del\" requires arguments.", "rule", "del"},
                new String[] {"1", "\"ip rule add\" requires arguments.", "rule", "add"},
                new String[] {"1", "\"ip route flush\" requires arguments.", "route", "flush"},
                new String[] {"1", "Flush requires arguments.", "neigh", "flush"},
                new String[] {"255", "Command line is not complete. Try option \"help\"", "link", "set", "v0", "mtu"});
        for (String[] c : cases) {
            String[] args = new String[c.length - 2 + 2];
            args[0] = "-n";
            args[1] = ns.path();
            System.arraycopy(c, 2, args, 2, c.length - 2);
            var r = Cli.run(args);
            String what = String.join(" ", List.of(args).subList(2, args.length));
            assertEquals(Integer.parseInt(c[0]), r.exitCode(), what + ": " + r.err());
            assertEquals(1, r.err().lines().count(), what + ": " + r.err());
            assertTrue(r.err().startsWith("jnetns: "), r.err());
            assertEquals("jnetns: " + c[1] + "\n", r.err(), what);
            assertEquals("", r.out(), what);
        }
        assertEquals(before, state(ns));
    }
}
