package dev.jnetns.cli;

import dev.jnetns.Link;

/**
 * A device's traffic counters as {@code ip -s link show} prints them ({@code -s -s}: the error
 * counters too), iproute2's print_stats64: the {@code stats64} JSON object, or text columns sized
 * to their widest value. Like ip, the two forms are two branches: their layouts share nothing.
 */
final class StatsPrinter {
    private StatsPrinter() {
    }

    /** The counters of {@code l}, when the kernel sent any. */
    static void print(Link l, int level, Out out) {
        Link.Stats s = l.stats();
        if (s == null) {
            return;
        }
        long carrierChanges = l.details().carrierChanges();
        if (out.json()) {
            json(s, level, carrierChanges, out);
        } else {
            out.text(text(s, level, carrierChanges));
        }
    }

    private static void json(Link.Stats s, int level, long carrierChanges, Out out) {
        out.beginObject("stats64");
        out.beginObject("rx");
        counters(out, "bytes", s.rxBytes(), "packets", s.rxPackets(), "errors", s.rxErrors(), "dropped",
                s.rxDropped(), "over_errors", s.rxOverErrors(), "multicast", s.multicast());
        nonZero(out, "compressed", s.rxCompressed());
        if (level > 1) {
            counters(out, "length_errors", s.rxLengthErrors(), "crc_errors", s.rxCrcErrors(), "frame_errors",
                    s.rxFrameErrors(), "fifo_errors", s.rxFifoErrors(), "missed_errors", s.rxMissedErrors());
            nonZero(out, "nohandler", s.rxNohandler());
            nonZero(out, "otherhost", s.rxOtherhostDropped());
        }
        out.endObject();
        out.beginObject("tx");
        counters(out, "bytes", s.txBytes(), "packets", s.txPackets(), "errors", s.txErrors(), "dropped",
                s.txDropped(), "carrier_errors", s.txCarrierErrors(), "collisions", s.collisions());
        nonZero(out, "compressed", s.txCompressed());
        if (level > 1) {
            counters(out, "aborted_errors", s.txAbortedErrors(), "fifo_errors", s.txFifoErrors(), "window_errors",
                    s.txWindowErrors(), "heartbeat_errors", s.txHeartbeatErrors());
            if (carrierChanges >= 0) {
                out.u64("carrier_changes", null, carrierChanges);
            }
        }
        out.endObject();
        out.endObject();
    }

    /** Key, value pairs: {@code "bytes", 10, "packets", 2, ...}. */
    private static void counters(Out out, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            out.u64((String) pairs[i], null, (Long) pairs[i + 1]);
        }
    }

    private static void nonZero(Out out, String key, long value) {
        if (value != 0) {
            out.u64(key, null, value);
        }
    }

    private static String text(Link.Stats s, int level, long carrierChanges) {
        // iproute2's minimum widths: "*X errors:", packets, errors, dropped, heartbt, overrun, compressed, otherhost
        int[] c = {10, 7, 6, 7, 7, 7, 10, 9};
        long cc = Math.max(carrierChanges, 0);
        size(c, s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDropped(), s.rxMissedErrors(), s.multicast(),
                s.rxCompressed(), 0);
        if (level > 1) {
            size(c, 0, s.rxLengthErrors(), s.rxCrcErrors(), s.rxFrameErrors(), s.rxFifoErrors(), s.rxOverErrors(),
                    s.rxNohandler(), s.rxOtherhostDropped());
        }
        size(c, s.txBytes(), s.txPackets(), s.txErrors(), s.txDropped(), s.txCarrierErrors(), s.collisions(),
                s.txCompressed(), 0);
        if (level > 1) {
            size(c, 0, 0, s.txAbortedErrors(), s.txFifoErrors(), s.txWindowErrors(), s.txHeartbeatErrors(), cc, 0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("    RX: %" + (c[0] - 4) + "s %" + c[1] + "s %" + c[2] + "s %" + c[3] + "s %" + c[4]
                + "s %" + c[5] + "s %" + c[6] + "s\n", "bytes", "packets", "errors", "dropped", "missed", "mcast",
                s.rxCompressed() != 0 ? "compressed" : ""));
        sb.append("    ");
        nums(sb, c, 0, s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDropped(), s.rxMissedErrors(), s.multicast());
        if (s.rxCompressed() != 0) {
            num(sb, c[6], s.rxCompressed());
        }
        if (level > 1) {
            sb.append('\n');
            sb.append(String.format("    RX errors:%" + pad(c[0] - 10) + "s %" + c[1] + "s %" + c[2] + "s %" + c[3]
                    + "s %" + c[4] + "s %" + c[5] + "s%" + pad(s.rxNohandler() != 0 ? c[6] + 1 : 0) + "s%"
                    + pad(s.rxOtherhostDropped() != 0 ? c[7] + 1 : 0) + "s\n", "", "length", "crc", "frame", "fifo",
                    "overrun", s.rxNohandler() != 0 ? " nohandler" : "",
                    s.rxOtherhostDropped() != 0 ? " otherhost" : ""));
            sb.append(" ".repeat(c[0] + 5));
            nums(sb, c, 1, s.rxLengthErrors(), s.rxCrcErrors(), s.rxFrameErrors(), s.rxFifoErrors(), s.rxOverErrors());
            if (s.rxNohandler() != 0) {
                num(sb, c[6], s.rxNohandler());
            }
            if (s.rxOtherhostDropped() != 0) {
                num(sb, c[7], s.rxOtherhostDropped());
            }
        }
        sb.append('\n');
        sb.append(String.format("    TX: %" + (c[0] - 4) + "s %" + c[1] + "s %" + c[2] + "s %" + c[3] + "s %" + c[4]
                + "s %" + c[5] + "s %" + c[6] + "s\n", "bytes", "packets", "errors", "dropped", "carrier", "collsns",
                s.txCompressed() != 0 ? "compressed" : ""));
        sb.append("    ");
        nums(sb, c, 0, s.txBytes(), s.txPackets(), s.txErrors(), s.txDropped(), s.txCarrierErrors(), s.collisions());
        if (s.txCompressed() != 0) {
            num(sb, c[6], s.txCompressed());
        }
        if (level > 1) {
            sb.append('\n');
            sb.append(String.format("    TX errors:%" + pad(c[0] - 10) + "s %" + c[1] + "s %" + c[2] + "s %" + c[3]
                    + "s %" + c[4] + "s %" + c[5] + "s\n", "", "aborted", "fifo", "window", "heartbt",
                    carrierChanges >= 0 ? "transns" : ""));
            sb.append(" ".repeat(c[0] + 5));
            nums(sb, c, 1, s.txAbortedErrors(), s.txFifoErrors(), s.txWindowErrors(), s.txHeartbeatErrors());
            if (carrierChanges >= 0) {
                num(sb, c[5], carrierChanges);
            }
        }
        return sb.toString();
    }

    /** A printf width: C's {@code %0s} is "no padding", which Java writes as no width at all. */
    private static String pad(int width) {
        return width > 0 ? String.valueOf(width) : "";
    }

    /** Widens each column to its value's digits. */
    private static void size(int[] cols, long... values) {
        for (int i = 0; i < values.length; i++) {
            cols[i] = Math.max(cols[i], Long.toUnsignedString(values[i]).length());
        }
    }

    private static void nums(StringBuilder sb, int[] cols, int first, long... values) {
        for (int i = 0; i < values.length; i++) {
            num(sb, cols[first + i], values[i]);
        }
    }

    /** One counter right-aligned in its column, then a space. */
    private static void num(StringBuilder sb, int width, long value) {
        String v = Long.toUnsignedString(value);
        sb.append(" ".repeat(Math.max(0, width - v.length()))).append(v).append(' ');
    }
}
