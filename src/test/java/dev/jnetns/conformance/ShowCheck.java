package dev.jnetns.conformance;

import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares one show between ip and jnetns in a namespace. The kernel changes a namespace on its
 * own (DAD, carrier, STP port states, timers, counters), so when jnetns (run in this JVM) does not
 * print what ip printed just before it, ip is asked again: jnetns passes when it printed exactly
 * one of ip's two answers; when ip answered the same twice, the difference is jnetns's; when the
 * two answers differ only in {@link TimeVarying} fields, jnetns must print the same with those
 * fields masked; otherwise the namespace moved on and the comparison is tried again.
 */
final class ShowCheck {
    private static final int ATTEMPTS = 10;
    private static final long PAUSE_MILLIS = 300;

    /**
     * What one comparison found.
     *
     * @param form the show and form compared
     * @param ip ip's exit code and output (masked when {@code masked})
     * @param jnetns jnetns's, likewise
     * @param masked true when the time-varying fields had to be masked
     * @param attempts how many times ip and jnetns were asked
     * @param ipNanos time spent running ip
     * @param jnetnsNanos time spent running jnetns
     */
    record Outcome(ShowForm form, Ip.Result ip, Ip.Result jnetns, boolean masked, int attempts, long ipNanos,
                   long jnetnsNanos) {
        boolean same() {
            return ip.exitCode() == jnetns.exitCode() && ip.out().equals(jnetns.out());
        }

        /** The differing fields, each signature once (empty when the outputs are the same). */
        List<OutputDiff.Field> fields() {
            List<OutputDiff.Field> out = new ArrayList<>();
            if (ip.exitCode() != jnetns.exitCode()) {
                out.add(new OutputDiff.Field("exit code ip " + ip.exitCode() + " jnetns " + jnetns.exitCode(),
                        "jnetns: " + jnetns.err().strip() + " | ip: " + ip.err().strip()));
            }
            if (!ip.out().equals(jnetns.out())) {
                out.addAll(OutputDiff.fields(ip.out(), jnetns.out(), form.json()));
                if (out.isEmpty()) {
                    out.add(new OutputDiff.Field("white space differs", "ip " + ip.out().length() + " chars, jnetns "
                            + jnetns.out().length()));
                }
            }
            Map<String, OutputDiff.Field> once = new LinkedHashMap<>();
            out.forEach(f -> once.putIfAbsent(f.signature(), f));
            return List.copyOf(once.values());
        }

        /** A report of the difference: the command, the fields, the lines. */
        String report(int maxLines) {
            StringBuilder sb = new StringBuilder("  jnetns -n NS ").append(form).append(masked ? "   (time-varying fields masked)" : "")
                    .append('\n');
            for (OutputDiff.Field f : fields()) {
                sb.append("    field: ").append(f.signature()).append('\n');
            }
            sb.append(OutputDiff.lines(pretty(ip.out()), pretty(jnetns.out()), maxLines));
            return sb.toString();
        }

        /** One-line JSON split after each comma, so that the line diff shows the field. */
        private String pretty(String s) {
            return form.json() && !form.options().contains("-p") ? s.replace(",\"", ",\n\"") : s;
        }
    }

    /** The namespace never held still long enough to compare a form. */
    static final class Unstable extends AssertionError {
        Unstable(String message) {
            super(message);
        }
    }

    private ShowCheck() {
    }

    /** Compares {@code form} in the named namespace {@code ns}; throws {@link Unstable} when it cannot. */
    static Outcome compare(IpShell shell, String ns, ShowForm form) {
        List<String> args = new ArrayList<>(List.of("-n", ns));
        args.addAll(form.args());
        String[] ours = args.toArray(new String[0]);
        long ipNanos = 0;
        long jnetnsNanos = 0;
        for (int attempt = 1; ; attempt++) {
            long t0 = System.nanoTime();
            Ip.Result beforeRaw = shell.ip(args);
            long t1 = System.nanoTime();
            Ip.Result jnetns = Cli.run(ours);
            long t2 = System.nanoTime();
            Ip.Result before = emptyLladdr(beforeRaw, jnetns, form);
            ipNanos += t1 - t0;
            jnetnsNanos += t2 - t1;
            if (same(before, jnetns)) {
                return new Outcome(form, before, jnetns, false, attempt, ipNanos, jnetnsNanos);
            }
            Ip.Result after = emptyLladdr(shell.ip(args), jnetns, form);
            ipNanos += System.nanoTime() - t2;
            if (same(after, jnetns) || same(before, after)) {
                return new Outcome(form, after, jnetns, false, attempt, ipNanos, jnetnsNanos);
            }
            Ip.Result maskedBefore = mask(before, form);
            if (before.exitCode() == after.exitCode() && maskedBefore.out().equals(mask(after, form).out())) {
                return new Outcome(form, maskedBefore, mask(jnetns, form), true, attempt, ipNanos, jnetnsNanos);
            }
            if (attempt == ATTEMPTS) {
                throw new Unstable("ip's answer kept changing beyond its time-varying fields: ip " + form
                        + "\n" + OutputDiff.lines(before.out(), after.out(), 20));
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /**
     * ip's one known defect in what these forms print: for a neighbour whose NDA_LLADDR is empty
     * (a NOARP entry on a tun device) ip 6.1's {@code ll_addr_n2a} writes nothing into its buffer
     * and ip prints what the stack held ("lladdr 08"). Where jnetns prints the empty address, ip's
     * value at the same place (the same occurrence of {@code lladdr}) is taken as empty; nothing
     * else is touched.
     */
    private static Ip.Result emptyLladdr(Ip.Result ip, Ip.Result jnetns, ShowForm form) {
        Pattern p = form.json() ? Pattern.compile("\"lladdr\":\\s*\"([^\"]*)\"") : Pattern.compile("lladdr (\\S*) ");
        List<String> oursValues = new ArrayList<>();
        for (Matcher m = p.matcher(jnetns.out()); m.find(); ) {
            oursValues.add(m.group(1));
        }
        StringBuilder out = new StringBuilder();
        Matcher m = p.matcher(ip.out());
        int at = 0;
        for (int i = 0; m.find(); i++) {
            if (i < oursValues.size() && oursValues.get(i).isEmpty() && !m.group(1).isEmpty()) {
                out.append(ip.out(), at, m.start(1));
                at = m.end(1);
            }
        }
        if (at == 0) {
            return ip;
        }
        return new Ip.Result(ip.exitCode(), out.append(ip.out(), at, ip.out().length()).toString(), ip.err());
    }

    private static boolean same(Ip.Result a, Ip.Result b) {
        return a.exitCode() == b.exitCode() && a.out().equals(b.out());
    }

    private static Ip.Result mask(Ip.Result r, ShowForm form) {
        return new Ip.Result(r.exitCode(), TimeVarying.mask(r.out(), form.json()), r.err());
    }
}
