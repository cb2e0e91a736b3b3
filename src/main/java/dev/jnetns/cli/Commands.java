package dev.jnetns.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every command of jnetns with the text of {@code --help}, looked up as ip looks its objects up:
 * the first word of iproute2 6.1's table that the given word is a prefix of ({@code n} is neighbor,
 * {@code t} tunnel, {@code v} vrf). ip's objects that jnetns does not implement are in the table,
 * so that an abbreviation never lands on another object, and are refused by name; jnetns's own
 * commands come after ip's.
 */
final class Commands {
    private Commands() {
    }

    /**
     * A command: its name, the other words ip accepts for it, one-line description, usage lines,
     * and how to make one (null for an ip object jnetns does not implement).
     */
    record Entry(String name, List<String> aliases, String description, String usage, boolean hidden,
            Supplier<CliCommand> make) {
        /** Prints the description and the usage lines ({@code jnetns --help} for one command). */
        void help(PrintWriter out) {
            out.println("jnetns " + name + ": " + description);
            if (!usage.isEmpty()) {
                out.println();
                out.print(usage);
            }
        }

        boolean implemented() {
            return make != null;
        }
    }

    private static Entry ip(String name, List<String> aliases, String description, String usage,
            Supplier<CliCommand> make) {
        return new Entry(name, aliases, description, usage, false, make);
    }

    private static Entry missing(String name, String... aliases) {
        return new Entry(name, List.of(aliases), "(ip " + name + ": not implemented by jnetns)", "", true, null);
    }

    /** In iproute2 6.1's order (ip/ip.c), then jnetns's own commands. */
    static final List<Entry> ALL = List.of(
            ip("address", List.of(), "IP addresses, as `ip address`.", AddressCommand.USAGE, AddressCommand::new),
            missing("addrlabel"),
            missing("maddress"),
            ip("route", List.of(), "Routes, as `ip route`.", RouteCommand.USAGE, RouteCommand::new),
            ip("rule", List.of(), "Policy-routing rules, as `ip rule`.", RuleCommand.USAGE, RuleCommand::new),
            ip("neighbor", List.of("neighbour"), "ARP/NDP entries, as `ip neigh`.", NeighbourCommand.USAGE,
                    NeighbourCommand::new),
            missing("ntable", "ntbl"),
            ip("link", List.of(), "Network devices, as `ip link`.", LinkCommand.USAGE, LinkCommand::new),
            missing("l2tp"),
            missing("fou"),
            missing("ila"),
            missing("macsec"),
            missing("tunnel", "tunl"),
            ip("tuntap", List.of("tap"), "TUN/TAP devices, as `ip tuntap`.", TuntapCommand.USAGE, TuntapCommand::new),
            missing("token"),
            missing("tcpmetrics", "tcp_metrics"),
            ip("monitor", List.of(), "Print link, address, route, neighbour, rule and nsid events as ip monitor does.",
                    MonitorCommand.USAGE, MonitorCommand::new),
            missing("xfrm"),
            missing("mroute"),
            missing("mrule"),
            ip("netns", List.of(), "Named network namespaces, as `ip netns`.", NetnsCommand.USAGE, NetnsCommand::new),
            ip("netconf", List.of(), "Forwarding settings of devices (IPv4, IPv6), as `ip netconf`.", NetconfCommand.USAGE,
                    NetconfCommand::new),
            missing("vrf"),
            missing("sr"),
            ip("nexthop", List.of(), "Nexthop objects, as `ip nexthop`.", NexthopCommand.USAGE, NexthopCommand::new),
            missing("mptcp"),
            missing("ioam"),
            missing("stats"),
            new Entry("help", List.of(), "ip's usage, on stderr (exit 1), as `ip help`.", "", true, HelpCommand::new),
            ip("version", List.of(), "Print the version, the syscall backend (ffm|jna) and the JDK.",
                    "Usage: jnetns [-j] version\n", VersionCommand::new),
            ip("apply", List.of(), "Make the namespaces what FILE describes; idempotent; rolls back on failure.",
                    TopologyCommands.usage("apply"), TopologyCommands.Apply::new),
            ip("diff", List.of(), "Show how the live namespaces differ from FILE; exit 1 when they do.",
                    TopologyCommands.usage("diff"), TopologyCommands.Diff::new),
            ip("destroy", List.of(), "Delete the namespaces FILE describes, and everything in them.",
                    TopologyCommands.usage("destroy"), TopologyCommands.Destroy::new),
            ip("demo", List.of(), "Build a router between two namespaces, show it, ping across it, remove it.",
                    "Usage: jnetns demo\n", DemoCommand::new),
            ip("bench", List.of(), "Measure the API: bulk route adds, dumps, veth pairs, named namespaces.",
                    BenchCommand.USAGE, BenchCommand::new),
            new Entry("train", List.of(), "Exercise the common paths once (for the JDK's AOT cache).", "", true,
                    TrainCommand::new));

    /** The commands jnetns's own (not ip's) grammar: {@code --help} prints theirs on stdout. */
    static boolean ownCommand(Entry e) {
        return List.of("version", "apply", "diff", "destroy", "demo", "bench", "train").contains(e.name());
    }

    /** The command {@code word} names (ip's order: the first it is a prefix of), null when none. */
    static Entry find(String word) {
        if (word.isEmpty()) {
            return null;
        }
        for (Entry e : ALL) {
            List<String> names = new ArrayList<>();
            names.add(e.name());
            names.addAll(e.aliases());
            for (String n : names) {
                if (n.startsWith(word)) {
                    return e;
                }
            }
        }
        return null;
    }
}
