package dev.jnetns.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The differential corpus ({@code src/test/resources/cli-corpus/*.txt}): command lines that ip and
 * jnetns each run in one of two namespaces built identically. A file is a list of sections; each
 * section gets a fresh pair of namespaces.
 *
 * <pre>
 * # a comment
 * [title]                      a new section (fresh twins)
 * setup link add v0 type ...   run by ip in both twins before the section's commands (not compared)
 * -j link show                 a command: ip -n NS ARGS against jnetns -n NS ARGS
 * batch -force                 a batch file, its lines indented below: ip -n NS -force -batch FILE
 *   link add v0 type veth peer name v1
 * </pre>
 *
 * Words are split as a batch line is (quotes, {@code #}). In commands, setups and batch lines
 * {@code @NS} is the side's own namespace, {@code @PEER} a second namespace of the side (made when a
 * section names it), {@code @TMP} a namespace name for {@code netns add|del}, {@code @OUT} a file
 * whose content is appended to the command's stdout (for {@code netns exec}, whose child writes to
 * the real stdout).
 */
public final class Corpus {
    private Corpus() {
    }

    /** One compared command, or one batch file (then {@code batch} holds its lines). */
    public record Command(String file, String section, int line, String text, List<String> batch) {
        /** How the allow-list names this command. */
        public String key() {
            return file + " | " + section + " | " + text;
        }
    }

    /** A section: its title, the ip commands that build it, its commands in order. */
    public record Section(String file, String title, List<String> setup, List<Command> commands) {
        public boolean uses(String placeholder) {
            return setup.stream().anyMatch(s -> s.contains(placeholder)) || commands.stream().anyMatch(
                    c -> c.text().contains(placeholder) || c.batch() != null && c.batch().stream()
                            .anyMatch(l -> l.contains(placeholder)));
        }
    }

    /** The corpus directory (on the test class path). */
    public static Path directory() {
        try {
            return Path.of(Corpus.class.getResource("/cli-corpus").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Every section of every corpus file, files in name order; only the files whose names contain
     * the environment variable {@code JNETNS_CORPUS} when it is set (to run one file while working on it).
     */
    public static List<Section> sections() {
        List<Section> out = new ArrayList<>();
        String only = System.getenv().getOrDefault("JNETNS_CORPUS", "");
        try (Stream<Path> files = Files.list(directory())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt") && !p.getFileName().toString()
                    .equals(ALLOW_FILE) && p.getFileName().toString().contains(only)).sorted().toList()) {
                out.addAll(parse(f.getFileName().toString(), Files.readAllLines(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Section> parse(String file, List<String> lines) {
        List<Section> out = new ArrayList<>();
        Section cur = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                cur = new Section(file, line.substring(1, line.length() - 1), new ArrayList<>(), new ArrayList<>());
                out.add(cur);
                continue;
            }
            if (cur == null) {
                throw new AssertionError(file + ":" + (i + 1) + ": a command before the first [section]");
            }
            if (line.startsWith("setup ")) {
                cur.setup().add(line.substring(6));
            } else if (line.equals("batch") || line.startsWith("batch ")) {
                List<String> body = new ArrayList<>();
                while (i + 1 < lines.size() && lines.get(i + 1).startsWith("  ")) {
                    body.add(lines.get(++i).substring(2));
                }
                cur.commands().add(new Command(file, cur.title(), i + 1, line + " {" + String.join("; ", body) + "}",
                        body));
            } else {
                cur.commands().add(new Command(file, cur.title(), i + 1, line, null));
            }
        }
        return out;
    }

    /** The words of a command line, split as ip splits a batch line. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ') {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    /** The allow-list file, beside the corpus. */
    public static final String ALLOW_FILE = "ALLOWED.txt";

    /** What may differ for one command, and why. */
    public record Allowed(String key, String aspect, String reason) {
    }

    /**
     * The allow-list: lines {@code FILE | SECTION | COMMAND | ASPECT | REASON}, ASPECT being
     * {@code exit} or {@code stdout} (never state). Keyed by FILE | SECTION | COMMAND and aspect.
     */
    public static Map<String, Allowed> allowed() {
        Map<String, Allowed> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(directory().resolve(ALLOW_FILE), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ", 5);
                if (f.length != 5 || !(f[3].equals("exit") || f[3].equals("stdout")) || f[4].isBlank()) {
                    throw new AssertionError(ALLOW_FILE + ": expected FILE | SECTION | COMMAND | exit|stdout | REASON: "
                            + line);
                }
                String key = f[0] + " | " + f[1] + " | " + f[2];
                if (out.put(key + " | " + f[3], new Allowed(key, f[3], f[4])) != null) {
                    throw new AssertionError(ALLOW_FILE + ": listed twice: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
