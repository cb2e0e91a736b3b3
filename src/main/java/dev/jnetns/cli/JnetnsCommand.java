package dev.jnetns.cli;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.Backends;
import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The global options of {@code jnetns} (iproute2's, before the object), parsed by hand as ip parses
 * them, and what they give the commands: the rtnetlink handle of {@code -n}, the output, JSON.
 */
final class JnetnsCommand {
    /** The options for {@code --help}: names, the value they take ("" when none), description. */
    private static final String[][] OPTIONS = {
        {"-4", "", "IPv4 only."},
        {"-6", "", "IPv6 only."},
        {"-n, -netns, --netns", "NETNS", "Run in the namespace NETNS: a name under /run/netns, or a path (several for monitor)."},
        {"-a, -all, --all-netns", "", "monitor: every namespace under /run/netns."},
        {"-j, -json, --json", "", "Output JSON with the keys of `ip -j`."},
        {"-p, -pretty, --pretty", "", "Indent JSON output."},
        {"-s, -stats, --stats", "", "link and address show: traffic counters (twice: error counters too); neigh show: ages and probes; route: cache use; as ip -s."},
        {"-o, -oneline, --oneline", "", "link, address and route show: one line per record, a backslash for each line break."},
        {"-br, -brief, --brief", "", "link, address and neigh show: one line per device or entry, as ip -br."},
        {"-d, -details, --details", "", "Show details as ip -d: counters, MTU range, kind, queues, GSO/TSO limits, rule protocols; route type, table, proto, scope."},
        {"--backend", "ffm|jna", "Force the syscall backend (default: ffm on JDK 22+, jna before)."},
        {"-b, -batch, --batch", "FILE", "Run one command per line of FILE (- for stdin); stop at the first error."},
        {"-force, --force", "", "With -batch: go on after errors, exit non-zero at the end."},
        {"--debug", "", "Print stack traces of errors."},
        {"-h, -help, --help", "", "Show this help and exit."},
        {"-V, -Version, --version", "", "Print the version and exit."},
    };

    private final PrintWriter out;

    boolean ipv4;
    boolean ipv6;
    List<String> netnsList = new ArrayList<>();
    boolean allNetns;
    boolean json;
    boolean pretty;
    boolean details;
    boolean brief;
    boolean oneline;
    int stats;
    String batchFile;
    boolean force;
    boolean debug;
    boolean help;
    boolean version;
    /** The options given, but -batch FILE and -force: what every line of a batch file runs with. */
    List<String> lineOptions = new ArrayList<>();

    JnetnsCommand(PrintWriter out) {
        this.out = out;
    }

    /**
     * Reads the global options at the start of {@code args} (earlier values are forgotten) and
     * returns the index of the first word that is not one: the object. Long options also take
     * {@code --name=VALUE}.
     */
    int parse(List<String> args) {
        ipv4 = ipv6 = allNetns = json = pretty = details = brief = oneline = force = debug = help = version = false;
        netnsList = new ArrayList<>();
        lineOptions = new ArrayList<>();
        batchFile = null;
        stats = 0;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            int first = i;
            String arg = args.get(i);
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            boolean valued = true;
            switch (name) {
                case "-n", "-netns", "--netns" -> netnsList.add(value != null ? value : value(args, ++i, arg));
                case "-b", "-batch", "--batch" -> {
                    batchFile = value != null ? value : value(args, ++i, arg);
                    continue;   // not one of the lineOptions
                }
                case "--backend" -> backend(value != null ? value : value(args, ++i, arg));
                default -> valued = false;
            }
            if (valued) {
                lineOptions.addAll(args.subList(first, i + 1));
                continue;
            }
            if (value != null) {
                throw new UsageException("option \"" + name + "\" takes no value");
            }
            switch (name) {
                case "-4" -> ipv4 = true;
                case "-6" -> ipv6 = true;
                case "-a", "-all", "--all-netns" -> allNetns = true;
                case "-j", "-json", "--json" -> json = true;
                case "-p", "-pretty", "--pretty" -> pretty = true;
                case "-d", "-details", "--details" -> details = true;
                case "-br", "-brief", "--brief" -> brief = true;
                case "-o", "-oneline", "--oneline" -> oneline = true;
                case "-s", "-stats", "-statistics", "--stats" -> stats++;
                case "-force", "--force" -> {
                    force = true;
                    continue;   // not one of the lineOptions
                }
                case "--debug" -> debug = true;
                case "-h", "-help", "--help" -> help = true;
                case "-V", "-Version", "--version" -> version = true;
                default -> throw new UsageException("Option \"" + arg + "\" is unknown, try \"jnetns --help\"");
            }
            lineOptions.add(arg);
        }
        return i;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException("option \"" + option + "\" needs a value; try 'jnetns --help'");
        }
        return args.get(i);
    }

    private static void backend(String name) {
        if (!name.equals("ffm") && !name.equals("jna")) {
            throw new UsageException("--backend " + name + ": use ffm or jna");
        }
        System.setProperty(Backends.PROPERTY, name);
    }

    /** {@code jnetns --help}: synopsis, options, commands, exit status. */
    void printHelp() {
        out.println("Usage: jnetns [OPTIONS] OBJECT [ARGS...]");
        out.println("       jnetns [OPTIONS] -batch FILE");
        out.println("Linux network namespaces and rtnetlink, with the grammar of ip(8).");
        out.println();
        out.println("Options:");
        for (String[] o : OPTIONS) {
            out.printf("  %-30s %s%n", o[0] + (o[1].isEmpty() ? "" : " " + o[1]), o[2]);
        }
        out.println();
        out.println("Objects and commands (abbreviations as ip allows; 'jnetns OBJECT help' for one):");
        for (Commands.Entry e : Commands.ALL) {
            if (!e.hidden()) {
                String names = e.name() + (e.aliases().isEmpty() ? "" : ", " + String.join(", ", e.aliases()));
                out.printf("  %-30s %s%n", names, e.description());
            }
        }
        out.println();
        out.println("Exit status: 0 success, 1 syntax or usage error, 2 error reported by the kernel.");
        out.println("`jnetns cni` is the CNI plugin: CNI_* in the environment, the network config on stdin;");
        out.println("`jnetns cni-daemon [--socket PATH]` serves it to the shim target/jnetns-cni from one warm JVM");
        out.println("(README: \"Use as a CNI plugin\").");
    }

    /** The namespace of -n, null when none was given. */
    String netns() {
        if (netnsList.size() > 1) {
            throw new UsageException("only monitor takes -n more than once");
        }
        return netnsList.isEmpty() ? null : netnsList.get(0);
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
    PrintWriter out() {
        return out;
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
    /** Where a show prints: text, or JSON as -j (-p) asks. */
    Out printOut() {
        return json ? Out.json(pretty) : Out.text();
    }

    /** Writes what a show printed, JSON followed by a newline as ip ends it. */
    void print(Out o) {
        out().print(o);
        if (json) {
            out().println();
        }
    }

    Json json() {
        return new Json(pretty);
    }
}
