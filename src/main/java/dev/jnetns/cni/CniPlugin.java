package dev.jnetns.cni;

import dev.jnetns.Link;
import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.model.JsonText;
import dev.jnetns.ErrnoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * jnetns as a CNI plugin ({@code jnetns cni}, run by the shim {@code target/jnetns-cni} when no
 * daemon answers, and by {@link CniDaemon} for each call it serves): reads {@code CNI_*} from the
 * environment and the network config from stdin, prints the result (or the spec's error object) on
 * stdout. Commands VERSION, ADD, DEL, CHECK, STATUS, GC; spec versions 0.3.0 to 1.1.0, answered in
 * the version asked. ADD, DEL and GC of one network are serialised ({@link CniLock}).
 */
public final class CniPlugin {

    private CniPlugin() {
    }

    public static void main(String[] args) throws IOException {
        String in = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int rc = run(System.getenv(), in, out);
        out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(rc);   // no hook to run; System.exit would first look up its logger (~8 ms)
    }

    /**
     * Runs one call with {@code env} as the environment, in the calling thread's namespace (the
     * runtime's); returns the exit code (0, or 1 after printing an error object).
     */
    public static int run(Map<String, String> env, String stdin, PrintStream out) {
        Netns here;
        try {
            here = Netns.open("/proc/thread-self/ns/net");
        } catch (ErrnoException x) {
            return fail(stdin, new CniException(CniException.KERNEL, x.getMessage()), out);
        }
        try (here) {
            return run(env, stdin, out, new CniCaller(here, false));
        }
    }

    /** Runs one call for {@code caller}; returns the exit code (0, or 1 after printing an error object). */
    static int run(Map<String, String> env, String stdin, PrintStream out, CniCaller caller) {
        String version = askedVersion(stdin);   // errors before the config is read are answered in it too
        try {
            CniEnv e = CniEnv.read(env);
            if (e.command().equals("VERSION")) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("cniVersion", version);
                v.put("supportedVersions", CniConfig.VERSIONS);
                out.print(JsonText.write(v));
                return 0;
            }
            CniConfig c = CniConfig.parse(stdin);
            version = c.cniVersion();
            Map<String, Object> result = dispatch(e, c, caller);
            if (result != null) {
                out.print(JsonText.write(result));
            }
            return 0;
        } catch (CniException x) {
            error(out, version, x.code, x.getMessage(), x.details);
        } catch (ErrnoException x) {
            error(out, version, CniException.KERNEL, x.getMessage(), "");
        } catch (IOException | RuntimeException x) {
            error(out, version, CniException.IO, String.valueOf(x.getMessage()), x.getClass().getSimpleName());
        }
        return 1;
    }

    /**
     * {@code rounds} times VERSION, ADD, CHECK and DEL in throwaway namespaces, veth and bridge mode
     * in turn, with the built-in IPAM and the records under {@code dir} (made here, removed at the
     * end): what {@code jnetns train} records for the AOT cache (one round, in-process) and what the
     * daemon runs before it listens and, to get warm, while it does. {@code daemon}: as the daemon
     * serves a call. {@code stop} ends the rounds early. Returns the rounds run.
     */
    public static int exercise(Path dir, boolean daemon, int rounds, BooleanSupplier stop) throws IOException {
        deleteTree(dir);   // what a killed run left
        Files.createDirectories(dir);
        try (Netns runtime = Netns.create(); Netns ctr = Netns.create()) {
            PrintStream none = new PrintStream(OutputStream.nullOutputStream());
            CniCaller caller = new CniCaller(runtime, daemon);
            Map<String, String> env = new HashMap<>(Map.of("CNI_CONTAINERID", "exercise", "CNI_NETNS", ctr.path(),
                    "CNI_IFNAME", "eth0", "CNI_PATH", "/nonexistent"));
            int i = 0;
            for (; i < rounds && !stop.getAsBoolean(); i++) {
                String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"jnetns-exercise\",\"type\":\"jnetns\",\"mode\":\""
                        + (i % 2 == 0 ? "veth" : "bridge") + "\",\"bridge\":\"jnexercise0\",\"stateDir\":"
                        + JsonText.write(dir.resolve("state").toString()) + ",\"ipam\":{\"type\":\"" + HostLocal.TYPE
                        + "\",\"dataDir\":" + JsonText.write(dir.resolve("ipam").toString())
                        + ",\"ranges\":[[{\"subnet\":\"198.18.0.0/24\"}]]}}";
                ByteArrayOutputStream added = new ByteArrayOutputStream();
                for (String command : List.of("VERSION", "ADD", "CHECK", "DEL")) {
                    env.put("CNI_COMMAND", command);
                    String stdin = command.equals("CHECK") ? conf.substring(0, conf.length() - 1) + ",\"prevResult\":"
                            + added.toString(StandardCharsets.UTF_8) + "}" : conf;
                    run(env, stdin, command.equals("ADD") ? new PrintStream(added, true, StandardCharsets.UTF_8) : none,
                            caller);
                }
            }
            return i;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Prints {@code x} as the spec's error object, in the version {@code stdin}'s config asks for; returns 1. */
    static int fail(String stdin, CniException x, PrintStream out) {
        error(out, askedVersion(stdin), x.code, x.getMessage(), x.details);
        return 1;
    }

    private static String askedVersion(String stdin) {
        try {
            Object v = stdin.isBlank() ? null : CniConfig.json(stdin);
            Object asked = v instanceof Map ? ((Map<?, ?>) v).get("cniVersion") : null;
            return asked instanceof String && CniConfig.VERSIONS.contains(asked) ? (String) asked : "1.1.0";
        } catch (IllegalArgumentException x) {
            return "1.1.0";
        }
    }

    private static void error(PrintStream out, String version, int code, String msg, String details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cniVersion", version);
        m.put("code", code);
        m.put("msg", msg);
        m.put("details", details == null ? "" : details);
        out.print(JsonText.write(m));
    }

    private static Map<String, Object> dispatch(CniEnv e, CniConfig c, CniCaller caller)
            throws CniException, IOException {
        if ((e.command().equals("STATUS") || e.command().equals("GC")) && !c.cniVersion().equals("1.1.0")) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, e.command() + " needs cniVersion 1.1.0",
                    "the config says " + c.cniVersion());
        }
        if (e.command().equals("CHECK") && c.cniVersion().startsWith("0.3.")) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "CHECK needs cniVersion 0.4.0 or later",
                    "the config says " + c.cniVersion());
        }
        try (Rtnl host = Rtnl.open(caller.netns())) {
            switch (e.command()) {
                case "STATUS":
                    status(c, e, host);
                    return null;
                case "CHECK":
                    check(c, e, caller, host);
                    return null;
                default:
                    try (CniLock held = CniLock.hold(c.lockKey())) {
                        if (e.command().equals("ADD")) {
                            return add(c, e, caller, host);
                        }
                        if (e.command().equals("DEL")) {
                            del(c, e, caller, host);
                        } else {
                            gc(c, e, caller, host);
                        }
                        return null;
                    }
            }
        }
    }

    /**
     * ADD: the attachment's record, IPAM, then the interface; on failure everything made so far is
     * undone, IPAM's lease and the record too.
     */
    private static Map<String, Object> add(CniConfig c, CniEnv e, CniCaller caller, Rtnl host)
            throws CniException, ErrnoException, IOException {
        try (Netns ns = Attachments.open(e, false); Rtnl ctr = Rtnl.open(ns)) {
            if (ctr.links().find(e.ifname()).isPresent()) {
                throw new CniException(CniException.KERNEL, "the container already has a device named "
                        + e.ifname(), "CNI_NETNS=" + e.netns());
            }
            Link bridge = c.mode().equals("bridge") ? host.links().find(c.bridge()).orElse(null) : null;
            boolean makesBridge = c.mode().equals("bridge") && bridge == null;
            AttachmentRecords.write(c, e, ns.inode(), makesBridge);
            try {
                CniResult r = Ipam.add(c, e, caller);
                boolean adoptBridge = bridge != null && bridge.alias() == null
                        && AttachmentRecords.list(c).stream().anyMatch(a -> a.madeBridge(c));
                try {
                    int index = Attachments.add(c, e, host, ctr, r, adoptBridge);
                    return r.json(c.cniVersion(), index);
                } catch (ErrnoException | RuntimeException x) {
                    undo(x, () -> Attachments.del(c, e.containerId(), e.ifname(), host, ctr, makesBridge));
                    undo(x, () -> Ipam.del(c, e, caller, e.containerId(), e.ifname()));
                    throw x;
                }
            } catch (CniException | ErrnoException | RuntimeException x) {
                undo(x, () -> AttachmentRecords.remove(c, e.containerId(), e.ifname()));
                throw x;
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void undo(Exception cause, Step step) {
        try {
            step.run();
        } catch (Exception x) {
            cause.addSuppressed(x);
        }
    }

    /** DEL: idempotent; a container namespace that is gone is not an error. */
    private static void del(CniConfig c, CniEnv e, CniCaller caller, Rtnl host)
            throws CniException, ErrnoException, IOException {
        AttachmentRecords.Entry made = c.mode().equals("bridge") ? AttachmentRecords.find(c, e.containerId(), e.ifname())
                : null;   // the record tells only whether the ADD made the bridge
        try (Netns ns = Attachments.delNeedsContainer(c) ? Attachments.open(e, true) : null;
             Rtnl ctr = ns == null ? null : Rtnl.open(ns)) {
            Attachments.del(c, e.containerId(), e.ifname(), host, ctr, made != null && made.madeBridge(c));
        }
        Ipam.del(c, e, caller, e.containerId(), e.ifname());
        AttachmentRecords.remove(c, e.containerId(), e.ifname());
    }

    private static void check(CniConfig c, CniEnv e, CniCaller caller, Rtnl host) throws CniException, ErrnoException {
        if (!(c.raw().get("prevResult") instanceof Map)) {
            throw new CniException(CniException.INVALID_CONFIG, "CHECK needs prevResult in the config");
        }
        CniResult prev = CniResult.read((Map<?, ?>) c.raw().get("prevResult"));
        try (Netns ns = Attachments.open(e, false); Rtnl ctr = Rtnl.open(ns)) {
            Attachments.check(c, e, host, ctr, prev);
        }
        Ipam.check(c, e, caller);
    }

    private static void status(CniConfig c, CniEnv e, Rtnl host) throws CniException, ErrnoException {
        String why = Attachments.notReady(c, host);
        if (why == null && Ipam.delegated(c)) {
            try {
                Ipam.find(c, e);
            } catch (CniException x) {
                why = x.getMessage();
            }
        }
        if (why != null) {
            throw new CniException(CniException.NOT_READY, "not ready: " + why);
        }
    }

    /**
     * GC: removes the attachments of this network on record but not in
     * {@code cni.dev/valid-attachments}, of every mode, as DEL would, with their leases.
     */
    private static void gc(CniConfig c, CniEnv e, CniCaller caller, Rtnl host)
            throws CniException, ErrnoException, IOException {
        Object listed = c.raw().get("cni.dev/valid-attachments");
        if (!(listed instanceof List)) {
            throw new CniException(CniException.INVALID_CONFIG, "GC needs \"cni.dev/valid-attachments\" (a list)");
        }
        Set<String> valid = new HashSet<>();
        for (Object o : (List<?>) listed) {
            if (!(o instanceof Map)) {
                throw new CniException(CniException.INVALID_CONFIG, "cni.dev/valid-attachments holds a non-object");
            }
            Map<?, ?> m = (Map<?, ?>) o;
            valid.add(m.get("containerID") + "/" + m.get("ifname"));
        }
        for (AttachmentRecords.Entry a : AttachmentRecords.list(c)) {
            if (valid.contains(a.containerId() + "/" + a.ifname())) {
                continue;
            }
            try (Netns ns = Attachments.delNeedsContainer(c) ? a.openNetns() : null;
                 Rtnl ctr = ns == null ? null : Rtnl.open(ns)) {
                Attachments.del(c, a.containerId(), a.ifname(), host, ctr, a.madeBridge(c));
            }
            Ipam.del(c, e, caller, a.containerId(), a.ifname());
            AttachmentRecords.remove(c, a.containerId(), a.ifname());
        }
    }
}
