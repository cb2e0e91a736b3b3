package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Neighbour;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints neighbour entries as {@code ip neigh show} does, in text and JSON. */
final class NeighbourPrinter {
    private static final int NTF_PROXY = 0x08;
    private static final int NTF_ROUTER = 0x80;

    private final Map<Integer, String> names = new HashMap<>();

    NeighbourPrinter(List<Link> links) {
        links.forEach(l -> names.put(l.index(), l.name()));
    }

    private String dev(int index) {
        String n = names.get(index);
        return n != null ? n : "if" + index;
    }

    String json(List<Neighbour> entries, Json j) {
        j.beginArray();
        for (Neighbour n : entries) {
            j.beginObject();
            fields(n, j);
            j.endObject();
        }
        return j.endArray().toString();
    }

    /** The members of one entry's JSON object. */
    void fields(Neighbour n, Json j) {
        j.put("dst", IpPrefix.format(n.dst()));
        j.put("dev", dev(n.index()));
        if (n.lladdr() != null) {
            j.put("lladdr", n.lladdr());
        }
        if ((n.flags() & NTF_ROUTER) != 0) {
            j.putNull("router");   // as ip -j prints it
        }
        if ((n.flags() & NTF_PROXY) != 0) {
            j.putNull("proxy");
        }
        j.put("state", n.stateNames());
    }

    String text(List<Neighbour> entries) {
        StringBuilder sb = new StringBuilder();
        for (Neighbour n : entries) {
            sb.append(IpPrefix.format(n.dst())).append(" dev ").append(dev(n.index())).append(' ');
            if (n.lladdr() != null) {
                sb.append("lladdr ").append(n.lladdr()).append(' ');
            }
            if ((n.flags() & NTF_ROUTER) != 0) {
                sb.append("router ");
            }
            if ((n.flags() & NTF_PROXY) != 0) {
                sb.append("proxy ");
            }
            sb.append(String.join(" ", n.stateNames())).append(" \n");
        }
        return sb.toString();
    }
}
