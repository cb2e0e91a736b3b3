package dev.jnetns.cli;

/**
 * {@code OBJECT help} (or {@code help} where ip reads a word): the object's usage, which ip prints
 * on stderr before it exits with 255; jnetns does the same. Ends a batch.
 */
final class HelpShown extends UsageException {
    private static final long serialVersionUID = 1L;

    HelpShown(String usage) {
        super(usage);
    }
}
