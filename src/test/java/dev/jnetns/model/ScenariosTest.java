package dev.jnetns.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Cli;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's six scenarios, as the files and scripts of examples/ run them. */
class ScenariosTest {

    private static void destroy(String file) {
        Cli.run("destroy", file);
    }

    @Test
    void s1_a_device_handed_to_a_namespace_keeps_working() {
        Ip.Result r = Scripts.run("handover.sh");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("inet 198.18.70.2/24") && r.out().contains("198.18.71.0/24 via 198.18.70.1")
                && r.out().contains("1 received"), r.out());
    }

    @Test
    void s2_a_parent_namespace_routes_for_its_children() throws Exception {
        String file = Scripts.example("router.json").toString();
        try {
            Cli.ok("apply", file);
            try (Netns a = Netns.open("a"); Netns router = Netns.open("router")) {
                assertEquals("1", router.sysctl("net.ipv4.ip_forward"));
                Ip.Result ping = Ip.command(List.of("nsenter", "--net=" + a.path(), "ping", "-c", "1", "-W", "2", "198.18.2.2"), null);
                assertEquals(0, ping.exitCode(), ping.out());
            }
        } finally {
            destroy(file);
        }
    }

    @Test
    void s3_macvlan_children_in_different_namespaces_reach_each_other() throws Exception {
        String file = Scripts.example("macvlan.json").toString();
        try {
            Cli.ok("apply", file);
            try (Netns c1 = Netns.open("c1")) {
                String link = Ip.run(c1, "-d", "link", "show", "mv1");
                assertTrue(link.contains("macvlan mode bridge"), link);
                Ip.Result ping = Ip.command(List.of("nsenter", "--net=" + c1.path(), "ping", "-c", "1", "-W", "2", "198.18.3.2"), null);
                assertEquals(0, ping.exitCode(), ping.out());
            }
            assertEquals(0, Cli.run("diff", file).exitCode());
        } finally {
            destroy(file);
        }
    }

    @Test
    void s4_dhcp_runs_unmodified_between_namespaces(@TempDir Path dir) throws Exception {
        String file = Scripts.example("dhcp.json").toString();
        byte[] resolvConf = Files.readAllBytes(Path.of("/etc/resolv.conf"));
        Process server = null;
        try {
            Cli.ok("apply", file);
            try (Netns srv = Netns.open("dhcp-server"); Netns cli = Netns.open("dhcp-client")) {
                server = srv.start(new ProcessBuilder("dnsmasq", "--no-daemon", "--conf-file=/dev/null",
                        "--interface=srv0", "--bind-interfaces", "--dhcp-range=198.18.60.10,198.18.60.20,1m",
                        "--dhcp-leasefile=" + dir.resolve("leases"), "--port=0").redirectErrorStream(true)
                        .redirectOutput(dir.resolve("dnsmasq.log").toFile()));
                // udhcpc's default script rewrites /etc/resolv.conf, a file the namespaces share with the
                // host (a mount namespace isolates mounts, not file contents): use a script that only
                // configures the address
                Path script = dir.resolve("lease.sh");
                Files.writeString(script, "#!/bin/sh\n[ \"$1\" = bound ] || exit 0\nexec ip addr add \"$ip/$mask\" dev \"$interface\"\n");
                script.toFile().setExecutable(true);
                Process client = cli.start(new ProcessBuilder("udhcpc", "-i", "cli0", "-n", "-q", "-f", "-t", "5",
                        "-s", script.toString()).redirectErrorStream(true));
                String out = new String(client.getInputStream().readAllBytes());
                assertTrue(client.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, client.exitValue(), out + Files.readString(dir.resolve("dnsmasq.log")));
                String addr = Ip.run(cli, "-4", "addr", "show", "dev", "cli0");
                assertTrue(addr.matches("(?s).*inet 198\\.18\\.60\\.(1\\d|20)/24.*"), addr + out);
                assertTrue(java.util.Arrays.equals(resolvConf, Files.readAllBytes(Path.of("/etc/resolv.conf"))),
                        "the host's /etc/resolv.conf is untouched");
            }
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor();
            }
            destroy(file);
        }
    }

    @Test
    void s5_a_namespace_migrates_through_export_and_apply() {
        Ip.Result r = Scripts.run("migration.sh");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("migrated: same state"), r.out());
    }

    @Test
    void s6_a_workload_without_cap_net_admin_cannot_change_its_network() {
        Ip.Result r = Scripts.run("drop-cap.sh");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("Operation not permitted"), r.err());
        assertTrue(r.out().contains("refused"), r.out());
    }
}
