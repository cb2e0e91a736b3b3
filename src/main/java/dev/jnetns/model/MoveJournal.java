package dev.jnetns.model;

import dev.jnetns.sys.Errno;
import dev.jnetns.sys.ErrnoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The configuration a device move must restore, kept in {@code /run/jnetns/move/INODE-DEV} (INODE:
 * the source namespace) from before the device leaves its namespace until the move or its
 * rollback is complete. The kernel flushes a moved device's addresses and routes: without this
 * record a move killed midway would lose them; with it, the same move run again finishes the job.
 * /run is a tmpfs, like the namespaces it outlives no reboot.
 */
final class MoveJournal {
    static final Path DIR = Path.of("/run/jnetns/move");

    private final Path file;

    MoveJournal(long sourceInode, String dev) {
        this.file = DIR.resolve(sourceInode + "-" + dev);
    }

    /** The record of an interrupted move of this device, or null. */
    @SuppressWarnings("unchecked")
    Map<String, Object> read() throws ErrnoException {
        try {
            return (Map<String, Object>) JsonText.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new ErrnoException("cannot read " + file + " (" + e.getMessage() + ")", Errno.EIO.number());
        }
    }

    /** Writes the record whole or not at all (a new file renamed over the old). */
    void write(Map<String, Object> config) throws ErrnoException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.createDirectories(DIR);
            Files.writeString(tmp, JsonText.write(config), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AccessDeniedException e) {
            throw new ErrnoException("cannot write " + file + " (needs root)", Errno.EACCES.number());
        } catch (IOException e) {
            throw new ErrnoException("cannot write " + file + " (" + e.getMessage() + ")", Errno.EIO.number());
        }
    }

    /** The move is complete (or undone): forgets the record. */
    void delete() throws ErrnoException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ErrnoException("cannot remove " + file + " (" + e.getMessage() + ")", Errno.EIO.number());
        }
    }
}
