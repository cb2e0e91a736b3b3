package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.Neighbour;
import dev.jnetns.Netns;
import dev.jnetns.RawAttributes;
import dev.jnetns.testutil.Ip;
import dev.jnetns.testutil.Property;
import dev.jnetns.uapi.LinuxIfArp;
import dev.jnetns.uapi.LinuxNeighbour;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Neighbour messages: the kernel's come back byte for byte; generated records survive write-then-read. */
public class NeighbourCodecTest {
    private static final RoundTrip.RecordCodec<Neighbour> CODEC =
            new RoundTrip.RecordCodec<>(LinuxRtnetlink.RTM_NEWNEIGH, NeighbourCodec::encode, NeighbourCodec::decode);

    /** Every kind of entry ip makes: states, flags, proxies, protocol, both families. */
    public static final String ENTRIES = String.join("\n",
            "link add v0 type veth peer name v1",
            "link set v0 up",
            "link set v1 up",
            "addr add 198.18.0.1/24 dev v0",
            "addr add fd00::1/64 dev v0 nodad",
            "neigh add 198.18.0.10 lladdr 02:00:00:00:00:0a dev v0",
            "neigh add 198.18.0.11 lladdr 02:00:00:00:00:0b dev v0 nud noarp",
            "neigh add 198.18.0.12 lladdr 02:00:00:00:00:0c dev v0 nud reachable",
            "neigh add 198.18.0.13 lladdr 02:00:00:00:00:0d dev v0 nud stale",
            "neigh add 198.18.0.14 lladdr 02:00:00:00:00:0e dev v0 extern_learn",
            "neigh add 198.18.0.15 lladdr 02:00:00:00:00:0f dev v0 protocol bgp",
            "neigh add 198.18.0.16 dev v0 nud none",
            "neigh add 198.18.0.17 dev v0 managed",
            "neigh add 198.18.0.18 dev v0 nud failed",
            "neigh add fd00::10 lladdr 02:00:00:00:00:1a dev v0 router",
            "neigh add fd00::11 lladdr 02:00:00:00:00:1b dev v0 nud stale router",
            "neigh add fd00::12 lladdr 02:00:00:00:00:1c dev v0 nud permanent protocol static",
            "neigh add proxy 198.18.0.20 dev v0",
            "neigh add proxy fd00::20 dev v0");

    @Test
    void every_neighbour_message_of_the_kernel_is_written_back_byte_for_byte() throws Exception {
        try (Netns ns = Netns.create()) {
            Ip.batch(ns, ENTRIES);
            Map<String, Neighbour> seen = new TreeMap<>();
            for (RoundTrip.Captured c : RoundTrip.capture(ns)) {
                if (c.type() == LinuxRtnetlink.RTM_NEWNEIGH && RoundTrip.check(c)) {
                    Neighbour n = CODEC.decode(RoundTrip.message(c));
                    seen.put(dev.jnetns.IpPrefix.format(n.dst()) + (n.isProxy() ? " proxy" : ""), n);
                }
            }
            assertEquals(List.of(LinuxNeighbour.NUD_PERMANENT), List.of(seen.get("198.18.0.10").state()));
            assertEquals("02:00:00:00:00:0a", seen.get("198.18.0.10").lladdr());
            assertEquals(LinuxNeighbour.NUD_NOARP, seen.get("198.18.0.11").state());
            assertEquals(LinuxNeighbour.NUD_REACHABLE, seen.get("198.18.0.12").state());
            assertEquals(LinuxNeighbour.NUD_STALE, seen.get("198.18.0.13").state());
            assertEquals(LinuxNeighbour.NTF_EXT_LEARNED, seen.get("198.18.0.14").flags() & LinuxNeighbour.NTF_EXT_LEARNED);
            assertEquals(186, seen.get("198.18.0.15").protocol());
            assertEquals(0, seen.get("198.18.0.16").state());
            assertEquals(LinuxNeighbour.NTF_EXT_MANAGED, seen.get("198.18.0.17").flagsExt());
            assertEquals(LinuxNeighbour.NTF_ROUTER, seen.get("fd00::10").flags() & LinuxNeighbour.NTF_ROUTER);
            assertEquals(LinuxNeighbour.NUD_STALE, seen.get("fd00::11").state());
            assertEquals(4, seen.get("fd00::12").protocol());
            assertTrue(seen.containsKey("198.18.0.20 proxy") && seen.containsKey("fd00::20 proxy"), seen.keySet().toString());
            for (Neighbour n : seen.values()) {
                if (!n.isProxy()) {
                    assertTrue(n.cache() != null && n.probes() >= 0, "cache info and probes of " + n);
                }
            }
        }
    }

    /** What ip sends for {@code ip neigh add}, and the dump filter of {@code ip neigh show dev}: bytes from strace. */
    @Test
    void requests_are_the_bytes_ip_sends() {
        // ip neigh add 198.18.0.9 lladdr 02:00:00:00:00:09 dev if3 nud reachable router protocol 4 (ndmsg, then
        // NDA_PROTOCOL, NDA_DST, NDA_LLADDR)
        Neighbour add = new Neighbour(3, 2, address(198, 18, 0, 9), "02:00:00:00:00:09", LinuxNeighbour.NUD_REACHABLE,
                LinuxNeighbour.NTF_ROUTER, 0, -1, null, -1, -1, -1, -1, -1, -1, -1, 4, -1, -1, RawAttributes.NONE);
        assertEquals("02000000" + "03000000" + "0200" + "80" + "00"
                + "05000c00" + "04000000" + "08000100" + "c6120009" + "0a000200" + "020000000009" + "0000", CODEC.body(add));
        // ip neigh show dev if3: AF_UNSPEC, NDA_IFINDEX 3
        Neighbour filter = new Neighbour(0, 0, null, null, 0, 0, 0, -1, null, -1, -1, -1, 3, -1, -1, -1, -1, -1, -1,
                RawAttributes.NONE);
        assertEquals("00000000" + "00000000" + "0000" + "00" + "00" + "08000800" + "03000000", CODEC.body(filter));
    }

    private static InetAddress address(int... b) {
        byte[] raw = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            raw[i] = (byte) b[i];
        }
        return Wire.address(raw);
    }

    /** -1 (absent) or 0 to {@code max}: absent one time in 8, the ends 0 and {@code max} more often than the rest. */
    private static long absentOr(Random r, long max) {
        return switch (r.nextInt(16)) {
            case 0, 1 -> -1;
            case 2 -> 0;
            case 3 -> max;
            default -> r.nextLong(max);
        };
    }

    /** A random neighbour record: either family, every optional field present or not, unmodelled attributes. */
    static Neighbour randomNeighbour(Random r) {
        boolean six = r.nextBoolean();
        InetAddress dst = r.nextInt(10) == 0 ? null : Gen.address(r, six);
        byte[] ll = new byte[r.nextInt(21)];
        r.nextBytes(ll);
        String lladdr = r.nextInt(10) < 3 ? null : HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, ll);
        Neighbour.CacheInfo cache = r.nextInt(10) < 3 ? null
                : new Neighbour.CacheInfo(Math.max(absentOr(r, 0xffffffffL), 0), Math.max(absentOr(r, 0xffffffffL), 0),
                        Math.max(absentOr(r, 0xffffffffL), 0), Math.max(absentOr(r, 0xffffffffL), 0));
        return new Neighbour(r.nextInt((1 << 20) + 1), six ? 10 : 2, dst, lladdr, r.nextInt(0x10000), r.nextInt(256),
                r.nextInt(256), absentOr(r, 0xffffffffL), cache, (int) absentOr(r, 0xffff), (int) absentOr(r, 0xffff),
                absentOr(r, 0xffffffffL), absentOr(r, 0xffffffffL), absentOr(r, 0xffffffffL), r.nextInt(1002) - 1,
                absentOr(r, 0xffffffffL), r.nextInt(257) - 1, absentOr(r, 0xffffffffL), absentOr(r, 0xffffffffL),
                Gen.unmodelledAttributes(r, LinuxNeighbour.NDA_FDB_EXT_ATTRS));
    }

    @Test
    void a_record_written_and_read_back_is_the_same() {
        Property.check("neighbour round trip", 500, NeighbourCodecTest::randomNeighbour, n -> {
            byte[] first = CODEC.encode(n);
            Neighbour back = CODEC.decode(first);
            assertEquals(n, back, () -> Gen.differences(n, back));
            assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(CODEC.encode(back)),
                    "written again from what was read");
        });
    }
}
