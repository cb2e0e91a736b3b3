package dev.jnetns.cli;

/**
 * The command line is wrong (exit code 1); the message says how. Like ip's exit() on a parse
 * error, it ends a batch even with {@code -force}.
 */
class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
