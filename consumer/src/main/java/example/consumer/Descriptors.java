package example.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What this process holds open that jnetns could leak: sockets, and namespaces other than the
 * process's own (jnetns keeps one descriptor of that for good, where its creator threads return).
 */
final class Descriptors {
    private Descriptors() {
    }

    /** "FD -> TARGET" of the /proc/self/fd entries that are sockets or other namespaces, sorted. */
    static List<String> namespacesAndSockets() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("net:[") && !target.equals(own) || target.startsWith("socket:[")) {
                        out.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException e) {
                    // closed while listing (the directory stream's own fd, say)
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }
}
