package dev.jnetns.cni;

import dev.jnetns.Netns;
import dev.jnetns.model.JsonText;
import dev.jnetns.sys.Syscalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code jnetns cni-daemon [--socket PATH]}: the CNI plugin in one long-lived, warm JVM. It serves
 * the shim (native/cni-shim.c) on a unix socket (default /run/jnetns/cni.sock, mode 0600), each call
 * on a thread of its own, exactly as the direct plugin would run it in the caller's place: the host
 * side of an attachment goes into the caller's network namespace, delegated plugins start there with
 * the caller's environment, and calls of one network are serialised with the direct plugin's
 * ({@link CniLock}). Only uid 0 is served; a caller that sees other files (another mount namespace)
 * is sent back to run the plugin in-process. Each call is logged in one line on stderr. SIGTERM stops
 * taking calls, lets those running finish, removes the socket and exits 0.
 */
public final class CniDaemon {
    static final Path DEFAULT_SOCKET = Path.of("/run/jnetns/cni.sock");
    private static final long REQUEST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_MILLIS = 30_000;
    private static final int WARM_UP_ROUNDS = 100;

    private final Path socket;
    private final PrintStream log;
    private final long mountNamespace;
    private final Path warmUp;
    private final Thread warming;
    private final Set<Thread> calls = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean stopping;
    /** Counted down when the socket is gone and no call is taken any more. */
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The exit status the shutdown hook ends the JVM with: 0 after SIGTERM, 2 after a failure. */
    private volatile int status;

    private CniDaemon(Path socket, PrintStream log) throws IOException {
        this.socket = socket;
        this.log = log;
        this.mountNamespace = Netns.inodeOf(Path.of("/proc/self/ns/mnt"));
        this.warmUp = socket.resolveSibling("." + socket.getFileName() + ".warm-up");   // one a killed daemon left goes
        this.warming = new Thread(this::warm, "jnetns-cni-warm-up");
        warming.setPriority(Thread.MIN_PRIORITY);
        warming.setDaemon(true);
    }

    /** Runs the daemon until SIGTERM (which ends the JVM with status 0); returns an exit code when it cannot start. */
    public static int run(String[] args) {
        Path socket = DEFAULT_SOCKET;
        if (args.length == 2 && args[0].equals("--socket")) {
            socket = Path.of(args[1]).toAbsolutePath();
        } else if (args.length != 0) {
            System.err.println("usage: jnetns cni-daemon [--socket PATH]   (default " + DEFAULT_SOCKET + ")");
            return 1;
        }
        PrintStream log = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        try {
            if (answers(socket)) {
                log.println("jnetns cni-daemon: a daemon answers at " + socket + " already");
                return 1;
            }
            CniDaemon d = new CniDaemon(socket, log);
            try {
                d.serve();
                return 0;   // stopped (SIGTERM): the shutdown hook ends the JVM
            } catch (IOException | RuntimeException e) {
                d.status = 2;
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            log.println("jnetns cni-daemon: " + e.getMessage());
            return 2;
        }
    }

    private static boolean answers(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException nobody) {
            return false;
        }
    }

    private void serve() throws IOException {
        CniPlugin.exercise(warmUp, true, 1, () -> false);   // the first call finds the classes loaded
        try (Netns ns = Netns.create()) {
            new CniCaller(ns, true).start(new ProcessBuilder("true")).waitFor();   // and the spawn's native calls bound
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Syscalls sys = Syscalls.get();
        int listening = DaemonSocket.listen(socket);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "jnetns-cni-stop"));
        log.println(Instant.now() + " listening on " + socket + " (pid " + ProcessHandle.current().pid() + ", "
                + sys.backendName() + ", JDK " + Runtime.version().feature() + ")");
        warming.start();
        try {
            while (!stopping) {
                if (sys.poll(listening, 200)) {
                    int fd = sys.accept(listening);
                    Thread t = new Thread(() -> call(fd), "jnetns-cni-call-" + count.incrementAndGet());
                    calls.add(t);
                    t.start();
                }
            }
        } finally {
            Files.deleteIfExists(socket);
            sys.close(listening);
            closed.countDown();
        }
    }

    /**
     * Gets the JIT to compile the paths of a call: {@value #WARM_UP_ROUNDS} rounds of the plugin in
     * throwaway namespaces, beside the calls served meanwhile, at low priority.
     */
    private void warm() {
        long start = System.nanoTime();
        try {
            int rounds = CniPlugin.exercise(warmUp, true, WARM_UP_ROUNDS, () -> stopping);
            log.println(Instant.now() + " warm (" + rounds + " rounds in " + (System.nanoTime() - start) / 1_000_000
                    + " ms)");
        } catch (IOException | RuntimeException e) {
            log.println(Instant.now() + " warming up failed: " + e);
        }
    }

    /** SIGTERM: no new calls (the socket goes), the running ones finish (up to 30 s), exit 0. */
    private void stop() {
        stopping = true;
        try {
            closed.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            warming.join(DRAIN_MILLIS);
            long end = System.currentTimeMillis() + DRAIN_MILLIS;
            for (Thread t : calls) {
                t.join(Math.max(1, end - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.println(Instant.now() + " stopped (" + calls.size() + " calls unfinished)");
        Runtime.getRuntime().halt(status);
    }

    /** Serves one connection: one call, answered, logged in one line. A bad request is logged and dropped. */
    private void call(int fd) {
        long start = System.nanoTime();
        String line;
        try {
            DaemonSocket.Peer peer = DaemonSocket.peer(fd);
            CniWire.Request r = CniWire.read(fd, start + REQUEST_TIMEOUT_NANOS);
            line = describe(r) + " pid=" + peer.pid() + " " + answer(fd, peer, r);
        } catch (IOException | RuntimeException e) {
            line = "bad request: " + e.getMessage();
        } finally {
            calls.remove(Thread.currentThread());
            try {
                Syscalls.get().close(fd);
            } catch (IOException e) {
                // gone already
            }
        }
        log.println(Instant.now() + " " + line + " " + (System.nanoTime() - start) / 1_000_000 + "ms");
    }

    /** Runs the call (or refuses it) and sends the answer; returns how it ended, for the log. */
    private String answer(int fd, DaemonSocket.Peer peer, CniWire.Request r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, false, StandardCharsets.UTF_8);
        int rc;
        if (peer.uid() != 0) {
            rc = CniPlugin.fail(r.stdin(), new CniException(CniException.KERNEL, "the jnetns CNI daemon serves uid 0"
                    + " only, not uid " + peer.uid() + " (EPERM)"), ps);
        } else if (peer.pid() == 0) {   // not in our pid namespace: its namespaces cannot be opened here
            DaemonSocket.writeAll(fd, CniWire.inProcess());
            return "sent back: the caller is in another pid namespace";
        } else if (Netns.inodeOf(Path.of("/proc/" + peer.pid() + "/ns/mnt")) != mountNamespace) {
            DaemonSocket.writeAll(fd, CniWire.inProcess());
            return "sent back: the caller is in another mount namespace";
        } else {
            try (Netns runtime = Netns.openPid(peer.pid())) {
                if (DaemonSocket.hungUp(fd)) {
                    return "dropped: the caller went away";   // its pid may name another process by now
                }
                rc = CniPlugin.run(r.env(), r.stdin(), ps, new CniCaller(runtime, true));
            }
        }
        ps.flush();
        DaemonSocket.writeAll(fd, CniWire.result(rc, out.toByteArray()));
        return rc == 0 ? "rc=0" : "rc=" + rc + " " + errorOf(out.toString(StandardCharsets.UTF_8));
    }

    /** The call for the log: command, network, container ID (12 characters) and interface. */
    private static String describe(CniWire.Request r) {
        Map<String, String> env = r.env();
        String id = env.getOrDefault("CNI_CONTAINERID", "-");
        return env.getOrDefault("CNI_COMMAND", "-") + " net=" + field(r.stdin(), "name") + " id="
                + (id.length() > 12 ? id.substring(0, 12) : id) + " if=" + env.getOrDefault("CNI_IFNAME", "-");
    }

    private static String errorOf(String out) {
        return "code=" + field(out, "code") + " msg=" + field(out, "msg");
    }

    /** A top-level field of a JSON object, or "-"; a string with a space or quote in quotes. */
    private static String field(String json, String key) {
        try {
            Object v = CniConfig.json(json);
            Object f = v instanceof Map ? ((Map<?, ?>) v).get(key) : null;
            String s = f == null ? "-" : String.valueOf(f);
            if (s.isEmpty() || s.chars().anyMatch(ch -> ch <= ' ' || ch == '"')) {
                StringBuilder q = new StringBuilder();
                JsonText.quote(q, s);
                return q.toString();
            }
            return s;
        } catch (IllegalArgumentException e) {
            return "-";
        }
    }
}
