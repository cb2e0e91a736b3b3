package dev.jnetns.fuzz;

import dev.jnetns.cli.Main;
import dev.jnetns.sys.NoSyscalls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fuzz target: the CLI's argument parser ({@code Main}, global options, the command table, each
 * command's words). The input is split into arguments at NUL bytes. Every system call is refused
 * ({@link NoSyscalls}): a command line is parsed and validated up to the point where it would act,
 * and nothing is ever changed. An argument with a '/' is put under a directory that does not exist,
 * so no file is read. What must hold: an exit code ip gives (0, 1, 2, 22 or 255), no Error, and no exception
 * printed as an unexpected one ({@code jnetns: java.lang.NullPointerException ...}).
 */
public final class CliFuzz {
    /** How Main prints an exception it did not expect (see Main.message). */
    private static final Pattern UNTYPED = Pattern.compile("(?m)^jnetns: [a-z][\\w.]*\\.[A-Z]\\w*(Exception|Error)\\b");

    static {
        NoSyscalls.install();
    }

    private CliFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        for (char c : new String(data, java.nio.charset.StandardCharsets.UTF_8).toCharArray()) {
            if (c == 0) {
                args.add(safe(arg.toString()));
                arg.setLength(0);
            } else {
                arg.append(c);
            }
        }
        args.add(safe(arg.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
        if (rc != 0 && rc != 1 && rc != 2 && rc != 22 && rc != 255) {   // ip's: 255 its exit(-1), 22 parse_on_off's
            throw new IllegalStateException("exit code " + rc + " for " + args);
        }
        if (UNTYPED.matcher(err.toString()).find()) {
            throw new IllegalStateException("untyped failure for " + args + ": " + err);
        }
    }

    /** A path-like argument moved under a directory that does not exist. */
    private static String safe(String arg) {
        return arg.indexOf('/') >= 0 ? "/nonexistent-jnetns-fuzz/" + arg : arg;
    }
}
