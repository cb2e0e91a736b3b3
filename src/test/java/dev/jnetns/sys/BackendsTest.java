package dev.jnetns.sys;

import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import dev.jnetns.uapi.LinuxSocket;
import dev.jnetns.uapi.LinuxFcntl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend chosen for this JVM, and what both backends do at the syscall boundary. */
class BackendsTest {

    private static List<Syscalls> loadable() {
        List<Syscalls> out = new ArrayList<>();
        out.add(Backends.choose("jna"));
        if (Runtime.version().feature() >= 22) {
            out.add(Backends.choose("ffm"));
        }
        return out;
    }

    @Test
    void the_default_backend_fits_the_jdk() {
        String forced = System.getProperty(Backends.PROPERTY, "");
        String expected = !forced.isEmpty() ? forced : Runtime.version().feature() >= 22 ? "ffm" : "jna";
        System.out.println("jnetns test backend: " + Syscalls.get().backendName() + " on JDK " + Runtime.version());
        assertEquals(expected, Syscalls.get().backendName());
    }

    @Test
    void ffm_cannot_be_forced_below_jdk_22_and_unknown_names_are_refused() {
        if (Runtime.version().feature() < 22) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.choose("ffm"));
            assertTrue(e.getMessage().contains("JDK 22"), e.getMessage());
        } else {
            assertEquals("ffm", Backends.choose("ffm").backendName());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.choose("jni"));
        assertEquals("-Djnetns.backend=jni: unknown backend (use ffm or jna)", e.getMessage());
    }

    @Test
    void errno_comes_back_with_its_name_on_every_backend() {
        for (Syscalls sys : loadable()) {
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> sys.open("/nonexistent/jnetns", LinuxFcntl.O_RDONLY, 0), sys.backendName());
            assertEquals(Errno.ENOENT, e.errnoName());
            assertEquals("open(/nonexistent/jnetns): No such file or directory (ENOENT)", e.getMessage());
            ErrnoException bad = assertThrows(ErrnoException.class, () -> sys.close(-1));
            assertTrue(bad.is(Errno.EBADF), sys.backendName() + ": " + bad.getMessage());
        }
    }

    @Test
    void errno_is_per_thread_under_concurrency() throws Exception {
        for (Syscalls sys : loadable()) {
            List<Thread> threads = new ArrayList<>();
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                boolean enoent = t % 2 == 0;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 2000; i++) {
                        try {
                            if (enoent) {
                                sys.open("/nonexistent/x", LinuxFcntl.O_RDONLY, 0);
                            } else {
                                sys.close(-1);
                            }
                            wrong.add("no error");
                        } catch (ErrnoException e) {
                            if (e.is(enoent ? Errno.EBADF : Errno.ENOENT)) {
                                wrong.add(sys.backendName() + " saw another thread's errno: " + e.getMessage());
                            }
                        }
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            assertEquals(List.of(), wrong);
        }
    }

    @Test
    void a_socket_round_trip_works_on_every_backend() throws Exception {
        for (Syscalls sys : loadable()) {
            int fd = sys.socket(LinuxSocket.AF_NETLINK, LinuxSocket.SOCK_RAW | LinuxSocket.SOCK_CLOEXEC, 0);
            try {
                sys.setsockopt(fd, LinuxSocket.SOL_SOCKET, LinuxSocket.SO_RCVBUF, 65536);
                assertTrue(sys.getsockopt(fd, LinuxSocket.SOL_SOCKET, LinuxSocket.SO_RCVBUF) >= 65536);
                ErrnoException e = assertThrows(ErrnoException.class,
                        () -> sys.recv(fd, ByteBuffer.allocateDirect(16), LinuxSocket.MSG_DONTWAIT));
                assertTrue(e.is(Errno.EAGAIN), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> sys.send(fd, ByteBuffer.allocate(4), 0));
            } finally {
                sys.close(fd);
            }
            assertTrue(sys.gettid() > 0);
        }
    }
}
