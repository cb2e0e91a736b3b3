package dev.jnetns.cli;

import java.util.List;

/**
 * An object of the ip grammar ({@code link}, {@code address}, {@code route} …): its words are
 * positional and the first is the verb, matched as ip matches it (each object's own order of
 * prefixes); {@code help} prints the usage on stderr as ip does, and an unknown verb is ip's
 * {@code Command "X" is unknown}.
 */
abstract class ObjectCommand extends CliCommand {
    @Override
    final int call(List<String> words) throws Exception {
        Words w = new Words(words);
        String verb = w.hasNext() ? w.next() : defaultVerb();
        Integer rc = run(verb, w);
        if (rc != null) {
            return rc;
        }
        if (Words.matches(verb, "help")) {
            throw new HelpShown(entry.usage());
        }
        throw new UsageException("Command \"" + verb + "\" is unknown, try \"jnetns " + entry.name() + " help\".");
    }

    /** The verb when none is given: ip's "show". */
    String defaultVerb() {
        return "show";
    }

    /** Runs {@code verb} with the words after it; returns the exit code, null when the verb is unknown. */
    abstract Integer run(String verb, Words w) throws Exception;

    /** show, list or lst, abbreviated as ip allows (in ip's order, after the object's other verbs). */
    static boolean isShow(String verb) {
        return Words.matches(verb, "show") || Words.matches(verb, "list") || Words.matches(verb, "lst");
    }
}
