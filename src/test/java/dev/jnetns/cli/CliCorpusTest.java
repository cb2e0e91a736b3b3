package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Corpus;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Twins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential corpus ({@link Corpus}): every command line runs through ip and through jnetns
 * (in this JVM) in twin namespaces, and the exit code class, stdout (byte for byte after
 * {@link Twins#normalize}) and the resulting {@code ip -d -j} state of both must agree, unless
 * {@code cli-corpus/ALLOWED.txt} lists the difference with its reason (never a state difference).
 * One report line per command.
 */
class CliCorpusTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final Map<String, Corpus.Allowed> ALLOWED = Corpus.allowed();
    private static final Set<String> USED = new HashSet<>();

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicNode> corpus() {
        List<Corpus.Section> sections = Corpus.sections();
        List<DynamicNode> nodes = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Corpus.Section s = sections.get(i);
            Twins twins = new Twins(RUN, i, s.uses("@PEER"), dir);
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("setup", () -> twins.build(s.setup())));
            for (Corpus.Command c : s.commands()) {
                tests.add(DynamicTest.dynamicTest(c.text(), () -> compare(twins, c)));
            }
            tests.add(DynamicTest.dynamicTest("cleanup", () -> {
                twins.close();
                assertFalse(twins.leftovers(), "namespaces left behind");
            }));
            nodes.add(DynamicContainer.dynamicContainer(s.file() + " [" + s.title() + "]", tests.stream()
                    .onClose(twins::close)));
        }
        nodes.add(DynamicTest.dynamicTest("every allow-list entry names a difference the corpus still finds", () -> {
            Set<String> files = new HashSet<>();
            sections.forEach(s -> files.add(s.file()));
            Set<String> stale = new HashSet<>();
            for (String key : ALLOWED.keySet()) {
                if (files.contains(key.substring(0, key.indexOf(" | "))) && !USED.contains(key)) {
                    stale.add(key);   // a file not run (JNETNS_CORPUS) cannot say
                }
            }
            assertTrue(stale.isEmpty(), "allow-list entries that no longer differ (remove them): " + stale);
        }));
        return nodes.stream();
    }

    /** The result of one side. */
    private record Outcome(int exit, String out, String err, String state) {
    }

    private static void compare(Twins twins, Corpus.Command c) throws IOException {
        Outcome ip = runIp(twins.ip, c);
        Outcome ours = runJnetns(twins.jnetns, c);
        if (!ip.out().equals(ours.out()) && isShow(c)) {
            // a device the line before made or brought up reports its carrier and operstate up to a
            // second later (the kernel's link watcher): a show is run again on both sides once both
            // have settled; a real difference shows again
            Ip.settled(() -> Twins.normalized(twins.ip));
            Ip.settled(() -> Twins.normalized(twins.jnetns));
            ip = runIp(twins.ip, c);
            ours = runJnetns(twins.jnetns, c);
        }
        String what = c.key();
        List<String> diffs = new ArrayList<>();
        if (ip.exit() != ours.exit()) {
            diffs.add(allowOr(c, "exit", "exit code: ip " + ip.exit() + " (" + ip.err().strip() + "), jnetns "
                    + ours.exit() + " (" + ours.err().strip() + ")"));
        }
        if (!ip.out().equals(ours.out())) {
            diffs.add(allowOr(c, "stdout", "stdout:\n--- ip\n" + ip.out() + "\n--- jnetns\n" + ours.out()));
        }
        // one line per failure, no control characters
        boolean usage = ours.err().contains("Usage:");   // ip's kind usages indent with tabs (in a batch too)
        assertTrue(ours.err().chars().noneMatch(ch -> ch < 0x20 && ch != '\n' && !(usage && ch == '\t')),
                what + ": control character in " + ours.err());
        if (c.batch() == null && !ours.err().startsWith("Usage:")) {   // help is many lines
            assertTrue(ours.err().lines().count() <= 1, what + ": more than one line: " + ours.err());
        }
        // the elements of each dump in a fixed order: the kernel's order of entries that tie (routes
        // of equal metric, hashed neighbour entries) depends on timing and on per-namespace seeds
        String ipState = sortedElements(ip.state());
        String ourState = sortedElements(ours.state());
        for (int attempt = 0; !ipState.equals(ourState) && attempt < 10; attempt++) {
            sleep();   // the kernel applies carrier, operstate and DAD a moment later
            ipState = sortedElements(Twins.normalized(twins.ip));
            ourState = sortedElements(Twins.normalized(twins.jnetns));
        }
        diffs.removeIf(String::isEmpty);
        if (!ipState.equals(ourState)) {
            throw new AssertionError(what + ": state differs (ip exit " + ip.exit() + " " + ip.err().strip()
                    + "; jnetns exit " + ours.exit() + " " + ours.err().strip() + "):\n" + lineDiff(ipState, ourState)
                    + (diffs.isEmpty() ? "" : "\nalso " + diffs));
        }
        assertTrue(diffs.isEmpty(), what + ": " + String.join("\n", diffs));
    }

    /** Whether {@code c} only reads: a single command {@code [-OPTIONS] OBJECT [show|list|lst|ls ...]}. */
    private static boolean isShow(Corpus.Command c) {
        if (c.batch() != null) {
            return false;
        }
        List<String> w = Corpus.words(c.text());
        int i = 0;
        while (i < w.size() && w.get(i).startsWith("-") && !w.get(i).equals("-n") && !w.get(i).equals("-l")) {
            i++;
        }
        if (i >= w.size() || w.get(i).startsWith("-") || w.get(i).equals("netns")) {
            return false;
        }
        return i + 1 == w.size() || Set.of("show", "list", "lst", "ls").contains(w.get(i + 1));
    }

    /** The lines of each state the other lacks (states are one JSON array a line). */
    private static String lineDiff(String ip, String ours) {
        List<String> a = elements(ip);
        List<String> b = elements(ours);
        StringBuilder d = new StringBuilder();
        a.stream().filter(l -> !b.contains(l)).forEach(l -> d.append("--- ip:     ").append(l).append('\n'));
        b.stream().filter(l -> !a.contains(l)).forEach(l -> d.append("+++ jnetns: ").append(l).append('\n'));
        return d.toString();
    }

    private static String sortedElements(String state) {
        return String.join("\n", elements(state).stream().sorted().toList());
    }

    /** The lines of a state, each JSON array split into its elements (so that a diff names one object). */
    private static List<String> elements(String state) {
        List<String> out = new ArrayList<>();
        for (String line : state.split("\n")) {
            if (!line.startsWith("[")) {
                out.add(line);
                continue;
            }
            int depth = 0;
            int start = 1;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"' && line.charAt(i - 1) != '\\') {
                    quoted = !quoted;
                } else if (!quoted && (c == '[' || c == '{')) {
                    depth++;
                } else if (!quoted && (c == ']' || c == '}')) {
                    depth--;
                } else if (!quoted && c == ',' && depth == 1) {
                    out.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(line.substring(start, Math.max(start, line.length() - 1)));
        }
        return out;
    }

    /** "" when the allow-list names this difference (and records that it was needed), else {@code diff}. */
    private static String allowOr(Corpus.Command c, String aspect, String diff) {
        String key = c.key() + " | " + aspect;
        if (ALLOWED.containsKey(key)) {
            synchronized (USED) {
                USED.add(key);
            }
            return "";
        }
        return diff;
    }

    private static Outcome runIp(Twins.Side s, Corpus.Command c) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", s.ns()));
        Ip.Result r;
        if (c.batch() != null) {
            cmd.addAll(options(s, c));
            cmd.addAll(List.of("-batch", s.batch().toString()));
        } else {
            cmd.addAll(Corpus.words(s.fill(c.text())));
        }
        r = Twins.runIp(cmd);
        return outcome(s, c, r);
    }

    private static Outcome runJnetns(Twins.Side s, Corpus.Command c) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("-n", s.ns()));
        if (c.batch() != null) {
            cmd.addAll(options(s, c));
            cmd.addAll(List.of("-batch", s.batch().toString()));
        } else {
            cmd.addAll(Corpus.words(s.fill(c.text())));
        }
        return outcome(s, c, Cli.run(cmd.toArray(new String[0])));
    }

    /** The options of a batch command ("batch -force" gives -force); writes the side's batch file. */
    private static List<String> options(Twins.Side s, Corpus.Command c) throws IOException {
        Files.writeString(s.batch(), String.join("\n", c.batch().stream().map(s::fill).toList()) + "\n",
                StandardCharsets.UTF_8);
        return Corpus.words(c.text().substring("batch".length(), c.text().indexOf(" {")));
    }

    private static Outcome outcome(Twins.Side s, Corpus.Command c, Ip.Result r) throws IOException {
        String out = r.out();
        if (Files.exists(s.out())) {
            out += Files.readString(s.out(), StandardCharsets.UTF_8);
            Files.delete(s.out());
        }
        String raw = Twins.state(s);
        out = Twins.normalize(s, out, raw);
        if (listsNamespaces(c)) {
            out = Twins.ownNamespaces(out);
        }
        if (c.batch() == null && (isObject(c, "neighbour") || isObject(c, "route") && lists(c))) {
            out = Twins.sortedRecords(out);
        }
        return new Outcome(r.exitCode(), out, r.err(), Twins.normalize(s, raw, raw));
    }

    /** Whether the command lists (no verb, or show, list, lst). */
    private static boolean lists(Corpus.Command c) {
        List<String> w = Corpus.words(c.text());
        int i = 0;
        while (i < w.size() && w.get(i).startsWith("-")) {
            i++;
        }
        int verb = i + 1;
        return verb >= w.size() || List.of("show", "list", "lst").stream().anyMatch(v -> v.startsWith(w.get(verb)));
    }

    /** Whether the command's object (after its options) is an abbreviation of {@code object}. */
    private static boolean isObject(Corpus.Command c, String object) {
        for (String w : Corpus.words(c.text())) {
            if (!w.startsWith("-")) {
                return object.startsWith(w) || object.equals("neighbour") && "neighbor".startsWith(w);
            }
        }
        return false;
    }

    /** {@code netns [list|show]}: the machine's namespaces, of which only the side's own are compared. */
    private static boolean listsNamespaces(Corpus.Command c) {
        List<String> w = Corpus.words(c.text());
        int i = 0;
        while (i < w.size() && w.get(i).startsWith("-")) {
            i++;
        }
        int object = i;
        return object < w.size() && w.get(object).length() >= 3 && "netns".startsWith(w.get(object))
                && (object + 1 == w.size()
                    || List.of("list", "show", "lst").stream().anyMatch(v -> v.startsWith(w.get(object + 1))));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
