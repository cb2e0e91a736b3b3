package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_MCAST_VLAN_SNOOPING;
import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_NO_LL_LEARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Link;
import dev.jnetns.Netns;
import dev.jnetns.kind.Bridge;
import dev.jnetns.kind.BridgePort;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.testutil.Fixtures;
import dev.jnetns.testutil.Property;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bridges and bridge ports: every message the kernel sends for bridges and ports with non-default
 * options comes back byte for byte, with the options in the typed fields; generated records
 * survive write-then-read.
 */
class BridgeCodecTest {
    @Test
    void every_bridge_and_port_message_of_the_kernel_is_written_back_byte_for_byte() throws Exception {
        try (Netns ns = Netns.create()) {
            Fixtures.bridges(ns);
            Map<String, Link> byName = new HashMap<>();
            for (RoundTrip.Captured c : RoundTrip.capture(ns)) {   // each device twice: with and without counters
                if (c.type() == LinuxRtnetlink.RTM_NEWLINK) {
                    assertTrue(RoundTrip.check(c));
                    Link l = decode(c);
                    byName.put(l.name(), l);
                }
            }
            assertEquals(3, byName.values().stream()
                    .filter(l -> l.info() != null && l.info().data() instanceof Bridge).count());
            assertEquals(4, byName.values().stream()
                    .filter(l -> l.info() != null && l.info().portData() instanceof BridgePort).count());

            Bridge br1 = (Bridge) byName.get("br1").info().data();
            assertEquals(400, br1.forwardDelay());
            assertEquals(100, br1.helloTime());
            assertEquals(1200, br1.maxAge());
            assertEquals(1000, br1.ageingTime());
            assertEquals(1, br1.stpState());
            assertEquals(100, br1.priority());
            assertEquals(100, br1.bridgeId().priority());
            assertEquals(byName.get("br1").address(), br1.bridgeId().address());
            assertEquals(0x8, br1.groupFwdMask());
            assertEquals("01:80:c2:00:00:0e", br1.groupAddr());
            assertEquals(1, br1.options().get(BR_BOOLOPT_NO_LL_LEARN));
            assertEquals(0, br1.options().get(BR_BOOLOPT_MCAST_VLAN_SNOOPING));
            assertEquals(2, br1.mcastRouter());
            assertEquals(0, br1.mcastSnooping());
            assertEquals(1024, br1.mcastHashMax());
            assertEquals(30000, br1.mcastMembershipInterval());
            assertEquals(4000, br1.mcastStartupQueryInterval());
            assertEquals(3, br1.mcastIgmpVersion());
            assertEquals(2, br1.mcastMldVersion());
            assertEquals(1, br1.nfCallArptables());

            BridgePort v0 = (BridgePort) byName.get("v0").info().portData();
            assertEquals("bridge", byName.get("v0").info().slaveKind());
            assertEquals(7, v0.priority());
            assertEquals(5, v0.cost());
            assertEquals(1, v0.hairpin());
            assertEquals(1, v0.guard());
            assertEquals(1, v0.rootBlock());
            assertEquals(1, v0.fastLeave());
            assertEquals(0, v0.learning());
            assertEquals(0, v0.flood());
            assertEquals(0, v0.mcastFlood());
            assertEquals(0, v0.bcastFlood());
            assertEquals(1, v0.mcastToUnicast());
            assertEquals(1, v0.proxyArp());
            assertEquals(1, v0.proxyArpWifi());
            assertEquals(2, v0.multicastRouter());
            assertEquals(1, v0.neighSuppress());
            assertEquals(0x4, v0.groupFwdMask());
            assertEquals(1, v0.isolated());
            assertEquals(1, v0.locked());
            assertEquals(byName.get("v2").index(), v0.backupPort());
            assertEquals(br1.bridgeId(), v0.designatedBridge());
            BridgePort v6 = (BridgePort) byName.get("v6").info().portData();
            assertEquals(65535, v6.cost());
            assertEquals(0x4005, v6.groupFwdMask());
        }
    }

    private static Link decode(RoundTrip.Captured c) {
        NlWriter w = new NlWriter();
        w.beginMessage(c.type(), 0, 1).raw(c.body()).endMessage();
        Link[] out = new Link[1];
        NlMessage.each(w.bytes(), m -> out[0] = LinkCodec.decode(m));
        return out[0];
    }

    private static Bridge.Id randomId(Random r) {
        return r.nextInt(5) == 0 ? null : new Bridge.Id(r.nextInt(0x10000), Gen.mac(r));
    }

    /** A random bridge record: every field absent or not, unknown attributes. */
    static Bridge randomBridge(Random r) {
        return new Bridge(KindRecords.u32(r), KindRecords.u32(r), KindRecords.u32(r), KindRecords.u32(r),
                KindRecords.u32(r), KindRecords.u16(r), KindRecords.u8(r), KindRecords.u16(r), randomId(r), randomId(r),
                KindRecords.u16(r), KindRecords.u32(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u64(r),
                KindRecords.u64(r), KindRecords.u64(r), KindRecords.u64(r), KindRecords.u16(r), KindRecords.u8(r),
                KindRecords.u8(r), KindRecords.u16(r), KindRecords.mac(r), KindRecords.u8(r),
                r.nextInt(5) == 0 ? null : new Bridge.Options(r.nextInt(), r.nextInt()), KindRecords.u8(r),
                KindRecords.u8(r), KindRecords.u8(r), KindRecords.u32(r), KindRecords.u32(r), KindRecords.u32(r),
                KindRecords.u32(r), KindRecords.u64(r), KindRecords.u64(r), KindRecords.u64(r), KindRecords.u64(r),
                KindRecords.u64(r), KindRecords.u64(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r),
                KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r), r.nextBoolean(), Gen.unknownAttributes(r, 100));
    }

    @Test
    void a_bridge_written_and_read_back_is_the_same() {
        Property.check("bridge round trip", 300, BridgeCodecTest::randomBridge,
                b -> KindRecords.assertRoundTrip(b, "bridge", false));
    }

    /** A random bridge port record: every field absent or not, unknown attributes. */
    static BridgePort randomPort(Random r) {
        return new BridgePort(KindRecords.u8(r), KindRecords.u16(r), KindRecords.u32(r), KindRecords.u8(r),
                KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r),
                KindRecords.u16(r), KindRecords.u16(r), KindRecords.u16(r), KindRecords.u16(r), randomId(r),
                randomId(r), KindRecords.u64(r), KindRecords.u64(r), KindRecords.u64(r), KindRecords.u8(r),
                KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r),
                KindRecords.u8(r), KindRecords.u8(r), KindRecords.u8(r), KindRecords.u16(r), KindRecords.u8(r),
                KindRecords.u8(r), KindRecords.u8(r), KindRecords.u32(r), r.nextBoolean(), Gen.unknownAttributes(r, 100));
    }

    @Test
    void a_bridge_port_written_and_read_back_is_the_same() {
        Property.check("bridge port round trip", 300, BridgeCodecTest::randomPort,
                p -> KindRecords.assertRoundTrip(p, "bridge", true));
    }
}
