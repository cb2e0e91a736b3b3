package dev.jnetns.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** IP protocol names from /etc/protocols, both ways, as ip's inet_proto_n2a and inet_proto_a2n use them. */
final class IpProtocols {
    private IpProtocols() {
    }

    /** The name of IP protocol {@code number} ("tcp"), or {@code ipproto-N} as ip writes one it cannot name. */
    static String name(int number) {
        for (String[] f : protocols()) {
            if (f[1].equals(Integer.toString(number))) {
                return f[0];
            }
        }
        return "ipproto-" + number;
    }

    /**
     * The number of an IP protocol name or alias ("tcp", "TCP"), or of a number (0..255), as ip
     * reads {@code ipproto P}.
     *
     * @throws UsageException when it is neither
     */
    static int number(String name) {
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

    /** The lines of /etc/protocols as fields (name, number, aliases), comments left out; none without the file. */
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
            // no names: ip prints and reads numbers
        }
        return out;
    }
}
