package dev.jnetns.cli;

import dev.jnetns.Netns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code jnetns --all-netns OBJECT show ...} (jnetns's own): the show run in every namespace named
 * under /run/netns, in the order the directory lists them (as {@code ip -all netns exec} walks it),
 * in one listing. Text: each namespace's output after a header {@code "\nnetns: NAME\n"}, as
 * {@code ip -all netns exec ip OBJECT show} prints it. JSON: one array of every namespace's records,
 * each with {@code "netns": NAME} first. A namespace whose show fails is reported on stderr and the
 * others are listed; the exit code is the worst. One deleted after the directory was read is left out.
 */
final class AllNetnsShow {
    /** The objects whose show lists every namespace. */
    static final Set<String> OBJECTS = Set.of("link", "address", "route", "neighbor", "rule", "nexthop");

    private final Main main;
    private final JnetnsCommand top;

    AllNetnsShow(Main main, JnetnsCommand top) {
        this.main = main;
        this.top = top;
    }

    /** ip -all netns exec's header, in text. */
    private void header(PrintWriter out, String name) {
        if (!top.json) {
            out.print("\nnetns: " + name + "\n");
        }
    }

    /** Runs {@code words} (OBJECT [show ...]) in every named namespace; returns the worst exit code. */
    int run(List<String> words) throws Exception {
        if (words.size() > 1 && !ObjectCommand.isShow(words.get(1))) {
            throw new UsageException("--all-netns: only show lists every namespace (\"" + words.get(1) + "\")", Main.EXIT_USAGE);
        }
        if (!top.netnsList.isEmpty()) {
            throw new UsageException("--all-netns and -n exclude each other", Main.EXIT_USAGE);
        }
        List<String> records = new ArrayList<>();
        int rc = 0;
        top.listAllNetns = false;
        top.allNetns = false;
        PrintWriter out = top.out();
        try {
            for (String name : Netns.names()) {
                StringWriter text = new StringWriter();
                top.netnsList = List.of(name);
                top.close();
                top.redirect(new PrintWriter(text));
                int one;
                try {
                    one = main.execute(words);
                } catch (Exception e) {
                    if (!Netns.exists(name)) {
                        top.redirect(out);
                        continue;   // deleted since the directory was read: not part of the listing
                    }
                    top.out().flush();
                    header(out, name);
                    out.print(text);
                    out.flush();
                    main.report(e);
                    rc = Math.max(rc, Main.exitCode(e));
                    top.redirect(out);
                    continue;
                }
                rc = Math.max(rc, one);
                top.out().flush();
                if (top.json) {
                    records.add(Json.labelRecords(text.toString(), "netns", name, top.pretty));
                } else {
                    header(out, name);
                    out.print(text);
                }
                top.redirect(out);
            }
        } finally {
            top.redirect(out);
            top.netnsList = List.of();
            top.close();
        }
        if (top.json) {
            records.removeIf(String::isEmpty);
            out.print(top.pretty ? "[ " + String.join(",", records) + (records.isEmpty() ? "]" : " ]")
                    : "[" + String.join(",", records) + "]");
            out.println();
        }
        return rc;
    }
}
