package dev.jnetns.cli;

import dev.jnetns.Link;

/**
 * A device's traffic counters as {@code ip -s link show} prints them ({@code -s -s}: the error
 * counters too): text columns sized as iproute2 sizes them, and the {@code stats64} JSON object.
 */
final class StatsPrinter {
    private StatsPrinter() {
    }

    /** The lines after a device: {@code RX:} header and counters, {@code TX:} header and counters. */
    static String text(Link.Stats s, int level) {
        // iproute2's minimum widths: "*X errors:", packets, errors, dropped, heartbt, overrun, compressed
        int[] c = {10, 7, 6, 7, 7, 7, 10};
        size(c, s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDropped(), s.rxMissedErrors(), s.multicast(),
                s.rxCompressed());
        if (level > 1) {
            size(c, 0, s.rxLengthErrors(), s.rxCrcErrors(), s.rxFrameErrors(), s.rxFifoErrors(), s.rxOverErrors(),
                    s.rxNohandler());
        }
        size(c, s.txBytes(), s.txPackets(), s.txErrors(), s.txDropped(), s.txCarrierErrors(), s.collisions(),
                s.txCompressed());
        if (level > 1) {
            size(c, 0, s.txAbortedErrors(), s.txFifoErrors(), s.txWindowErrors(), s.txHeartbeatErrors(),
                    Math.max(0, s.carrierChanges()), 0);
        }
        StringBuilder sb = new StringBuilder();
        counters(sb, c, "RX", "missed", "mcast", s.rxCompressed(), s.rxBytes(), s.rxPackets(), s.rxErrors(),
                s.rxDropped(), s.rxMissedErrors(), s.multicast());
        if (level > 1) {
            sb.append(String.format("    RX errors: %" + c[1] + "s %" + c[2] + "s %" + c[3] + "s %" + c[4] + "s %"
                    + c[5] + "s", "length", "crc", "frame", "fifo", "overrun"));
            if (s.rxNohandler() != 0) {
                sb.append(String.format(" %" + c[6] + "s", "nohandler"));
            }
            sb.append('\n').append(" ".repeat(4 + c[0] + 1));
            nums(sb, c, 1, s.rxLengthErrors(), s.rxCrcErrors(), s.rxFrameErrors(), s.rxFifoErrors(), s.rxOverErrors());
            if (s.rxNohandler() != 0) {
                num(sb, c[6], s.rxNohandler());
            }
            sb.append('\n');
        }
        counters(sb, c, "TX", "carrier", "collsns", s.txCompressed(), s.txBytes(), s.txPackets(), s.txErrors(),
                s.txDropped(), s.txCarrierErrors(), s.collisions());
        if (level > 1) {
            sb.append(String.format("    TX errors: %" + c[1] + "s %" + c[2] + "s %" + c[3] + "s %" + c[4] + "s",
                    "aborted", "fifo", "window", "heartbt"));
            if (s.carrierChanges() >= 0) {
                sb.append(String.format(" %" + c[5] + "s", "transns"));
            }
            sb.append('\n').append(" ".repeat(4 + c[0] + 1));
            nums(sb, c, 1, s.txAbortedErrors(), s.txFifoErrors(), s.txWindowErrors(), s.txHeartbeatErrors());
            if (s.carrierChanges() >= 0) {
                num(sb, c[5], s.carrierChanges());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * One direction's header and counters: bytes, packets, errors, dropped, then the two columns
     * named {@code fifth} and {@code sixth}, and "compressed" only when it is not 0.
     */
    private static void counters(StringBuilder sb, int[] c, String dir, String fifth, String sixth, long compressed,
            long... values) {
        sb.append(String.format("    " + dir + ": %" + (c[0] - 4) + "s %" + c[1] + "s %" + c[2] + "s %" + c[3] + "s %"
                + c[4] + "s %" + c[5] + "s %" + c[6] + "s\n", "bytes", "packets", "errors", "dropped", fifth, sixth,
                compressed != 0 ? "compressed" : ""));
        sb.append("    ");
        nums(sb, c, 0, values);
        if (compressed != 0) {
            num(sb, c[6], compressed);
        }
        sb.append('\n');
    }

    /** The {@code "stats64"} member of a device's JSON object. */
    static void json(Link.Stats s, int level, Json j) {
        j.beginObject("stats64").beginObject("rx");
        j.put("bytes", s.rxBytes()).put("packets", s.rxPackets()).put("errors", s.rxErrors())
                .put("dropped", s.rxDropped()).put("over_errors", s.rxOverErrors()).put("multicast", s.multicast());
        if (s.rxCompressed() != 0) {
            j.put("compressed", s.rxCompressed());
        }
        if (level > 1) {
            j.put("length_errors", s.rxLengthErrors()).put("crc_errors", s.rxCrcErrors())
                    .put("frame_errors", s.rxFrameErrors()).put("fifo_errors", s.rxFifoErrors())
                    .put("missed_errors", s.rxMissedErrors());
            if (s.rxNohandler() != 0) {
                j.put("nohandler", s.rxNohandler());
            }
        }
        j.endObject().beginObject("tx");
        j.put("bytes", s.txBytes()).put("packets", s.txPackets()).put("errors", s.txErrors())
                .put("dropped", s.txDropped()).put("carrier_errors", s.txCarrierErrors())
                .put("collisions", s.collisions());
        if (s.txCompressed() != 0) {
            j.put("compressed", s.txCompressed());
        }
        if (level > 1) {
            j.put("aborted_errors", s.txAbortedErrors()).put("fifo_errors", s.txFifoErrors())
                    .put("window_errors", s.txWindowErrors()).put("heartbeat_errors", s.txHeartbeatErrors());
            if (s.carrierChanges() >= 0) {
                j.put("carrier_changes", s.carrierChanges());
            }
        }
        j.endObject().endObject();
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
