package dev.jnetns.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every {@link ShowForm} of the configuration, through ip and through jnetns ({@link ShowCheck}):
 * the same bytes apart from the {@link TimeVarying} fields. A failure lists the configuration and
 * the first forms' diffs; all of them go to {@code target/conformance/seed-SEED.txt}.
 */
final class ShowsMatchIp implements ConfigCheck {
    /** Forms whose line diff a failure message shows; the rest are in the configuration's report file. */
    private static final int DIFFS_SHOWN = 8;

    @Override
    public String name() {
        return "ip and jnetns print the same";
    }

    @Override
    public void check(Applied a, Run run) throws Exception {
        long started = System.nanoTime();
        List<ShowCheck.Outcome> outcomes = new ArrayList<>();
        List<String> unstable = new ArrayList<>();
        for (ShowForm f : ShowForm.all()) {
            try {
                outcomes.add(ShowCheck.compare(run.shell(), a.name, f));
            } catch (ShowCheck.Unstable e) {
                unstable.add(e.getMessage());
            }
        }
        run.summary().shown(a.config.seed(), outcomes, (System.nanoTime() - started) / 1_000_000);
        List<ShowCheck.Outcome> differing = outcomes.stream().filter(o -> !o.same()).toList();
        if (differing.isEmpty() && unstable.isEmpty()) {
            return;
        }
        StringBuilder full = new StringBuilder(Run.header(a, differing.size() + " of " + ShowForm.all().size()
                + " forms differ" + (unstable.isEmpty() ? "" : ", " + unstable.size() + " never held still")));
        unstable.forEach(u -> full.append("  ").append(u).append('\n'));
        StringBuilder shown = new StringBuilder(full);
        Path file = run.reportDir().resolve("seed-" + a.config.seed() + ".txt");
        for (int k = 0; k < differing.size(); k++) {
            full.append(differing.get(k).report(1000));
            shown.append(k < DIFFS_SHOWN ? differing.get(k).report(12) : "  jnetns -n NS " + differing.get(k).form() + "\n");
        }
        Files.writeString(file, full);
        throw new AssertionError(shown + "(every diff in " + file + ")");
    }
}
