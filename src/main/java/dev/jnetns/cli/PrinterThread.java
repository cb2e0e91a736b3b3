package dev.jnetns.cli;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Prints a dump's records on a thread of its own while the calling thread reads and decodes the
 * next ones: a 100 000-route {@code route show} spends about a quarter of its time printing (a
 * third with {@code -j}), which a second core takes off its wall time. Records go over in batches
 * through a bounded queue, so a dump of any size still runs in constant memory, and are printed in
 * the order they came. A dump too short to fill one batch is printed on the calling thread by
 * {@link #end}, no thread started. Use: pass it as the dump's sink, then call {@link #end} (in a
 * finally) and, after the dump, {@link #rethrow}.
 *
 * @param <T> the records
 */
final class PrinterThread<T> implements Consumer<T> {
    /** Records handed over at a time. */
    private static final int BATCH = 512;
    /** Batches in flight at most. */
    private static final int QUEUED = 8;
    /** The last batch's place in the queue. */
    private static final Object[] END = new Object[0];

    private final Consumer<T> print;
    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUED);
    private Thread thread;
    private Object[] batch = new Object[BATCH];
    private int count;
    /** What the printer threw: it prints no more and lets the batches go. */
    private volatile Throwable failure;

    /** @param print prints one record (on the printer thread; the calling thread's only after {@link #end}) */
    PrinterThread(Consumer<T> print) {
        this.print = print;
    }

    @Override
    public void accept(T record) {
        batch[count++] = record;
        if (count == BATCH) {
            if (thread == null) {
                thread = new Thread(this::printBatches, "jnetns-print");
                thread.setDaemon(true);
                thread.start();
            }
            hand(batch);
            batch = new Object[BATCH];
            count = 0;
        }
    }

    /** Prints what is left and waits for the printer thread to finish (call it in a finally). */
    void end() {
        if (thread == null) {
            printBatch(batch);
            return;
        }
        hand(batch);   // its records up to the first null
        hand(END);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws what the printer threw, if anything (call it after {@link #end}). */
    void rethrow() {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }

    private void hand(Object[] b) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(b);
                break;
            } catch (InterruptedException e) {
                interrupted = true;   // the printer takes every batch: the wait is short
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void printBatches() {
        for (Object[] b = take(); b != END; b = take()) {
            if (failure == null) {
                try {
                    printBatch(b);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
        }
    }

    /** The next batch: every batch is taken (an interrupt is ignored), or the dumping thread would wait for ever. */
    private Object[] take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // taken on the next round
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void printBatch(Object[] b) {
        for (Object r : b) {
            if (r == null) {
                return;
            }
            print.accept((T) r);
        }
    }
}
