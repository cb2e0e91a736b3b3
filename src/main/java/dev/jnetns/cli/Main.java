package dev.jnetns.cli;

import dev.jnetns.rtnl.Escape;
import dev.jnetns.model.Plan;
import dev.jnetns.netlink.NlDecodeException;
import dev.jnetns.ErrnoException;
import dev.jnetns.NoSuchLinkException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entry point of the {@code jnetns} command. Exit codes as ip(8): 0 success, 1 syntax or usage
 * error (ip's 255 too) or a failed batch, 2 an error reported by the kernel or a system call.
 * Errors are one line on stderr; a stack trace only with {@code --debug}. {@code -batch FILE}
 * ({@link Batch}) runs one command per line as ip does.
 */
public final class Main {
    /** Exit code for what ip itself refuses and returns -1 for, and for a failed batch. */
    static final int EXIT_USAGE = 1;
    /** Exit code of ip's exit(-1): a word it cannot parse, a usage. */
    static final int EXIT_ABORT = 255;
    /** Exit code for an error reported by the kernel or a system call. */
    static final int EXIT_KERNEL = 2;
    /** Exit code for an on|off word ip's parse_on_off refuses: ip returns -EINVAL and exits with its negation. */
    static final int EXIT_EINVAL = 22;

    private final JnetnsCommand top;
    private final PrintWriter err;

    private Main(JnetnsCommand top, PrintWriter err) {
        this.top = top;
        this.err = err;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("cni")) {
            dev.jnetns.cni.CniPlugin.main(args);   // the CNI plugin (the shim's in-process mode): no ip grammar
            return;
        }
        if (args.length > 0 && args[0].equals("cni-daemon")) {
            System.exit(dev.jnetns.cni.CniDaemon.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int rc = run(args, out, err, System.out);   // run() flushes out
        if (shutdownHooked) {
            System.exit(rc);
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(rc);
    }

    /**
     * Whether a command registered a shutdown hook ({@code monitor}, which a signal ends): then the
     * process ends through {@link System#exit}, which runs the hook, or waits for the signal's
     * shutdown and its exit status. Every other command ends with {@link Runtime#halt} once its
     * output is flushed: {@code System.exit} first looks up a logger for itself (JDK 21+, a service
     * scan of the class path's jars, ~8 ms of a one-shot command) and has no hook of ours to run.
     */
    static volatile boolean shutdownHooked;

    /** Runs one command line (or batch), writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, null);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, ip's binary save files to {@code binary} (null: into {@code out}). */
    static int run(String[] args, PrintWriter out, PrintWriter err, java.io.OutputStream binary) {
        JnetnsCommand top = new JnetnsCommand(out);
        top.binary = binary;
        try {
            return new Main(top, err).run(List.of(args));
        } finally {
            top.close();
            out.flush();
        }
    }

    /** Parses the global options, then runs the command or the batch. */
    private int run(List<String> args) {
        int object;
        try {
            object = top.parse(args);
        } catch (UsageException e) {
            report(e);
            return e.exit;
        }
        if (top.help) {
            top.out().print(JnetnsCommand.helpText());
            return 0;
        }
        if (top.version) {
            top.out().println("jnetns " + VersionCommand.version());
            return 0;
        }
        if (top.batchFile != null) {
            return new Batch(this, top, err, List.copyOf(top.lineOptions), top.batchFile, top.force).run();
        }
        return dispatch(args.subList(object, args.size()));
    }

    /** Runs the command {@code words} starts with; errors become one line on stderr and ip's exit code. */
    int dispatch(List<String> words) {
        try {
            return execute(words);
        } catch (Exception e) {
            report(e);
            return exitCode(e);
        }
    }

    /**
     * Runs the command {@code words} starts with (the options already parsed into {@link #top});
     * throws what fails it.
     */
    int execute(List<String> words) throws Exception {
        if (words.isEmpty()) {
            throw new HelpShown(HelpCommand.usage());
        }
        Commands.Entry entry = Commands.find(words.get(0));
        if (entry == null) {
            throw new CommandFailed("Object \"" + words.get(0) + "\" is unknown, try \"jnetns help\".");
        }
        if (!entry.implemented()) {
            throw new CommandFailed("Object \"" + entry.name() + "\" of ip is not implemented by jnetns");
        }
        List<String> rest = words.subList(1, words.size());
        if (top.listAllNetns && AllNetnsShow.OBJECTS.contains(entry.name())) {
            return new AllNetnsShow(this, top).run(words);
        }
        if (Commands.ownCommand(entry) && rest.size() == 1 && List.of("help", "--help", "-h").contains(rest.get(0))) {
            entry.help(top.out());
            return 0;
        }
        CliCommand command = entry.make().get();
        command.top = top;
        command.entry = entry;
        if (top.echo && EchoPrinter.echoes(entry.name(), rest)) {
            return EchoPrinter.run(top, () -> command.call(rest));
        }
        return command.call(rest);
    }

    /** Prints what failed: one line, control characters escaped; a usage asked for as it is. */
    void report(Exception e) {
        if (e instanceof HelpShown) {
            err.print(e.getMessage());
            err.flush();
            return;
        }
        if (e instanceof KindUsage k) {
            PrintWriter to = k.stdout ? top.out() : err;
            to.print(k.getMessage());
            to.flush();
            return;
        }
        if (top.debug) {
            e.printStackTrace(err);
        }
        err.println("jnetns: " + Escape.controls(message(e)));
    }

    /** ip's exit code for what failed: 1 for the command line and what ip itself refuses, 2 for the kernel. */
    static int exitCode(Exception e) {
        if (e instanceof Plan.StepFailedException && e.getCause() instanceof Exception) {
            return exitCode((Exception) e.getCause());
        }
        if (e instanceof CommandFailed c) {
            return c.exit;
        }
        if (e instanceof UsageException u) {
            return u.exit;
        }
        if (e instanceof IllegalArgumentException || e instanceof KindUsage
                || e instanceof NoSuchLinkException) {
            return EXIT_USAGE;
        }
        return EXIT_KERNEL;
    }

    /** Whether a failure ends a batch even with -force: a bad command line, as ip's exit() does. */
    static boolean endsBatch(Exception e) {
        return e instanceof UsageException || e instanceof IllegalArgumentException;
    }

    static String message(Exception e) {
        if (e instanceof NoSuchLinkException) {
            return "Cannot find device \"" + ((NoSuchLinkException) e).device() + "\"";
        }
        if (e instanceof ErrnoException || e instanceof UsageException || e instanceof IllegalArgumentException
                || e instanceof CommandFailed || e instanceof Plan.StepFailedException) {
            return e.getMessage();
        }
        if (e instanceof NlDecodeException) {
            return "cannot decode the kernel's answer: " + e.getMessage();
        }
        return e.toString();
    }
}
