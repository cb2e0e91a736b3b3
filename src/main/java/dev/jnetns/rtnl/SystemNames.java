package dev.jnetns.rtnl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** User and group names by id, from /etc/passwd and /etc/group, as ip prints them; null when unknown. */
final class SystemNames {
    private SystemNames() {
    }

    static String user(long uid) {
        return lookup(Path.of("/etc/passwd"), uid);
    }

    static String group(long gid) {
        return lookup(Path.of("/etc/group"), gid);
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
            // no names: ip prints the number
        }
        return null;
    }
}
