package dev.jnetns;

import static dev.jnetns.uapi.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.uapi.LinuxFcntl.O_RDONLY;
import static dev.jnetns.uapi.LinuxSched.CLONE_NEWNET;

import dev.jnetns.sys.Syscalls;
import java.nio.file.Path;
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
 *
 * <p>What a task throws reaches the caller as the same object, with the caller's stack as its own
 * (so it names the caller's code) and the worker's stack as its cause, a {@link WorkerStack} (or
 * as a suppressed exception when it already had a cause).
 */
final class HelperThread {
    private static final AtomicInteger COUNT = new AtomicInteger();

    /** Idle workers for {@link #create}, each in the process's network namespace. */
    private static final ThreadPoolExecutor CREATORS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = daemon(r, "jnetns-create-" + COUNT.incrementAndGet());
                t.setUncaughtExceptionHandler((thread, e) -> {
                    if (!(e instanceof Stranded)) {
                        thread.getThreadGroup().uncaughtException(thread, e);
                    }
                });
                return t;
            });

    /** The process's network namespace (its main thread's), where {@link #create} workers return. */
    private static final class Home {
        static final int FD = open();
        static final long INODE = inode("/proc/self/ns/net");

        private static int open() {
            try {
                return Syscalls.get().open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC, 0);
            } catch (ErrnoException e) {
                throw new IllegalStateException("cannot open /proc/self/ns/net", e);
            }
        }

        private static long inode(String nsFile) {
            try {
                return Netns.inodeOf(Path.of(nsFile));
            } catch (ErrnoException e) {
                throw new IllegalStateException("cannot stat " + nsFile, e);
            }
        }

        /** True when the calling thread is in the process's network namespace. */
        static boolean here() {
            return inode("/proc/thread-self/ns/net") == INODE;
        }
    }

    /**
     * Ends a {@link #create} worker that is left in another namespace (it could not return): the
     * thread must not take another task. Its end is silent: the task's outcome went to its caller.
     */
    private static final class Stranded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stranded() {
            super(null, null, false, false);
        }
    }

    /** The stack of the worker thread a task's exception was thrown on: that exception's cause. */
    static final class WorkerStack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkerStack(String thread, StackTraceElement[] trace) {
            super("thrown on thread " + thread, null, false, true);
            setStackTrace(trace);
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
        Syscalls.get();   // a JVM without native access says so here, on the caller's thread
        FutureTask<T> f = new FutureTask<>(task);
        Thread t = daemon(f, "jnetns-" + what + "-" + COUNT.incrementAndGet());
        t.start();
        return outcome(f, t.getName(), t::join);
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
        Syscalls.get();   // a JVM without native access says so here, not on a worker that then cannot go home
        FutureTask<T> f = new FutureTask<>(task);
        String[] worker = {"jnetns-create"};
        CREATORS.execute(() -> {
            worker[0] = Thread.currentThread().getName();
            f.run();
            try {
                Syscalls.get().setns(Home.FD, CLONE_NEWNET);
            } catch (ErrnoException e) {
                if (!Home.here()) {   // unshare was refused too, then the thread never left
                    throw new Stranded();
                }
            }
        });
        return errnoOnly(() -> outcome(f, worker[0], () -> {
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
    private static <T> T outcome(FutureTask<T> f, String worker, Wait wait) throws Exception {
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
            Throwable thrown = withCallerStack(e.getCause(), worker);
            if (thrown instanceof Exception) {
                throw (Exception) thrown;
            }
            if (thrown instanceof Error) {
                throw (Error) thrown;
            }
            throw new IllegalStateException(thrown);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Gives {@code e}, thrown on thread {@code worker}, the calling thread's stack (without this
     * class's frames); the worker's stack becomes its cause, or a suppressed exception when it has one.
     */
    static Throwable withCallerStack(Throwable e, String worker) {
        WorkerStack where = new WorkerStack(worker, e.getStackTrace());
        StackTraceElement[] here = new Throwable().getStackTrace();
        int skip = 0;
        while (skip < here.length - 1 && here[skip].getClassName().equals(HelperThread.class.getName())) {
            skip++;
        }
        e.setStackTrace(java.util.Arrays.copyOfRange(here, skip, here.length));
        if (e.getCause() == null) {
            try {
                e.initCause(where);
                return e;
            } catch (IllegalStateException causeFixedAtConstruction) {
                // made with an explicit null cause: fall through
            }
        }
        e.addSuppressed(where);
        return e;
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
