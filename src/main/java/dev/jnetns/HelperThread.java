package dev.jnetns;

import static dev.jnetns.uapi.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.uapi.LinuxFcntl.O_RDONLY;
import static dev.jnetns.uapi.LinuxSched.CLONE_NEWNET;

import dev.jnetns.sys.ErrnoException;
import dev.jnetns.sys.Syscalls;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task on another platform thread and waits for it: whatever changes a thread's namespaces
 * runs there, never on the caller's thread. {@link #call} starts a new thread that ends with the
 * task, since it may be left in any namespace. {@link #create} is only for making a new network
 * namespace (unshare and what follows, nothing else): a thread start costs about as much as the
 * unshare itself, so those run on pooled workers that return to the process's network namespace
 * before they take another task (a worker that cannot return is dropped).
 */
final class HelperThread {
    private static final AtomicInteger COUNT = new AtomicInteger();

    /** Idle workers for {@link #create}, each in the process's network namespace. */
    private static final ThreadPoolExecutor CREATORS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> daemon(r, "jnetns-create-" + COUNT.incrementAndGet()));

    /** The process's network namespace (its main thread's), where {@link #create} workers return. */
    private static final class Home {
        static final int FD = open();

        private static int open() {
            try {
                return Syscalls.get().open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC, 0);
            } catch (ErrnoException e) {
                throw new IllegalStateException("cannot open /proc/self/ns/net", e);
            }
        }
    }

    private HelperThread() {
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Runs {@code task} on a fresh platform thread named "jnetns-WHAT-N"; rethrows what it throws. */
    static <T> T call(String what, Callable<T> task) throws Exception {
        FutureTask<T> f = new FutureTask<>(task);
        Thread t = daemon(f, "jnetns-" + what + "-" + COUNT.incrementAndGet());
        t.start();
        return outcome(f, t::join);
    }

    /** {@link #call} for tasks that throw only ErrnoException or unchecked exceptions. */
    static <T> T callErrno(String what, Callable<T> task) throws ErrnoException {
        return errnoOnly(() -> call(what, task));
    }

    /**
     * Runs a task that creates a network namespace ({@code unshare(CLONE_NEWNET)}, then reads or
     * mounts {@code /proc/thread-self/ns/net}) on a pooled worker, which returns to the process's
     * network namespace afterwards. Rethrows what the task throws.
     */
    static <T> T create(Callable<T> task) throws ErrnoException {
        FutureTask<T> f = new FutureTask<>(task);
        CREATORS.execute(() -> {
            f.run();
            try {
                Syscalls.get().setns(Home.FD, CLONE_NEWNET);
            } catch (ErrnoException e) {
                // left in the new namespace: this worker must not take another task
                throw new IllegalStateException("jnetns worker cannot return to the process's network namespace", e);
            }
        });
        return errnoOnly(() -> outcome(f, () -> {
            try {
                f.get();
            } catch (ExecutionException e) {
                // the task's failure: outcome() throws it
            }
        }));
    }

    /** A wait that an interrupt may cut short. */
    @FunctionalInterface
    private interface Wait {
        void run() throws InterruptedException;
    }

    /**
     * Waits with {@code wait} until {@code f} is done (an interrupt is remembered and set again
     * afterwards, not obeyed: the task is already changing namespaces), then returns its result
     * or throws what it threw.
     */
    private static <T> T outcome(FutureTask<T> f, Wait wait) throws Exception {
        boolean interrupted = false;
        while (true) {
            try {
                wait.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            return f.get();   // done: does not block
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code c}, passing on ErrnoException and unchecked exceptions, wrapping anything else. */
    private static <T> T errnoOnly(Callable<T> c) throws ErrnoException {
        try {
            return c.call();
        } catch (ErrnoException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
