package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads running tasks in many namespaces; no thread of the JVM is left in a foreign one. */
class NetnsThreadsTest {

    /** Virtual threads on JDK 21+, a pool of platform threads on 17. */
    private static ExecutorService executor() throws Exception {
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (NoSuchMethodException e) {
            return Executors.newFixedThreadPool(64);
        }
    }

    @Test
    void a_thousand_tasks_across_twenty_namespaces_each_see_their_target() throws Exception {
        List<Netns> spaces = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                spaces.add(Netns.create());
            }
            List<Future<String>> results = new ArrayList<>();
            ExecutorService ex = executor();
            try {
                for (int i = 0; i < 1000; i++) {
                    Netns target = spaces.get(i % 20);
                    boolean fail = i % 7 == 0;
                    results.add(ex.submit(() -> {
                        long seen;
                        try {
                            seen = target.call(() -> {
                                long inode = Netns.inodeOf(Path.of("/proc/thread-self/ns/net"));
                                if (fail) {
                                    throw new IllegalStateException("task failed in " + inode);
                                }
                                return inode;
                            });
                        } catch (IllegalStateException e) {
                            seen = Long.parseLong(e.getMessage().substring("task failed in ".length()));
                        }
                        long home = Netns.inodeOf(Path.of("/proc/thread-self/ns/net"));
                        return seen == target.inode() ? (home == target.inode() ? "caller moved" : "ok")
                                : "saw " + seen + " instead of " + target.inode();
                    }));
                }
            } finally {
                ex.shutdown();
            }
            for (Future<String> f : results) {
                assertEquals("ok", f.get());
            }
            assertEquals(List.of(), strandedAfterExit());
        } finally {
            for (Netns ns : spaces) {
                ns.close();
            }
        }
    }

    @Test
    void processes_started_inside_leave_no_thread_behind_in_the_namespace() throws Exception {
        try (Netns ns = Netns.create()) {
            java.util.List<Process> ps = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {   // concurrently running children: each would need its own reaper
                ps.add(ns.start(new ProcessBuilder("sleep", "0.3")));
            }
            Process echo = ns.start(new ProcessBuilder("sh", "-c", "cat; echo err >&2; readlink /proc/self/ns/net; exit 3"));
            echo.getOutputStream().write("in\n".getBytes(StandardCharsets.UTF_8));
            echo.getOutputStream().close();
            String out = new String(echo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("in\nnet:[" + ns.inode() + "]\n", out);
            assertEquals("err\n", new String(echo.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(3, echo.waitFor());
            for (Process p : ps) {
                assertEquals(0, p.waitFor());
            }
            assertEquals(java.util.List.of(), strandedAfterExit());
        }
    }

    @Test
    void namespaces_are_created_on_reused_workers_that_go_home() throws Exception {
        String tag = "jnetns-test-w" + ProcessHandle.current().pid() + "-";
        java.util.Set<String> before = creators();
        List<Netns> made = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                made.add(Netns.createNamed(tag + i));
                made.add(Netns.create());
            }
            // all held open at once, so that no inode is freed and reused
            assertEquals(80, made.stream().map(Netns::inode).distinct().count(), "every create made a namespace");
        } finally {
            for (Netns ns : made) {
                ns.close();
            }
            for (int i = 0; i < 40; i++) {
                Netns.delete(tag + i);
            }
        }
        assertEquals(List.of(), strandedAfterExit());
        java.util.Set<String> started = creators();
        assertTrue(!started.isEmpty(), "idle creator threads wait for the next namespace");
        started.removeAll(before);
        assertTrue(started.size() <= 4, started.size() + " creator threads started for 80 namespaces made one by one");
    }

    /** The names of the live namespace-creator threads. */
    private static java.util.Set<String> creators() {
        java.util.Set<String> out = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.getName().startsWith("jnetns-create-")) {
                out.add(t.getName());
            }
        });
        return out;
    }

    /**
     * The stranded threads once ended helper threads are gone: an OS thread outlives its Java
     * Thread's join() by a moment, so the scan is retried for up to 5 s.
     */
    static List<String> strandedAfterExit() throws Exception {
        List<String> s = Netns.strandedThreads();
        for (int i = 0; i < 100 && !s.isEmpty(); i++) {
            Thread.sleep(50);
            s = Netns.strandedThreads();
        }
        return s;
    }

    @Test
    void a_leaked_handle_is_reported_and_its_fd_closed() throws Exception {
        long inode;
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            inode = leak();
            String expected = "jnetns: netns net:[" + inode + "] (fd ";
            for (int i = 0; i < 100 && !captured.toString(StandardCharsets.UTF_8).contains(expected); i++) {
                System.gc();
                Thread.sleep(20);
            }
        } finally {
            System.setErr(realErr);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*jnetns: netns net:\\[" + inode + "] \\(fd \\d+\\) was never closed; closing it now.*"), text);
    }

    /** Creates a namespace handle and drops it; returns its inode. */
    private static long leak() throws Exception {
        return Netns.create().inode();
    }
}
