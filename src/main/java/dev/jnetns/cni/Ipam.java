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
 * {@code CNI_PATH} and run with the runtime's environment and the whole config on stdin (what
 * libcni's delegation does), or from the config's static {@code addresses}.
 */
final class Ipam {
    private Ipam() {
    }

    /** True when addresses come from a delegated plugin. */
    static boolean delegated(CniConfig c) {
        return c.ipam().get("type") instanceof String;
    }

    /** The addresses, routes and DNS for a new attachment (IPAM ADD). */
    static CniResult add(CniConfig c, CniEnv e) throws CniException {
        if (!delegated(c)) {
            return CniResult.read(c.raw());
        }
        Object out = run(c, e, "ADD", e.containerId(), e.ifname());
        if (!(out instanceof Map)) {
            throw new CniException(CniException.IPAM, "IPAM plugin " + c.ipam().get("type") + " returned no result");
        }
        return CniResult.read((Map<?, ?>) out);
    }

    /** Releases the addresses of attachment {@code containerId}/{@code ifname} (IPAM DEL). */
    static void del(CniConfig c, CniEnv e, String containerId, String ifname) throws CniException {
        if (delegated(c)) {
            run(c, e, "DEL", containerId, ifname);
        }
    }

    /** Lets the IPAM plugin check its lease (IPAM CHECK). */
    static void check(CniConfig c, CniEnv e) throws CniException {
        if (delegated(c)) {
            run(c, e, "CHECK", e.containerId(), e.ifname());
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

    private static Object run(CniConfig c, CniEnv e, String command, String containerId, String ifname)
            throws CniException {
        Path plugin = find(c, e);
        try {
            return exec(plugin, command, containerId, ifname, c.text());
        } catch (CniException x) {
            if (x.code != CniException.INCOMPATIBLE_VERSION) {
                throw x;
            }
            return exec(plugin, command, containerId, ifname, olderConfig(plugin, c));
        }
    }

    /**
     * The config with the newest version older than {@code c}'s that the plugin speaks, for a plugin
     * that refused {@code c}'s (host-local 1.1 predates CNI 1.1.0; results of every version are read
     * alike).
     */
    private static String olderConfig(Path plugin, CniConfig c) throws CniException {
        Object v = exec(plugin, "VERSION", "", "", "{\"cniVersion\":\"" + c.cniVersion() + "\"}");
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
        throw new CniException(CniException.INCOMPATIBLE_VERSION, "IPAM plugin " + plugin + " speaks no version"
                + " up to " + c.cniVersion(), "it supports " + supported);
    }

    private static Object exec(Path plugin, String command, String containerId, String ifname, String config)
            throws CniException {
        ProcessBuilder pb = new ProcessBuilder(plugin.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_IFNAME", ifname);
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(config.getBytes(StandardCharsets.UTF_8));
            } catch (IOException unread) {
                // the plugin exited without reading its stdin (host-local does for VERSION): its output tells
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            Object json = out.isBlank() ? null : JsonText.parse(out);
            if (rc != 0) {
                throw failure(plugin, command, json, out);
            }
            return json;
        } catch (IOException x) {
            throw new CniException(CniException.IO, "cannot run IPAM plugin " + plugin, x.getMessage());
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new CniException(CniException.IO, "interrupted waiting for IPAM plugin " + plugin);
        } catch (IllegalArgumentException x) {
            throw new CniException(CniException.IPAM, "IPAM plugin " + plugin + " printed bad JSON", x.getMessage());
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
