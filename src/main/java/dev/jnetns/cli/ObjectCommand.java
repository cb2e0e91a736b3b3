package dev.jnetns.cli;

import java.util.List;

/**
 * An object of the ip grammar ({@code link}, {@code address}, {@code route} …): its words are
 * positional, the first is the verb (abbreviations allowed, as ip allows them), {@code help} prints
 * the usage, and an unknown verb is a usage error.
 */
abstract class ObjectCommand extends CliCommand {
    @Override
    final int call(List<String> words) throws Exception {
        Words w = new Words(words);
        String verb = w.hasNext() ? w.next() : defaultVerb();
        if (Words.matches(verb, "help")) {
            entry.help(top.out());
            return 0;
        }
        Integer rc = run(verb, w);
        if (rc == null) {
            throw new UsageException(entry.name() + ": unknown command \"" + verb + "\"; try 'jnetns " + entry.name()
                    + " help'");
        }
        return rc;
    }

    /** The verb when none is given: ip's "show". */
    String defaultVerb() {
        return "show";
    }

    /** Runs {@code verb} with the words after it; returns the exit code, null when the verb is unknown. */
    abstract Integer run(String verb, Words w) throws Exception;

    /**
     * The change a verb asks for, as ip spells its verbs: "add" (add), "del" (delete, del) or
     * "replace" (replace, change); null for any other verb.
     */
    static String change(String verb) {
        if (Words.matches(verb, "add")) {
            return "add";
        }
        if (Words.matches(verb, "delete")) {
            return "del";
        }
        if (Words.matches(verb, "replace") || verb.equals("change")) {
            return "replace";
        }
        return null;
    }

    /** show, list or lst, abbreviated as ip allows. */
    static boolean isShow(String verb) {
        return Words.matches(verb, "show") || Words.matches(verb, "list") || verb.equals("lst");
    }
}
