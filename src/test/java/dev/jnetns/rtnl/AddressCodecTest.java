package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Address;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.testutil.Ip;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Address messages: the kernel's come back byte for byte; generated records survive write-then-read. */
class AddressCodecTest {

    @org.junit.jupiter.api.Test
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

    @Provide
    Arbitrary<Address> addresses() {
        Arbitrary<Boolean> v6 = Arbitraries.of(true, false);
        return v6.flatMap(six -> {
            int len = six ? 16 : 4;
            Arbitrary<InetAddress> addr = Arbitraries.bytes().array(byte[].class).ofSize(len)
                    .map(b -> Wire.address(b));
            Arbitrary<InetAddress> maybe = addr.injectNull(0.5);
            Arbitrary<Long> lifetime = Arbitraries.longs().between(-1, 0xffffffffL);
            Arbitrary<String> label = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(15).injectNull(0.5);
            Arbitrary<RawAttributes> unknown = Arbitraries.bytes().array(byte[].class).ofMaxSize(12)
                    .list().ofMaxSize(2).map(RoundTrip::unknownAttributes);
            return Combinators.combine(
                    Combinators.combine(Arbitraries.integers().between(1, 1 << 20), addr, maybe,
                            Arbitraries.integers().between(0, len * 8), maybe, Arbitraries.integers().between(0, 255),
                            Arbitraries.integers().between(0, 0xfff)).as(java.util.Arrays::<Object>asList),
                    Combinators.combine(label, lifetime, maybe, maybe, Arbitraries.longs().between(-1, 0xffffffffL),
                            Arbitraries.integers().between(-1, 255), unknown).as(java.util.Arrays::<Object>asList))
                    .as((a, b) -> {
                        InetAddress local = (InetAddress) a.get(1);
                        InetAddress peer = (InetAddress) a.get(2);
                        if (local.equals(peer)) {
                            peer = null;
                        }
                        long valid = (Long) b.get(1);
                        return new Address((Integer) a.get(0), six ? 10 : 2, local, peer, (Integer) a.get(3),
                                (InetAddress) a.get(4), (Integer) a.get(5), (Integer) a.get(6), (String) b.get(0),
                                valid, valid < 0 ? -1 : valid / 2, (InetAddress) b.get(2), (InetAddress) b.get(3),
                                (Long) b.get(4), (Integer) b.get(5), valid < 0 ? -1 : 7, valid < 0 ? -1 : 9,
                                (RawAttributes) b.get(6));
                    });
        });
    }

    @Property(tries = 300)
    void a_record_written_and_read_back_is_the_same(@ForAll("addresses") Address a) {
        byte[] first = encode(a);
        Address back = decode(first);
        assertEquals(a, back);
        assertEquals(java.util.HexFormat.of().formatHex(first), java.util.HexFormat.of().formatHex(encode(back)),
                "written again from what was read");
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
