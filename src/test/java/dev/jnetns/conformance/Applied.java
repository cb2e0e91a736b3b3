package dev.jnetns.conformance;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Config} built with {@code ip} in a fresh named namespace (plus its peer namespace when
 * the configuration has one), and what the kernel refused while building it. Closing it deletes
 * both namespaces.
 */
final class Applied implements AutoCloseable {
    private static final Pattern FAILED = Pattern.compile("Command failed -:(\\d+)");
    /** A line starting so runs with {@code ip -6} (a batch line takes no options). */
    static final String SIX = "-6 ";

    final Config config;
    final String name;
    final Netns ns;
    final String peerName;
    private final Netns peer;
    /** Lines the kernel refused ("[peer] " before a peer line) with the error ip printed for each. */
    final Map<String, String> refused = new LinkedHashMap<>();
    /** Lines ip itself rejected (bad syntax: a fault of the generator, not of the kernel). */
    final List<String> rejectedByIp = new ArrayList<>();
    long buildMillis;

    private Applied(Config config, String name, Netns ns, String peerName, Netns peer) {
        this.config = config;
        this.name = name;
        this.ns = ns;
        this.peerName = peerName;
        this.peer = peer;
    }

    /**
     * Builds {@code config} in new namespaces named {@code name} (and {@code name + "p"}) with one
     * {@code ip -force -batch} per namespace. A syntax error ends ip's batch without saying which
     * line it was on; then the namespaces are made again and the lines run one by one, so that
     * every refusal is attributed to its line.
     */
    static Applied build(Config config, String name) throws IOException {
        long started = System.nanoTime();
        Applied a = open(config, name);
        if (!a.runAll(false)) {
            a.close();
            a = open(config, name);
            a.runAll(true);
        }
        a.buildMillis = (System.nanoTime() - started) / 1_000_000;
        return a;
    }

    private static Applied open(Config config, String name) throws IOException {
        String peerName = name + "p";
        Netns peer = config.usesPeer() ? Netns.createNamed(peerName) : null;
        try {
            return new Applied(config, name, Netns.createNamed(name), peer == null ? null : peerName, peer);
        } catch (IOException | RuntimeException e) {
            if (peer != null) {
                peer.close();
                Netns.delete(peerName);
            }
            throw e;
        }
    }

    private boolean runAll(boolean oneByOne) throws IOException {
        try {
            return run(ns, "", config.main(), oneByOne) && (peer == null || run(peer, "[peer] ", config.peer(), oneByOne));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Runs {@code lines} in {@code target}; false when ip stopped before the end of a batch. */
    private boolean run(Netns target, String who, List<String> lines, boolean oneByOne) {
        List<String> resolved = new ArrayList<>();
        for (String l : lines) {
            resolved.add(peerName == null ? l : l.replace(Config.PEER, peerName));
        }
        if (resolved.isEmpty()) {
            return true;
        }
        if (oneByOne) {
            for (int i = 0; i < resolved.size(); i++) {
                String l = resolved.get(i);
                Ip.Result one = batch(target, (l.startsWith(SIX) ? l.substring(SIX.length()) : l) + "\n", l.startsWith(SIX));
                String text = one.err().strip().replace('\n', ' ');
                // ip exits 2 on a kernel error where it does not return to the batch (neigh add)
                if (one.exitCode() == 2 || one.exitCode() != 0 && FAILED.matcher(text).find()) {
                    refused.put(who + lines.get(i), FAILED.matcher(text).replaceAll("").strip());
                } else if (one.exitCode() != 0) {
                    rejectedByIp.add(who + lines.get(i) + "  => " + text);
                }
            }
            return true;
        }
        for (int from = 0; from < resolved.size(); ) {
            boolean six = resolved.get(from).startsWith(SIX);
            int to = from;
            StringBuilder segment = new StringBuilder();
            while (to < resolved.size() && resolved.get(to).startsWith(SIX) == six) {
                segment.append(six ? resolved.get(to).substring(SIX.length()) : resolved.get(to)).append('\n');
                to++;
            }
            if (!refusals(batch(target, segment.toString(), six), who, lines.subList(from, to))) {
                return false;
            }
            from = to;
        }
        return true;
    }

    /** Records the lines ip's batch reported as failed; false when ip stopped before the end. */
    private boolean refusals(Ip.Result r, String who, List<String> lines) {
        String err = r.err().strip();
        if (r.exitCode() == 0) {
            return true;
        }
        if (err.isEmpty() || !FAILED.matcher(err.substring(err.lastIndexOf('\n') + 1)).matches()) {
            return false;
        }
        StringBuilder message = new StringBuilder();
        for (String l : err.split("\n")) {
            Matcher m = FAILED.matcher(l);
            if (m.matches()) {
                refused.put(who + lines.get(Integer.parseInt(m.group(1)) - 1), message.toString().strip());
                message.setLength(0);
            } else {
                message.append(l).append(' ');
            }
        }
        return true;
    }

    /** {@code ip [-6] -force -batch -} in {@code target} with {@code lines} (each ending in a newline). */
    private static Ip.Result batch(Netns target, String lines, boolean six) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + target.path(), "ip"));
        if (six) {
            cmd.add("-6");
        }
        cmd.addAll(List.of("-force", "-batch", "-"));
        return Ip.command(cmd, lines);
    }

    /** Number of lines run in both namespaces. */
    int lineCount() {
        return config.main().size() + config.peer().size();
    }

    /** The configuration as run, refused lines marked, for a failure message. */
    String listing() {
        StringBuilder sb = new StringBuilder();
        for (String l : config.main()) {
            line(sb, l);
        }
        for (String l : config.peer()) {
            line(sb, "[peer] " + l);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String key) {
        sb.append("  ").append(key);
        if (refused.containsKey(key)) {
            sb.append("    # refused: ").append(refused.get(key));
        }
        sb.append('\n');
    }

    @Override
    public void close() throws IOException {
        try {
            ns.close();
            Netns.delete(name);
        } finally {
            if (peer != null) {
                peer.close();
                Netns.delete(peerName);
            }
        }
    }
}
