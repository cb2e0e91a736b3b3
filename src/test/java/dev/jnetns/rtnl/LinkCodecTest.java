package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Link;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.kind.LinkData;
import dev.jnetns.kind.Macvlan;
import dev.jnetns.kind.RawData;
import dev.jnetns.kind.Tun;
import dev.jnetns.kind.Vxlan;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.uapi.LinuxIfArp;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Link messages of every kind this kernel has come back from the codec byte for byte; generated records survive write-then-read. */
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

    /** A random link record with random kind data (or none) and unknown attributes. */
    static Link randomLink(Random r) {
        LinkData d = switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> new Macvlan(new int[] {1, 2, 4, 8, 16}[r.nextInt(5)], r.nextInt(5) - 1, -1, null, null, -1,
                    r.nextInt(5001) - 1, r.nextInt(5001) - 1, Gen.unknownAttributes(r, 200));
            case 2 -> new Tun(1 + r.nextInt(2), r.nextInt(3) - 1, r.nextInt(3) - 1, r.nextInt(3) - 1, r.nextInt(3) - 1,
                    -1, -1, r.nextInt(70001) - 1, r.nextInt(70001) - 1, Gen.unknownAttributes(r, 200));
            case 3 -> {
                int flag = r.nextInt(3) - 1;
                int port = r.nextInt(65536);
                yield new Vxlan(r.nextInt(1 << 24), r.nextBoolean() ? Gen.address(r, r.nextBoolean()) : null,
                        r.nextBoolean() ? Gen.address(r, false) : null, r.nextInt(100), r.nextInt(256), r.nextInt(256),
                        flag, r.nextInt(1000), 0, port, port, flag, flag, flag, flag, port, flag, flag, flag, flag,
                        flag, flag > 0, r.nextBoolean(), flag, r.nextBoolean() ? -1 : r.nextInt(1 << 20),
                        r.nextBoolean(), r.nextInt(4) - 1, r.nextInt(4) - 1, flag, Gen.unknownAttributes(r, 200));
            }
            default -> new RawData("x", Gen.unknownAttributes(r, 1));
        };
        String kind = d instanceof Macvlan ? "macvlan" : d instanceof Tun ? "tun" : d instanceof Vxlan ? "vxlan"
                : d instanceof RawData ? "x" : "veth";
        int u32 = r.nextBoolean() ? -1 : r.nextInt(Integer.MAX_VALUE);
        Link.Details details = new Link.Details(u32, r.nextInt(3) - 1, 68, 65535, -1, 1, 1, 65536, 65535, -1, -1,
                r.nextBoolean() ? -1 : 65536, r.nextBoolean() ? Gen.mac(r) : null, List.of(),
                r.nextBoolean() ? Gen.name(r, 8) : null, null, null, null, null, r.nextInt(3) - 1, -1,
                r.nextBoolean() ? -1 : Gen.u32(r), -1, -1, -1);
        return new Link(1 + r.nextInt(1 << 20), Gen.name(r, 15), r.nextInt(), r.nextBoolean() ? -1 : r.nextInt(65536),
                r.nextBoolean() ? "noqueue" : null, r.nextInt(8) - 1, r.nextInt(3) - 1, r.nextInt(3) - 1,
                r.nextInt(2000) - 1, LinuxIfArp.ARPHRD_ETHER, r.nextBoolean() ? Gen.mac(r) : null,
                "ff:ff:ff:ff:ff:ff", r.nextInt(3), r.nextInt(3), r.nextInt(3) - 1,
                r.nextBoolean() ? Gen.name(r, 30) : null, r.nextInt(4) == 0 ? null
                        : new Link.Info(kind, d, null, null, RawAttributes.NONE),
                details, null, 0, 0, -1, -1, Gen.unknownAttributes(r, 200));
    }

    @Test
    void a_record_written_and_read_back_is_the_same() {
        Property.check("link round trip", 500, LinkCodecTest::randomLink, l -> {
            byte[] first = encode(l);
            Link back = decode(first);
            assertEquals(l, back, () -> Gen.differences(l, back));
            assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(encode(back)));
        });
    }

    private static byte[] encode(Link l) {
        NlWriter w = new NlWriter();
        w.beginMessage(LinuxRtnetlink.RTM_NEWLINK, 0, 1);
        LinkCodec.encode(l, w);
        w.endMessage();
        byte[] b = new byte[w.size()];
        w.bytes().get(b);
        return b;
    }

    private static Link decode(byte[] message) {
        Link[] out = new Link[1];
        NlMessage.each(java.nio.ByteBuffer.wrap(message), m -> out[0] = LinkCodec.decode(m));
        return out[0];
    }
}
