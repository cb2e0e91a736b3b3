package dev.jnetns.rtnl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden file ({@code src/test/resources/golden/OBJECT/NAME.golden}, written by
 * {@code bench/golden/capture.py}): a message the kernel sent ({@code origin: kernel}) or one ip
 * sent ({@code origin: request}), and what its record must hold.
 *
 * <pre>
 * # comments (the capture tool lists the attributes here)
 * setup: link add v0 type veth peer name v1          ip commands run before (informational)
 * source: addr add 198.18.1.1/32 peer 198.18.1.2 dev v0 label v0:p
 * origin: kernel                                     kernel | request
 * type: RTM_NEWADDR                                  a constant of LinuxRtnetlink
 * flags: 0x2                                         nlmsg_flags as sent (informational)
 * body: 0220800003000000...                          the bytes after the nlmsghdr, in hex
 * expect: label=v0:p                                 a record component (dotted for nested
 * expect: local=198.18.1.1                             records) and its value, one per line
 * afresh: no (REASON)                                a request whose attribute order depends on
 *                                                      ip's command line: skip the afresh check
 * </pre>
 *
 * @param path where the file is
 * @param source the command that made the message
 * @param origin kernel or request
 * @param type the message type's name
 * @param body the message after its nlmsghdr
 * @param expect the record fields to check, in file order
 * @param afresh whether a request must also come out the same from a record written afresh
 */
record GoldenFile(Path path, String source, String origin, String type, byte[] body, Map<String, String> expect,
                  boolean afresh) {
    private static final List<String> KEYS = List.of("setup", "source", "origin", "type", "flags", "body", "afresh",
            "expect");

    /** Reads {@code path}; fails naming the line when the file is malformed. */
    static GoldenFile read(Path path) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> expect = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(path);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            String key = colon < 0 ? line : line.substring(0, colon);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(path + ":" + (i + 1) + ": expected one of " + KEYS + ": " + line);
            }
            String value = colon < 0 ? "" : line.substring(colon + 2);
            if (key.equals("expect")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": expect needs FIELD=VALUE: " + line);
                }
                expect.put(value.substring(0, eq), value.substring(eq + 1));
            } else if (fields.put(key, value) != null) {
                throw new IllegalArgumentException(path + ":" + (i + 1) + ": " + key + " given twice");
            }
        }
        for (String required : List.of("source", "origin", "type", "body")) {
            if (!fields.containsKey(required)) {
                throw new IllegalArgumentException(path + ": no " + required + " line");
            }
        }
        String origin = fields.get("origin");
        if (!origin.equals("kernel") && !origin.equals("request")) {
            throw new IllegalArgumentException(path + ": origin is kernel or request, not " + origin);
        }
        return new GoldenFile(path, fields.get("source"), origin, fields.get("type"),
                HexFormat.of().parseHex(fields.get("body")), expect,
                origin.equals("request") && !fields.getOrDefault("afresh", "yes").startsWith("no"));
    }

    /** The files under {@code root}, the {@code pending} folder left out. */
    static List<Path> under(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".golden"))
                    .filter(p -> !root.relativize(p).startsWith("pending"))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }
}
