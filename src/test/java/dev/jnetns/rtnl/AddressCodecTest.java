package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Address;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Address messages: the kernel's come back byte for byte; generated records survive write-then-read. */
class AddressCodecTest {

    @Test
    void every_address_message_of_the_kernel_is_written_back_byte_for_byte() throws Exception {
        try (Netns ns = Netns.create()) {
            Ip.batch(ns, String.join("\n",
                    "link add v0 type veth peer name v1",
                    "link set v0 up",
                    "addr add 198.18.0.1/24 dev v0",
                    "addr add 198.18.0.2/24 dev v0",
                    "addr add 198.18.1.1/32 peer 198.18.1.2 dev v0 label v0:p",
                    "addr add 198.18.2.1/24 broadcast + dev v0 metric 7",
                    "addr add 198.18.4.1/24 brd 198.18.4.255 scope link dev v0 valid_lft 300 preferred_lft 100",
                    "addr add fd00::1/64 dev v0 nodad home",
                    "addr add fd00:2::1/64 dev v0 nodad noprefixroute mngtmpaddr",
                    "addr add fd00:3::1/128 peer fd00:3::2 dev v0 nodad"));
            List<RoundTrip.Captured> all = RoundTrip.capture(ns);
            int n = 0;
            for (RoundTrip.Captured c : all) {
                n += RoundTrip.check(c) ? 1 : 0;
            }
            assertTrue(n >= 8, "address messages checked: " + n);
        }
    }

    /** A random address record: either family, peer or not, every optional field present or not, unknown attributes. */
    static Address randomAddress(Random r) {
        boolean six = r.nextBoolean();
        InetAddress local = Gen.address(r, six);
        InetAddress peer = r.nextBoolean() ? Gen.address(r, six) : null;
        if (local.equals(peer)) {
            peer = null;
        }
        long valid = r.nextBoolean() ? -1 : Gen.u32(r);
        return new Address(1 + r.nextInt(1 << 20), six ? 10 : 2, local, peer, r.nextInt((six ? 128 : 32) + 1),
                r.nextBoolean() ? Gen.address(r, six) : null, r.nextInt(256), r.nextInt(0x1000),
                r.nextBoolean() ? Gen.name(r, 15) : null, valid, valid < 0 ? -1 : valid / 2,
                r.nextBoolean() ? Gen.address(r, six) : null, r.nextBoolean() ? Gen.address(r, six) : null,
                r.nextBoolean() ? -1 : Gen.u32(r), r.nextInt(257) - 1, valid < 0 ? -1 : 7, valid < 0 ? -1 : 9,
                Gen.unknownAttributes(r, 100));
    }

    @Test
    void a_record_written_and_read_back_is_the_same() {
        Property.check("address round trip", 500, AddressCodecTest::randomAddress, a -> {
            byte[] first = encode(a);
            Address back = decode(first);
            assertEquals(a, back, () -> Gen.differences(a, back));
            assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(encode(back)),
                    "written again from what was read");
        });
    }

    private static byte[] encode(Address a) {
        NlWriter w = new NlWriter();
        w.beginMessage(LinuxRtnetlink.RTM_NEWADDR, 0, 1);
        AddressCodec.encode(a, w);
        w.endMessage();
        byte[] b = new byte[w.size()];
        w.bytes().get(b);
        return b;
    }

    private static Address decode(byte[] message) {
        Address[] out = new Address[1];
        NlMessage.each(java.nio.ByteBuffer.wrap(message), m -> out[0] = AddressCodec.decode(m));
        return out[0];
    }
}
