package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_DEPRECATED;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;

import dev.jnetns.Address;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.RtNames;
import java.util.List;
import java.util.function.Predicate;

/**
 * Prints {@code ip addr show}: each link followed by its addresses, one print path for text and
 * JSON (iproute2's ipaddr_list loop, print_selected_addrinfo and print_addrinfo).
 */
final class AddressPrinter {
    private final LinkPrinter links;
    private final int stats;
    /** The addresses the selectors keep; ip prints the others as nothing (in JSON {}). */
    private final Predicate<Address> kept;
    /** Addresses only, without their devices (ip with {@code label}). */
    private final boolean noLink;
    /** Devices only, as {@code link show} prints them ({@code -0}, AF_PACKET: no addr_info). */
    private final boolean packet;

    AddressPrinter(LinkPrinter links, int stats, Predicate<Address> kept, boolean noLink, boolean packet) {
        this.links = links;
        this.stats = stats;
        this.kept = kept;
        this.noLink = noLink;
        this.packet = packet;
    }

    /** Each address after {@code IDX: DEV} (in JSON index and dev) as with -o, its lines apart: ip -echo addr show. */
    private boolean headed;

    AddressPrinter headed(boolean on) {
        headed = on;
        return this;
    }

    private static List<Address> of(List<Address> all, Link l) {
        return all.stream().filter(a -> a.index() == l.index()).toList();
    }

    /**
     * The devices and their addresses: {@code ip addr show}, {@code -br}, {@code -o}, and their
     * {@code -j} forms (a device or an address ip's own filter drops is an empty JSON object).
     */
    void print(List<Link> shown, List<Address> all, Out out, boolean brief, boolean oneline) {
        out.beginArray(null);
        for (Link l : shown) {
            out.beginObject(null);
            boolean printed = !links.hidden(l);
            if (printed && brief && !noLink) {
                links.brief(l, out, packet);
            } else if (printed && (!oneline || packet) && !brief && !noLink) {
                int mark = out.length();
                links.print(l, out, false);
                out.text("\n");
                if (oneline && !out.json()) {
                    out.text(LinkPrinter.oneline(out.cut(mark)));
                }
            }
            if (packet) {
                if (printed && brief && !noLink) {
                    out.text("\n");
                }
            } else if (printed || oneline) {
                out.beginArray("addr_info");
                for (Address a : printed ? of(all, l) : List.<Address>of()) {
                    out.beginObject(null);
                    if (kept.test(a)) {
                        address(a, l.index(), l.name(), out, brief, oneline || headed, oneline);
                    }
                    out.endObject();
                }
                out.endArray();
                if (brief) {
                    out.text("\n");
                }
            }
            if (printed && (!oneline || packet) && !brief && !noLink && stats > 0 && l.stats() != null) {
                int mark = out.length();
                StatsPrinter.print(l, stats, out);
                out.text("\n");
                if (oneline && !out.json()) {   // ip joins them with backslashes and ends without a newline
                    out.text(out.cut(mark).replace('\n', '\\'));
                }
            }
            out.endObject();
        }
        out.endArray();
    }

    /**
     * The addresses of {@code ip addr showdump}: each as {@code ifINDEX:} and its lines (ipaddress.c
     * show_handler); in JSON one object whose addr_info holds them, each with its "index". With
     * {@code -o} each on one line; with {@code -br} the address after its line, without a newline.
     */
    static void saved(List<Address> addrs, Out out, boolean brief, boolean oneline) {
        out.beginArray(null);
        out.beginObject(null);
        out.beginArray("addr_info");
        for (Address a : addrs) {
            out.beginObject(null);
            out.number("index", "if%s:", a.index());
            out.text(oneline ? "\\" : "\n");   // print_nl: ip's line break, a backslash with -o
            int mark = out.length();
            address(a, a.index(), null, out, brief, false, false);
            if (oneline && !brief && !out.json()) {
                out.text(LinkPrinter.oneline(out.cut(mark)));
            }
            out.endObject();
        }
        out.endArray();
        out.endObject();
        out.endArray();
    }

    /**
     * One address as {@code ip monitor} prints it: {@code IDX: DEV} and the address's lines (iproute2's
     * print_addrinfo under its monitor filter, whose oneline is set but whose lines stay apart).
     */
    static void monitor(Address a, String dev, Out out) {
        address(a, a.index(), dev, out, false, true, false);
    }

    /** One address alone as {@code -br} prints it, {@code LOCAL/LEN } without a line end (ip -echo -br). */
    static void brief(Address a, Out out) {
        address(a, a.index(), null, out, true, false, false);
    }

    /**
     * One address an {@code addr flush} deletes, as {@code -s -s} lists it: {@code IDX: DEV} and its
     * lines, joined with {@code -o} (print_addrinfo under a flush).
     */
    static void flushed(Address a, String dev, boolean oneline, Out out) {
        address(a, a.index(), dev, out, false, true, oneline);
    }

    /** One address (iproute2's print_addrinfo): {@code header}: after {@code IDX: NAME}; {@code oneline}: its lines joined by backslashes. */
    private static void address(Address a, int index, String name, Out out, boolean brief, boolean header,
            boolean oneline) {
        int mark = out.length();
        if (!brief) {
            if (header) {
                out.number("index", null, index);
                out.string("dev", null, name);
                out.text(index + ": " + name);
            }
            if (a.family() == AF_INET || a.family() == AF_INET6) {
                out.string("family", "    %s ", a.family() == AF_INET ? "inet" : "inet6");
            } else {
                out.number("family_index", "    family %s ", a.family());
            }
        }
        out.string("local", "%s", IpPrefix.format(a.local()));
        if (a.peer() != null) {
            out.text(" peer ");
            out.string("address", "%s", IpPrefix.format(a.peer()));
        }
        out.number("prefixlen", "/%s ", a.prefixLength());
        if (a.metric() >= 0) {
            out.number("metric", "metric %s ", a.metric());
        }
        if (brief) {
            return;
        }
        if (a.broadcast() != null) {
            out.text("brd ");
            out.string("broadcast", "%s ", IpPrefix.format(a.broadcast()));
        }
        if (a.anycast() != null) {
            out.text("any ");
            out.string("anycast", "%s ", IpPrefix.format(a.anycast()));
        }
        out.name("scope", "scope %s ", RtNames.SCOPES, a.scope());
        for (String f : a.flagNames()) {
            out.bool(f, f + " ", true);
        }
        if (a.unnamedFlags() != 0) {
            String hex = String.format("%02x", a.unnamedFlags());
            out.string("ifa_flags", null, hex);
            out.text("flags " + hex + " ");
        }
        if (a.label() != null) {
            out.string("label", "%s", a.label());
        }
        if (a.hasLifetimes()) {
            out.text("\n       valid_lft ");
            lifetime(out, "valid_life_time", a.validLifetime(), false);
            out.text(" preferred_lft ");
            lifetime(out, "preferred_life_time", a.preferredLifetime(), (a.flags() & IFA_F_DEPRECATED) != 0);
        }
        out.text("\n");
        if (oneline && !out.json()) {
            out.text(LinkPrinter.oneline(out.cut(mark)));
        }
    }

    /** {@code forever} or {@code Nsec} (a deprecated address's preferred lifetime as a signed number). */
    private static void lifetime(Out out, String key, long seconds, boolean signed) {
        if (seconds == Address.FOREVER) {
            out.number(key, null, seconds);
            out.text("forever");
        } else {
            out.number(key, "%ssec", signed ? (int) seconds : seconds);
        }
    }
}
