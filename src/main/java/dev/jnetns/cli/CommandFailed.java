package dev.jnetns.cli;

/**
 * A command that cannot be carried out though its words are right (exit code 1, no kernel error;
 * 22 for the on|off words ip reads with parse_on_off):
 * ip's {@code "ip rule del" requires arguments.}, {@code Cannot find device "x"}. In a batch it
 * fails its line, and {@code -force} goes on with the next.
 */
class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** ip's exit code for it: 1, or the errno ip returns from a parser (22 for EINVAL). */
    final int exit;

    CommandFailed(String message) {
        this(message, Main.EXIT_USAGE);
    }

    CommandFailed(String message, int exit) {
        super(message);
        this.exit = exit;
    }
}
