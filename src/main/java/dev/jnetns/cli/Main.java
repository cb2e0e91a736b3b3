package dev.jnetns.cli;

import dev.jnetns.model.Plan;
import dev.jnetns.netlink.NlDecodeException;
import dev.jnetns.sys.ErrnoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the {@code jnetns} command. Exit codes as ip(8): 0 success, 1 syntax or usage
 * error, 2 an error reported by the kernel or a system call. Errors are one line on stderr; a
 * stack trace only with {@code --debug}. {@code -batch FILE} ({@code -} for stdin) runs one command
 * per line with the same global options and stops at the first error unless {@code -force}.
 */
public final class Main {
    /** Exit code for a syntax or usage error. */
    static final int EXIT_USAGE = 1;
    /** Exit code for an error reported by the kernel or a system call. */
    static final int EXIT_KERNEL = 2;

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
        System.exit(run(args, out, err));   // run() flushes out
    }

    /** Runs one command line (or batch), writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        JnetnsCommand top = new JnetnsCommand(out);
        try {
            return new Main(top, err).run(List.of(args));
        } finally {
            top.close();
            out.flush();
        }
    }

    /** Parses the global options into {@link #top}; the index of the object, -1 after a usage error (printed). */
    private int parse(List<String> args) {
        try {
            return top.parse(args);
        } catch (UsageException e) {
            err.println("jnetns: " + e.getMessage());
            return -1;
        }
    }

    private int run(List<String> args) {
        int object = parse(args);
        if (object < 0) {
            return EXIT_USAGE;
        }
        if (top.help) {
            top.printHelp();
            return 0;
        }
        if (top.version) {
            top.out().println("jnetns " + VersionCommand.version());
            return 0;
        }
        if (top.batchFile != null) {
            if (object < args.size()) {
                err.println("jnetns: -batch FILE takes the commands from FILE, not \"" + args.get(object) + "\"");
                return EXIT_USAGE;
            }
            return batch(List.copyOf(top.lineOptions), top.batchFile, top.force);
        }
        return dispatch(args.subList(object, args.size()));
    }

    /**
     * Runs the command {@code words} starts with (the options already parsed into {@link #top}):
     * errors become one line on stderr and ip's exit code.
     */
    private int dispatch(List<String> words) {
        if (words.isEmpty()) {
            err.println("jnetns: no object given; try 'jnetns --help'");
            return EXIT_USAGE;
        }
        if (words.get(0).equals("help")) {
            top.printHelp();
            return 0;
        }
        Commands.Entry entry = Commands.find(words.get(0));
        if (entry == null) {
            err.println("jnetns: Object \"" + words.get(0) + "\" is unknown, try \"jnetns help\"");
            return EXIT_USAGE;
        }
        List<String> rest = words.subList(1, words.size());
        if (rest.size() == 1 && (rest.get(0).equals("--help") || rest.get(0).equals("-h"))) {
            entry.help(top.out());
            return 0;
        }
        CliCommand command = entry.make().get();
        command.top = top;
        command.entry = entry;
        try {
            return command.call(rest);
        } catch (Exception e) {
            if (top.debug) {
                e.printStackTrace(err);
            }
            err.println("jnetns: " + message(e));
            return exitCode(e);
        }
    }

    private int batch(List<String> globals, String file, boolean force) {
        try (BufferedReader in = file.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return batch(globals, file, force, in);
        } catch (IOException e) {
            err.println("jnetns: cannot read batch file " + file + ": " + e.getMessage());
            return EXIT_USAGE;
        }
    }

    /** The lines of {@code in}, read as they are run: a batch of any length runs in bounded memory. */
    private int batch(List<String> globals, String file, boolean force, BufferedReader in) throws IOException {
        top.parse(globals);   // -n, -4/-6 … for the pipelined lines
        PipelinedBatch pipe = new PipelinedBatch(top, err, file, force);
        int worst = 0;
        int n = -1;
        for (String line; (line = in.readLine()) != null; ) {
            n++;
            List<String> words;
            try {
                words = BatchLines.split(line);
            } catch (IllegalArgumentException e) {
                worst = Math.max(worst, pipe.flush());
                err.println("jnetns: " + e.getMessage());
                err.println("Command failed " + file + ":" + (n + 1));
                return EXIT_USAGE;
            }
            if (words.isEmpty()) {
                continue;
            }
            PipelinedBatch.Kind kind = PipelinedBatch.kindOf(words);
            if (kind == null || kind != pipe.kind() || pipe.size() >= PipelinedBatch.MAX_RUN) {
                int rc = pipe.flush();   // keep the file's order: a run ends where another kind starts
                worst = Math.max(worst, rc);
                if (rc != 0 && !force) {
                    return rc;
                }
            }
            if (kind != null) {
                try {
                    pipe.add(n + 1, kind, words);
                    continue;
                } catch (ErrnoException | RuntimeException e) {
                    int rc = pipe.flush();
                    if (rc != 0 && !force) {
                        return rc;
                    }
                    err.println("jnetns: " + message(e));
                    err.println("Command failed " + file + ":" + (n + 1));
                    worst = Math.max(worst, Math.max(rc, exitCode(e)));
                    if (!force || exitCode(e) == EXIT_USAGE) {
                        return exitCode(e);
                    }
                    continue;
                }
            }
            int rc;
            try {
                rc = NetnsCommand.runDirect(words) ? 0 : line(concat(globals, words));
            } catch (ErrnoException | RuntimeException e) {
                err.println("jnetns: " + message(e));
                rc = exitCode(e);
            }
            if (rc != 0) {
                err.println("Command failed " + file + ":" + (n + 1));
                worst = Math.max(worst, rc);
                if (!force || rc == EXIT_USAGE) {
                    return rc;
                }
            }
        }
        return Math.max(worst, pipe.flush());
    }

    /** One line of a batch file that is not pipelined, with the global options before it. */
    private int line(List<String> args) {
        int object = parse(args);
        return object < 0 ? EXIT_USAGE : dispatch(args.subList(object, args.size()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static int exitCode(Exception e) {
        if (e instanceof Plan.StepFailedException && e.getCause() instanceof Exception) {
            return exitCode((Exception) e.getCause());
        }
        if (e instanceof UsageException || e instanceof IllegalArgumentException) {
            return EXIT_USAGE;
        }
        return EXIT_KERNEL;
    }

    static String message(Exception e) {
        if (e instanceof ErrnoException || e instanceof UsageException || e instanceof IllegalArgumentException
                || e instanceof Plan.StepFailedException) {
            return e.getMessage();
        }
        if (e instanceof NlDecodeException) {
            return "cannot decode the kernel's answer: " + e.getMessage();
        }
        return e.toString();
    }
}
