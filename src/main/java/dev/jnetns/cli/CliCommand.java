package dev.jnetns.cli;

import java.util.List;

/**
 * One command of the jnetns CLI (an object of the ip grammar, or one of jnetns's own), run with
 * the words after its name. {@link Main} gives it the global options ({@link #top}) and its entry of
 * {@link Commands} (name, description, usage) before calling it.
 */
abstract class CliCommand {
    JnetnsCommand top;
    Commands.Entry entry;

    /** Runs with the words after the command's name; returns the exit code. */
    abstract int call(List<String> words) throws Exception;

    /** Fails unless {@code words} is empty: the command takes no arguments. */
    final void noArguments(List<String> words) {
        if (!words.isEmpty()) {
            throw new UsageException(entry.name() + ": unexpected argument \"" + words.get(0) + "\"; try 'jnetns "
                    + entry.name() + " --help'", Main.EXIT_USAGE);
        }
    }
}
