package dev.jnetns.cli;

/**
 * {@code link add ... type KIND help} (or a word the kind does not take): the kind's usage, as ip's
 * kind parsers print it — veth's on stdout, the others' on stderr — before they fail the command
 * with exit code 1. Unlike {@link HelpShown} it does not end a batch run with {@code -force}: ip's
 * kind parsers return, they do not exit.
 */
final class KindUsage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** True when ip prints this usage on stdout. */
    final boolean stdout;

    KindUsage(String usage, boolean stdout) {
        super(usage);
        this.stdout = stdout;
    }
}
