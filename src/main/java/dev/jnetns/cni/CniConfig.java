package dev.jnetns.cni;

import dev.jnetns.Links;
import dev.jnetns.model.JsonText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The network configuration a runtime hands the plugin on stdin, checked. {@code mode} is veth
 * (routed, the default), bridge, macvlan or move; addresses come from {@code ipam} (a delegated
 * plugin) or from {@code addresses} (static). {@code stateDir} holds the attachment records
 * (default /var/lib/cni/jnetns); {@code daemonSocket} is read by the shim alone (native/cni-shim.c).
 */
record CniConfig(String cniVersion, String name, String mode, String bridge, String master, String macvlanMode,
                 String device, Integer mtu, Map<?, ?> ipam, Path stateDir, Map<?, ?> raw, String text) {

    static final List<String> VERSIONS = List.of("0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");
    /** The spec's network names: a directory name in {@code stateDir} (and in host-local's dataDir). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

    /**
     * A JSON document a caller sent; one nested too deeply for the stack is refused as malformed
     * (IllegalArgumentException) like any other.
     */
    static Object json(String text) {
        try {
            return JsonText.parse(text);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("JSON nested too deeply");
        }
    }

    static CniConfig parse(String text) throws CniException {
        Object v;
        try {
            v = json(text);
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.DECODE, "cannot decode the network configuration", e.getMessage());
        }
        if (!(v instanceof Map)) {
            throw new CniException(CniException.DECODE, "the network configuration is not a JSON object");
        }
        Map<?, ?> m = (Map<?, ?>) v;
        String version = str(m, "cniVersion", "1.0.0");
        if (!VERSIONS.contains(version)) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "incompatible CNI version " + version,
                    "supported: " + VERSIONS);
        }
        String name = str(m, "name", "jnetns");
        if (!NAME.matcher(name).matches()) {
            throw new CniException(CniException.INVALID_CONFIG, "invalid network name \"" + name + "\"",
                    "letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        String mode = str(m, "mode", "veth");
        if (!List.of("veth", "bridge", "macvlan", "move").contains(mode)) {
            throw new CniException(CniException.INVALID_CONFIG, "unknown mode \"" + mode + "\"",
                    "use veth, bridge, macvlan or move");
        }
        Object ipam = m.get("ipam");
        Object addrs = m.get("addresses");
        if (ipam != null && !(ipam instanceof Map) || addrs != null && !(addrs instanceof List)) {
            throw new CniException(CniException.INVALID_CONFIG, "\"ipam\" must be an object, \"addresses\" a list");
        }
        boolean none = (ipam == null || ((Map<?, ?>) ipam).isEmpty()) && addrs == null;
        if (none && !mode.equals("move")) {
            throw new CniException(CniException.INVALID_CONFIG, "no addresses: give \"ipam\" or \"addresses\"");
        }
        if (!none && mode.equals("move")) {
            throw new CniException(CniException.INVALID_CONFIG, "mode move keeps the device's own addresses",
                    "drop \"ipam\" and \"addresses\"");
        }
        String master = str(m, "master", null);
        if (mode.equals("macvlan") && master == null) {
            throw new CniException(CniException.INVALID_CONFIG, "mode macvlan needs \"master\" (the parent device)");
        }
        String macvlanMode = str(m, "macvlanMode", "bridge");
        if (!List.of("private", "vepa", "bridge", "passthru").contains(macvlanMode)) {
            throw new CniException(CniException.INVALID_CONFIG, "unknown macvlanMode \"" + macvlanMode + "\"",
                    "use private, vepa, bridge or passthru");
        }
        String device = str(m, "device", null);
        if (mode.equals("move") && device == null) {
            throw new CniException(CniException.INVALID_CONFIG, "mode move needs \"device\" (the device to move)");
        }
        try {
            for (String n : new String[] {master, device, str(m, "bridge", null)}) {
                if (n != null) {
                    Links.checkName(n);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, e.getMessage());
        }
        Object mtu = m.get("mtu");
        if (mtu != null && !(mtu instanceof Long && (Long) mtu >= 68 && (Long) mtu <= 65535)) {
            throw new CniException(CniException.INVALID_CONFIG, "\"mtu\" must be a number from 68 to 65535");
        }
        Path stateDir = Path.of(str(m, "stateDir", "/var/lib/cni/jnetns"));
        if (!stateDir.isAbsolute()) {
            throw new CniException(CniException.INVALID_CONFIG, "\"stateDir\" must be an absolute path");
        }
        return new CniConfig(version, name, mode, str(m, "bridge", "jnetns0"), master,
                macvlanMode, device, mtu instanceof Long ? ((Long) mtu).intValue() : null,
                ipam instanceof Map ? (Map<?, ?>) ipam : Map.of(), stateDir, m, text);
    }

    /**
     * What ADD, DEL and GC of this network are serialised by: its bridge in bridge mode (two networks
     * may share one), else its name.
     */
    String lockKey() {
        return mode.equals("bridge") ? "bridge " + bridge : "network " + name;
    }

    private static String str(Map<?, ?> m, String key, String otherwise) throws CniException {
        Object v = m.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof String)) {
            throw new CniException(CniException.INVALID_CONFIG, "\"" + key + "\" must be a string");
        }
        return (String) v;
    }
}
