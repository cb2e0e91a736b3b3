package dev.jnetns.conformance;

import dev.jnetns.model.JsonText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How jnetns's output differs from ip's: a line diff to read, and the differing fields, each as
 * a signature (what differs, numbers and addresses left out, so that the same fault in many
 * configurations counts once) with an example.
 */
final class OutputDiff {
    /** One differing field: its signature and the concrete difference it was seen as (at most 400 characters). */
    record Field(String signature, String example) {
        Field {
            example = example.length() <= 400 ? example : example.substring(0, 397) + "...";
        }
    }

    private OutputDiff() {
    }

    /** The lines of ip's output missing from jnetns's ({@code -ip}) and the other way round ({@code +jn}), at most {@code max}. */
    static String lines(String ip, String ours, int max) {
        List<String> a = splitLines(ip);
        List<String> b = splitLines(ours);
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (Edit e : diff(a, b)) {
            if (e.op != ' ') {
                if (shown++ == max) {
                    sb.append("    ...\n");
                    break;
                }
                sb.append("    ").append(e.op == '-' ? "-ip " : "+jn ").append(e.text).append('\n');
            }
        }
        return sb.toString();
    }

    /** The differing fields: JSON compared by key path, text by the words that differ on each line. */
    static List<Field> fields(String ip, String ours, boolean json) {
        List<Field> out = new ArrayList<>();
        if (json) {
            try {
                return json(JsonText.parse(ip.isBlank() ? "null" : ip), JsonText.parse(ours.isBlank() ? "null" : ours),
                        "ip", "jnetns");
            } catch (IllegalArgumentException notJson) {
                out.add(new Field("output is not JSON", notJson.getMessage()));
                return out;
            }
        }
        List<Edit> edits = diff(splitLines(ip), splitLines(ours));
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (Edit e : edits) {
            if (e.op == '-') {
                removed.add(e.text);
            } else if (e.op == '+') {
                added.add(e.text);
            } else {
                pairUp(removed, added, out);
            }
        }
        pairUp(removed, added, out);
        return out;
    }

    private static void pairUp(List<String> removed, List<String> added, List<Field> out) {
        int n = Math.min(removed.size(), added.size());
        for (int i = 0; i < n; i++) {
            words(removed.get(i), added.get(i), out);
        }
        for (int i = n; i < removed.size(); i++) {
            out.add(new Field("line only in ip: " + generic(firstWords(removed.get(i))), removed.get(i)));
        }
        for (int i = n; i < added.size(); i++) {
            out.add(new Field("line only in jnetns: " + generic(firstWords(added.get(i))), added.get(i)));
        }
        removed.clear();
        added.clear();
    }

    /**
     * The fields that differ between two versions of a line: each word only one side prints is a
     * field of its own ({@code missing in jnetns: «realms»}); words both sides print differently
     * are a value difference named by the word before them ({@code after «rtt»: ip «Nms» jnetns «N»}).
     */
    private static void words(String ipLine, String ourLine, List<Field> out) {
        List<String> a = Arrays.asList(ipLine.split("(?<= )(?! )|(?<! )(?= )"));
        List<String> b = Arrays.asList(ourLine.split("(?<= )(?! )|(?<! )(?= )"));
        List<String> ipRun = new ArrayList<>();
        List<String> ourRun = new ArrayList<>();
        String context = "line start";
        String example = "ip: " + ipLine.strip() + "\n      jnetns: " + ourLine.strip();
        for (Edit e : diff(a, b)) {
            if (e.op == '-') {
                ipRun.add(e.text);
            } else if (e.op == '+') {
                ourRun.add(e.text);
            } else {
                hunk(context, ipRun, ourRun, example, out);
                if (isKey(e.text)) {
                    context = e.text;
                }
            }
        }
        hunk(context, ipRun, ourRun, example, out);
    }

    private static void hunk(String context, List<String> ipRun, List<String> ourRun, String example, List<Field> out) {
        if (ipRun.isEmpty() && ourRun.isEmpty()) {
            return;
        }
        String ip = String.join("", ipRun);
        String ours = String.join("", ourRun);
        if (ip.isBlank() && ours.isBlank()) {
            out.add(new Field("white space after «" + generic(context) + "»: ip «" + ip.replace(' ', '_') + "» jnetns «"
                    + ours.replace(' ', '_') + "»", example));
        } else if (ours.isBlank() || ip.isBlank()) {
            String side = ours.isBlank() ? "missing in jnetns: «" : "only in jnetns: «";
            List<String> run = ours.isBlank() ? ipRun : ourRun;
            if (run.stream().noneMatch(OutputDiff::isKey)) {
                out.add(new Field(side + "a value» after «" + context + "»", example));
            }
            for (String w : run) {
                if (isKey(w)) {   // values go with their key
                    out.add(new Field(side + w + "»", example));
                }
            }
        } else if (ipRun.stream().anyMatch(OutputDiff::isKey) || ourRun.stream().anyMatch(OutputDiff::isKey)) {
            out.add(new Field(shorten("ip «" + generic(ip) + "» jnetns «" + generic(ours) + "»"), example));
        } else {
            out.add(new Field(shorten("value of «" + context + "»: ip «" + generic(ip) + "» jnetns «" + generic(ours) + "»"),
                    example));
        }
        ipRun.clear();
        ourRun.clear();
    }

    /** A word that names a field (rtt, udp6zerocsumtx), not a value (10ms, 0x10) or a device (ve0). */
    private static boolean isKey(String w) {
        return w.matches("[a-z][a-z0-9_]*") && !w.matches(".*\\d");
    }

    private static String shorten(String s) {
        return s.length() <= 140 ? s : s.substring(0, 137) + "...";
    }

    /**
     * The differences between two parsed JSON documents ({@link JsonText}), by key path:
     * {@code [].linkinfo.info_data.remote: missing in jnetns}. {@code a} and {@code b} name the two
     * sides in the examples ("ip" and "jnetns", or "before" and "after").
     */
    static List<Field> json(Object left, Object right, String a, String b) {
        List<Field> out = new ArrayList<>();
        compare("", left, right, a, b, out);
        return out;
    }

    private static void compare(String path, Object left, Object right, String a, String b, List<Field> out) {
        if (left instanceof Map<?, ?> l && right instanceof Map<?, ?> r) {
            for (Map.Entry<?, ?> e : l.entrySet()) {
                String p = path + "." + e.getKey();
                if (!r.containsKey(e.getKey())) {
                    out.add(new Field(generic(p) + ": missing in " + b, p + " = " + e.getValue()));
                } else {
                    compare(p, e.getValue(), r.get(e.getKey()), a, b, out);
                }
            }
            for (Map.Entry<?, ?> e : r.entrySet()) {
                if (!l.containsKey(e.getKey())) {
                    String p = path + "." + e.getKey();
                    out.add(new Field(generic(p) + ": only in " + b, p + " = " + e.getValue()));
                }
            }
            List<Object> common = new ArrayList<>(l.keySet());
            common.retainAll(r.keySet());
            List<Object> theirs = new ArrayList<>(r.keySet());
            theirs.retainAll(l.keySet());
            if (!common.equals(theirs)) {
                out.add(new Field(generic(path) + ": keys in another order", path + " " + a + " " + common + " " + b + " " + theirs));
            }
        } else if (left instanceof List<?> l && right instanceof List<?> r) {
            for (int i = 0; i < Math.min(l.size(), r.size()); i++) {
                compare(path + "[" + i + "]", l.get(i), r.get(i), a, b, out);
            }
            if (l.size() != r.size()) {
                out.add(new Field(generic(path) + ": " + (l.size() > r.size() ? "fewer" : "more") + " entries in " + b,
                        path + " " + a + " " + l.size() + " " + b + " " + r.size()
                        + (l.size() > r.size() ? ", first missing " + l.get(r.size()) : ", first extra " + r.get(l.size()))));
            }
        } else if (!Objects.equals(left, right)) {
            out.add(new Field(generic(path) + ": value differs", path + " " + a + " " + left + " " + b + " " + right));
        }
    }

    /** {@code s} with array indices, numbers, hex and addresses left out. */
    static String generic(String s) {
        return s.replaceAll("\\[\\d+]", "[]")
                .replaceAll("\\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\\b", "MAC")
                .replaceAll("[0-9a-fA-F]*:[0-9a-fA-F:.]*:[0-9a-fA-F.]*(/\\d+)?", "IP6")
                .replaceAll("\\b\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?", "IP4")
                .replaceAll("0x[0-9a-f]+", "0xN")
                .replaceAll("\\d+", "N")
                .strip();
    }

    private static String firstWords(String line) {
        String[] w = line.strip().split(" +");
        return String.join(" ", Arrays.asList(w).subList(0, Math.min(3, w.length)));
    }

    private static List<String> splitLines(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1));
    }

    private record Edit(char op, String text) {
    }

    /** A shortest edit script by longest common subsequence: kept (' '), only in a ('-'), only in b ('+'). */
    private static List<Edit> diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i++)));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Edit('-', a.get(i++)));
            } else {
                out.add(new Edit('+', b.get(j++)));
            }
        }
        return out;
    }
}
