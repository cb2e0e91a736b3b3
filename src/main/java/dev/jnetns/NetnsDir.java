package dev.jnetns;

import static dev.jnetns.uapi.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.uapi.LinuxFcntl.O_CREAT;
import static dev.jnetns.uapi.LinuxFcntl.O_EXCL;
import static dev.jnetns.uapi.LinuxFcntl.O_RDONLY;
import static dev.jnetns.uapi.LinuxMount.MNT_DETACH;
import static dev.jnetns.uapi.LinuxMount.MS_BIND;
import static dev.jnetns.uapi.LinuxMount.MS_REC;
import static dev.jnetns.uapi.LinuxMount.MS_SHARED;
import static dev.jnetns.uapi.LinuxSched.CLONE_NEWNET;

import dev.jnetns.sys.Syscalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named namespaces exactly as iproute2 keeps them: {@code /run/netns} is a shared mount point and
 * {@code /run/netns/NAME} a bind mount of the namespace's {@code ns/net} file (ip/ipnetns.c).
 */
final class NetnsDir {
    private static final Object LOCK = new Object();

    private NetnsDir() {
    }

    static Path path(String name) {
        return Netns.RUN_DIR.resolve(NetnsNames.check(name));
    }

    /** {@code ip netns add NAME}: creates the namespace and its bind mount; undoes all on failure. */
    static void add(String name) throws ErrnoException {
        ErrnoException e = addAll(List.of(name), true).get(0);
        if (e != null) {
            throw e;
        }
    }

    /**
     * {@code ip netns add NAME} for each name in order, all on one helper thread (one hand-off for
     * the lot, not one per namespace): the thread unshares into a new namespace and mounts it for
     * each name, then returns to the process's namespace. A name that fails leaves nothing behind.
     *
     * @return the failures by index in {@code names}; with {@code stopAtFirstError} no name after
     *     the first failure is tried
     */
    static Map<Integer, ErrnoException> addAll(List<String> names, boolean stopAtFirstError) throws ErrnoException {
        List<Path> paths = new ArrayList<>(names.size());
        for (String name : names) {
            paths.add(path(name));   // every name checked before anything is made
        }
        Syscalls sys = Syscalls.get();
        Map<Integer, ErrnoException> failures = new LinkedHashMap<>();
        synchronized (LOCK) {
            makeRunDirShared(sys);
            String[] worker = {null};
            HelperThread.create(() -> {
                worker[0] = Thread.currentThread().getName();
                for (int i = 0; i < paths.size(); i++) {
                    try {
                        make(sys, paths.get(i));
                    } catch (ErrnoException e) {
                        failures.put(i, e);
                        if (stopAtFirstError) {
                            break;
                        }
                    }
                }
                return null;
            });
            failures.values().forEach(e -> HelperThread.withCallerStack(e, worker[0]));   // as HelperThread's own rethrows
        }
        return failures;
    }

    /** Creates the empty file a namespace is bind-mounted on; fails when it exists (EEXIST). */
    private static void createFile(Syscalls sys, Path path) throws ErrnoException {
        int fd;
        try {
            fd = sys.open(path.toString(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw new ErrnoException("cannot create namespace file \"" + path + "\"", e.errno());
        }
        sys.close(fd);
    }

    /** On a {@link HelperThread#create} worker: the file, a new namespace, and its bind mount on the file. */
    private static void make(Syscalls sys, Path path) throws ErrnoException {
        createFile(sys, path);
        try {
            sys.unshare(CLONE_NEWNET);
            sys.mount("/proc/thread-self/ns/net", path.toString(), "none", MS_BIND, null);
        } catch (ErrnoException | RuntimeException e) {
            try {
                sys.unlink(path.toString());
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * {@code ip netns attach NAME PID}: {@code /run/netns/NAME} made and bind-mounted on the namespace
     * of process {@code pid}; the file removed again when the mount fails.
     */
    static void attach(String name, int pid) throws ErrnoException {
        Path path = path(name);
        Syscalls sys = Syscalls.get();
        synchronized (LOCK) {
            makeRunDirShared(sys);
            createFile(sys, path);
            String source = "/proc/" + pid + "/ns/net";
            try {
                sys.mount(source, path.toString(), "none", MS_BIND, null);
            } catch (ErrnoException e) {
                ErrnoException bind = new ErrnoException("bind " + source + " -> " + path, e.errno());
                try {
                    sys.unlink(path.toString());
                } catch (ErrnoException suppressed) {
                    bind.addSuppressed(suppressed);
                }
                throw bind;
            }
        }
    }

    /** Makes /run/netns exist and be a shared mount point, bind-mounting it onto itself first if needed. */
    private static void makeRunDirShared(Syscalls sys) throws ErrnoException {
        try {
            Files.createDirectories(Netns.RUN_DIR);
        } catch (IOException e) {
            throw new ErrnoException("mkdir " + Netns.RUN_DIR + ": " + e.getMessage(), Errno.EACCES.number());
        }
        String dir = Netns.RUN_DIR.toString();
        try {
            sys.mount("", dir, "none", MS_SHARED | MS_REC, null);
        } catch (ErrnoException e) {
            if (!e.is(Errno.EINVAL)) {
                throw e;
            }
            sys.mount(dir, dir, "none", MS_BIND | MS_REC, null);   // not a mount point yet
            sys.mount("", dir, "none", MS_SHARED | MS_REC, null);
        }
    }

    /**
     * {@code ip netns del NAME}: detaches the bind mount and removes the file; a stale file whose
     * mount is gone is removed too.
     */
    static void delete(String name) throws ErrnoException {
        Path path = path(name);
        synchronized (LOCK) {
            remove(Syscalls.get(), name, path);
        }
    }

    /** Namespaces a run of deletions removes one by one, in order: fewer gain nothing from threads. */
    private static final int CONCURRENT_MIN = 16;
    /** Threads that remove a run's namespaces concurrently. */
    private static final int REMOVERS = 8;

    /**
     * {@code ip netns del NAME} for each name, with the outcome of deleting them one by one in
     * order: the leading names that are distinct and whose files exist are removed concurrently by
     * a few threads, since each detach waits for an RCU grace period (tens to hundreds of
     * microseconds, more while other CPUs are busy) and concurrent detaches share one; the names
     * from the first missing or repeated one on are removed one by one, in order.
     *
     * @return the failures by index in {@code names}; with {@code stopAtFirstError} no name after
     *     the first failure is tried (a name of the leading group fails only when its file went
     *     away meanwhile, and then the others of that group were removed all the same)
     */
    static Map<Integer, ErrnoException> deleteAll(List<String> names, boolean stopAtFirstError) throws ErrnoException {
        List<Path> paths = new ArrayList<>(names.size());
        for (String name : names) {
            paths.add(path(name));   // every name checked before anything is removed
        }
        Syscalls sys = Syscalls.get();
        Map<Integer, ErrnoException> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
        synchronized (LOCK) {
            java.util.Set<Path> seen = new java.util.HashSet<>();
            int leading = 0;
            while (leading < paths.size() && seen.add(paths.get(leading))
                    && Files.exists(paths.get(leading), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                leading++;
            }
            int first = leading >= CONCURRENT_MIN ? removeConcurrently(sys, names, paths, leading, failures) : 0;
            for (int i = first; i < paths.size() && !(stopAtFirstError && !failures.isEmpty()); i++) {
                try {
                    remove(sys, names.get(i), paths.get(i));
                } catch (ErrnoException e) {
                    failures.put(i, e);
                }
            }
        }
        if (stopAtFirstError && failures.size() > 1) {
            Map.Entry<Integer, ErrnoException> f = ((java.util.NavigableMap<Integer, ErrnoException>) failures).firstEntry();
            return Map.of(f.getKey(), f.getValue());
        }
        return new LinkedHashMap<>(failures);
    }

    /** Removes names {@code 0..count} on {@link #REMOVERS} threads; returns {@code count}. */
    private static int removeConcurrently(Syscalls sys, List<String> names, List<Path> paths, int count,
                                          Map<Integer, ErrnoException> failures) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable remover = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    remove(sys, names.get(i), paths.get(i));
                } catch (ErrnoException e) {
                    failures.put(i, e);
                }
            }
        };
        Thread[] threads = new Thread[REMOVERS - 1];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(remover, "jnetns-remove-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        remover.run();   // the calling thread is one of them
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {   // they hold no lock of their own and end soon: wait them out
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return count;
    }

    /** Detaches and removes /run/netns/NAME (the caller holds {@link #LOCK}, or is one of a run's removers). */
    private static void remove(Syscalls sys, String name, Path path) throws ErrnoException {
        try {
            sys.umount2(path.toString(), MNT_DETACH);
        } catch (ErrnoException e) {
            if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOENT)) {
                throw new ErrnoException("cannot remove namespace \"" + name + "\": " + e.operation(), e.errno());
            }
        }
        try {
            sys.unlink(path.toString());
        } catch (ErrnoException e) {
            throw new ErrnoException("cannot remove namespace file \"" + path + "\"", e.errno());
        }
    }

    /** Whether /run/netns/NAME is a namespace mounted there, not a bare file or nothing. */
    static boolean isMounted(String name) throws ErrnoException {
        Path path = path(name);
        return Files.exists(path) && onNsfs(path);
    }

    /** Whether {@code file} is a namespace file (on nsfs, as /proc/self/ns/net), not an ordinary file. */
    static boolean onNsfs(Path file) throws ErrnoException {
        try {
            return Files.getAttribute(file, "unix:dev").equals(Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:dev"));
        } catch (IOException e) {
            throw new ErrnoException("stat " + file + ": " + e.getMessage(), Errno.EIO.number());
        }
    }

    /** The names under /run/netns, in directory order as {@code ip netns list} prints them. */
    static List<String> names() throws ErrnoException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(Netns.RUN_DIR)) {
            return out;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Netns.RUN_DIR)) {
            for (Path p : dir) {
                out.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new ErrnoException("list " + Netns.RUN_DIR + ": " + e.getMessage(), Errno.EIO.number());
        }
        return out;
    }
}
