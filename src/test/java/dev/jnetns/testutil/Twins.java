package dev.jnetns.testutil;

import dev.jnetns.IpPrefix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two namespaces built identically, one for ip and one for jnetns, each with an optional peer
 * namespace: what a corpus section runs in. Names carry a random part; {@link #close()} deletes
 * every namespace either side made. Output and state are compared after {@link #normalize}, which
 * names each field that varies between two identical namespaces.
 */
public final class Twins implements AutoCloseable {
    /** One side: its namespace, its peer, its temporary names, its output file. */
    public record Side(String tag, String ns, String peer, String tmp, Path out, Path batch) {
        /** {@code text} with this side's placeholders replaced. */
        public String fill(String text) {
            return text.replace("@NS", ns).replace("@PEER", peer).replace("@TMP", tmp).replace("@OUT", out.toString());
        }

        /** {@code text} with this side's names replaced by placeholders. */
        String unfill(String text) {
            return text.replace(batch.toString(), "@FILE").replace(out.toString(), "@OUT").replace(peer, "@PEER")
                    .replace(tmp, "@TMP").replace(ns, "@NS");
        }

        List<String> namespaces() {
            return List.of(ns, peer, tmp, tmp + "2");
        }
    }

    public final Side ip;
    public final Side jnetns;
    private final boolean withPeer;

    public Twins(String run, int section, boolean withPeer, Path dir) {
        String base = "jncorp-" + run + "-" + section;
        this.ip = new Side("ip", base + "-a", base + "-a-peer", base + "-a-tmp", dir.resolve(base + "-a.out"),
                dir.resolve(base + "-a.batch"));
        this.jnetns = new Side("jnetns", base + "-b", base + "-b-peer", base + "-b-tmp", dir.resolve(base + "-b.out"),
                dir.resolve(base + "-b.batch"));
        this.withPeer = withPeer;
    }

    /** Makes both sides' namespaces and runs {@code setup} (ip commands) in each. */
    public void build(List<String> setup) {
        for (Side s : List.of(ip, jnetns)) {
            sh("ip", "netns", "add", s.ns());
            if (withPeer) {
                sh("ip", "netns", "add", s.peer());
            }
            // The kernel's own IPv6 timers would make the twins differ: no DAD (addresses are not
            // "tentative" for a moment after each change), no router solicitations (no neighbour
            // entry for ff02::2 seconds after a link comes up), no link-local addresses (whose
            // routes both ends of a veth add in a racing order when the carrier comes up).
            sh("ip", "netns", "exec", s.ns(), "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0",
                    "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.router_solicitations=0",
                    "net.ipv6.conf.all.router_solicitations=0", "net.ipv6.conf.default.addr_gen_mode=1",
                    "net.ipv6.conf.all.addr_gen_mode=1");
            List<String> batch = new ArrayList<>();
            for (String line : setup) {
                if (line.startsWith("-")) {   // a line with options runs alone: batch lines take none
                    List<String> cmd = new ArrayList<>(List.of("ip", "-n", s.ns()));
                    cmd.addAll(Corpus.words(s.fill(line)));
                    Ip.Result r = Ip.command(cmd, null);
                    if (r.exitCode() != 0) {
                        throw new AssertionError("setup failed in " + s.ns() + ": " + line + ": " + r.err());
                    }
                } else {
                    batch.add(s.fill(line));
                }
            }
            if (!batch.isEmpty()) {
                Ip.Result r = Ip.command(List.of("ip", "-n", s.ns(), "-batch", "-"), String.join("\n", batch) + "\n");
                if (r.exitCode() != 0) {
                    throw new AssertionError("setup failed in " + s.ns() + ": " + r.err());
                }
            }
        }
        Ip.settled(() -> normalized(ip));
        Ip.settled(() -> normalized(jnetns));
    }

    /** {@link #state} as the other side would print it ({@link #normalize}). */
    public static String normalized(Side s) {
        String raw = state(s);
        return normalize(s, raw, raw);
    }

    @Override
    public void close() {
        for (Side s : List.of(ip, jnetns)) {
            for (String n : s.namespaces()) {
                if (Files.exists(Path.of("/run/netns", n))) {
                    Ip.command(List.of("ip", "netns", "del", n), null);
                }
            }
            try {
                Files.deleteIfExists(s.out());
                Files.deleteIfExists(s.batch());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Whether any namespace of either side is still there (after {@link #close()}: none may be). */
    public boolean leftovers() {
        return List.of(ip, jnetns).stream().flatMap(s -> s.namespaces().stream())
                .anyMatch(n -> Files.exists(Path.of("/run/netns", n)));
    }

    private static void sh(String... cmd) {
        Ip.Result r = Ip.command(List.of(cmd), null);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", cmd) + ": " + r.err());
        }
    }

    /** Runs {@code ip -n NS ARGS}, killed after 20 s (a command that never ends fails the test). */
    public static Ip.Result runIp(List<String> args) {
        try {
            Process p = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> readAll(p.getInputStream()));
            java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> readAll(p.getErrorStream()));
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + args);
            }
            return new Ip.Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /**
     * The one time-varying neighbour this comparison leaves out: the NOARP entry for a multicast
     * group (224.0.0.22, ff02::16 ...) the kernel makes when it sends its own IGMP or MLD report,
     * at a random delay after a device comes up. Any other neighbour is compared.
     */
    private static final Pattern KERNEL_MULTICAST_NEIGHBOUR = Pattern.compile(
            ",?\\{\"dst\":\"(?:2(?:2[4-9]|3[0-9])\\.[0-9.]+|ff[0-9a-f]{2}:[0-9a-f:]*)\",\"dev\":\"[^\"]*\","
            + "\"lladdr\":\"[0-9a-f:]*\",\"state\":\\[\"NOARP\"\\]\\}");

    /**
     * What {@code ip -d -j} sees in a side's namespaces (and which of its names exist), as one text
     * to compare: links, addresses, routes of all tables and families, neighbours (proxy entries too),
     * rules, nexthops.
     */
    public static String state(Side s) {
        StringBuilder b = new StringBuilder();
        for (String n : List.of(s.ns(), s.peer())) {
            if (!Files.exists(Path.of("/run/netns", n))) {
                continue;
            }
            b.append("== ").append(n).append('\n');
            // one ip per family of rules: each batch line prints its JSON array on a line of its own
            String shown = query(List.of("ip", "-n", n, "-d", "-j", "-batch", "-"),
                    "link show\naddr show\nroute show table all\nneigh show nud all\nneigh show proxy\nrule show\n"
                    + "nexthop show\n");
            b.append(KERNEL_MULTICAST_NEIGHBOUR.matcher(shown).replaceAll("").replace("[,{", "[{"));
            b.append(query(List.of("ip", "-n", n, "-6", "-j", "-batch", "-"), "rule show\n"));
        }
        for (String n : s.namespaces()) {
            if (Files.exists(Path.of("/run/netns", n))) {
                b.append("netns ").append(n).append('\n');
            }
        }
        return b.toString();
    }

    private static String query(List<String> cmd, String lines) {
        Ip.Result r = Ip.command(cmd, lines);
        return r.exitCode() == 0 ? r.out() : "failed " + r.err() + "\n";
    }


    /** The device names by hardware address in a state text ({@code ip -d -j link show} members). */
    static Map<String, String> macs(String state) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"ifname\":\"([^\"]*)\".*?\"address\":\"([0-9a-f:]{17})\"").matcher(state);
        while (m.find()) {
            out.putIfAbsent(m.group(2), m.group(1));
        }
        return out;
    }

    private static final Pattern TIMER = Pattern.compile(
            "(\"?(hello_timer|tcn_timer|topology_change_timer|gc_timer|message_age_timer|forward_delay_timer"
            + "|hold_timer)\"?[: ] *)[0-9.]+");
    private static final Pattern LIFETIME = Pattern.compile(
            "((valid_lft|preferred_lft) )(\\d+)sec|(\"(valid_life_time|preferred_life_time)\":)(\\d+)");

    /**
     * {@code text} as the other side would print it: this side's names as placeholders, each random
     * hardware address (and the IPv6 link-local address made from it) as the device it belongs to,
     * bridge timers as 0, address lifetimes that count down as N. {@code state} gives the addresses.
     */
    public static String normalize(Side s, String text, String state) {
        String t = s.unfill(text);
        for (Map.Entry<String, String> e : macs(s.unfill(state)).entrySet()) {
            String mac = e.getKey();
            if (mac.startsWith("02:00:00:") || mac.equals("00:00:00:00:00:00")) {
                continue;   // the corpus's own addresses, loopback
            }
            String who = "<mac of " + e.getValue() + ">";
            t = t.replace(mac, who).replace(mac.toUpperCase(), who);
            String ll = linkLocal(mac);
            t = t.replace(ll, "<fe80 of " + e.getValue() + ">");
        }
        t = TIMER.matcher(t).replaceAll("$10");
        Matcher m = LIFETIME.matcher(t);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            if (m.group(1) != null) {
                m.appendReplacement(b, m.group(3).equals("4294967295") ? m.group() : m.group(1) + "Nsec");
            } else {
                m.appendReplacement(b, m.group(6).equals("4294967295") ? m.group() : m.group(4) + "N");
            }
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The EUI-64 link-local address the kernel gives a device with hardware address {@code mac}. */
    static String linkLocal(String mac) {
        String[] p = mac.split(":");
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        a[8] = (byte) (Integer.parseInt(p[0], 16) ^ 2);
        a[9] = (byte) Integer.parseInt(p[1], 16);
        a[10] = (byte) Integer.parseInt(p[2], 16);
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = (byte) Integer.parseInt(p[3], 16);
        a[14] = (byte) Integer.parseInt(p[4], 16);
        a[15] = (byte) Integer.parseInt(p[5], 16);
        try {
            return IpPrefix.format(InetAddress.getByAddress(a));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A listing's records in a fixed order, for listings whose order the kernel decides by timing or
     * by a per-namespace seed: neighbours (a hash table seeded at random per namespace) and routes
     * (IPv6 routes of equal metric, such as each device's ff00::/8, in the order the devices became
     * ready, a race between the ends of a veth pair). Text: records (a line and the indented lines
     * after it) sorted; JSON: the array's objects sorted; indented JSON (-p) left as printed.
     */
    public static String sortedRecords(String out) {
        if (out.startsWith("[") && !out.contains("\n ")) {
            String body = out.strip();
            body = body.substring(1, body.length() - 1);
            List<String> objects = new ArrayList<>(List.of(body.isEmpty() ? new String[0]
                    : body.split("(?<=\\}),(?=\\{)")));
            return "[" + String.join(",", objects.stream().sorted().toList()) + "]\n";
        }
        if (out.startsWith("[")) {
            return out;
        }
        List<String> records = new ArrayList<>();
        for (String line : out.split("(?<=\n)")) {
            if (!records.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                records.set(records.size() - 1, records.get(records.size() - 1) + line);
            } else {
                records.add(line);
            }
        }
        return String.join("", records.stream().sorted().toList());
    }

    private static final Pattern NETNS_JSON = Pattern.compile("\\{\"name\":\"([^\"]*)\"(,\"id\":\\d+)?\\},?");

    /**
     * {@code netns list} as far as it concerns this side (after {@link #normalize}): it lists every
     * namespace of the machine, and those of other tests come and go; only this side's are kept,
     * sorted (the directory orders the two sides' names differently).
     */
    public static String ownNamespaces(String out) {
        if (out.startsWith("[")) {
            Matcher m = NETNS_JSON.matcher(out);
            List<String> own = new ArrayList<>();
            while (m.find()) {
                if (m.group(1).startsWith("@")) {
                    own.add(m.group().endsWith(",") ? m.group().substring(0, m.group().length() - 1) : m.group());
                }
            }
            return "[" + String.join(",", own.stream().sorted().toList()) + "]\n";
        }
        StringBuilder b = new StringBuilder();
        for (String line : java.util.Arrays.stream(out.split("\n")).sorted().toList()) {
            if (line.startsWith("@")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
