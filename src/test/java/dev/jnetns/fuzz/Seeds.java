package dev.jnetns.fuzz;

import dev.jnetns.netlink.NlWriter;
import dev.jnetns.testutil.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The inputs each fuzz target starts from; {@code main TARGET DIR} writes them for bench/fuzz.sh. */
public final class Seeds {
    private Seeds() {
    }

    public static void main(String[] args) throws IOException {
        List<byte[]> seeds = of(args[0]);
        for (int i = 0; i < seeds.size(); i++) {
            Files.write(Path.of(args[1]).resolve("seed-" + i), seeds.get(i));
        }
    }

    /** Starting inputs: the examples, the test fixture's command lines, a nested netlink message. */
    static List<byte[]> of(String target) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (target.equals("TopologyFuzz")) {
            try (Stream<Path> files = Files.list(Path.of("examples"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    out.add(Files.readAllBytes(f));
                }
            }
        } else if (target.equals("CliFuzz")) {
            for (String line : Fixtures.COMMANDS) {
                out.add(String.join("\0", line.split("\\|")[0].split(" ")).getBytes(StandardCharsets.UTF_8));
            }
            out.add("-j\0-n\0x\0link\0show\0dev\0v0".getBytes(StandardCharsets.UTF_8));
        } else if (target.equals("NetlinkFuzz")) {
            NlWriter w = new NlWriter(256);
            w.beginMessage(16, 2, 1);
            w.raw(new byte[16]);
            w.attrString(3, "v0");
            int info = w.beginNested(18);
            w.attrString(1, "veth");
            int data = w.beginNested(2);
            w.attrU32(1, 7);
            w.endNested(data).endNested(info);
            w.endMessage();
            ByteBuffer b = w.bytes();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.add(bytes);
        } else {
            throw new IllegalArgumentException("no fuzz target " + target);
        }
        return out;
    }
}
