package dev.jnetns.cli;

import dev.jnetns.Link;
import dev.jnetns.Links;
import dev.jnetns.NoSuchLinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which devices {@code link show} and {@code addr show} list, as ip reads it:
 * {@code [[dev] DEV] [up] [type KIND] [master DEV] [group G]} ({@code type KIND_slave} picks the
 * ports of a KIND master).
 */
record LinkFilter(String dev, boolean up, String kind, String master, Integer group) {

    /** Reads the filter words of {@code command}; anything else is a usage error. */
    static LinkFilter parse(Words w, String command) {
        String dev = null;
        boolean up = false;
        String kind = null;
        String master = null;
        Integer group = null;
        while (w.hasNext()) {
            String word = w.next();
            switch (word) {
                case "dev" -> dev = Links.checkName(w.valueOf(word));
                case "up" -> up = true;
                case "type" -> kind = w.valueOf(word);
                case "master" -> master = w.valueOf(word);
                case "group" -> {
                    String g = w.valueOf(word);
                    group = g.equals("default") ? 0 : (int) Words.parseNumber(word, g, 0xffffffffL);
                }
                default -> {
                    if (dev != null) {
                        throw new UsageException(command + ": unexpected \"" + word + "\"");
                    }
                    dev = Links.checkName(word);
                }
            }
        }
        return new LinkFilter(dev, up, kind, master, group);
    }

    /**
     * The part ip leaves to the kernel (device, kind, master); ip -j prints the devices that pass it
     * but not the rest ({@code up}, {@code group}, {@code type KIND_slave}) as {@code {}}.
     */
    LinkFilter kernelSide() {
        return new LinkFilter(dev, false, kind != null && kind.endsWith("_slave") ? null : kind, master, null);
    }

    /** The devices of {@code all} the filter keeps, in the kernel's order. */
    List<Link> apply(List<Link> all) throws NoSuchLinkException {
        int masterIndex = master == null ? 0 : named(all, master).index();
        if (dev != null) {
            named(all, dev);   // ip: Device "x" does not exist
        }
        List<Link> out = new ArrayList<>();
        for (Link l : all) {
            if (keeps(l) && (master == null || l.masterIndex() == masterIndex)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Whether {@code l} passes every test but {@code master} (which needs the list to resolve). */
    boolean keeps(Link l) {
        return (dev == null || l.name().equals(dev)) && (!up || l.isUp())
                && (kind == null || kind.equals(l.kind()) || kind.equals(l.slaveKind() + "_slave"))
                && (group == null || l.group() == group);
    }

    /** The device called {@code name} in a listing already made (no second request). */
    static Link named(List<Link> all, String name) throws NoSuchLinkException {
        for (Link l : all) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new NoSuchLinkException("Device \"" + name + "\" does not exist");
    }
}
