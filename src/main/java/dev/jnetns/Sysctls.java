package dev.jnetns;

import dev.jnetns.rtnl.Escape;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

/** Reading and writing /proc/sys from a thread inside a namespace. */
final class Sysctls {
    private static final Path ROOT = Path.of("/proc/sys");

    private Sysctls() {
    }

    /**
     * {@code net.ipv4.ip_forward} → /proc/sys/net/ipv4/ip_forward (a key with '/' is taken as a path,
     * {@code net/ipv4/conf/eth0.100/forwarding}). Only the namespace's own settings are reachable: the
     * key must be under {@code net}, and no part of it may be empty, "." or "..".
     *
     * @throws NullPointerException for a null key
     * @throws IllegalArgumentException for any other key (nothing is read or written)
     */
    static Path path(String key) {
        Objects.requireNonNull(key, "sysctl key is null");
        String[] parts = key.split(key.indexOf('/') >= 0 ? "/" : "\\.", -1);
        boolean valid = parts.length > 1 && parts[0].equals("net") && key.indexOf('\0') < 0;
        for (String part : parts) {
            valid &= !part.isEmpty() && !part.equals(".") && !part.equals("..");
        }
        if (!valid) {
            throw new IllegalArgumentException("invalid sysctl key " + Escape.quoted(key)
                    + ": not a net.* setting of the namespace");
        }
        return ROOT.resolve(String.join("/", parts));
    }

    static <T> T inside(Netns ns, String key, Callable<T> io) throws ErrnoException {
        try {
            return ns.call(io);
        } catch (NoSuchFileException e) {
            throw new ErrnoException("sysctl " + key, Errno.ENOENT.number());
        } catch (AccessDeniedException e) {
            throw new ErrnoException("sysctl " + key, Errno.EACCES.number());
        } catch (ErrnoException | RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new ErrnoException("sysctl " + key + " (" + e.getMessage() + ")", Errno.EINVAL.number());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the whole file with a read loop: /proc/sys files report size 0, and size-based reads
     * (Files.readString) stop after the first byte.
     */
    static String read(Path file) throws IOException {
        if (!file.toFile().exists()) {
            throw new NoSuchFileException(file.toString());
        }
        try (InputStream in = new FileInputStream(file.toFile())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8).strip();
        }
    }

    static void write(Path file, String value) throws IOException {
        if (!file.toFile().exists()) {
            throw new NoSuchFileException(file.toString());
        }
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write((value + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
