package dev.jnetns.cli;

import dev.jnetns.rtnl.Escape;
import dev.jnetns.ErrnoException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -batch FILE} with ip's semantics: the lines run in order and each sees what the ones
 * before it did; a failing line is named ({@code Command failed FILE:N}) and, without
 * {@code -force}, ends the batch; with {@code -force} every line runs and each failure is named;
 * a bad command line ends the batch either way (ip exits there). A batch with a failed line exits
 * 1, as ip's does. Runs of independent {@code add} lines are sent pipelined ({@link PipelinedBatch});
 * a run is sent before any line that depends on it.
 */
final class Batch {
    private final Main main;
    private final JnetnsCommand top;
    private final PrintWriter err;
    private final List<String> globals;
    private final String file;
    private final boolean force;
    /** A line failed. */
    private boolean failed;

    Batch(Main main, JnetnsCommand top, PrintWriter err, List<String> globals, String file, boolean force) {
        this.main = main;
        this.top = top;
        this.err = err;
        this.globals = globals;
        this.file = file;
        this.force = force;
    }

    /** Runs the file; the exit code: 0, or 1 when a line failed. */
    int run() {
        InputStream in;
        try {
            in = file.equals("-") ? System.in : new FileInputStream(file);
        } catch (IOException e) {
            err.println("jnetns: Cannot open file \"" + Escape.controls(file) + "\" for reading: " + strerror(e));
            return Main.EXIT_USAGE;
        }
        try {
            return run(new BatchLines(in));
        } catch (IOException e) {
            err.println("jnetns: reading " + Escape.controls(file) + ": " + Escape.controls(String.valueOf(e.getMessage())));
            return Main.EXIT_USAGE;
        } finally {
            if (in != System.in) {
                try {
                    in.close();
                } catch (IOException e) {
                    // read to the end or failed already
                }
            }
        }
    }

    /**
     * Why a file could not be opened, as strerror says it: FileInputStream's message is the path
     * followed by the reason in parentheses.
     */
    private static String strerror(IOException e) {
        String m = String.valueOf(e.getMessage());
        int open = m.lastIndexOf(" (");
        return Escape.controls(open >= 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m);
    }

    private int run(BatchLines lines) throws IOException {
        top.parse(globals);   // -n, -4/-6 ... for the pipelined lines
        PipelinedBatch pipe = new PipelinedBatch(top, err, file, force);
        RouteAddLine reader = new RouteAddLine();
        int rc;
        do {
            rc = next(lines, pipe, reader);
        } while (rc == MORE);
        if (rc != END) {
            return rc;
        }
        failed |= !pipe.flush();
        return failed ? Main.EXIT_USAGE : 0;
    }

    /** What {@link #next} returns to go on, and at the end of the input. */
    private static final int MORE = -1;
    private static final int END = -2;

    /**
     * Reads and runs (or joins to the pipelined run) one command line: a method per line, so that
     * it is compiled after a few hundred lines (a loop's body in one long call stays interpreted
     * for tens of thousands of iterations before it is compiled on the stack).
     *
     * @return {@link #MORE}, {@link #END}, or the batch's exit code when it ends here
     */
    private int next(BatchLines lines, PipelinedBatch pipe, RouteAddLine reader) throws IOException {
        int n = lines.lineNumber() + 1;
        RouteAddLine route = null;   // the common line, read from its bytes, without a string
        List<String> words = List.of();
        try {
            if (!lines.advance()) {
                return END;
            }
            n = lines.lineNumber();
            if (lines.plain() && !top.echo && reader.read(lines.bytes(), lines.length(), top.family(0))) {
                route = reader;
            } else {
                words = BatchLines.split(lines.command());
                n = lines.lineNumber();
            }
        } catch (UsageException e) {
            if (!pipe.flush()) {   // the lines before it failed first
                failed = true;
                if (!force) {
                    return Main.EXIT_USAGE;
                }
            }
            main.report(e);
            return e.exit == 0 ? END : e.exit;   // exit 0: the input ends there
        } catch (CommandFailed e) {   // a line jnetns cannot read (not UTF-8) fails as a line does
            failed |= !pipe.flush();
            fail(e, n);
            failed = true;
            return force ? MORE : Main.EXIT_USAGE;
        }
        if (route == null && words.isEmpty()) {
            return MORE;
        }
        // -echo: each line alone, its request answered by its echo
        PipelinedBatch.Kind kind = route != null ? PipelinedBatch.Kind.ROUTE
                : top.echo ? null : PipelinedBatch.kindOf(words);
        if (!pipe.accepts(kind, words)) {
            if (!pipe.flush()) {   // what the line may depend on is done first
                failed = true;
                if (!force) {
                    return Main.EXIT_USAGE;
                }
            }
        }
        Exception e = kind != null ? add(pipe, n, kind, words, route) : line(words);
        if (e == null) {
            return MORE;
        }
        if (!pipe.flush()) {   // the run before this line, which it did not join
            failed = true;
            if (!force) {
                return Main.EXIT_USAGE;
            }
        }
        if (e instanceof UsageException u) {
            return exit(u);
        }
        fail(e, n);
        failed = true;
        if (!force || Main.endsBatch(e)) {
            return Main.EXIT_USAGE;
        }
        return MORE;
    }

    /** A line ip ends the whole run on (its exit()): the message alone, no "Command failed" line, ip's code. */
    private int exit(UsageException e) {
        main.report(e);
        return e.exit;
    }

    /** Adds a line to the pipelined run (as {@code route} when it was read as one); what fails it, null when it joined. */
    private static Exception add(PipelinedBatch pipe, int n, PipelinedBatch.Kind kind, List<String> words,
                                 RouteAddLine route) {
        try {
            if (route != null) {
                pipe.add(n, route);
            } else {
                pipe.add(n, kind, words);
            }
            return null;
        } catch (ErrnoException | RuntimeException e) {
            return e;
        }
    }

    /** Runs one line that is not pipelined, with the global options; what fails it, null when it ran. */
    private Exception line(List<String> words) {
        List<String> args = new ArrayList<>(globals);
        args.addAll(words);
        try {
            int object = top.parse(args);
            int rc = main.execute(args.subList(object, args.size()));
            if (rc != 0) {
                return new CommandFailed(null);   // it said why, if anything (netns exec's command)
            }
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private void fail(Exception e, int n) {
        if (e.getMessage() != null) {
            main.report(e);
        }
        err.println("Command failed " + Escape.controls(file) + ":" + n);
    }
}
