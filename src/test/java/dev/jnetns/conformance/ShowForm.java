package dev.jnetns.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * One output compared between ip and jnetns: a show command of an object in one form (text,
 * {@code -d}, {@code -s}, {@code -j}, {@code -j -p}, {@code -d -j}, {@code -s -j}), optionally for
 * one address family.
 *
 * @param object link, addr, route, rule or neigh
 * @param family {@code -4}, {@code -6} or empty
 * @param options the form's global options
 * @param show the command after the options, e.g. {@code route show table all}
 */
record ShowForm(String object, String family, List<String> options, List<String> show) {
    /** The forms every show is compared in. */
    static final List<List<String>> FORMS = List.of(List.of(), List.of("-d"), List.of("-s"), List.of("-j"),
            List.of("-j", "-p"), List.of("-d", "-j"), List.of("-s", "-j"));
    /**
     * The forms a show is compared in with {@code -4} and {@code -6} as well: the family filters
     * which records are shown, the other forms print each record the same way with or without it.
     */
    static final List<List<String>> FAMILY_FORMS = List.of(List.of(), List.of("-d"), List.of("-j"));

    /**
     * The shows of each object; the first of each object except link is compared for all families
     * and, in {@link #FAMILY_FORMS}, with {@code -4} and {@code -6}. {@code route show table all} holds every table, {@code route
     * show} the main table as ip prints it without {@code table main}; {@code neigh show} hides
     * NOARP and NONE entries and proxies, which {@code nud all} and {@code proxy} show.
     */
    private static final List<List<String>> SHOWS = List.of(
            List.of("link", "show"),
            List.of("addr", "show"),
            List.of("route", "show", "table", "all"),
            List.of("route", "show"),
            List.of("rule", "show"),
            List.of("neigh", "show"),
            List.of("neigh", "show", "nud", "all"),
            List.of("neigh", "show", "proxy"));

    /** Every comparison, in a fixed order. */
    static List<ShowForm> all() {
        List<ShowForm> out = new ArrayList<>();
        String previous = "";
        for (List<String> show : SHOWS) {
            String object = show.get(0);
            boolean families = !object.equals("link") && !object.equals(previous);
            previous = object;
            for (List<String> form : FORMS) {
                out.add(new ShowForm(object, "", form, show));
            }
            for (String family : families ? List.of("-4", "-6") : List.<String>of()) {
                for (List<String> form : FAMILY_FORMS) {
                    out.add(new ShowForm(object, family, form, show));
                }
            }
        }
        return out;
    }

    /** True for the JSON forms. */
    boolean json() {
        return options.contains("-j");
    }

    /** The arguments after {@code -n NS}, as given to both ip and jnetns. */
    List<String> args() {
        List<String> a = new ArrayList<>();
        if (!family.isEmpty()) {
            a.add(family);
        }
        a.addAll(options);
        a.addAll(show);
        return a;
    }

    /** The form without the family and the show, e.g. {@code -d -j} or {@code text}, for grouping. */
    String formName() {
        return options.isEmpty() ? "text" : String.join(" ", options);
    }

    @Override
    public String toString() {
        return String.join(" ", args());
    }
}
