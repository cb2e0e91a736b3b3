package dev.jnetns.conformance;

import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A namespace as {@code ip -d -j} shows it - links, addresses, routes of every table, rules and
 * neighbours (every state, proxies), both families - with the {@link TimeVarying} values masked:
 * what the checks of issue 12 compare before and after export/delete/apply, a move, a repair by
 * diff and apply, or a failed apply.
 */
final class Snapshot {
    /** The shows a snapshot is made of. */
    static final List<List<String>> SHOWS = List.of(
            List.of("-d", "-j", "link", "show"),
            List.of("-d", "-j", "addr", "show"),
            List.of("-d", "-j", "route", "show", "table", "all"),
            List.of("-4", "-d", "-j", "rule", "show"),
            List.of("-6", "-d", "-j", "rule", "show"),
            List.of("-d", "-j", "neigh", "show", "nud", "all"),
            List.of("-d", "-j", "neigh", "show", "proxy"));

    private final Map<String, Object> shows;

    private Snapshot(Map<String, Object> shows) {
        this.shows = shows;
    }

    /** The state of the named namespace {@code ns} now. */
    static Snapshot of(IpShell shell, String ns) {
        Map<String, Object> shows = new LinkedHashMap<>();
        for (List<String> show : SHOWS) {
            List<String> args = new ArrayList<>(List.of("-n", ns));
            args.addAll(show);
            Ip.Result r = shell.ip(args);
            if (r.exitCode() != 0) {
                throw new AssertionError("ip " + String.join(" ", args) + " failed: " + r.err());
            }
            String masked = TimeVarying.mask(r.out(), true);
            shows.put(String.join(" ", show), JsonText.parse(masked.isBlank() ? "[]" : masked));
        }
        return new Snapshot(shows);
    }

    /**
     * How {@code after} differs from this snapshot, by show and key path; keys named in {@code
     * ignored} (such as {@code ifindex}, or {@code address} for devices made again with a MAC the
     * kernel chose) are left out wherever they occur. Empty when the two are the same.
     */
    List<String> differences(Snapshot after, Set<String> ignored) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : shows.entrySet()) {
            for (OutputDiff.Field f : OutputDiff.json(without(e.getValue(), ignored),
                    without(after.shows.get(e.getKey()), ignored), "before", "after")) {
                out.add("ip " + e.getKey() + ": " + f.example());
            }
        }
        return out;
    }

    private static Object without(Object json, Set<String> ignored) {
        if (json instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!ignored.contains(k)) {
                    out.put(k, without(v, ignored));
                }
            });
            return out;
        }
        if (json instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(without(v, ignored)));
            return out;
        }
        return json;
    }
}
