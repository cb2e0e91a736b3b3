package dev.jnetns.cli;

import dev.jnetns.netlink.NlDecodeException;
import dev.jnetns.sys.ErrnoException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of the {@code jnetns} command. Exit codes as ip(8): 0 success, 1 syntax or usage
 * error, 2 an error reported by the kernel or a system call. Errors are one line on stderr; a
 * stack trace only with {@code --debug}.
 */
public final class Main {
    /** Exit code for a syntax or usage error. */
    static final int EXIT_USAGE = 1;
    /** Exit code for an error reported by the kernel or a system call. */
    static final int EXIT_KERNEL = 2;

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int rc = run(args, out, err);
        out.flush();
        System.exit(rc);
    }

    /** Runs one command line, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new JnetnsCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setAbbreviatedSubcommandsAllowed(true);
        cl.setStopAtPositional(true);   // ip grammar: after the object, every word is positional
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("jnetns: " + e.getMessage());
            err.println("Try 'jnetns --help'" + (e.getCommandLine() == cl ? "" : " or 'jnetns "
                    + e.getCommandLine().getCommandName() + " help'") + ".");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            JnetnsCommand top = cl.getCommand();
            if (top.debug) {
                e.printStackTrace(err);
            }
            err.println("jnetns: " + message(e));
            return exitCode(e);
        });
        int rc = cl.execute(args);
        out.flush();
        return rc;
    }

    static int exitCode(Exception e) {
        if (e instanceof UsageException || e instanceof IllegalArgumentException) {
            return EXIT_USAGE;
        }
        return EXIT_KERNEL;
    }

    static String message(Exception e) {
        if (e instanceof ErrnoException || e instanceof UsageException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof NlDecodeException) {
            return "cannot decode the kernel's answer: " + e.getMessage();
        }
        return e.toString();
    }
}
