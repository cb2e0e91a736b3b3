package dev.jnetns.cli;

import java.util.List;

/** The positional words of an iproute2-style command, read left to right. */
final class Words {
    private final List<String> words;
    private int next;

    Words(List<String> words) {
        this.words = words;
    }

    boolean hasNext() {
        return next < words.size();
    }

    String next() {
        if (!hasNext()) {
            throw new UsageException("missing argument after \"" + words.get(next - 1) + "\"");
        }
        return words.get(next++);
    }

    /** The value that must follow keyword {@code key}. */
    String valueOf(String key) {
        if (!hasNext()) {
            throw new UsageException("\"" + key + "\" needs an argument");
        }
        return words.get(next++);
    }

    /** iproute2's matches(): {@code word} is a non-empty prefix of {@code keyword}. */
    static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }
}
