package dev.jnetns.cli;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.Backends;
import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code jnetns} command and its global options (iproute2's, before the object). */
@Command(name = "jnetns",
        description = "Linux network namespaces and rtnetlink, with the grammar of ip(8).",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        // the objects (subcommands) are registered by Main: all of them for help, else only the one used
        footer = {"", "Exit status: 0 success, 1 syntax or usage error, 2 error reported by the kernel.",
            "`jnetns cni` (bin/jnetns-cni) is the CNI plugin: CNI_* in the environment,",
            "the network config on stdin (README: \"Use as a CNI plugin\")."})
final class JnetnsCommand implements Runnable {
    /** Every object, in iproute2's order of precedence for abbreviations ("n" is neighbour, as in ip). */
    static final List<Class<?>> OBJECTS = List.of(VersionCommand.class, LinkCommand.class, AddressCommand.class,
            RouteCommand.class, NeighbourCommand.class, RuleCommand.class, NetnsCommand.class,
            TopologyCommands.Apply.class, TopologyCommands.Diff.class, TopologyCommands.Destroy.class,
            MonitorCommand.class, DemoCommand.class, BenchCommand.class, TrainCommand.class);

    /** Global options that take a value. */
    private static final java.util.Set<String> VALUED = java.util.Set.of("-n", "-netns", "--netns", "-b", "-batch",
            "--batch", "--backend");

    /**
     * The object a command line names, found as ip finds it: the first word after the global
     * options, matched against names and aliases by prefix, first in {@link #OBJECTS} order wins;
     * null when there is none (help, version flags, batch files).
     */
    static Class<?> object(String[] args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            i += VALUED.contains(args[i]) ? 2 : 1;
        }
        if (i >= args.length) {
            return null;
        }
        String word = args[i];
        for (Class<?> c : OBJECTS) {
            Command cmd = c.getAnnotation(Command.class);
            java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(cmd.aliases()));
            names.add(0, cmd.name());
            for (String n : names) {
                if (n.startsWith(word)) {
                    return c;
                }
            }
        }
        return null;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-4"}, description = "IPv4 only.")
    boolean ipv4;

    @Option(names = {"-6"}, description = "IPv6 only.")
    boolean ipv6;

    @Option(names = {"-n", "-netns", "--netns"}, paramLabel = "NETNS",
            description = "Run in the namespace NETNS: a name under /run/netns, or a path (several for monitor).")
    java.util.List<String> netnsList = new java.util.ArrayList<>();

    @Option(names = {"-a", "-all", "--all-netns"}, description = "monitor: every namespace under /run/netns.")
    boolean allNetns;

    /** The namespace of -n, null when none was given. */
    String netns() {
        if (netnsList.size() > 1) {
            throw new UsageException("only monitor takes -n more than once");
        }
        return netnsList.isEmpty() ? null : netnsList.get(0);
    }

    @Option(names = {"-j", "-json", "--json"}, description = "Output JSON with the keys of `ip -j`.")
    boolean json;

    @Option(names = {"-p", "-pretty", "--pretty"}, description = "Indent JSON output.")
    boolean pretty;

    @Option(names = {"-d", "-details", "--details"}, description = "Show details (link kind).")
    boolean details;

    @Option(names = "--backend", paramLabel = "ffm|jna",
            description = "Force the syscall backend (default: ffm on JDK 22+, jna before).")
    void backend(String name) {
        if (!name.equals("ffm") && !name.equals("jna")) {
            throw new UsageException("--backend " + name + ": use ffm or jna");
        }
        System.setProperty(Backends.PROPERTY, name);
    }

    @Option(names = {"-b", "-batch", "--batch"}, paramLabel = "FILE",
            description = "Run one command per line of FILE (- for stdin); stop at the first error.")
    String batchFile;

    @Option(names = {"-force", "--force"}, description = "With -batch: go on after errors, exit non-zero at the end.")
    boolean force;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public void run() {
        throw new UsageException("no object given; try 'jnetns --help'");
    }

    /** AF_INET with -4, AF_INET6 with -6, else {@code otherwise}. */
    int family(int otherwise) {
        if (ipv4 && ipv6) {
            throw new UsageException("-4 and -6 exclude each other");
        }
        return ipv4 ? 2 : ipv6 ? 10 : otherwise;
    }

    private Rtnl rtnl;
    private String rtnlNetns;

    /**
     * The handle for the namespace of {@code -n} (or the current one), opened on first use and kept
     * for the rest of the run (a whole batch file); {@link #close()} releases it.
     */
    Rtnl rtnl() throws ErrnoException {
        String netns = netns();
        if (rtnl != null && !java.util.Objects.equals(rtnlNetns, netns)) {
            close();
        }
        if (rtnl == null) {
            rtnl = openRtnl(netns);
            rtnlNetns = netns;
        }
        return rtnl;
    }

    /** Closes the handle {@link #rtnl()} opened, if any. */
    void close() {
        if (rtnl != null) {
            try {
                rtnl.close();
            } catch (ErrnoException e) {
                // nothing useful to do when closing a socket fails
            }
            rtnl = null;
        }
    }

    private static Rtnl openRtnl(String netns) throws ErrnoException {
        if (netns == null) {
            return Rtnl.open();
        }
        try (Netns ns = Netns.open(netns)) {
            return Rtnl.open(ns);
        } catch (ErrnoException e) {
            if (e.operation().startsWith("open(")) {
                throw new ErrnoException("cannot open netns \"" + netns + "\"", e.errno());
            }
            if (e.operation().startsWith("setns(") && e.is(Errno.EINVAL)) {
                throw new ErrnoException("cannot enter netns \"" + netns + "\": not a network namespace", e.errno());
            }
            throw e;
        }
    }

    /** Where command output goes. */
    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * The names under /run/netns by the nsid {@code rtnl}'s namespace knows them by (ip's
     * "link-netns NAME"); empty when no link refers to another namespace.
     */
    static java.util.Map<Integer, String> netnsNames(Rtnl rtnl, java.util.List<dev.jnetns.Link> links)
            throws ErrnoException {
        java.util.Map<Integer, String> out = new java.util.HashMap<>();
        if (links.stream().noneMatch(l -> l.linkNetnsId() >= 0)) {
            return out;
        }
        for (String name : Netns.names()) {
            try (Netns ns = Netns.open(name)) {
                int id = rtnl.nsid(ns);
                if (id >= 0) {
                    out.putIfAbsent(id, name);
                }
            } catch (ErrnoException e) {
                // a stale name under /run/netns names nothing
            }
        }
        return out;
    }

    /** A JSON writer set up as -p asks. */
    Json json() {
        return new Json(pretty);
    }
}
