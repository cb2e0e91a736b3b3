package dev.jnetns.netlink;

import dev.jnetns.uapi.LinuxNetlink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The codec alone: bytes written by {@link NlWriter}, read back by {@link NlAttrs}. */
class NlCodecTest {

    private static byte[] bytes(NlWriter w) {
        ByteBuffer b = w.bytes();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Little-endian hex helper for expected bytes. */
    private static byte[] hex(String s) {
        String h = s.replace(" ", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test
    void a_header_longer_than_the_message_or_the_attribute_is_a_decode_error() {
        // found by RtnlFuzz: decoders read a 12-byte rtmsg, or a veth peer's 16-byte ifinfomsg, past the end
        NlWriter w = new NlWriter(64);
        w.beginMessage(24, 0, 1);
        w.raw(new byte[4]);
        w.endMessage();
        ByteBuffer buf = w.bytes();
        NlMessage short4 = NlSocket.message(buf, 0, buf.remaining());
        NlDecodeException e = assertThrows(NlDecodeException.class, () -> short4.attrs(12, "RTM_NEWROUTE"));
        assertEquals("RTM_NEWROUTE: message of 4 payload bytes, the header needs 12", e.getMessage());

        w = new NlWriter(64);
        w.beginMessage(16, 0, 1);
        w.raw(new byte[16]);
        w.attr(1, new byte[8]);
        w.endMessage();
        ByteBuffer link = w.bytes();
        NlReader r = NlReader.of(NlSocket.message(link, 0, link.remaining()), 16, "RTM_NEWLINK");
        assertTrue(r.next());
        e = assertThrows(NlDecodeException.class, () -> r.nested(16));
        assertEquals("RTM_NEWLINK > 1: 8 value bytes, the header needs 16", e.getMessage());
    }

    @Test
    void a_message_length_near_two_to_the_31_is_a_decode_error_not_an_overflow() {
        // found by NetlinkFuzz: off + len wrapped negative and passed the bounds check
        ByteBuffer buf = ByteBuffer.allocateDirect(48).order(ByteOrder.nativeOrder());
        buf.putInt(0, 32).putInt(32, Integer.MAX_VALUE);
        assertEquals(32, NlSocket.message(buf, 0, 48).end());
        NlDecodeException e = assertThrows(NlDecodeException.class, () -> NlSocket.message(buf, 32, 48));
        assertEquals("netlink message of length 2147483647 at offset 32 in a datagram of 48 bytes", e.getMessage());
    }

    @Test
    void veth_request_matches_the_bytes_iproute2_sends() {
        // strace -e sendmsg -xx ip link add v8 type veth peer name v9 (iproute2 6.1): the kind is
        // sent without a NUL; seq differs per run and is set here.
        NlWriter w = new NlWriter(16);
        w.beginMessage(16, 0x0605, 0x67890abc);
        w.u8(0).u8(0).u16(0).u32(0).u32(0).u32(0);
        w.attrString(3, "v8");
        int info = w.beginNestedPlain(18);
        w.attr(1, "veth".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int data = w.beginNestedPlain(2);
        int peer = w.beginNestedPlain(1);
        w.u8(0).u8(0).u16(0).u32(0).u32(0).u32(0);
        w.attrString(3, "v9");
        w.endNested(peer).endNested(data).endNested(info);
        w.endMessage();
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(), "fixture is little-endian");
        assertArrayEquals(hex(
                "54000000 1000 0506 bc0a8967 00000000"       // nlmsghdr: len 84, RTM_NEWLINK, flags, seq, pid
                + "00 00 0000 00000000 00000000 00000000"     // ifinfomsg
                + "0700 0300 763800 00"                       // IFLA_IFNAME "v8\0" + pad
                + "2c00 1200"                                 // IFLA_LINKINFO, 44 bytes
                + "0800 0100 76657468"                        // IFLA_INFO_KIND "veth"
                + "2000 0200"                                 // IFLA_INFO_DATA, 32 bytes
                + "1c00 0100"                                 // VETH_INFO_PEER, 28 bytes
                + "00 00 0000 00000000 00000000 00000000"     // peer ifinfomsg
                + "0700 0300 763900 00"),                     // IFLA_IFNAME "v9\0" + pad
                bytes(w));
    }

    @Test
    void attributes_round_trip_with_alignment() {
        NlWriter w = new NlWriter(8);   // small: forces the writer to grow
        w.beginMessage(20, 1, 7);
        w.u32(0xdeadbeef);
        w.attrU8(1, 0xfe).attrU16(2, 0xbeef).attrU32(3, -2).attrU64(4, 1L << 40)
                .attrString(5, "ünïcode").attr(6).attr(7, new byte[] {1, 2, 3, 4, 5});
        int n = w.beginNested(8);
        w.attrU32(1, 42);
        w.endNested(n);
        w.endMessage();
        assertEquals(0, w.size() % 4);
        ByteBuffer b = w.bytes();
        assertEquals(w.size(), b.getInt(0));
        NlMessage m = new NlMessage(b, 0, b.getInt(0));
        assertEquals(20, m.type());
        assertEquals(7, m.seq());
        NlAttrs a = m.attrs(4, "test");
        assertEquals(8, a.count());
        assertEquals(0xfe, a.u8(1));
        assertEquals(0xbeef, a.u16(2));
        assertEquals(-2, a.u32(3));
        assertEquals(1L << 40, a.u64(4));
        assertEquals("ünïcode", a.string(5));
        assertTrue(a.has(6));
        assertEquals(0, a.bytes(6).length);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, a.bytes(7));
        assertEquals(42, a.nested(8).u32(1));
        assertFalse(a.has(9));
        assertEquals(-1, a.u32(9, -1));
    }

    @Test
    void an_attribute_running_past_its_region_is_reported_with_its_path() {
        NlWriter w = new NlWriter();
        w.beginMessage(16, 0, 1);
        int n = w.beginNested(18);
        w.attrU32(1, 5);
        w.endNested(n);
        w.endMessage();
        ByteBuffer b = w.bytes();
        b.putShort(NLMSG(4), (short) 64);   // inner attribute claims 64 bytes
        NlAttrs outer = NlAttrs.parse(b, 16, b.getInt(0), "RTM_NEWLINK");
        NlDecodeException e = assertThrows(NlDecodeException.class, () -> outer.nested(18));
        assertTrue(e.getMessage().startsWith("RTM_NEWLINK > 18: attribute 1 has length 64"), e.getMessage());
    }

    private static int NLMSG(int offsetInPayload) {
        return LinuxNetlink.NLMSG_HDRLEN + offsetInPayload;
    }

    @Test
    void a_missing_attribute_names_itself() {
        NlWriter w = new NlWriter();
        w.beginMessage(16, 0, 1).endMessage();
        ByteBuffer b = w.bytes();
        NlAttrs a = NlAttrs.parse(b, 16, 16, "RTM_NEWLINK");
        NlDecodeException e = assertThrows(NlDecodeException.class, () -> a.u32(4));
        assertEquals("RTM_NEWLINK: attribute 4 is missing", e.getMessage());
    }

    @Test
    void a_message_left_open_cannot_be_sent() {
        NlWriter w = new NlWriter();
        w.beginMessage(16, 0, 1);
        assertThrows(IllegalStateException.class, w::bytes);
        assertThrows(IllegalStateException.class, () -> w.beginMessage(16, 0, 2));
    }

    @Test
    void an_ipv4_attribute_is_in_network_order_and_a_copied_message_carries_its_new_sequence_number() {
        NlWriter w = new NlWriter(64);
        w.beginMessage(24, 0x601, 0).raw(new byte[4]).attrInet4(1, 0xc6120001).endMessage();
        w.beginMessage(25, 1, 0).endMessage();
        byte[] first = bytes(w);
        assertArrayEquals(hex("1c000000 1800 0106 00000000 00000000 00000000 0800 0100 c6120001"),
                java.util.Arrays.copyOf(first, 28));
        NlWriter copy = new NlWriter(16);   // grows
        int next = copy.copyMessage(w.bytes(), 0, 7);
        assertEquals(28, next);
        assertEquals(16, copy.copyMessage(w.bytes(), next, 8));
        assertEquals(2, copy.messageCount());
        byte[] b = bytes(copy);
        assertArrayEquals(hex("1c000000 1800 0106 07000000 00000000 00000000 0800 0100 c6120001"
                + "10000000 1900 0100 08000000 00000000"), b);
    }
}
