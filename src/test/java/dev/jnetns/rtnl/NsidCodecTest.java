package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxNetlink.NETLINK_ROUTE;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_DUMP;
import static dev.jnetns.uapi.LinuxNetlink.NLM_F_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.NamespaceId;
import dev.jnetns.Netns;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import dev.jnetns.uapi.LinuxNetNamespace;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Nsid messages: the kernel's come back byte for byte; generated records survive write-then-read. */
class NsidCodecTest {
    private static final RoundTrip.RecordCodec<NamespaceId> CODEC =
            new RoundTrip.RecordCodec<>(LinuxRtnetlink.RTM_NEWNSID, NsidCodec::encode, NsidCodec::decode);

    @Test
    void every_nsid_message_of_the_kernel_is_written_back_byte_for_byte() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String a = "jnetns-test-nsa-" + tag;
        String b = "jnetns-test-nsb-" + tag;
        try (Netns na = Netns.createNamed(a); Netns nb = Netns.createNamed(b)) {
            Ip.run(na, "netns", "set", b, "7");
            Ip.run(na, "netns", "set", a, "3");
            Ip.run(nb, "netns", "set", a, "11");
            List<NamespaceId> seen = new ArrayList<>();
            for (RoundTrip.Captured c : RoundTrip.capture(na)) {
                if (c.type() == LinuxRtnetlink.RTM_NEWNSID && RoundTrip.check(c)) {
                    seen.add(CODEC.decode(RoundTrip.message(c)));
                }
            }
            assertEquals(List.of(3, 7), seen.stream().map(NamespaceId::nsid).sorted().toList());
            // ip netns list-id target-nsid 7: b's ids, each with the id a gives the same namespace
            List<RoundTrip.Captured> target = capture(na, NamespaceId.request(NamespaceId.ABSENT, NamespaceId.ABSENT, 7));
            assertEquals(1, target.size(), target.toString());
            assertTrue(RoundTrip.check(target.get(0)));
            NamespaceId t = CODEC.decode(RoundTrip.message(target.get(0)));
            assertEquals(List.of(11, 3), List.of(t.nsid(), t.currentNsid()));
        } finally {
            Netns.delete(a);
            Netns.delete(b);
        }
    }

    /** The RTM_NEWNSID answers of {@code ns} to a dump request of {@code filter}. */
    private static List<RoundTrip.Captured> capture(Netns ns, NamespaceId filter) throws Exception {
        try (NlSocket s = ns.call(() -> NlSocket.open(NETLINK_ROUTE, "round trip"))) {
            s.setStrictCheck(true);
            List<RoundTrip.Captured> out = new ArrayList<>();
            s.dumpEach("nsid dump", (w, seq) -> {
                w.beginMessage(LinuxRtnetlink.RTM_GETNSID, NLM_F_REQUEST | NLM_F_DUMP, seq);
                NsidCodec.encode(filter, w);
                w.endMessage();
            }, m -> {
                byte[] body = new byte[m.end() - m.payloadOffset()];
                m.buffer().get(m.payloadOffset(), body);
                return new RoundTrip.Captured(m.type(), body);
            }, out::add);
            return out;
        }
    }

    /**
     * What ip sends (strace -f -e trace=sendmsg,sendto -xx ip -n NS netns ..., iproute2 6.1, where the
     * namespace NAME opened as fd 6) for {@code netns set NAME 5}, {@code set NAME auto} and
     * {@code list-id target-nsid 7}.
     */
    @Test
    void requests_are_the_bytes_ip_sends() {
        // rtgenmsg AF_UNSPEC padded, NETNSA_FD 6, NETNSA_NSID 5
        assertEquals("00000000" + "08000300" + "06000000" + "08000100" + "05000000",
                CODEC.body(NamespaceId.request(5, 6, NamespaceId.ABSENT)));
        // NETNSA_NSID -1: the kernel chooses
        assertEquals("00000000" + "08000300" + "06000000" + "08000100" + "ffffffff",
                CODEC.body(NamespaceId.request(-1, 6, NamespaceId.ABSENT)));
        // the dump filter: NETNSA_TARGET_NSID 7
        assertEquals("00000000" + "08000400" + "07000000",
                CODEC.body(NamespaceId.request(NamespaceId.ABSENT, NamespaceId.ABSENT, 7)));
    }

    /** An id: absent 3 times in 10, else any int, the edges (-1 "not assigned", 0, the extremes) more often. */
    private static int randomId(Random r) {
        if (r.nextInt(10) < 3) {
            return NamespaceId.ABSENT;
        }
        return switch (r.nextInt(16)) {
            case 0 -> -1;
            case 1 -> 0;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> Integer.MIN_VALUE + 1;
            default -> r.nextInt();
        };
    }

    /** A random nsid record: every id present or not, unmodelled attributes. */
    static NamespaceId randomNamespaceId(Random r) {
        return new NamespaceId(randomId(r), randomId(r), randomId(r), randomId(r), randomId(r),
                Gen.unmodelledAttributes(r, LinuxNetNamespace.NETNSA_NONE));
    }

    @Test
    void a_record_written_and_read_back_is_the_same() {
        Property.check("nsid round trip", 500, NsidCodecTest::randomNamespaceId, id -> {
            byte[] first = CODEC.encode(id);
            NamespaceId back = CODEC.decode(first);
            assertEquals(id, back, () -> Gen.differences(id, back));
            assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(CODEC.encode(back)),
                    "written again from what was read");
        });
    }
}
