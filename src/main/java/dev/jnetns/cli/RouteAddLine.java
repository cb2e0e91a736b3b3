package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.RouteSpec;
import java.net.InetAddress;

/**
 * The common line of a route batch, {@code route add PREFIX [via ADDR] [dev DEV]} (the words spelt
 * out, each once, in any order, the prefix starting with a digit), read straight from the line:
 * the spec {@link RouteCommand#parse} makes of it, through the same calls in the same order, without
 * the word list, {@link Words} and the parser's option list (a 100 000-line batch spent a third of
 * its Java time there). Any other line, and any line that would fail, is left to the general parser,
 * which gives ip's message for it.
 *
 * @param spec what the line adds
 * @param dev the device it names, or null
 */
record RouteAddLine(RouteSpec spec, String dev) {
    /**
     * The line as a plain route add, or null.
     *
     * @param line a command line of a batch file (comments and continuations gone)
     * @param family the family of {@code -4}/{@code -6}, 0 for none
     */
    static RouteAddLine read(String line, int family) {
        if (line.indexOf('"') >= 0 || line.indexOf('\'') >= 0) {
            return null;   // quoted words: BatchLines.split's
        }
        int i = word(line, 0, "route");
        i = i < 0 ? -1 : word(line, i, "add");
        if (i < 0) {
            return null;
        }
        IpPrefix dst = null;
        InetAddress via = null;
        String dev = null;
        try {
            while (true) {
                int start = skipBlanks(line, i);
                if (start == line.length()) {
                    break;
                }
                int end = wordEnd(line, start);
                int valueStart = skipBlanks(line, end);
                int valueEnd = wordEnd(line, valueStart);
                char c = line.charAt(start);
                if (c >= '0' && c <= '9' && dst == null) {
                    dst = Words.prefix(line.substring(start, end), family);
                    family = Words.familyOf(dst.address());
                    i = end;
                    continue;
                }
                if (valueStart == valueEnd) {
                    return null;   // a keyword without its value
                }
                if (line.startsWith("via", start) && end - start == 3 && via == null) {
                    via = Words.address(line.substring(valueStart, valueEnd), family);
                    family = Words.familyOf(via);
                } else if (line.startsWith("dev", start) && end - start == 3 && dev == null) {
                    dev = line.substring(valueStart, valueEnd);
                    if (dev.equals("dev")) {
                        return null;   // PipelinedBatch checks the word after it as a device too
                    }
                } else {
                    return null;
                }
                i = valueEnd;
            }
            if (dst == null) {
                return null;
            }
            RouteSpec s = RouteSpec.to(dst).family(family);
            if (via != null) {
                s.via(via);
            }
            if (dev != null) {
                s.dev(dev);
            }
            return new RouteAddLine(s, dev);
        } catch (RuntimeException e) {
            return null;   // the general parser says why
        }
    }

    /** The end of {@code word} when it is the next word at {@code i}, else -1. */
    private static int word(String line, int i, String word) {
        int start = skipBlanks(line, i);
        int end = wordEnd(line, start);
        return end - start == word.length() && line.startsWith(word, start) ? end : -1;
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && BatchLines.isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String line, int i) {
        while (i < line.length() && !BatchLines.isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
