package dev.jnetns.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * User and group names by id, from /etc/passwd and /etc/group, and IP protocol names from
 * /etc/protocols, as ip prints them (getpwuid, getgrgid, getprotobynumber); the number when unknown.
 */
final class SystemNames {
    private SystemNames() {
    }

    static String user(long uid) {
        return lookup(Path.of("/etc/passwd"), uid);
    }

    static String group(long gid) {
        return lookup(Path.of("/etc/group"), gid);
    }

    /** The name of IP protocol {@code number} ("tcp"), or {@code ipproto-N} as ip writes one it cannot name. */
    static String ipProtocol(int number) {
        for (String[] f : protocols()) {
            if (f[1].equals(Integer.toString(number))) {
                return f[0];
            }
        }
        return "ipproto-" + number;
    }

    /**
     * The number of an IP protocol name or alias, or of a number (0..255), as ip's inet_proto_a2n
     * reads {@code ipproto P}.
     *
     * @throws UsageException when it is neither
     */
    static int ipProtocol(String name) {
        for (String[] f : protocols()) {
            for (int i = 0; i < f.length; i++) {
                if (i != 1 && f[i].equals(name)) {
                    return Integer.parseInt(f[1]);
                }
            }
        }
        try {
            int n = Integer.parseInt(name);
            if (n >= 0 && n <= 255) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("Invalid \"ipproto\" value \"" + name + "\"");
    }

    /** The lines of /etc/protocols as fields (name, number, aliases), comments left out. */
    private static List<String[]> protocols() {
        List<String[]> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/protocols"), StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                String[] f = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                if (f.length >= 2) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            // no names: numbers only
        }
        return out;
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
