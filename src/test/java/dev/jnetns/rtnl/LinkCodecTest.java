package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Netns;
import dev.jnetns.testutil.Ip;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Link messages of every kind this kernel has come back from the codec byte for byte. */
class LinkCodecTest {

    @Test
    void every_link_message_of_the_kernel_is_written_back_byte_for_byte() throws Exception {
        try (Netns ns = Netns.create(); Netns peer = Netns.create()) {
            Ip.batch(ns, String.join("\n",
                    "link add br0 type bridge",
                    "link add v0 type veth peer name v1",
                    "link add v2 mtu 1400 address 02:00:00:00:00:02 type veth peer name v3",
                    "link set v1 master br0",
                    "link set v0 up",
                    "link set br0 up",
                    "link add mv0 link v0 type macvlan mode bridge",
                    "link add mvt0 link v2 type macvtap mode vepa",
                    "link add mvs0 link v2 type macvlan mode source",
                    "link set mvs0 type macvlan macaddr add 02:00:00:00:00:aa",
                    "link add vx0 type vxlan id 42 dstport 4789 dev v0 remote 198.18.0.9 local 198.18.0.1 ttl 5",
                    "link add vx6 type vxlan id 43 dstport 4790 remote fd00::9 nolearning srcport 1000 2000 ageing 20",
                    "link add ifb7 type ifb",
                    "link set v3 alias \"peer three\" txqueuelen 500 group 7",
                    "link property add dev v3 altname v3-long-name",
                    "tuntap add tap0 mode tap",
                    "tuntap add tun0 mode tun multi_queue",
                    "link set v3 netns " + peer.path()));
            int n = 0;
            for (RoundTrip.Captured c : RoundTrip.capture(ns)) {
                if (c.type() == LinuxRtnetlink.RTM_NEWLINK) {
                    assertTrue(RoundTrip.check(c));
                    n++;
                }
            }
            assertTrue(n >= 13, "link messages checked: " + n);
        }
    }
}
