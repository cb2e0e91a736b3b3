package dev.jnetns.cli;

/**
 * A command that cannot be carried out though its words are right (exit code 1, no kernel error):
 * ip's {@code "ip rule del" requires arguments.}, {@code Cannot find device "x"}. In a batch it
 * fails its line, and {@code -force} goes on with the next.
 */
final class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailed(String message) {
        super(message);
    }
}
