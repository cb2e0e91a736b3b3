package dev.jnetns.cli;

/** The command line is wrong (exit code 1); the message says how. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
