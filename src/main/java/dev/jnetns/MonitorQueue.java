package dev.jnetns;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The events of a monitor started without a callback, for {@link Monitor#take()} and
 * {@link Monitor#poll}; closing it discards them and wakes every reader waiting.
 */
final class MonitorQueue {
    private final ArrayDeque<Monitor.Event> events = new ArrayDeque<>();
    private boolean closed;

    /** Queues {@code e}; nothing once closed. */
    synchronized void add(Monitor.Event e) {
        if (!closed) {
            events.add(e);
            notifyAll();
        }
    }

    /**
     * The next event, waiting up to {@code nanos} ({@code Long.MAX_VALUE}: for ever); null when none came.
     *
     * @throws IllegalStateException "monitor is closed" once closed, also when closed while waiting
     */
    synchronized Monitor.Event poll(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!closed && events.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            throw Monitor.closedError();
        }
        return events.remove();
    }

    synchronized void close() {
        closed = true;
        events.clear();
        notifyAll();
    }
}
