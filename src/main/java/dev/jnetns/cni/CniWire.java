package dev.jnetns.cni;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shim's wire format, the daemon's side (native/cni-shim.c is the other): a request is "JNC1",
 * a u32 length (big-endian), then the caller's environment entries, each NUL-terminated, an empty
 * entry, and its stdin; an answer is "JNC1", 'R' with the exit code and stdout (each length-prefixed
 * as above), or 'F': run the call in-process.
 */
final class CniWire {
    /** The largest request read; the shim runs larger ones in-process. */
    static final int MAX_REQUEST = 1 << 20;
    private static final byte[] MAGIC = {'J', 'N', 'C', '1'};

    /** One call: the caller's environment and stdin. */
    record Request(Map<String, String> env, String stdin) {
    }

    private CniWire() {
    }

    /** Reads one request from {@code fd} by {@code deadline} ({@link System#nanoTime}). */
    static Request read(int fd, long deadline) throws IOException {
        byte[] head = new byte[8];
        DaemonSocket.readFully(fd, head, deadline);
        if (!Arrays.equals(head, 0, 4, MAGIC, 0, 4)) {
            throw new ProtocolException("not a jnetns CNI shim request");
        }
        int len = ByteBuffer.wrap(head).getInt(4);
        if (len < 0 || len > MAX_REQUEST) {
            throw new ProtocolException("request of " + Integer.toUnsignedString(len) + " bytes (at most "
                    + MAX_REQUEST + ")");
        }
        byte[] payload = new byte[len];
        DaemonSocket.readFully(fd, payload, deadline);
        return decode(payload);
    }

    static Request decode(byte[] p) throws ProtocolException {
        Map<String, String> env = new LinkedHashMap<>();
        int i = 0;
        while (true) {
            int end = i;
            while (end < p.length && p[end] != 0) {
                end++;
            }
            if (end == p.length) {
                throw new ProtocolException("the environment is not terminated");
            }
            if (end == i) {
                break;
            }
            String entry = new String(p, i, end - i, StandardCharsets.UTF_8);
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ProtocolException("environment entry without a name: \"" + entry + "\"");
            }
            env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));   // getenv(3) finds the first
            i = end + 1;
        }
        return new Request(env, new String(p, i + 1, p.length - i - 1, StandardCharsets.UTF_8));
    }

    /** The answer carrying the plugin's exit code and stdout. */
    static byte[] result(int exitCode, byte[] out) {
        return ByteBuffer.allocate(13 + out.length).put(MAGIC).put((byte) 'R').putInt(exitCode).putInt(out.length)
                .put(out).array();
    }

    /** The answer that sends the call back to the shim, to run in-process. */
    static byte[] inProcess() {
        return ByteBuffer.allocate(13).put(MAGIC).put((byte) 'F').putInt(0).putInt(0).array();
    }
}
