package dev.jnetns.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * ip's save files: a 4-byte magic (host byte order) then netlink messages as the kernel sent them,
 * which {@code ip route|addr|rule save} write to stdout (iproute.c save_route, ipaddress.c
 * save_nlmsg, iprule.c save_rule) and {@code restore} and {@code showdump} read from stdin (the
 * checks of route_dump_check_magic and its twins, then libnetlink.c rtnl_from_file).
 */
final class SaveFile {
    /** iproute.c route_dump_magic. */
    static final int ROUTES = 0x45311224;
    /** ipaddress.c ipadd_dump_magic. */
    static final int ADDRESSES = 0x47361222;
    /** iprule.c rule_dump_magic. */
    static final int RULES = 0x71706986;

    /** rtnl_from_file's buffer: a longer message is malformed. */
    private static final int MAX_MESSAGE = 16384;
    private static final int NLMSG_HDRLEN = 16;

    private final byte[] bytes;
    private int pos;
    private final int exit;

    private SaveFile(byte[] bytes, int pos, int exit) {
        this.bytes = bytes;
        this.pos = pos;
        this.exit = exit;
    }

    /**
     * Begins a save as save_route_prep does: refuses a terminal on stdout ("Not sending a binary
     * stream to stdout", exit 1), then writes the magic; returns where the messages go.
     */
    static OutputStream begin(JnetnsCommand top, int magic) {
        if (terminal(1)) {
            throw new CommandFailed("Not sending a binary stream to stdout");
        }
        OutputStream out = top.binaryOut();
        write(out, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(magic).array());
        return out;
    }

    /** Writes one saved message, as ip writes it: {@code nlmsg_len} bytes. */
    static void write(OutputStream out, byte[] message) {
        try {
            out.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a save: what was written reaches stdout. */
    static void end(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens stdin as a dump file of {@code what} ("route", "address", "rule"): refuses a terminal
     * ("Can't restore WHAT dump from a terminal") and a wrong magic ("Magic mismatch (N elems, X
     * magic)"), both with exit code {@code magicExit}, as ip's *_dump_check_magic.
     *
     * @param fileExit the exit code for a defect of the messages after the magic (a truncated or
     *        malformed message): 2 for route (iproute.c returns -2), 255 for the others (exit(-1))
     */
    static SaveFile open(String what, int magic, int magicExit, int fileExit) {
        if (terminal(0)) {
            throw new CommandFailed("Can't restore " + what + " dump from a terminal", magicExit);
        }
        byte[] in;
        try {
            in = System.in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = Math.min(4, in.length);
        int found = ByteBuffer.wrap(Arrays.copyOf(in, 4)).order(ByteOrder.nativeOrder()).getInt();
        if (n < 4 || found != magic) {
            throw new CommandFailed("Magic mismatch (" + (n == 4 ? 1 : 0) + " elems, "
                    + Integer.toHexString(found) + " magic)", magicExit);
        }
        return new SaveFile(in, 4, fileExit);
    }

    /**
     * Fails unless stdin can seek, as {@code ip route restore} does (its ftell, to read the file
     * once per pass): a pipe is refused with "Failed to restore: ftell: Illegal seek" (exit 1).
     */
    static void requireSeekable() {
        try {
            new FileInputStream(FileDescriptor.in).getChannel().position();   // lseek: ESPIPE on a pipe
        } catch (IOException e) {
            throw new CommandFailed("Failed to restore: ftell: Illegal seek");
        }
    }

    /** Back to the first message, for another pass ({@code ip route restore}'s fseek). */
    void rewind() {
        pos = 4;
    }

    /**
     * The next message, null at the end of the file; fails as rtnl_from_file does on a truncated
     * message ("rtnl-from_file: truncated message") or a malformed one ("!!!malformed message:
     * len=N @POS"), with the file's exit code; the messages before it have been handled.
     */
    byte[] next() {
        int left = bytes.length - pos;
        if (left == 0) {
            return null;
        }
        if (left < NLMSG_HDRLEN) {
            throw new CommandFailed("rtnl-from_file: truncated message", exit);
        }
        int len = ByteBuffer.wrap(bytes, pos, 4).order(ByteOrder.nativeOrder()).getInt();
        if (len < NLMSG_HDRLEN || len > MAX_MESSAGE) {
            throw new CommandFailed("!!!malformed message: len=" + len + " @" + (pos + NLMSG_HDRLEN), exit);
        }
        int aligned = (len + 3) & ~3;
        if (left < aligned) {
            throw new CommandFailed("rtnl-from_file: truncated message", exit);
        }
        byte[] m = Arrays.copyOfRange(bytes, pos, pos + len);
        pos += aligned;
        return m;
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (isatty). */
    private static boolean terminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException e) {
            return false;
        }
    }
}
