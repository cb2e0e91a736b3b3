package dev.jnetns.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a conformance run found across its configurations: differences grouped by object and form
 * (one example each), round-trip counts by message type, what the kernel refused, and timings.
 */
final class Summary {
    /** A difference seen in some configurations: how often, and the first time it was seen. */
    private static final class Seen {
        int count;
        final long seed;
        final String command;
        final String example;

        Seen(long seed, String command, String example) {
            this.seed = seed;
            this.command = command;
            this.example = example;
        }
    }

    /** Round-trip counts of one message type. */
    private static final class Messages {
        int checked;
        int failed;
        int withoutCodec;
        String failure;
    }

    private final Map<String, Map<String, Seen>> differences = new TreeMap<>();
    private final Map<String, Messages> messages = new TreeMap<>();
    private final Map<String, Seen> refusals = new TreeMap<>();
    private final List<String> rejectedByIp = new ArrayList<>();
    private int configs;
    private int lines;
    private int refused;
    private int formsCompared;
    private int formsDiffering;
    private int formsMasked;
    private long buildMillis;
    private long showMillis;
    private long ipNanos;
    private long jnetnsNanos;
    private long roundTripMillis;

    synchronized void built(Applied a) {
        configs++;
        lines += a.lineCount();
        refused += a.refused.size();
        buildMillis += a.buildMillis;
        for (Map.Entry<String, String> e : a.refused.entrySet()) {
            String verb = e.getKey().replaceAll("^(\\[peer] )?(-6 )?(\\w+ \\w+).*", "$3");
            String reason = verb + ": " + OutputDiff.generic(e.getValue());
            refusals.computeIfAbsent(reason, k -> new Seen(a.config.seed(), e.getKey(), e.getValue())).count++;
        }
        for (String r : a.rejectedByIp) {
            rejectedByIp.add("seed " + a.config.seed() + ": " + r);
        }
    }

    synchronized void shown(long seed, List<ShowCheck.Outcome> outcomes, long millis) {
        showMillis += millis;
        for (ShowCheck.Outcome o : outcomes) {
            formsCompared++;
            ipNanos += o.ipNanos();
            jnetnsNanos += o.jnetnsNanos();
            formsMasked += o.masked() ? 1 : 0;
            if (o.same()) {
                continue;
            }
            formsDiffering++;
            String group = o.form().object() + "  " + o.form().formName();
            for (OutputDiff.Field f : o.fields()) {
                differences.computeIfAbsent(group, k -> new TreeMap<>())
                        .computeIfAbsent(f.signature(), k -> new Seen(seed, o.form().toString(), f.example())).count++;
            }
        }
    }

    synchronized void message(String type, boolean hasCodec, String failure) {
        Messages m = messages.computeIfAbsent(type, k -> new Messages());
        if (!hasCodec) {
            m.withoutCodec++;
        } else if (failure == null) {
            m.checked++;
        } else {
            m.failed++;
            if (m.failure == null) {
                m.failure = failure;
            }
        }
    }

    synchronized void roundTripTime(long millis) {
        roundTripMillis += millis;
    }

    synchronized int configs() {
        return configs;
    }

    synchronized int lines() {
        return lines;
    }

    synchronized int refused() {
        return refused;
    }

    synchronized List<String> rejectedByIp() {
        return List.copyOf(rejectedByIp);
    }

    /** The whole report, as printed at the end of a run. */
    synchronized String report(long seed) {
        StringBuilder sb = new StringBuilder();
        sb.append("conformance run: seed ").append(seed).append(", ").append(configs).append(" configurations, ")
                .append(lines).append(" ip lines, ").append(refused).append(" refused by the kernel, ")
                .append(rejectedByIp.size()).append(" rejected by ip\n");
        if (configs > 0) {
            sb.append(String.format("time per configuration: build %d ms (overlapped with the previous check),"
                    + " show comparison %d ms (ip %d ms, jnetns %d ms), round trip %d ms%n", buildMillis / configs,
                    showMillis / configs, ipNanos / 1_000_000 / configs, jnetnsNanos / 1_000_000 / configs,
                    roundTripMillis / configs));
        }
        sb.append("forms compared ").append(formsCompared).append(", differing ").append(formsDiffering)
                .append(", compared with time-varying fields masked ").append(formsMasked).append('\n');
        sb.append("\n== differences between ip and jnetns, by object and form (count = forms x configurations) ==\n");
        for (Map.Entry<String, Map<String, Seen>> g : differences.entrySet()) {
            sb.append(g.getKey()).append('\n');
            for (Map.Entry<String, Seen> e : g.getValue().entrySet()) {
                Seen s = e.getValue();
                sb.append("  [").append(s.count).append("] ").append(e.getKey()).append('\n')
                        .append("      e.g. seed ").append(s.seed).append(", ").append(s.command).append(":\n      ")
                        .append(s.example.replace("\n", "\n      ")).append('\n');
            }
        }
        sb.append("\n== kernel messages: decode -> encode ==\n");
        for (Map.Entry<String, Messages> e : messages.entrySet()) {
            Messages m = e.getValue();
            sb.append(String.format("  %-14s reproduced %6d, differing %4d, no codec yet %6d%n", e.getKey(), m.checked,
                    m.failed, m.withoutCodec));
            if (m.failure != null) {
                sb.append("      first difference: ").append(m.failure).append('\n');
            }
        }
        sb.append("\n== commands the kernel refused (dropped; count, first example) ==\n");
        for (Map.Entry<String, Seen> e : refusals.entrySet()) {
            sb.append("  [").append(e.getValue().count).append("] ").append(e.getKey()).append("\n      e.g. seed ")
                    .append(e.getValue().seed).append(": ").append(e.getValue().command).append('\n');
        }
        for (String r : rejectedByIp) {
            sb.append("  rejected by ip (a generator fault): ").append(r).append('\n');
        }
        return sb.toString();
    }
}
