package dev.jnetns.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** User and group names by id and ids by name, from /etc/passwd and /etc/group as ip reads them; the number when unknown. */
final class SystemNames {
    private SystemNames() {
    }

    static String user(long uid) {
        return lookup(Path.of("/etc/passwd"), uid);
    }

    static String group(long gid) {
        return lookup(Path.of("/etc/group"), gid);
    }

    /** The uid of user {@code name}, -1 when there is none. */
    static long uid(String name) {
        return id(Path.of("/etc/passwd"), name);
    }

    /** The gid of group {@code name}, -1 when there is none. */
    static long gid(String name) {
        return id(Path.of("/etc/group"), name);
    }

    private static long id(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[0].equals(name)) {
                    return Long.parseLong(f[2]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no such name
        }
        return -1;
    }

    /** The first field of the line whose third field is {@code id}. */
    private static String lookup(Path file, long id) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(Long.toString(id))) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            // no names: the number, as ip prints an id it cannot name
        }
        return Long.toString(id);
    }
}
