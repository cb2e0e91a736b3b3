package dev.jnetns.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The native memory of one system call's arguments (paths, socket addresses, ints the kernel reads
 * or writes), in direct buffers held until the call ends. Not an arena's: a fresh JVM's first
 * arena allocation or segment copy initialises the JDK's foreign-memory utilities, which spin
 * method handles for 10–30 ms that the AOT cache does not keep, and a one-shot command would pay
 * that on its first {@code open} or {@code bind}; a direct buffer and its address cost nothing of
 * the kind. An arena is made only for what the FFM downcall itself needs ({@link #arena()}).
 */
final class CallMemory implements AutoCloseable {
    /** The buffers of this call, made with the first (most calls, send and recv among them, need none). */
    private List<ByteBuffer> held;
    private Arena arena;

    /** {@return a zeroed native buffer of {@code size} bytes (at least 1), in native byte order} */
    ByteBuffer buffer(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(Math.max(1, size)).order(ByteOrder.nativeOrder());
        if (held == null) {
            held = new ArrayList<>(4);
        }
        held.add(b);
        return b;
    }

    /** {@return the native address of the first byte of {@code b}, a buffer of {@link #buffer} (position 0)} */
    static long address(ByteBuffer b) {
        return MemorySegment.ofBuffer(b).address();
    }

    /** {@return the address of a native copy of {@code len} bytes of {@code b} from {@code off}} */
    long bytes(byte[] b, int off, int len) {
        ByteBuffer n = buffer(len);
        n.put(0, b, off, len);
        return address(n);
    }

    /** {@return the address of {@code s} as a NUL-terminated UTF-8 string, 0 (NULL) for null} */
    long string(String s) {
        if (s == null) {
            return 0L;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer n = buffer(b.length + 1);   // zeroed: the terminating NUL
        n.put(0, b);
        return address(n);
    }

    /** {@return the address of a native int holding {@code v}} */
    long intOf(int v) {
        ByteBuffer n = buffer(Integer.BYTES);
        n.putInt(0, v);
        return address(n);
    }

    /** {@return an arena for this call (the FFM downcall's errno capture state), closed with it} */
    Arena arena() {
        if (arena == null) {
            arena = Arena.ofConfined();
        }
        return arena;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
        Reference.reachabilityFence(held);   // the kernel has read and written them by now
    }
}
