package dev.jnetns.cni;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.model.JsonText;
import dev.jnetns.sys.ErrnoException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * jnetns as a CNI plugin ({@code bin/jnetns-cni}, or {@code jnetns cni}): reads {@code CNI_*} from
 * the environment and the network config from stdin, prints the result (or the spec's error object)
 * on stdout. Commands VERSION, ADD, DEL, CHECK, STATUS, GC; spec versions 0.3.0 to 1.1.0, answered
 * in the version asked. ADD, DEL and GC hold a lock so that parallel calls do not race on a bridge.
 */
public final class CniPlugin {
    private static final Path LOCK = Path.of("/run/jnetns/cni.lock");

    private CniPlugin() {
    }

    public static void main(String[] args) throws IOException {
        String in = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int rc = run(System.getenv(), in, out);
        out.flush();
        System.exit(rc);
    }

    /**
     * Runs one call with {@code env} as the environment, in the calling thread's namespace (the
     * runtime's); returns the exit code (0, or 1 after printing an error object).
     */
    public static int run(Map<String, String> env, String stdin, PrintStream out) {
        String version = "1.1.0";
        try {
            CniEnv e = CniEnv.read(env);
            if (e.command().equals("VERSION")) {
                version = askedVersion(stdin);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("cniVersion", version);
                v.put("supportedVersions", CniConfig.VERSIONS);
                out.print(JsonText.write(v));
                return 0;
            }
            CniConfig c = CniConfig.parse(stdin);
            version = c.cniVersion();
            Map<String, Object> result = dispatch(e, c);
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

    private static String askedVersion(String stdin) {
        try {
            Object v = stdin.isBlank() ? null : JsonText.parse(stdin);
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

    private static Map<String, Object> dispatch(CniEnv e, CniConfig c) throws CniException, IOException {
        if ((e.command().equals("STATUS") || e.command().equals("GC")) && !c.cniVersion().equals("1.1.0")) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, e.command() + " needs cniVersion 1.1.0",
                    "the config says " + c.cniVersion());
        }
        try (Rtnl host = Rtnl.open()) {
            switch (e.command()) {
                case "STATUS":
                    status(c, e, host);
                    return null;
                case "CHECK":
                    check(c, e, host);
                    return null;
                default:
                    try (FileChannel ch = lockFile()) {
                        ch.lock();   // held until the channel closes
                        if (e.command().equals("ADD")) {
                            return add(c, e, host);
                        }
                        if (e.command().equals("DEL")) {
                            del(c, e, host);
                        } else {
                            gc(c, e, host);
                        }
                        return null;
                    }
            }
        }
    }

    private static FileChannel lockFile() throws IOException {
        Files.createDirectories(LOCK.getParent());
        return FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** ADD: IPAM, then the interface; on failure everything made so far is undone, IPAM's lease too. */
    private static Map<String, Object> add(CniConfig c, CniEnv e, Rtnl host) throws CniException, ErrnoException {
        try (Netns ns = Attachments.open(e, false); Rtnl ctr = Rtnl.open(ns)) {
            if (ctr.links().find(e.ifname()).isPresent()) {
                throw new CniException(CniException.KERNEL, "the container already has a device named "
                        + e.ifname(), "CNI_NETNS=" + e.netns());
            }
            CniResult r = Ipam.add(c, e);
            try {
                int index = Attachments.add(c, e, host, ctr, r);
                return r.json(c.cniVersion(), index);
            } catch (ErrnoException | RuntimeException x) {
                undo(x, () -> Attachments.del(c, e.containerId(), e.ifname(), host, ctr));
                undo(x, () -> Ipam.del(c, e, e.containerId(), e.ifname()));
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
    private static void del(CniConfig c, CniEnv e, Rtnl host) throws CniException, ErrnoException {
        try (Netns ns = Attachments.open(e, true); Rtnl ctr = ns == null ? null : Rtnl.open(ns)) {
            Attachments.del(c, e.containerId(), e.ifname(), host, ctr);
        }
        Ipam.del(c, e, e.containerId(), e.ifname());
    }

    private static void check(CniConfig c, CniEnv e, Rtnl host) throws CniException, ErrnoException {
        if (!(c.raw().get("prevResult") instanceof Map)) {
            throw new CniException(CniException.INVALID_CONFIG, "CHECK needs prevResult in the config");
        }
        CniResult prev = CniResult.read((Map<?, ?>) c.raw().get("prevResult"));
        try (Netns ns = Attachments.open(e, false); Rtnl ctr = Rtnl.open(ns)) {
            Attachments.check(c, e, host, ctr, prev);
        }
        Ipam.check(c, e);
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

    /** GC: removes attachments of this network not in {@code cni.dev/valid-attachments}, with their leases. */
    private static void gc(CniConfig c, CniEnv e, Rtnl host) throws CniException, ErrnoException {
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
        for (String[] gone : Attachments.gc(c, valid, host)) {
            Ipam.del(c, e, gone[0], gone[1]);
        }
    }
}
