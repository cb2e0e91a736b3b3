package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.junit.NetnsExtension;
import dev.jnetns.kind.Bridge;
import dev.jnetns.kind.BridgePort;
import dev.jnetns.testutil.Fixtures;
import dev.jnetns.testutil.Ip;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Links as the API reads them, checked against what iproute2 made and shows. */
@ExtendWith(NetnsExtension.class)
class LinksTest {

    @Test
    void list_decodes_what_ip_shows(Netns ns, Rtnl rtnl) throws Exception {
        Fixtures.mixedLinks(ns);
        List<Link> links = rtnl.links().list();
        assertEquals(List.of("lo", "br0", "v1", "v0", "mv0", "tap0", "vx0"), links.stream().map(Link::name).toList());
        Link v0 = rtnl.links().get("v0");
        Link v1 = rtnl.links().get("v1");
        Link br0 = rtnl.links().get("br0");
        assertEquals(9000, v0.mtu());
        assertEquals("02:00:00:00:00:10", v0.address());
        assertEquals("ff:ff:ff:ff:ff:ff", v0.broadcast());
        assertTrue(v0.isUp());
        assertEquals("veth", v0.kind());
        assertEquals(v1.index(), v0.linkIndex());
        assertEquals(br0.index(), v1.masterIndex());
        assertEquals("bridge", v1.slaveKind());
        assertEquals("bridge", br0.kind());
        assertEquals("macvlan", rtnl.links().get("mv0").kind());
        assertEquals("macvlan child", rtnl.links().get("mv0").alias());
        assertEquals(1280, rtnl.links().get("tap0").mtu());
        assertEquals("tun", rtnl.links().get("tap0").kind());
        assertEquals("vxlan", rtnl.links().get("vx0").kind());
        assertEquals(List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"), v0.flagNames());
        assertEquals("UP", v0.operStateName());
        assertEquals(List.of("LOOPBACK"), rtnl.links().get("lo").flagNames());
        assertEquals("loopback", rtnl.links().get("lo").typeName());
    }

    /** ip link add br0 type bridge forward_delay 700 priority 7; link set br0 type bridge forward_delay 900; link set v0 type bridge_slave cost 7 learning off. */
    @Test
    void bridge_and_port_options_are_set_as_ip_sets_them(Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.bridge("br0", bridge(700, 7)));
        rtnl.links().add(LinkSpec.veth("v0", "v1").with(LinkUpdate.create().master("br0")));
        assertEquals(700, ((Bridge) rtnl.links().get("br0").info().data()).forwardDelay());
        rtnl.links().set("br0", LinkUpdate.create().bridge(bridge(900, -1)));
        rtnl.links().set("v0", LinkUpdate.create().bridgePort(new BridgePort(-1, -1, 7, -1, -1, -1, -1, 0, -1, -1, -1,
                -1, -1, null, null, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, false,
                RawAttributes.NONE)));
        Bridge br0 = (Bridge) rtnl.links().get("br0").info().data();
        assertEquals(900, br0.forwardDelay());
        assertEquals(7, br0.priority());
        BridgePort v0 = (BridgePort) rtnl.links().get("v0").info().portData();
        assertEquals(7, v0.cost());
        assertEquals(0, v0.learning());
        // the kernel refuses bridge options for a device that is no bridge, and port options for no port
        assertThrows(ErrnoException.class, () -> rtnl.links().set("v1", LinkUpdate.create().bridge(bridge(900, -1))));
        rtnl.links().set("v1", LinkUpdate.create().bridge(null));   // the kind alone, as ip sends it: accepted
    }

    /** Bridge options with only forward_delay and priority (-1: left out). */
    private static Bridge bridge(long forwardDelay, int priority) {
        return new Bridge(forwardDelay, -1, -1, -1, -1, priority, -1, -1, null, null, -1, -1, -1, -1, -1, -1, -1, -1,
                -1, -1, -1, -1, null, -1, null, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                -1, false, RawAttributes.NONE);
    }

    @Test
    void find_by_name_and_index_and_get_of_a_missing_device(Netns ns, Rtnl rtnl) throws Exception {
        Fixtures.mixedLinks(ns);
        Link v1 = rtnl.links().get("v1");
        // two reads: the same device, its counters may have moved in between
        Link again = rtnl.links().find(v1.index()).orElseThrow().withoutStats();
        assertEquals(v1.withoutStats(), again, () -> {
            StringBuilder sb = new StringBuilder();
            for (var c : Link.class.getRecordComponents()) {
                try {
                    Object x = c.getAccessor().invoke(v1.withoutStats());
                    Object y = c.getAccessor().invoke(again);
                    if (!java.util.Objects.equals(x, y)) {
                        sb.append(c.getName()).append(": ").append(x).append(" != ").append(y).append("; ");
                    }
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return sb.toString();
        });
        assertEquals(Optional.empty(), rtnl.links().find("nope0"));
        assertEquals(Optional.empty(), rtnl.links().find(999_999));
        NoSuchLinkException e = assertThrows(NoSuchLinkException.class, () -> rtnl.links().get("nope0"));
        assertEquals("Device \"nope0\" does not exist: No such device (ENODEV)", e.getMessage());
        assertEquals("nope0", e.device());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> rtnl.links().find("sixteen-bytes-xx"));
        assertEquals("invalid device name \"sixteen-bytes-xx\": longer than 15 bytes", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rtnl.links().find("a b"));
    }

    @Test
    void a_ports_multicast_group_count_is_left_out_of_the_compared_state(Netns ns, Rtnl rtnl) throws Exception {
        Fixtures.mixedLinks(ns);
        Link before = rtnl.links().get("v1");
        // the kernel joins groups by itself (IGMP/MLD reports); a static group entry moves the count here
        Ip.Result mdb = Ip.command(List.of("nsenter", "--net=" + ns.path(), "bridge", "mdb", "add", "dev", "br0",
                "port", "v1", "grp", "239.1.1.1", "permanent"), null);
        assertEquals(0, mdb.exitCode(), mdb.err());
        Link after = rtnl.links().get("v1");
        assertTrue(!before.portData().raw().equals(after.portData().raw()), "the raw group count moved");
        assertEquals(before.withoutStats(), after.withoutStats());
    }

    @Test
    void a_dump_of_ten_thousand_links_decodes_completely(Netns ns, Rtnl rtnl) throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            batch.append("link add a").append(i).append(" type veth peer name b").append(i).append('\n');
        }
        Ip.batch(ns, batch.toString());
        List<Link> links = rtnl.links().list();
        assertEquals(10_001, links.size());
        assertEquals(10_001, links.stream().map(Link::name).distinct().count());
        String ipCount = Ip.run(ns, "-o", "link", "show");
        assertEquals(10_001, ipCount.lines().count());
    }

    @Test
    void a_kernel_refusal_carries_the_errno_name_and_the_extended_ack(Netns ns, Rtnl rtnl) throws Exception {
        Ip.run(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.links().setMtu("v0", 10));
        assertEquals(Errno.EINVAL, e.errnoName());
        Ip.Result ip = Ip.exec(ns, "link", "set", "dev", "v0", "mtu", "10");
        // ip prints "Error: <extack>." — the same text with a full stop added
        String kernelText = ip.err().trim().replaceFirst("^Error: ", "").replaceFirst("\\.$", "");
        assertEquals(Optional.of(kernelText), e.extAck(), "ip said: " + ip.err());
        assertEquals("link set dev v0 mtu 10: Invalid argument (EINVAL): " + kernelText, e.getMessage());
        assertEquals(1500, rtnl.links().get("v0").mtu(), "a refused request changes nothing");
        rtnl.links().setMtu("v0", 1400);
        assertTrue(Ip.run(ns, "-j", "link", "show", "dev", "v0").contains("\"mtu\":1400"));
    }

    @Test
    void queue_counts_packet_sizes_and_broadcast_are_sent_as_ip_sends_them(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("q0", "q1").with(LinkUpdate.create().numTxQueues(4).numRxQueues(3)
                .gsoMaxSize(20000).gsoMaxSegs(7).groMaxSize(30000)));
        Link.Details d = rtnl.links().get("q0").details();
        assertEquals(List.of(4, 3, 20000, 7, 30000), List.of(d.numTxQueues(), d.numRxQueues(), d.gsoMaxSize(),
                d.gsoMaxSegs(), d.groMaxSize()));
        rtnl.links().set("q0", LinkUpdate.create().numTxQueues(2).gsoMaxSize(32000).broadcast(
                new byte[] {-1, -1, -1, -1, -1, -2}).xdpOff("xdpgeneric"));
        Link q0 = rtnl.links().get("q0");
        // numtxqueues of a device that exists: the kernel takes it and keeps the count it was made with
        assertEquals(List.of(4, 32000), List.of(q0.details().numTxQueues(), q0.details().gsoMaxSize()));
        assertEquals("ff:ff:ff:ff:ff:fe", q0.broadcast());
        String ip = Ip.run(ns, "-d", "link", "show", "dev", "q0");
        assertTrue(ip.contains("brd ff:ff:ff:ff:ff:fe") && ip.contains("numtxqueues 4 numrxqueues 3 gso_max_size 32000"
                + " gso_max_segs 7") && ip.contains("gro_max_size 30000"), ip);
        // what the kernel refuses changes nothing; what the record cannot send is refused before
        assertThrows(NetlinkException.class, () -> rtnl.links().set("q0", LinkUpdate.create().gsoMaxSize(0)));
        assertEquals(32000, rtnl.links().get("q0").details().gsoMaxSize());
        assertThrows(IllegalArgumentException.class, () -> LinkUpdate.create().gsoMaxSize(0xffffffffL));
        assertThrows(IllegalArgumentException.class, () -> LinkUpdate.create().gsoMaxSegs(65536));
        assertThrows(IllegalArgumentException.class, () -> LinkUpdate.create().xdpOff("xdpbogus"));
    }
}
