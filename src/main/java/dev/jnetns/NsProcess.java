package dev.jnetns;

import static dev.jnetns.uapi.LinuxSignal.SIGKILL;
import static dev.jnetns.uapi.LinuxSignal.SIGTERM;
import static dev.jnetns.uapi.LinuxSignal.WNOHANG;

import dev.jnetns.sys.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A child started with posix_spawn inside a namespace (see {@link NetnsExec}). Unlike
 * {@code ProcessBuilder.start}, starting it creates no JVM thread, so no thread is ever born in the
 * foreign namespace; it is waited for with waitpid from whichever thread asks.
 */
final class NsProcess extends Process {

    private final int pid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private Integer exit;

    NsProcess(int pid, int stdinFd, int stdoutFd, int stderrFd) {
        this.pid = pid;
        this.stdin = stdinFd < 0 ? OutputStream.nullOutputStream() : new FdOutput(stdinFd);
        this.stdout = stdoutFd < 0 ? InputStream.nullInputStream() : new FdInput(stdoutFd);
        this.stderr = stderrFd < 0 ? InputStream.nullInputStream() : new FdInput(stderrFd);
    }

    /** The exit code as Java reports it: the exit status, or 128 + the signal that killed it. */
    private static int decode(int status) {
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 0x80 + (status & 0x7f);
    }

    /** Reaps the child if it ended (blocking when {@code block}); true when it has. */
    private synchronized boolean reap(boolean block) {
        if (exit != null) {
            return true;
        }
        while (true) {
            try {
                int status = Syscalls.get().waitpid(pid, block ? 0 : WNOHANG);
                if (status == -1) {
                    return false;
                }
                exit = decode(status);
                return true;
            } catch (ErrnoException e) {
                if (e.is(Errno.EINTR)) {
                    continue;
                }
                exit = -1;   // ECHILD: someone else reaped it
                return true;
            }
        }
    }

    @Override
    public int waitFor() {
        reap(true);
        return exit;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!reap(false)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public int exitValue() {
        if (!reap(false)) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return exit;
    }

    @Override
    public boolean isAlive() {
        return !reap(false);
    }

    @Override
    public void destroy() {
        signal(SIGTERM);
    }

    @Override
    public Process destroyForcibly() {
        signal(SIGKILL);
        return this;
    }

    private void signal(int sig) {
        if (isAlive()) {
            try {
                Syscalls.get().kill(pid, sig);
            } catch (ErrnoException e) {
                // it ended meanwhile
            }
        }
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ProcessHandle toHandle() {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    /** Reads a pipe end. */
    private static final class FdInput extends InputStream {
        private final int fd;
        private boolean closed;

        FdInput(int fd) {
            this.fd = fd;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                try {
                    int n = Syscalls.get().read(fd, b, off, len);
                    return n == 0 ? -1 : n;
                } catch (ErrnoException e) {
                    if (!e.is(Errno.EINTR)) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                Syscalls.get().close(fd);
            }
        }
    }

    /** Writes a pipe end. */
    private static final class FdOutput extends OutputStream {
        private final int fd;
        private boolean closed;

        FdOutput(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            while (len > 0) {
                int n = Syscalls.get().write(fd, b, off, len);
                off += n;
                len -= n;
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                Syscalls.get().close(fd);
            }
        }
    }
}
