package dev.jnetns.model;

import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWADDR;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWNEIGH;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWROUTE;

import dev.jnetns.Address;
import dev.jnetns.Route;
import dev.jnetns.netlink.NlMessage;
import dev.jnetns.netlink.NlWriter;
import dev.jnetns.rtnl.AddressCodec;
import dev.jnetns.rtnl.NeighbourCodec;
import dev.jnetns.rtnl.RouteCodec;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The configuration a device move must restore ({@link CarriedConfig}), kept in
 * {@code /run/jnetns/move/INODE-DEV} (INODE: the source namespace) from before the device leaves
 * its namespace until the move or its rollback is complete. The kernel flushes a moved device's
 * addresses and routes: without this record a move killed midway would lose them; with it, the
 * same move run again finishes the job. /run is a tmpfs, like the namespaces it outlives no reboot.
 *
 * <p>The record is lossless: each address, neighbour and route is kept as the netlink message
 * (RTM_NEWADDR, RTM_NEWNEIGH, RTM_NEWROUTE) that carries the dumped record, in hex, and read back
 * with the same codec; the rest is JSON: {@code {"dev", "index", "up", "wasUp", "sysctls": {PATH:
 * VALUE}, "addresses": [HEX], "neighbours": [HEX], "routes": [HEX]}}.
 */
final class MoveJournal {
    static final Path DIR = Path.of("/run/jnetns/move");
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;

    MoveJournal(long sourceInode, String dev) {
        this.file = DIR.resolve(sourceInode + "-" + dev);
    }

    /** The record of an interrupted move of this device, or null. */
    CarriedConfig read() throws ErrnoException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            throw new ErrnoException("cannot read " + file + " (" + e.getMessage() + ")", Errno.EIO.number());
        }
    }

    /** Writes the record whole or not at all (a new file renamed over the old). */
    void write(CarriedConfig c) throws ErrnoException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.createDirectories(DIR);
            Files.writeString(tmp, format(c), StandardCharsets.UTF_8);
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

    /** {@code c} as the journal's JSON. */
    static String format(CarriedConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dev", c.dev());
        m.put("index", (long) c.index());
        m.put("up", c.up());
        m.put("wasUp", c.wasUp());
        m.put("sysctls", new TreeMap<String, Object>(c.sysctls()));
        m.put("addresses", hex(c.addresses(), RTM_NEWADDR, AddressCodec::encode));
        m.put("neighbours", hex(c.neighbours(), RTM_NEWNEIGH, NeighbourCodec::encode));
        m.put("routes", hex(c.routes(), RTM_NEWROUTE, RouteCodec::encode));
        return JsonText.write(m);
    }

    /** The record {@link #format} wrote. */
    @SuppressWarnings("unchecked")
    static CarriedConfig parse(String text) {
        Map<String, Object> m = (Map<String, Object>) JsonText.parse(text);
        Map<String, String> sysctls = new TreeMap<>();
        ((Map<String, Object>) m.get("sysctls")).forEach((k, v) -> sysctls.put(k, (String) v));
        return new CarriedConfig((String) m.get("dev"), ((Number) m.get("index")).intValue(),
                (Boolean) m.get("up"), (Boolean) m.get("wasUp"), sysctls, records((List<Object>) m.get("addresses"), AddressCodec::decode),
                records((List<Object>) m.getOrDefault("neighbours", List.of()), NeighbourCodec::decode),
                records((List<Object>) m.get("routes"), RouteCodec::decode));
    }

    private static <T> List<Object> hex(List<T> records, int type, BiConsumer<T, NlWriter> encode) {
        List<Object> out = new ArrayList<>();
        for (T r : records) {
            NlWriter w = new NlWriter(512);
            w.beginMessage(type, 0, 0);
            encode.accept(r, w);
            w.endMessage();
            ByteBuffer b = w.bytes();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.add(HEX.formatHex(bytes));
        }
        return out;
    }

    private static <T> List<T> records(List<Object> hex, Function<NlMessage, T> decode) {
        List<T> out = new ArrayList<>();
        for (Object h : hex) {
            ByteBuffer b = ByteBuffer.wrap(HEX.parseHex((String) h)).order(ByteOrder.nativeOrder());
            NlMessage.each(b, m -> out.add(decode.apply(m)));
        }
        return List.copyOf(out);
    }
}
