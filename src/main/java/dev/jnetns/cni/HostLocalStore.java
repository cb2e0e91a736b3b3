package dev.jnetns.cni;

import static dev.jnetns.uapi.LinuxFcntl.LOCK_EX;
import static dev.jnetns.uapi.LinuxFcntl.O_CLOEXEC;
import static dev.jnetns.uapi.LinuxFcntl.O_CREAT;
import static dev.jnetns.uapi.LinuxFcntl.O_RDONLY;

import dev.jnetns.IpPrefix;
import dev.jnetns.sys.Syscalls;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * host-local's on-disk store, byte for byte, so that host-local and the built-in IPAM can take over
 * each other's directory: {@code DATADIR/NETWORK/ADDRESS} (the address as Go prints it) holds
 * "CONTAINERID\r\nIFNAME" for each lease, {@code last_reserved_ip.N} the address last leased from
 * range set N, and {@code lock} is the file every writer holds with flock(2) while it works (as
 * host-local does; record locks would not exclude it). Open for one call, closed after it.
 */
final class HostLocalStore implements AutoCloseable {
    private static final String LINE_BREAK = "\r\n";
    private static final String LAST = "last_reserved_ip.";
    private static final FileAttribute<Set<PosixFilePermission>> MODE_0644 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

    private final Path dir;
    private final int lock;

    private HostLocalStore(Path dir, int lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /** The store of {@code network} under {@code dataDir}, made when missing, held locked until closed. */
    static HostLocalStore open(Path dataDir, String network) throws IOException {
        Path dir = dataDir.resolve(network);
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Syscalls sys = Syscalls.get();
        int fd = sys.open(dir.resolve("lock").toString(), O_RDONLY | O_CREAT | O_CLOEXEC, 0750);
        try {
            sys.flock(fd, LOCK_EX);
        } catch (IOException e) {
            sys.close(fd);
            throw e;
        }
        return new HostLocalStore(dir, fd);
    }

    /**
     * Leases {@code ip} to {@code id}/{@code ifname} from range set {@code set}; false when it is
     * taken. The lease is written under a name that is no address and then linked to the address's
     * name (link(2) fails when that exists): a lease never shows half-written, which a process
     * killed between creating the file and writing it would leave, and no DEL could find. A
     * temporary name left by a kill holds the attachment's key, so DEL removes it too.
     */
    boolean reserve(String id, String ifname, InetAddress ip, int set) throws IOException {
        Path f = dir.resolve(IpPrefix.format(ip));
        Path tmp = temporary(id, ifname);
        write(tmp, key(id, ifname), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.createLink(f, tmp);
        } catch (FileAlreadyExistsException taken) {
            return false;
        } finally {
            Files.delete(tmp);
        }
        write(dir.resolve(LAST + set), IpPrefix.format(ip), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return true;
    }

    /** Writes a file as Go's os.OpenFile(..., 0644) does. */
    private static void write(Path f, String text, StandardOpenOption... how) throws IOException {
        Set<StandardOpenOption> options = new HashSet<>(List.of(how));
        options.add(StandardOpenOption.WRITE);
        try (SeekableByteChannel ch = Files.newByteChannel(f, options, MODE_0644)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** The address last leased from range set {@code set}, or null. */
    InetAddress lastReserved(int set) {
        try {
            return IpPrefix.parseAddress(Files.readString(dir.resolve(LAST + set)));
        } catch (IOException | IllegalArgumentException none) {
            return null;
        }
    }

    /** The addresses leased to {@code id}/{@code ifname} (or, as host-local 0.x wrote them, to {@code id}). */
    List<InetAddress> leasedTo(String id, String ifname) throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (Path f : files()) {
            String owner = owner(f);
            if (owner != null && (owner.equals(key(id, ifname)) || owner.equals(id.strip()))) {
                try {
                    out.add(IpPrefix.parseAddress(f.getFileName().toString()));
                } catch (IllegalArgumentException notALease) {
                    // not an address: no lease
                }
            }
        }
        return out;
    }

    /** Ends the leases of {@code id}/{@code ifname}; when there are none, those of {@code id} alone (older files). */
    void release(String id, String ifname) throws IOException {
        Files.deleteIfExists(temporary(id, ifname));   // a kill before its key was written leaves it empty
        if (!release(key(id, ifname))) {
            release(id.strip());
        }
    }

    private boolean release(String owner) throws IOException {
        boolean found = false;
        for (Path f : files()) {
            if (owner.equals(owner(f))) {
                Files.deleteIfExists(f);
                found = true;
            }
        }
        return found;
    }

    /** The name a lease of {@code id}/{@code ifname} is written under before it is linked to its address's. */
    private Path temporary(String id, String ifname) {
        return dir.resolve(".lease-" + id.strip() + "-" + ifname);
    }

    private static String key(String id, String ifname) {
        return id.strip() + LINE_BREAK + ifname;
    }

    /** Every file under the store, as host-local walks it. */
    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** What a file holds, stripped; null when it cannot be read (gone meanwhile). */
    private static String owner(Path f) {
        try {
            return Files.readString(f).strip();
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** Unlocks (the lock goes with the descriptor). */
    @Override
    public void close() throws IOException {
        Syscalls.get().close(lock);
    }
}
