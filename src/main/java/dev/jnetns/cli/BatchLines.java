package dev.jnetns.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits a batch line into words as iproute2's makeargs does: white space, quotes, '#' comments. */
final class BatchLines {
    private BatchLines() {
    }

    /**
     * The words of one line; empty for a blank or comment line.
     *
     * @throws IllegalArgumentException for an unterminated quote
     */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder word = new StringBuilder();
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                char q = line.charAt(i);
                if (q == '"' || q == '\'') {
                    int end = line.indexOf(q, i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated quote in \"" + line + "\"");
                    }
                    word.append(line, i + 1, end);
                    i = end + 1;
                } else {
                    word.append(q);
                    i++;
                }
            }
            out.add(word.toString());
        }
        return out;
    }
}
