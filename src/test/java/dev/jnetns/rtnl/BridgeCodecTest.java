package dev.jnetns.rtnl;

import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_MCAST_VLAN_SNOOPING;
import static dev.jnetns.uapi.LinuxBridge.BR_BOOLOPT_NO_LL_LEARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Link;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.kind.Bridge;
import dev.jnetns.kind.BridgePort;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.testutil.Fixtures;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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
            int bridges = 0;
            int ports = 0;
            for (RoundTrip.Captured c : RoundTrip.capture(ns)) {
                if (c.type() == LinuxRtnetlink.RTM_NEWLINK) {
                    assertTrue(RoundTrip.check(c));
                    Link l = decode(c);
                    byName.put(l.name(), l);
                    bridges += l.info() != null && l.info().data() instanceof Bridge ? 1 : 0;
                    ports += l.info() != null && l.info().portData() instanceof BridgePort ? 1 : 0;
                }
            }
            assertEquals(3, bridges);
            assertEquals(4, ports);

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

    @Provide
    Arbitrary<Bridge> bridges() {
        Arbitrary<Bridge.Id> id = Combinators.combine(Arbitraries.integers().between(0, 0xffff),
                KindRecords.macs().filter(m -> m != null)).as(Bridge.Id::new).injectNull(0.2);
        Arbitrary<Bridge.Options> options = Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                .as(Bridge.Options::new).injectNull(0.2);
        return Combinators.combine(KindRecords.u8s(15), KindRecords.u16s(5), KindRecords.u32s(10), KindRecords.u64s(10),
                Combinators.combine(id, id, KindRecords.macs(), options, Arbitraries.of(true, false))
                        .as((a, b, mac, o, flush) -> new Object[] {a, b, mac, o, flush}),
                KindRecords.unknown()).as((u8, u16, u32, u64, o, raw) -> new Bridge(u32[0], u32[1], u32[2], u32[3],
                        u32[4], u16[0], u8[0], u16[4], (Bridge.Id) o[0], (Bridge.Id) o[1], u16[1], u32[5], u8[1], u8[2],
                        u64[0], u64[1], u64[2], u64[3], u16[2], u8[3], u8[4], u16[3], (String) o[2], u8[5],
                        (Bridge.Options) o[3], u8[6], u8[7], u8[8], u32[6], u32[7], u32[8], u32[9], u64[4], u64[5],
                        u64[6], u64[7], u64[8], u64[9], u8[9], u8[10], u8[11], u8[12], u8[13], u8[14], (Boolean) o[4],
                        (RawAttributes) raw));
    }

    @Property(tries = 200)
    void a_bridge_written_and_read_back_is_the_same(@ForAll("bridges") Bridge b) {
        KindRecords.assertRoundTrip(b, "bridge", false);
    }

    @Provide
    Arbitrary<BridgePort> ports() {
        Arbitrary<Bridge.Id> id = Combinators.combine(Arbitraries.integers().between(0, 0xffff),
                KindRecords.macs().filter(m -> m != null)).as(Bridge.Id::new).injectNull(0.2);
        return Combinators.combine(KindRecords.u8s(19), KindRecords.u16s(6), KindRecords.u32s(2), KindRecords.u64s(3),
                id, id, Arbitraries.of(true, false), KindRecords.unknown())
                .as((u8, u16, u32, u64, bridge, root, flush, raw) -> new BridgePort(u8[0], u16[0], u32[0], u8[1], u8[2],
                        u8[3], u8[4], u8[5], u8[6], u16[1], u16[2], u16[3], u16[5], bridge, root, u64[0], u64[1], u64[2],
                        u8[7], u8[8], u8[9], u8[10], u8[11], u8[12], u8[13], u8[14], u8[15], u16[4], u8[16], u8[17],
                        u8[18], u32[1], flush, raw));
    }

    @Property(tries = 200)
    void a_bridge_port_written_and_read_back_is_the_same(@ForAll("ports") BridgePort p) {
        KindRecords.assertRoundTrip(p, "bridge", true);
    }
}
