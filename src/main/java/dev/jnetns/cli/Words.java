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

    /** The words not read yet; reads them all. */
    List<String> rest() {
        List<String> r = List.copyOf(words.subList(next, words.size()));
        next = words.size();
        return r;
    }

    /** Fails when words are left over after a complete command. */
    void end(String command) {
        if (hasNext()) {
            throw new UsageException(command + ": unexpected \"" + words.get(next) + "\"");
        }
    }

    /** The next word as an unsigned number up to {@code max}, for keyword {@code key}. */
    long number(String key, long max) {
        String v = valueOf(key);
        return parseNumber(key, v, max);
    }

    /** Decimal or 0x-hex text as an unsigned number up to {@code max}. */
    static long parseNumber(String key, String v, long max) {
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("invalid \"" + key + "\" value \"" + v + "\"");
    }

    /** The word at the current position without reading it, or null at the end. */
    String peek() {
        return hasNext() ? words.get(next) : null;
    }

    /** The rest as {@code [dev] DEV}, the whole of a command's arguments; null when there are none. */
    String device(String command) {
        String dev = null;
        while (hasNext()) {
            String word = next();
            if (word.equals("dev")) {
                dev = valueOf(word);
            } else if (dev == null) {
                dev = word;
            } else {
                throw new UsageException(command + ": unexpected \"" + word + "\"");
            }
        }
        return dev;
    }

    /** iproute2's matches(): {@code word} is a non-empty prefix of {@code keyword}. */
    static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }
}
