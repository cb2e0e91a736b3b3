package dev.jnetns.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every command of jnetns, in iproute2's order of precedence for abbreviations ("n" is neighbour,
 * as in ip), with the text of {@code --help}.
 */
final class Commands {
    private Commands() {
    }

    /** A command: its name, aliases, one-line description, usage lines, and how to make one. */
    record Entry(String name, List<String> aliases, String description, String usage, boolean hidden,
            Supplier<CliCommand> make) {
        /** Whether {@code word} names this command: a prefix of its name or of an alias, as ip matches. */
        boolean named(String word) {
            return !word.isEmpty() && (name.startsWith(word) || aliases.stream().anyMatch(a -> a.startsWith(word)));
        }

        /** Prints the description and the usage lines (jnetns OBJECT help, jnetns COMMAND --help). */
        void help(PrintWriter out) {
            out.println("jnetns " + name + ": " + description);
            if (!usage.isEmpty()) {
                out.println();
                out.print(usage);
            }
        }
    }

    static final List<Entry> ALL = List.of(
            new Entry("version", List.of(), "Print the version, the syscall backend (ffm|jna) and the JDK.",
                    "Usage: jnetns [-j] version\n", false, VersionCommand::new),
            new Entry("link", List.of("l"), "Network devices, as `ip link`.", LinkCommand.USAGE, false,
                    LinkCommand::new),
            new Entry("address", List.of("addr", "a"), "IP addresses, as `ip address`.", AddressCommand.USAGE, false,
                    AddressCommand::new),
            new Entry("route", List.of("r", "ro"), "Routes, as `ip route`.", RouteCommand.USAGE, false,
                    RouteCommand::new),
            new Entry("neighbour", List.of("neighbor", "neigh", "n"), "ARP/NDP entries, as `ip neigh`.",
                    NeighbourCommand.USAGE, false, NeighbourCommand::new),
            new Entry("rule", List.of("ru"), "Policy-routing rules, as `ip rule`.", RuleCommand.USAGE, false,
                    RuleCommand::new),
            new Entry("netns", List.of(), "Named network namespaces, as `ip netns`.", NetnsCommand.USAGE, false,
                    NetnsCommand::new),
            new Entry("apply", List.of(), "Make the namespaces what FILE describes; idempotent; rolls back on failure.",
                    TopologyCommands.usage("apply"), false, TopologyCommands.Apply::new),
            new Entry("diff", List.of(), "Show how the live namespaces differ from FILE; exit 1 when they do.",
                    TopologyCommands.usage("diff"), false, TopologyCommands.Diff::new),
            new Entry("destroy", List.of(), "Delete the namespaces FILE describes, and everything in them.",
                    TopologyCommands.usage("destroy"), false, TopologyCommands.Destroy::new),
            new Entry("monitor", List.of(), "Print link, address, route and neighbour events as they happen.",
                    MonitorCommand.USAGE, false, MonitorCommand::new),
            new Entry("demo", List.of(), "Build a router between two namespaces, show it, ping across it, remove it.",
                    "Usage: jnetns demo\n", false, DemoCommand::new),
            new Entry("bench", List.of(), "Measure the API: bulk route adds, dumps, veth pairs, named namespaces.",
                    BenchCommand.USAGE, false, BenchCommand::new),
            new Entry("train", List.of(), "Exercise the common paths once (for the JDK's AOT cache).", "", true,
                    TrainCommand::new));

    /** The command {@code word} names (first match in {@link #ALL} order), null when none. */
    static Entry find(String word) {
        for (Entry e : ALL) {
            if (e.named(word)) {
                return e;
            }
        }
        return null;
    }
}
