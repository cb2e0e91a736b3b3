package dev.jnetns.conformance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values the kernel changes on its own clock while a namespace stands still: the only
 * differences allowed between ip's output and jnetns's. Each is named and found by a pattern, in
 * text and in JSON ({@code -j} and {@code -j -p}); masking replaces the value (never the key, the
 * line or the object) with {@code <name>} ({@code "<name>"} in JSON, which stays JSON), so a field
 * jnetns leaves out or adds still differs.
 *
 * <p>They are masked only when ip's own two answers, taken before and after jnetns's, differ:
 * when ip answered the same twice, jnetns must match it byte for byte, these fields included.
 */
enum TimeVarying {
    /** Remaining lifetime of an address with a finite lifetime (forever never changes). */
    VALID_LFT("valid_lft (\\d+)sec", "\"valid_life_time\":\\s*(?!4294967295\\b)(\\d+)"),
    PREFERRED_LFT("preferred_lft (\\d+)sec", "\"preferred_life_time\":\\s*(?!4294967295\\b)(\\d+)"),
    /** Seconds since a neighbour entry was used, confirmed and updated ({@code -s neigh}). */
    NEIGH_USED(" used (\\d+)/(\\d+)/(\\d+)", "\"(?:used|confirmed|updated)\":\\s*(\\d+)"),
    NEIGH_PROBES("probes (\\d+)", "\"probes\":\\s*(\\d+)"),
    NEIGH_REFCNT(" ref (\\d+)", "\"refcnt\":\\s*(\\d+)"),
    /** Remaining lifetime of an expiring (IPv6) route, and the route cache's use counters ({@code -s}). */
    ROUTE_EXPIRES("expires (-?\\d+)sec", "\"expires\":\\s*(-?\\d+)"),
    ROUTE_CACHE("(?:users|used) (\\d+)|age (\\d+)sec", "\"(?:users|used|age)\":\\s*(\\d+)"),
    /** Bridge timers ({@code -d}): jiffies since the last hello, TCN, topology change, garbage collection. */
    BRIDGE_TIMERS("(?:hello_timer|tcn_timer|topology_change_timer|gc_timer) +(\\d+\\.\\d+)",
            "\"(?:hello_timer|tcn_timer|topology_change_timer|gc_timer)\":\\s*(\\d+\\.\\d+)"),
    /** Bridge port timers ({@code -d}). */
    PORT_TIMERS("(?:hold_timer|message_age_timer|forward_delay_timer) +(\\d+\\.\\d+)",
            "\"(?:hold_timer|message_age_timer|forward_delay_timer)\":\\s*(\\d+\\.\\d+)"),
    /**
     * Traffic counters ({@code -s}): in text the two-line RX and TX blocks (their columns are as wide
     * as the numbers, so the header goes with them), in JSON the numbers of {@code stats64}.
     */
    TRAFFIC("(?m)^( +[RT]X: [^\\n]*\\n[ \\d]+)$",
            "\"(?:bytes|packets|errors|dropped|over_errors|multicast|compressed|carrier_errors|collisions)\":\\s*(\\d+)");

    /** Every tolerated field, in the order they are masked. */
    static final List<TimeVarying> ALL = List.of(values());

    private final Pattern text;
    private final Pattern json;

    TimeVarying(String text, String json) {
        this.text = Pattern.compile(text);
        this.json = Pattern.compile(json);
    }

    /** {@code output} with the values of every tolerated field replaced by its name. */
    static String mask(String output, boolean isJson) {
        String s = output;
        for (TimeVarying f : ALL) {
            s = f.maskOne(s, isJson);
        }
        return s;
    }

    private String maskOne(String s, boolean isJson) {
        Matcher m = (isJson ? json : text).matcher(s);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.start(g) >= 0) {
                    String mask = "<" + name().toLowerCase() + ">";
                    out.append(s, at, m.start(g)).append(isJson ? '"' + mask + '"' : mask);
                    at = m.end(g);
                }
            }
        }
        return out.append(s, at, s.length()).toString();
    }
}
