package dev.jnetns.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of a batch file, read as iproute2 reads them (lib/utils.c getcmdline and
 * makeargs): '#' starts a comment wherever it is, a backslash at the end of a line continues it on
 * the next, words are split at blanks, a word that starts with a quote runs to the next same quote.
 * The input is read in blocks (as ip's stdio does) and lines are taken from the block one at a time,
 * so a batch of any length runs in bounded memory. Bytes that are not UTF-8 fail their line: jnetns
 * never passes a name on with U+FFFD in place of what was written.
 */
final class BatchLines {
    private final InputStream in;
    private final byte[] block = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;
    /** A line longer than what is left of the block collects here. */
    private byte[] line = new byte[256];
    private int lineNumber;

    BatchLines(InputStream in) {
        this.in = in;
    }

    /** The number of the last physical line read (ip's cmdlineno, which "Command failed FILE:N" names). */
    int lineNumber() {
        return lineNumber;
    }

    /**
     * The next command line, continuation lines joined and comments removed; null at the end.
     *
     * @throws UsageException for bytes that are not UTF-8 or a missing continuation line
     */
    String next() throws IOException {
        String line = physical();
        if (line == null) {
            return null;
        }
        line = uncomment(line);
        while (line.endsWith("\\")) {
            String more = physical();
            if (more == null) {
                throw new UsageException("Missing continuation line");
            }
            line = line.substring(0, line.length() - 1) + uncomment(more);
        }
        return line;
    }

    private static String uncomment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** One line without its newline, null at the end of the input. */
    private String physical() throws IOException {
        int length = 0;
        boolean ascii = true;
        while (true) {
            if (start == end) {
                if (eof || !fill()) {
                    if (length == 0) {
                        return null;
                    }
                    break;
                }
            }
            int i = start;
            while (i < end && block[i] != '\n') {
                ascii &= block[i] >= 0;
                i++;
            }
            int n = i - start;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(block, start, line, length, n);
            length += n;
            start = i;
            if (i < end) {   // the newline
                start++;
                break;
            }
        }
        lineNumber++;
        if (ascii) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("line " + lineNumber + " is not valid UTF-8");
        }
    }

    /** Reads the next block; false at the end of the input. */
    private boolean fill() throws IOException {
        int n = in.read(block);
        if (n <= 0) {
            eof = true;
            return false;
        }
        start = 0;
        end = n;
        return true;
    }

    /**
     * The words of one line as ip's makeargs splits them; empty for a blank line.
     *
     * @throws UsageException for an unterminated quote, as ip ("Unterminated quoted string")
     */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int end = line.indexOf(c, i + 1);
                if (end < 0) {
                    throw new UsageException("Unterminated quoted string");
                }
                out.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !isBlank(line.charAt(i))) {
                    i++;
                }
                out.add(line.substring(start, i));
                i++;
            }
        }
        return out;
    }

    /** ip's blanks between words. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
