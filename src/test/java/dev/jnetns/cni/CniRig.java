package dev.jnetns.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.Netns;
import dev.jnetns.model.JsonText;
import dev.jnetns.testutil.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the CNI tests share: this build's plugin laid out as on a node (the shim, compiled from
 * native/cni-shim.c, at ROOT/target/jnetns-cni, and ROOT/bin/jnetns running this build's classes on
 * this test JVM, which the shim runs when no daemon answers), the command that starts a daemon, and
 * the oracles (ip, ping, host-local's lease files, the attachment records).
 */
final class CniRig {
    private static Path shim;

    private CniRig() {
    }

    /** This JVM's java, its backend and class path, running {@code dev.jnetns.cli.Main ARGS}. */
    static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED"));
        String backend = System.getProperty("jnetns.backend", "");
        if (!backend.isEmpty()) {
            cmd.add("-Djnetns.backend=" + backend);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.jnetns.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The shim, built once per test JVM under target/cni-root with the launcher it falls back to. */
    static synchronized Path shim() throws IOException {
        if (shim == null) {
            Path root = Path.of(System.getProperty("jnetns.build.dir", "target")).resolve("cni-root").toAbsolutePath();
            Path bin = Files.createDirectories(root.resolve("bin"));
            Path out = Files.createDirectories(root.resolve("target")).resolve("jnetns-cni");
            Path source = Path.of(System.getProperty("jnetns.native.dir", "native"), "cni-shim.c");
            Ip.Result cc = Ip.command(List.of("gcc", "-O2", "-Wall", "-Werror", "-static", "-o", out.toString(),
                    source.toString()), null);
            assertEquals(0, cc.exitCode(), "gcc native/cni-shim.c: " + cc.err());
            Path launcher = bin.resolve("jnetns");
            Files.writeString(launcher, "#!/bin/sh\nexec " + String.join(" ", java()) + " \"$@\"\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            shim = out;
        }
        return shim;
    }

    /** Installs the plugin as {@code dir/jnetns}, a link to the shim, as a node installs it. */
    static void install(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("jnetns"), shim());
    }

    /** {@code config} (a JSON object's text) with {@code "daemonSocket": socket} as its first field. */
    static String toDaemon(String config, Path socket) {
        int brace = config.indexOf('{');
        return brace < 0 ? config : config.substring(0, brace + 1) + "\"daemonSocket\":\"" + socket + "\","
                + config.substring(brace + 1);
    }

    /** Lease files host-local holds in {@code dir} (not its lock and last-reserved bookkeeping). */
    static List<String> leases(Path dir) throws IOException {
        return files(dir).stream().filter(n -> !n.equals("lock") && !n.startsWith("last_reserved_ip")).toList();
    }

    /** The names in {@code dir}, none when it does not exist. */
    static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The device names in {@code ns}, as ip -j lists them. */
    static List<String> devices(Netns ns) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) JsonText.parse(Ip.run(ns, "-j", "link", "show"))) {
            out.add((String) ((Map<?, ?>) o).get("ifname"));
        }
        return out;
    }

    /** One ping from the namespace at {@code nsPath}; fails the test when no answer comes. */
    static void ping(String nsPath, String to) {
        Ip.Result r = Ip.command(List.of("nsenter", "--net=" + nsPath, "ping", "-c", "1", "-W", "2", to), null);
        assertEquals(0, r.exitCode(), "ping " + to + ": " + r.out() + r.err());
    }
}
