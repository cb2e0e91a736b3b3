package dev.jnetns.cni;

import dev.jnetns.model.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Addresses for an attachment: from the IPAM plugin named by {@code ipam.type}, found in
 * {@code CNI_PATH} and run where the runtime would run it, with the runtime's environment and the
 * whole config on stdin (what libcni's delegation does); from the built-in host-local
 * ({@link HostLocal}, type {@value HostLocal#TYPE}); or from the config's static {@code addresses}.
 */
final class Ipam {
    private Ipam() {
    }

    /** True when addresses come from a delegated plugin. */
    static boolean delegated(CniConfig c) {
        return c.ipam().get("type") instanceof String && !builtIn(c);
    }

    private static boolean builtIn(CniConfig c) {
        return HostLocal.TYPE.equals(c.ipam().get("type"));
    }

    /** The addresses, routes and DNS for a new attachment (IPAM ADD). */
    static CniResult add(CniConfig c, CniEnv e, CniCaller caller) throws CniException {
        if (builtIn(c)) {
            return HostLocal.add(c, e);
        }
        if (!delegated(c)) {
            return CniResult.read(c.raw());
        }
        Object out = run(c, e, caller, "ADD", e.containerId(), e.ifname());
        if (!(out instanceof Map)) {
            throw new CniException(CniException.IPAM, "IPAM plugin " + c.ipam().get("type") + " returned no result");
        }
        return CniResult.read((Map<?, ?>) out);
    }

    /** Releases the addresses of attachment {@code containerId}/{@code ifname} (IPAM DEL). */
    static void del(CniConfig c, CniEnv e, CniCaller caller, String containerId, String ifname) throws CniException {
        if (builtIn(c)) {
            HostLocal.del(c, e, containerId, ifname);
        } else if (delegated(c)) {
            run(c, e, caller, "DEL", containerId, ifname);
        }
    }

    /** Lets the IPAM plugin check its lease (IPAM CHECK). */
    static void check(CniConfig c, CniEnv e, CniCaller caller) throws CniException {
        if (builtIn(c)) {
            HostLocal.check(c, e);
        } else if (delegated(c)) {
            run(c, e, caller, "CHECK", e.containerId(), e.ifname());
        }
    }

    /** The IPAM plugin's path in {@code CNI_PATH}. */
    static Path find(CniConfig c, CniEnv e) throws CniException {
        String type = (String) c.ipam().get("type");
        if (type.isEmpty() || type.contains("/")) {
            throw new CniException(CniException.INVALID_CONFIG, "invalid ipam type \"" + type + "\"");
        }
        if (e.path() != null) {
            for (String dir : e.path().split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, type);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new CniException(CniException.INVALID_CONFIG, "IPAM plugin \"" + type + "\" not found",
                "CNI_PATH=" + e.path());
    }

    private static Object run(CniConfig c, CniEnv e, CniCaller caller, String command, String containerId,
                              String ifname) throws CniException {
        Plugin plugin = new Plugin(find(c, e), e.all(), caller);
        try {
            return plugin.exec(command, containerId, ifname, c.text());
        } catch (CniException x) {
            if (x.code != CniException.INCOMPATIBLE_VERSION) {
                throw x;
            }
            return plugin.exec(command, containerId, ifname, olderConfig(plugin, c));
        }
    }

    /**
     * The config with the newest version older than {@code c}'s that the plugin speaks, for a plugin
     * that refused {@code c}'s (host-local 1.1 predates CNI 1.1.0; results of every version are read
     * alike).
     */
    private static String olderConfig(Plugin plugin, CniConfig c) throws CniException {
        Object v = plugin.exec("VERSION", "", "", "{\"cniVersion\":\"" + c.cniVersion() + "\"}");
        Object listed = v instanceof Map ? ((Map<?, ?>) v).get("supportedVersions") : null;
        List<?> supported = listed instanceof List ? (List<?>) listed : List.of();
        List<String> ours = CniConfig.VERSIONS.subList(0, CniConfig.VERSIONS.indexOf(c.cniVersion()));
        for (int i = ours.size() - 1; i >= 0; i--) {
            if (supported.contains(ours.get(i))) {
                Map<Object, Object> m = new LinkedHashMap<>(c.raw());
                m.put("cniVersion", ours.get(i));
                return JsonText.write(m);
            }
        }
        throw new CniException(CniException.INCOMPATIBLE_VERSION, "IPAM plugin " + plugin.path + " speaks no version"
                + " up to " + c.cniVersion(), "it supports " + supported);
    }

    /** A delegated plugin: where it is, the environment it gets, and who starts it. */
    private record Plugin(Path path, Map<String, String> env, CniCaller caller) {

        Object exec(String command, String containerId, String ifname, String config) throws CniException {
            ProcessBuilder pb = new ProcessBuilder(path.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> pe = pb.environment();
            pe.clear();
            pe.putAll(env);
            pe.put("CNI_COMMAND", command);
            pe.put("CNI_CONTAINERID", containerId);
            pe.put("CNI_IFNAME", ifname);
            try {
                Process p = caller.start(pb);
                try (OutputStream in = p.getOutputStream()) {
                    in.write(config.getBytes(StandardCharsets.UTF_8));
                } catch (IOException unread) {
                    // the plugin exited without reading its stdin (host-local does for VERSION): its output tells
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int rc = p.waitFor();
                Object json = out.isBlank() ? null : JsonText.parse(out);
                if (rc != 0) {
                    throw failure(path, command, json, out);
                }
                return json;
            } catch (IOException x) {
                throw new CniException(CniException.IO, "cannot run IPAM plugin " + path, x.getMessage());
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new CniException(CniException.IO, "interrupted waiting for IPAM plugin " + path);
            } catch (IllegalArgumentException x) {
                throw new CniException(CniException.IPAM, "IPAM plugin " + path + " printed bad JSON", x.getMessage());
            }
        }
    }

    /** The plugin's own error (code, msg, details) passed on, prefixed with who said it. */
    private static CniException failure(Path plugin, String command, Object json, String out) {
        if (json instanceof Map && ((Map<?, ?>) json).get("code") instanceof Long) {
            Map<?, ?> m = (Map<?, ?>) json;
            return new CniException(((Long) m.get("code")).intValue(),
                    "IPAM " + plugin.getFileName() + " " + command + ": " + m.get("msg"),
                    m.get("details") == null ? "" : String.valueOf(m.get("details")));
        }
        return new CniException(CniException.IPAM, "IPAM " + plugin.getFileName() + " " + command + " failed",
                out.strip());
    }
}
