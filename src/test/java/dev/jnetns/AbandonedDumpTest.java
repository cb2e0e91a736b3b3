package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.testutil.Ip;
import dev.jnetns.netlink.NlSocket;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.uapi.LinuxIfLink;
import dev.jnetns.uapi.LinuxNetlink;
import dev.jnetns.uapi.LinuxRtnetlink;
import dev.jnetns.uapi.LinuxSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dump or request whose consumer gives up midway leaves the socket clean: the next dump on the
 * same handle is complete and correct (the kernel answered EBUSY before, the dump still running).
 */
@ExtendWith(NetnsExtension.class)
class AbandonedDumpTest {
    private static final int ROUTES = 3000;

    /** Thrown by a consumer to abandon a dump. */
    static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super("consumer gives up");
        }
    }

    @Test
    void dumps_abandoned_at_random_points_are_each_followed_by_a_correct_dump(Netns ns, Rtnl rtnl) throws Exception {
        StringBuilder batch = new StringBuilder("link add v0 type veth peer name v1\nlink set v0 up\n");
        for (int i = 0; i < ROUTES; i++) {
            batch.append("route add 198.18.").append(i / 250).append('.').append(i % 250).append("/32 dev v0\n");
        }
        Ip.batch(ns, batch.toString());
        List<Route> all = rtnl.routes().list(LinuxSocket.AF_INET, 254);
        assertEquals(Ip.run(ns, "route", "show").lines().count(), all.size(), "the reference dump is ip's");
        assertTrue(all.size() >= ROUTES, "the dump spans many datagrams");
        long seed = Long.getLong("jnetns.seed", System.nanoTime());
        System.out.println("AbandonedDumpTest seed " + seed + " (-Djnetns.seed=" + seed + " repeats it)");
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            int stopAt = random.nextInt(all.size() + 1);
            int[] seen = {0};
            GiveUp thrown = assertThrows(GiveUp.class, () -> rtnl.routes().forEach(LinuxSocket.AF_INET, 254, r -> {
                if (seen[0]++ == stopAt) {
                    throw new GiveUp();
                }
            }), "seed " + seed + " round " + round + ": abandoned at route " + stopAt);
            assertEquals("consumer gives up", thrown.getMessage());
            List<Route> again = round % 2 == 0 ? rtnl.routes().list(LinuxSocket.AF_INET, 254) : streamed(rtnl);
            assertEquals(all, again, "seed " + seed + " round " + round + ": the dump after one abandoned at " + stopAt);
            assertEquals("v0", rtnl.links().get("v0").name(), "a request after it works too");
        }
    }

    @Test
    void a_request_whose_decoder_throws_leaves_its_ack_read(Netns ns) throws Exception {
        try (NlSocket socket = ns.call(() -> NlSocket.open(LinuxNetlink.NETLINK_ROUTE, "test"))) {
            GiveUp giveUp = new GiveUp();
            // the answer to RTM_GETLINK comes before its ack: the decoder throws on the answer
            GiveUp thrown = assertThrows(GiveUp.class, () -> socket.execute("link get lo", AbandonedDumpTest::getLo, m -> {
                throw giveUp;
            }));
            assertSame(giveUp, thrown);
            for (int i = 0; i < 3; i++) {
                List<Integer> answers = socket.execute("link get lo", AbandonedDumpTest::getLo,
                        m -> m.type() == LinuxRtnetlink.RTM_NEWLINK ? m.seq() : null);
                assertEquals(1, answers.size(), "the next request gets its own answer, not a leftover: " + answers);
            }
        }
    }

    private static void getLo(NlWriter w, int seq) {
        w.beginMessage(LinuxRtnetlink.RTM_GETLINK, LinuxNetlink.NLM_F_REQUEST | LinuxNetlink.NLM_F_ACK, seq);
        w.raw(new byte[16]);   // struct ifinfomsg, all 0: any family, any index
        w.attrString(LinuxIfLink.IFLA_IFNAME, "lo");
        w.endMessage();
    }

    private static List<Route> streamed(Rtnl rtnl) throws Exception {
        List<Route> out = new ArrayList<>();
        rtnl.routes().forEach(LinuxSocket.AF_INET, 254, out::add);
        return out;
    }
}
