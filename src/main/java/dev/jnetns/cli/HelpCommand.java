package dev.jnetns.cli;

import java.util.List;

/** {@code jnetns help}: as {@code ip help}, the usage on stderr and exit 1 (ip: 255). */
final class HelpCommand extends CliCommand {
    /** What {@code help} and a bad global option print. */
    static String usage() {
        return JnetnsCommand.helpText();
    }

    @Override
    int call(List<String> words) {
        throw new HelpShown(usage());
    }
}
