package dev.jnetns.cli;

import dev.jnetns.Address;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.RtNames;
import java.net.InetAddress;
import java.util.List;

/** Prints {@code ip addr show}: each link followed by its addresses, in text and JSON. */
final class AddressPrinter {
    private final LinkPrinter links;

    AddressPrinter(LinkPrinter links) {
        this.links = links;
    }

    private static String host(InetAddress a) {
        return IpPrefix.format(a);
    }

    private static List<Address> of(List<Address> all, Link l) {
        return all.stream().filter(a -> a.index() == l.index()).toList();
    }

    /** {@code ip -br addr show}: per device its name, state and {@code ADDRESS/LEN} list on one line. */
    String brief(List<Link> shown, List<Address> all) {
        StringBuilder sb = new StringBuilder();
        for (Link l : shown) {
            sb.append(links.briefHead(l));
            for (Address a : of(all, l)) {
                sb.append(prefix(a)).append(' ');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code ip -br -j addr show}. */
    String briefJson(List<Link> shown, List<Address> all, Json j) {
        j.beginArray();
        for (Link l : shown) {
            j.beginObject();
            if (links.hidden(l)) {
                j.endObject();
                continue;
            }
            links.briefHead(l, j);
            j.beginArrayKey("addr_info");
            for (Address a : of(all, l)) {
                j.beginObject().put("local", host(a.local()));
                if (a.peer() != null) {
                    j.put("address", host(a.peer()));
                }
                j.put("prefixlen", a.prefixLength()).endObject();
            }
            j.endArray().endObject();
        }
        return j.endArray().toString();
    }

    /**
     * The JSON of {@code ip -j addr show}; with {@code oneline} (ip's {@code -j -o}) each device is
     * only {@code {"addr_info": [...]}} and every address names its device ({@code index}, {@code dev}).
     */
    String json(List<Link> shown, List<Address> all, Json j, boolean oneline) {
        j.beginArray();
        for (Link l : shown) {
            j.beginObject();
            if (links.hidden(l)) {   // ip: {} (with -o its addresses are listed apart: {"addr_info": []})
                if (oneline) {
                    j.beginArrayKey("addr_info").endArray();
                }
                j.endObject();
                continue;
            }
            if (!oneline) {
                links.jsonFields(l, j, false);
            }
            j.beginArrayKey("addr_info");
            for (Address a : of(all, l)) {
                j.beginObject();
                if (oneline) {
                    j.put("index", l.index()).put("dev", l.name());
                }
                j.put("family", a.family() == 2 ? "inet" : "inet6");
                j.put("local", host(a.local()));
                if (a.peer() != null) {
                    j.put("address", host(a.peer()));
                }
                j.put("prefixlen", a.prefixLength());
                if (a.metric() >= 0) {
                    j.put("metric", a.metric());
                }
                if (a.broadcast() != null) {
                    j.put("broadcast", host(a.broadcast()));
                }
                if (a.anycast() != null) {
                    j.put("anycast", host(a.anycast()));
                }
                j.put("scope", RtNames.SCOPES.name(a.scope()));
                for (String f : a.flagNames()) {
                    j.put(f, true);
                }
                if (a.unnamedFlags() != 0) {
                    j.put("ifa_flags", String.format("%02x", a.unnamedFlags()));
                }
                if (a.label() != null) {
                    j.put("label", a.label());
                }
                if (a.validLifetime() >= 0) {
                    j.put("valid_life_time", a.validLifetime());
                    j.put("preferred_life_time", a.preferredLifetime());
                }
                j.endObject();
            }
            j.endArray();
            if (!oneline) {
                links.statsJson(l, j);
            }
            j.endObject();
        }
        return j.endArray().toString();
    }

    /** The lines of {@code ip addr show}: each device, its addresses, and with -s its counters. */
    String text(List<Link> shown, List<Address> all) {
        StringBuilder sb = new StringBuilder();
        for (Link l : shown) {
            sb.append(links.text(l, false));
            for (Address a : of(all, l)) {
                sb.append(text(a));
            }
            sb.append(links.statsText(l));
        }
        return sb.toString();
    }

    /**
     * {@code ip -o addr show}: one line per address, {@code IDX: NAME} before it and a backslash
     * where its own lines break.
     */
    String oneline(List<Link> shown, List<Address> all) {
        StringBuilder sb = new StringBuilder();
        for (Link l : shown) {
            for (Address a : of(all, l)) {
                sb.append(l.index()).append(": ").append(l.name()).append(LinkPrinter.oneline(text(a)));
            }
        }
        return sb.toString();
    }

    /** {@code LOCAL[ peer PEER]/LEN}, as ip writes an address. */
    private static String prefix(Address a) {
        return host(a.local()) + (a.peer() != null ? " peer " + host(a.peer()) : "") + "/" + a.prefixLength();
    }

    /** One address's lines: {@code "    inet ..."} and its lifetimes, newline included. */
    private static String text(Address a) {
        StringBuilder sb = new StringBuilder();
        sb.append("    ").append(a.family() == 2 ? "inet" : "inet6").append(' ').append(prefix(a)).append(' ');
        if (a.metric() >= 0) {
            sb.append("metric ").append(a.metric()).append(' ');
        }
        if (a.broadcast() != null) {
            sb.append("brd ").append(host(a.broadcast())).append(' ');
        }
        if (a.anycast() != null) {
            sb.append("any ").append(host(a.anycast())).append(' ');
        }
        sb.append("scope ").append(RtNames.SCOPES.name(a.scope())).append(' ');
        for (String f : a.flagNames()) {
            sb.append(f).append(' ');
        }
        if (a.unnamedFlags() != 0) {
            sb.append("flags ").append(String.format("%02x", a.unnamedFlags())).append(' ');
        }
        if (a.label() != null) {
            sb.append(a.label());
        }
        if (a.validLifetime() >= 0) {
            sb.append("\n       valid_lft ").append(lifetime(a.validLifetime()))
                    .append(" preferred_lft ").append(lifetime(a.preferredLifetime()));
        }
        return sb.append('\n').toString();
    }

    private static String lifetime(long seconds) {
        return seconds == Address.FOREVER ? "forever" : seconds + "sec";
    }
}
