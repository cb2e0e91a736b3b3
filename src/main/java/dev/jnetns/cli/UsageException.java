package dev.jnetns.cli;

/**
 * The command line is wrong; the message says how. It stands for ip's exit() on a parse error:
 * it ends a batch even with {@code -force}, without a "Command failed" line, and the process
 * exits with ip's code: 255 for exit(-1) (invarg, duparg, incomplete_command, the usages), 1 for
 * exit(1) (get_prefix, get_addr, an unterminated quote in a batch line).
 */
class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exit code ip's exit() gives for it. */
    final int exit;

    /** A parse error ip ends with exit(-1): exit code 255. */
    UsageException(String message) {
        this(message, Main.EXIT_ABORT);
    }

    UsageException(String message, int exit) {
        super(message);
        this.exit = exit;
    }
}
