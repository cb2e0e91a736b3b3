package dev.jnetns.it;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Privileged containers of the jnetns image for the tests: real {@code --privileged} where the
 * host's capability bounding set is complete, otherwise the equivalent that works on this VM
 * (every capability the host has, seccomp and apparmor unconfined, /dev/net/tun, /proc/sys and
 * /sys remounted read-write before "ready"). Network mode none. Each container is labelled with
 * this JVM's pid so that a later run removes what a killed run left behind.
 */
final class Containers {
    static final String IMAGE = "jnetns:it";
    static final String LABEL = "dev.jnetns.it.owner";

    private Containers() {
    }

    /** Capability names missing from this host's bounding set (CAP_SYS_RESOURCE here). */
    static List<Capability> missingCapabilities() throws IOException {
        long bnd = 0;
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("CapBnd:")) {
                bnd = Long.parseUnsignedLong(l.substring(7).trim(), 16);
            }
        }
        int last = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/cap_last_cap")).get(0).trim());
        List<Capability> missing = new ArrayList<>();
        for (Capability c : Capability.values()) {
            int bit = bit(c);
            if (bit >= 0 && bit <= last && (bnd & (1L << bit)) == 0) {
                missing.add(c);
            }
        }
        return missing;
    }

    private static int bit(Capability c) {
        String[] order = {"CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID",
            "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK",
            "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT",
            "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE",
            "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND",
            "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE"};
        return List.of(order).indexOf(c.name());
    }

    /** "privileged" or "equivalent (without CAP_...)": which mode {@link #start} uses on this host. */
    static String mode() throws IOException {
        List<Capability> missing = missingCapabilities();
        return missing.isEmpty() ? "privileged" : "privileged-equivalent (host lacks " + missing + ")";
    }

    /** Starts a container of the jnetns image that idles until stopped. */
    @SuppressWarnings("resource")
    static GenericContainer<?> start(String name) throws IOException {
        List<Capability> missing = missingCapabilities();
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withNetworkMode("none")
                .withLabels(Map.of(LABEL, String.valueOf(ProcessHandle.current().pid())))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName("jnetns-it-" + name + "-" + ProcessHandle.current().pid());
                    cmd.withEntrypoint("sh", "-c", "mount -o remount,bind,rw /proc/sys 2>/dev/null; "
                            + "mount -o remount,rw /sys 2>/dev/null; echo ready; exec sleep infinity");
                    cmd.withCmd(new String[0]);
                    if (missing.isEmpty()) {
                        cmd.getHostConfig().withPrivileged(true);
                    } else {
                        cmd.getHostConfig().withCapAdd(Capability.ALL)
                                .withCapDrop(missing.toArray(new Capability[0]))
                                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                                .withDevices(Device.parse("/dev/net/tun"));
                    }
                })
                .waitingFor(Wait.forLogMessage("ready\\n", 1));
        c.start();
        return c;
    }
}
