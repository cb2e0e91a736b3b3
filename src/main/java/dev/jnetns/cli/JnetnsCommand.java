package dev.jnetns.cli;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.Backends;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_PACKET;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The global options of {@code jnetns} (iproute2's, before the object), parsed by hand as ip parses
 * them, and what they give the commands: the rtnetlink handle of {@code -n}, the output, JSON.
 */
final class JnetnsCommand {
    /** The options for {@code --help}: names (abbreviations as ip allows them), the value they take, description. */
    private static final String[][] OPTIONS = {
        {"-4, -6, -0", "", "IPv4 only, IPv6 only, link layer only (-0: addr show without addresses)."},
        {"-f[amily]", "inet|inet6|link", "The same as -4, -6, -0."},
        {"-n[etns]", "NETNS", "Run in the namespace NETNS: a name under /run/netns, or a path (several for monitor)."},
        {"-a[ll]", "", "netns exec: in every namespace under /run/netns, each headed 'netns: NAME' (ip's -all)."},
        {"--all-netns", "", "netns exec as -all; monitor: watch every namespace under /run/netns, following them;"
            + " link, address, route, neigh, rule, nexthop show: list every namespace's, each headed 'netns: NAME'"
            + " in text, each record with \"netns\" in JSON."},
        {"-j[son]", "", "Output JSON with the keys of `ip -j`."},
        {"-p[retty]", "", "Indent JSON output."},
        {"-s[tatistics]", "", "link and address show: traffic counters (twice: error counters too); neigh show: ages and probes; route: cache use; as ip -s."},
        {"-h[uman-readable], -iec", "", "Accepted as ip accepts them (counters are printed in full)."},
        {"-o[neline]", "", "link, address and route show: one line per record, a backslash for each line break."},
        {"-br[ief]", "", "link, address and neigh show: one line per device or entry, as ip -br."},
        {"-d[etails]", "", "Show details as ip -d: counters, MTU range, kind, queues, GSO/TSO limits, rule protocols; route type, table, proto, scope."},
        {"-t[imestamp], -ts[hort]", "", "monitor: each event after ip's timestamp (a 'Timestamp: ...' line, or [ISO time])."},
        {"-r[esolve]", "", "Accepted as ip accepts it (addresses print as without)."},
        {"-N[umeric]", "", "Numbers for names, as ip -N: tables, protocols, scopes, route types, rule actions, TOS, realms, groups, link/[TYPE]."},
        {"-c[olor][=always|auto|never]", "", "Accepted as ip accepts it (output is not coloured)."},
        {"-echo", "", "link, address, route, rule, nexthop add|change|replace|delete: print what the kernel made or deleted, as ip -echo (as ip monitor prints it)."},
        {"-l[oops]", "N", "address flush: at most N rounds (ip's default 10, 0: no limit); -s says each round, -s -s lists what it deletes."},
        {"-rc[vbuf]", "SIZE", "Accepted as ip accepts it."},
        {"-b[atch]", "FILE", "Run one command per line of FILE (- for stdin) in order; stop at the first failure."},
        {"-force", "", "With -batch: go on after failed lines (not after a syntax error), exit 1 at the end."},
        {"--backend", "ffm|jna", "Force the syscall backend (default: ffm on JDK 22+, jna before)."},
        {"--debug", "", "Print stack traces of errors."},
        {"--help", "", "Show this help on stdout and exit (-help, as ip's, prints it on stderr and exits 1; -h is -human)."},
        {"-V[ersion]", "", "Print the version and exit."},
    };

    private PrintWriter out;
    /** Where ip's binary save files go ({@code route|addr|rule save}): stdout itself; null in-process. */
    java.io.OutputStream binary;

    /** AF_INET, AF_INET6 or AF_PACKET from -4, -6, -0 or -family; 0 for none. */
    int family;
    List<String> netnsList = new ArrayList<>();
    boolean allNetns;
    /** {@code --all-netns} (not ip's {@code -all}, which only netns exec reads): shows list every named namespace. */
    boolean listAllNetns;
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
    boolean human;
    boolean iec;
    boolean resolve;
    boolean numeric;
    int timestamp;
    boolean timestampShort;
    int loops = 10;
    boolean version;
    /** ip's {@code -echo}: a change prints the object the kernel echoes ({@link EchoPrinter}). */
    boolean echo;
    /** The options given, but -batch FILE and -force: what every line of a batch file runs with. */
    List<String> lineOptions = new ArrayList<>();

    JnetnsCommand(PrintWriter out) {
        this.out = out;
    }

    /**
     * Reads the global options at the start of {@code args} (earlier values are forgotten) and
     * returns the index of the first word that is not one: the object. Matched as ip 6.1 matches
     * them, in its order ({@code -h} is -human, {@code -f} -family, {@code -b} -batch); a second
     * leading dash is ignored, as in ip, and {@code --} ends the options. jnetns's own:
     * {@code --backend}, {@code --debug}, {@code --all-netns}.
     */
    int parse(List<String> args) {
        family = 0;
        allNetns = listAllNetns = json = pretty = details = brief = oneline = force = debug = help = version = false;
        human = iec = resolve = numeric = timestampShort = echo = false;
        timestamp = 0;
        loops = 10;
        netnsList = new ArrayList<>();
        lineOptions = new ArrayList<>();
        batchFile = null;
        stats = 0;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            int first = i;
            String arg = args.get(i);
            if (arg.equals("--")) {
                return i + 1;
            }
            if (arg.equals("--backend") || arg.startsWith("--backend=")) {
                backend(arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : value(args, ++i));
            } else if (arg.equals("--debug")) {
                debug = true;
            } else if (arg.equals("--all-netns")) {
                allNetns = listAllNetns = true;
            } else {
                String opt = arg.startsWith("--") ? arg.substring(1) : arg;
                if (batchOption(opt, args, i)) {
                    i += Words.matches(opt, "-batch") ? 1 : 0;
                    continue;   // not one of the lineOptions
                }
                if (arg.startsWith("--") && Words.matches(opt, "-help")) {
                    help = true;   // --help: jnetns's own help on stdout; -help is ip's (usage on stderr)
                } else {
                    i = option(opt, args, i);
                }
            }
            lineOptions.addAll(args.subList(first, i + 1));
        }
        return i;
    }

    /** -batch FILE or -force: true when {@code opt} is one of them (they do not apply to each line). */
    private boolean batchOption(String opt, List<String> args, int i) {
        if (Words.matches(opt, "-force") && !Words.matches(opt, "-family")) {
            force = true;
            return true;
        }
        if (Words.matches(opt, "-batch")) {
            batchFile = value(args, i + 1);
            return true;
        }
        return false;
    }

    /** One of ip's options (not -batch, -force); returns the index of its last word. */
    private int option(String opt, List<String> args, int i) {
        if (Words.matches(opt, "-loops")) {
            loops = (int) Words.parseNumber("loops", value(args, ++i), Integer.MAX_VALUE);
        } else if (Words.matches(opt, "-family")) {
            family = familyNamed(value(args, ++i));
        } else if (opt.equals("-4")) {
            family = AF_INET;
        } else if (opt.equals("-6")) {
            family = AF_INET6;
        } else if (opt.equals("-0")) {
            family = AF_PACKET;
        } else if (Words.matches(opt, "-human") || Words.matches(opt, "-human-readable")) {
            human = true;
        } else if (Words.matches(opt, "-iec")) {
            iec = true;
        } else if (Words.matches(opt, "-stats") || Words.matches(opt, "-statistics")) {
            stats++;
        } else if (Words.matches(opt, "-details")) {
            details = true;
        } else if (Words.matches(opt, "-resolve")) {
            resolve = true;
        } else if (Words.matches(opt, "-oneline")) {
            oneline = true;
        } else if (Words.matches(opt, "-timestamp")) {
            timestamp++;
        } else if (Words.matches(opt, "-tshort")) {
            timestamp++;
            timestampShort = true;
        } else if (Words.matches(opt, "-Version")) {
            version = true;
        } else if (Words.matches(opt, "-brief")) {
            brief = true;
        } else if (Words.matches(opt, "-json")) {
            json = true;
        } else if (Words.matches(opt, "-pretty")) {
            pretty = true;
        } else if (Words.matches(opt, "-rcvbuf")) {
            String size = value(args, ++i);
            try {
                Integer.parseUnsignedInt(size);
            } catch (NumberFormatException e) {
                throw new UsageException("Invalid rcvbuf size '" + size + "'");
            }
        } else if (color(opt)) {
            return i;   // accepted; jnetns does not colour its output
        } else if (Words.matches(opt, "-help")) {
            throw new HelpShown(HelpCommand.usage());
        } else if (Words.matches(opt, "-netns")) {
            netnsList.add(checkNetns(value(args, ++i)));
        } else if (Words.matches(opt, "-Numeric")) {
            numeric = true;
        } else if (Words.matches(opt, "-all")) {
            allNetns = true;
        } else if (opt.equals("-echo")) {   // ip compares it whole
            echo = true;
        } else {
            throw new UsageException("Option \"" + opt + "\" is unknown, try \"jnetns -help\".");
        }
        return i;
    }

    /** ip's matches_color(): -color, -color=always|auto|never. */
    private static boolean color(String opt) {
        int eq = opt.indexOf('=');
        String name = eq < 0 ? opt : opt.substring(0, eq);
        String v = eq < 0 ? "always" : opt.substring(eq + 1);
        return Words.matches(name, "-color") && List.of("always", "auto", "never").contains(v);
    }

    /** The family of {@code -family NAME}. */
    private static int familyNamed(String name) {
        switch (name) {
            case "inet": return AF_INET;
            case "inet6": return AF_INET6;
            case "link": return AF_PACKET;
            case "help": throw new HelpShown(HelpCommand.usage());
            default: throw Words.invalid("invalid protocol family", name);
        }
    }

    /** A namespace of -n must exist, as ip checks when it switches to it. */
    private static String checkNetns(String nameOrPath) {
        Path p = nameOrPath.contains("/") ? Path.of(nameOrPath) : Path.of("/run/netns", nameOrPath);
        if (!Files.exists(p)) {
            throw new UsageException("Cannot open network namespace \"" + nameOrPath + "\": No such file or directory");
        }
        return nameOrPath;
    }

    private static String value(List<String> args, int i) {
        if (i >= args.size()) {
            throw new HelpShown(HelpCommand.usage());
        }
        return args.get(i);
    }

    private static void backend(String name) {
        if (!name.equals("ffm") && !name.equals("jna")) {
            throw new UsageException("--backend " + name + ": use ffm or jna", Main.EXIT_USAGE);
        }
        System.setProperty(Backends.PROPERTY, name);
    }

    /** The text of {@code jnetns --help}: synopsis, options, commands, exit status. */
    static String helpText() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println("Usage: jnetns [OPTIONS] OBJECT [ARGS...]");
        out.println("       jnetns [OPTIONS] [-force] -batch FILE");
        out.println("Linux network namespaces and rtnetlink, with the grammar and behaviour of ip(8) (iproute2 6.1).");
        out.println();
        out.println("Options (before the object, as in ip):");
        for (String[] o : OPTIONS) {
            out.printf("  %-30s %s%n", o[0] + (o[1].isEmpty() ? "" : " " + o[1]), o[2]);
        }
        out.println();
        out.println("Objects and commands (abbreviated as ip abbreviates them; 'jnetns OBJECT help' for one):");
        for (Commands.Entry e : Commands.ALL) {
            if (!e.hidden()) {
                String names = e.name() + (e.aliases().isEmpty() ? "" : ", " + String.join(", ", e.aliases()));
                out.printf("  %-30s %s%n", names, e.description());
            }
        }
        out.println("  (ip's other objects - addrlabel, maddress, ntable, tunnel, xfrm, vrf ... - are refused by name.)");
        out.println();
        out.println("Beyond ip: link move, apply, diff, destroy, netns export, netns exec --drop-cap, --all-netns show and");
        out.println("monitor, monitor with several -n, -j monitor.");
        out.println("Exit status: 0 success, 1 syntax or usage error or a failed batch (ip's 255 is 1),");
        out.println("2 error reported by the kernel.");
        out.println("`jnetns cni` is the CNI plugin: CNI_* in the environment, the network config on stdin;");
        out.println("`jnetns cni-daemon [--socket PATH]` serves it to the shim target/jnetns-cni from one warm JVM");
        out.println("(README: \"Use as a CNI plugin\").");
        out.flush();
        return text.toString();
    }

    /** The namespace of -n, null when none was given. */
    String netns() {
        if (netnsList.size() > 1) {
            throw new UsageException("only monitor takes -n more than once", Main.EXIT_USAGE);
        }
        return netnsList.isEmpty() ? null : netnsList.get(0);
    }

    /** The family of -4, -6, -0 or -family, else {@code otherwise}. */
    int family(int otherwise) {
        return family != 0 ? family : otherwise;
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

    /**
     * A printer of routes with the global options; with -d it prints after each route through a
     * nexthop object that object ({@code nh_info}), from one nexthop dump made now.
     */
    RoutePrinter routePrinter(java.util.List<dev.jnetns.Link> links, RouteFilter filter) throws ErrnoException {
        RoutePrinter p = new RoutePrinter(links, filter, details, stats, oneline);
        return details ? p.withNexthops(rtnl().nexthops().list(0)) : p;
    }

    /** Where command output goes. */
    PrintWriter out() {
        return out;
    }

    /**
     * Where a binary save file is written: stdout (what was printed before flushed first); in-process
     * runs, each byte as one character into {@link #out()} (ISO-8859-1).
     */
    java.io.OutputStream binaryOut() {
        out.flush();
        if (binary != null) {
            return binary;
        }
        return new java.io.OutputStream() {
            @Override
            public void write(int b) {
                out.write(b & 0xff);
            }
        };
    }

    /** Sends command output to {@code w} from now on; returns where it went before. */
    PrintWriter redirect(PrintWriter w) {
        PrintWriter was = out;
        out = w;
        return was;
    }

    /**
     * The names under /run/netns by the nsid {@code rtnl}'s namespace knows them by (ip's
     * "link-netns NAME"); empty when no link of {@code links} refers to another namespace (all of
     * them for null links: ip's netns_map_init).
     */
    static java.util.Map<Integer, String> netnsNames(Rtnl rtnl, java.util.List<dev.jnetns.Link> links)
            throws ErrnoException {
        java.util.Map<Integer, String> out = new java.util.HashMap<>();
        if (links != null && links.stream().noneMatch(l -> l.linkNetnsId() >= 0)) {
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

    /** Where a show prints: text, or JSON as -j (-p) asks; numbers for names with -N. */
    Out printOut() {
        return (json ? Out.json(pretty) : Out.text()).numeric(numeric);
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
