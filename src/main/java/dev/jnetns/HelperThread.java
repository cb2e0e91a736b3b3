package dev.jnetns;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task on a new platform thread and waits for it. Used for everything that changes a
 * thread's namespaces: the helper thread may be left in another namespace, so it is never reused —
 * it ends with the task.
 */
final class HelperThread {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private HelperThread() {
    }

    /** Runs {@code task} on a fresh platform thread named "jnetns-WHAT-N"; rethrows what it throws. */
    static <T> T call(String what, Callable<T> task) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = task.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "jnetns-" + what + "-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof Exception) {
            throw (Exception) failure[0];
        }
        if (failure[0] != null) {
            throw (Error) failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** {@link #call} for tasks that throw only ErrnoException or unchecked exceptions. */
    static <T> T callErrno(String what, Callable<T> task) throws dev.jnetns.sys.ErrnoException {
        try {
            return call(what, task);
        } catch (dev.jnetns.sys.ErrnoException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
