package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netconf;
import dev.jnetns.Netns;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import dev.jnetns.uapi.LinuxNetconf;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Netconf messages: the kernel's come back byte for byte; generated records survive write-then-read. */
class NetconfCodecTest {
    private static final RoundTrip.RecordCodec<Netconf> CODEC =
            new RoundTrip.RecordCodec<>(LinuxRtnetlink.RTM_NEWNETCONF, NetconfCodec::encode, NetconfCodec::decode);

    @Test
    void every_netconf_message_of_the_kernel_is_written_back_byte_for_byte() throws Exception {
        String name = "jnetns-test-nc-" + UUID.randomUUID().toString().substring(0, 8);
        try (Netns ns = Netns.createNamed(name)) {
            Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
            Ip.command(List.of("ip", "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv4.conf.v0.rp_filter=2",
                    "net.ipv6.conf.v1.forwarding=1"), null);
            List<Netconf> seen = new ArrayList<>();
            for (RoundTrip.Captured c : RoundTrip.capture(ns)) {
                if (c.type() == LinuxRtnetlink.RTM_NEWNETCONF && RoundTrip.check(c)) {
                    seen.add(CODEC.decode(RoundTrip.message(c)));
                }
            }
            // lo, v0, v1, all and default, of each family
            assertEquals(10, seen.size(), seen.toString());
            assertTrue(seen.stream().anyMatch(c -> c.family() == AF_INET && c.rpFilter() == 2), seen.toString());
            assertTrue(seen.stream().anyMatch(c -> c.family() == AF_INET6 && c.forwarding() == 1), seen.toString());
            assertTrue(seen.stream().anyMatch(c -> c.ifindex() == Netconf.ALL), seen.toString());
            assertTrue(seen.stream().noneMatch(c -> c.family() == AF_INET6 && c.rpFilter() != Netconf.ABSENT));
        } finally {
            Netns.delete(name);
        }
    }

    /** What ip sends (strace -f -e trace=sendto -xx, iproute2 6.1) for {@code netconf show} and {@code -4 netconf show dev v0} (v0 = 2). */
    @Test
    void requests_are_the_bytes_ip_sends() {
        assertEquals("00000000", CODEC.body(Netconf.request(AF_UNSPEC, Netconf.ABSENT)));
        assertEquals("02000000" + "08000100" + "02000000", CODEC.body(Netconf.request(AF_INET, 2)));
    }

    private static int randomValue(Random r) {
        return r.nextInt(4) == 0 ? Netconf.ABSENT : r.nextInt(5) == 0 ? r.nextInt() : r.nextInt(3);
    }

    @Test
    void a_record_written_and_read_back_is_the_same() {
        Property.check("netconf round trip", 500, r -> new Netconf(r.nextInt(256),
                        r.nextInt(3) == 0 ? Netconf.ABSENT : r.nextInt(5) - 2, randomValue(r), randomValue(r),
                        randomValue(r), randomValue(r), randomValue(r), randomValue(r),
                        Gen.unmodelledAttributes(r, LinuxNetconf.NETCONFA_UNSPEC)), c -> {
            byte[] first = CODEC.encode(c);
            Netconf back = CODEC.decode(first);
            assertEquals(c, back, () -> Gen.differences(c, back));
            assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(CODEC.encode(back)),
                    "written again from what was read");
        });
    }
}
