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
 * so a batch of any length runs in bounded memory; a plain line (ASCII, no comment, quote or
 * continuation) can be read from its bytes without a string ({@link RouteAddLine}). Bytes that are not UTF-8 fail their line: jnetns
 * never passes a name on with U+FFFD in place of what was written.
 */
final class BatchLines {
    private final InputStream in;
    private final byte[] block = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;
    /** The line read last (a line longer than what is left of the block collects here). */
    private byte[] line = new byte[256];
    private int length;
    private boolean ascii;
    private boolean plain;
    private int lineNumber;

    BatchLines(InputStream in) {
        this.in = in;
    }

    /** The number of the last physical line read (ip's cmdlineno, which "Command failed FILE:N" names). */
    int lineNumber() {
        return lineNumber;
    }

    /**
     * Reads the next physical line (for {@link #plain}, {@link #bytes} or {@link #command}).
     *
     * @return false at the end of the input
     */
    boolean advance() throws IOException {
        int length = 0;
        boolean ascii = true;
        boolean special = false;
        while (true) {
            if (start == end) {
                if (eof || !fill()) {
                    if (length == 0) {
                        return false;
                    }
                    break;
                }
            }
            int i = start;
            byte[] b = block;
            int e = end;
            while (i < e) {
                byte c = b[i];
                if (c == '\n') {
                    break;
                }
                if (c <= '\'') {   // the bytes that make a line not plain are all at most '\'' (or negative)
                    ascii &= c >= 0;
                    special |= c == '#' || c == '"' || c == '\'';
                }
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
        this.length = length;
        this.ascii = ascii;
        plain = ascii && !special && (length == 0 || line[length - 1] != '\\');
        return true;
    }

    /**
     * Whether the line read last is plain: ASCII without a comment, a quote or a continuation, so
     * that its command is its bytes as they are.
     */
    boolean plain() {
        return plain;
    }

    /** The bytes of the line read last, from 0 to {@link #length()}; valid until the next read. */
    byte[] bytes() {
        return line;
    }

    /** The length of the line read last. */
    int length() {
        return length;
    }

    /**
     * The command line that starts with the line read last: continuation lines joined (read now)
     * and comments removed.
     *
     * @throws CommandFailed for bytes that are not UTF-8 (the line fails, as a line ip cannot run)
     * @throws UsageException for a missing continuation line (exit 0: as ip's getcmdline, it ends
     *     the input, and the batch exits as it stands)
     */
    String command() throws IOException {
        String command = uncomment(text());
        while (command.endsWith("\\")) {
            if (!advance()) {
                throw new UsageException("Missing continuation line", 0);
            }
            command = command.substring(0, command.length() - 1) + uncomment(text());
        }
        return command;
    }

    private static String uncomment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** The line read last as text. */
    private String text() {
        if (ascii) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CommandFailed("line " + lineNumber + " is not valid UTF-8");
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
                    throw new UsageException("Unterminated quoted string", Main.EXIT_USAGE);   // makeargs' exit(1)
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
