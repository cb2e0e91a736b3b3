package dev.jnetns.cni;

import dev.jnetns.Netns;
import dev.jnetns.model.JsonText;
import dev.jnetns.ErrnoException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One file per attachment, {@code stateDir/NETWORK/CONTAINERID:IFNAME} (':' is in neither), holding
 * the container's namespace (its path and inode) and, when the ADD is the one that makes the
 * bridge, the bridge's name (the bridge gets its jnetns alias only after it exists). ADD writes it before anything else and DEL removes it after
 * everything else, so GC finds the attachments of every mode through it (macvlan and move leave
 * nothing on the runtime's side to find), and an ADD killed half-way leaves one that DEL or GC clean
 * up with the rest. Written whole under a temporary name, then renamed.
 */
final class AttachmentRecords {
    /**
     * An attachment ADD began: container, interface, its namespace's path ("" when not known) and
     * inode, and the bridge it makes ("" for none).
     */
    record Entry(String containerId, String ifname, String netns, long inode, String bridge) {

        /** True when this attachment's ADD made (or was about to make) the bridge of {@code c}. */
        boolean madeBridge(CniConfig c) {
            return bridge.equals(c.bridge());
        }

        /**
         * The container's namespace when its path still leads to the same one (a path such as
         * /proc/PID/ns/net may name another namespace by now), else null.
         */
        Netns openNetns() {
            if (netns.isEmpty()) {
                return null;
            }
            try {
                Netns ns = Netns.open(netns);
                if (ns.inode() == inode) {
                    return ns;
                }
                ns.close();
            } catch (ErrnoException gone) {
                // the container's namespace is gone, and what was in it
            }
            return null;
        }
    }

    private AttachmentRecords() {
    }

    private static Path dir(CniConfig c) {
        return c.stateDir().resolve(c.name());
    }

    private static Path file(CniConfig c, String containerId, String ifname) {
        return dir(c).resolve(containerId + ":" + ifname);
    }

    /**
     * Records attachment {@code e} of network {@code c}, in the namespace of inode {@code inode};
     * {@code makesBridge}: its ADD is to make the bridge.
     */
    static void write(CniConfig c, CniEnv e, long inode, boolean makesBridge) throws IOException {
        Path f = file(c, e.containerId(), e.ifname());
        Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("netns", e.netns());
        m.put("inode", inode);
        if (makesBridge) {
            m.put("bridge", c.bridge());
        }
        Files.createDirectories(f.getParent());
        Files.writeString(tmp, JsonText.write(m));
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forgets the attachment (and a temporary file an interrupted {@link #write} left); nothing there is fine. */
    static void remove(CniConfig c, String containerId, String ifname) throws IOException {
        Path f = file(c, containerId, ifname);
        Files.deleteIfExists(f);
        Files.deleteIfExists(f.resolveSibling("." + f.getFileName() + ".tmp"));
    }

    /** The record of one attachment, or null. */
    static Entry find(CniConfig c, String containerId, String ifname) {
        Path f = file(c, containerId, ifname);
        return Files.exists(f) ? entry(containerId, ifname, f) : null;
    }

    /** The attachments of network {@code c} on record. */
    static List<Entry> list(CniConfig c) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir(c))) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int colon = name.indexOf(':');
                if (name.startsWith(".") || colon < 0) {
                    continue;
                }
                out.add(entry(name.substring(0, colon), name.substring(colon + 1), f));
            }
        } catch (NoSuchFileException none) {
            // no attachment was ever recorded for this network
        }
        return out;
    }

    /** A record; an unreadable one names no namespace (its attachment is cleaned up all the same). */
    private static Entry entry(String containerId, String ifname, Path f) {
        try {
            Map<?, ?> m = (Map<?, ?>) JsonText.parse(Files.readString(f));
            Object bridge = m.get("bridge");
            return new Entry(containerId, ifname, (String) Objects.requireNonNull(m.get("netns")), (Long) m.get("inode"),
                    bridge instanceof String ? (String) bridge : "");
        } catch (IOException | RuntimeException unreadable) {
            return new Entry(containerId, ifname, "", 0, "");
        }
    }
}
