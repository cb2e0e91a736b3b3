package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_DADFAILED;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_DEPRECATED;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_HOMEADDRESS;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_MANAGETEMPADDR;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_MCAUTOJOIN;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_NODAD;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_NOPREFIXROUTE;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_OPTIMISTIC;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_PERMANENT;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_SECONDARY;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_STABLE_PRIVACY;
import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_TENTATIVE;

import dev.jnetns.Address;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.RtNames;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which devices and addresses {@code link show} and {@code addr show|flush} list, read as ip reads
 * them (ipaddress.c): {@code [[dev] DEV] [up] [type KIND] [master DEV|nomaster] [group G]
 * [to PREFIX] [scope S|all] [label PATTERN] [FLAG]...} ({@code type KIND_slave} picks the ports of a
 * KIND master; FLAG is permanent, dynamic, secondary, primary, tentative, deprecated, ... each with
 * a leading '-' for its negation).
 *
 * @param master the master's name, "" for {@code nomaster}, null for either
 * @param scope the scope, null for any
 * @param flags the IFA_F_* bits the {@code flagMask} bits must equal
 */
record LinkFilter(String dev, boolean up, String kind, String master, Integer group, IpPrefix to, Integer scope,
                  String label, int flags, int flagMask) {

    /** ip's address flag names (ifa_flag_names), "dynamic" and "primary" being negations. */
    private static final Map<String, Integer> FLAGS = Map.ofEntries(
            Map.entry("secondary", IFA_F_SECONDARY), Map.entry("temporary", IFA_F_SECONDARY),
            Map.entry("nodad", IFA_F_NODAD), Map.entry("optimistic", IFA_F_OPTIMISTIC),
            Map.entry("dadfailed", IFA_F_DADFAILED), Map.entry("home", IFA_F_HOMEADDRESS),
            Map.entry("deprecated", IFA_F_DEPRECATED), Map.entry("tentative", IFA_F_TENTATIVE),
            Map.entry("permanent", IFA_F_PERMANENT), Map.entry("mngtmpaddr", IFA_F_MANAGETEMPADDR),
            Map.entry("noprefixroute", IFA_F_NOPREFIXROUTE), Map.entry("autojoin", IFA_F_MCAUTOJOIN),
            Map.entry("stable-privacy", IFA_F_STABLE_PRIVACY));

    /** Reads the filter words of {@code command} for addresses of {@code family} (0 for any). */
    static LinkFilter parse(Words w, String usage, int family) {
        String dev = null;
        boolean up = false;
        String kind = null;
        String master = null;
        Integer group = null;
        IpPrefix to = null;
        Integer scope = null;
        String label = null;
        int flags = 0;
        int mask = 0;
        while (w.hasNext()) {
            String word = w.next();
            switch (word) {
                case "to" -> to = Words.prefix(w.value(), family);
                case "scope" -> {
                    String s = w.value();
                    scope = s.equals("all") ? null : scope(s);
                }
                case "up" -> up = true;
                case "label" -> label = w.value();
                case "group" -> {
                    String g = w.value();
                    group = g.equals("default") ? 0 : (int) Words.parseNumber("group", g, 0xffffffffL);
                }
                case "master" -> master = w.value();
                case "nomaster" -> master = "";
                case "type" -> kind = w.value();
                default -> {
                    String f = word.startsWith("-") ? word.substring(1) : word;
                    boolean negated = word.startsWith("-") ^ (f.equals("dynamic") || f.equals("primary"));
                    Integer bit = FLAGS.get(f.equals("dynamic") ? "permanent" : f.equals("primary") ? "secondary" : f);
                    if (bit != null) {
                        flags = negated ? flags & ~bit : flags | bit;
                        mask |= bit;
                        continue;
                    }
                    if (word.equals("dev")) {
                        word = w.value();
                    } else if (Words.matches(word, "help")) {
                        throw new HelpShown(usage);
                    }
                    if (dev != null) {
                        throw Words.garbage("dev", word);
                    }
                    dev = word;
                }
            }
        }
        return new LinkFilter(dev, up, kind, master, group, to, scope, label, flags, mask);
    }

    private static int scope(String s) {
        try {
            return RtNames.SCOPES.number(s);
        } catch (IllegalArgumentException e) {
            throw Words.invalid("invalid \"scope\"", s);
        }
    }

    /** Whether an address selector (to, scope, label, a flag) was given: then only devices with a match are listed. */
    boolean selectsAddresses() {
        return to != null || scope != null || label != null || flagMask != 0;
    }

    /**
     * Whether {@code a} passes the address selectors; an address without a label (IPv6) is matched
     * by its device's name ({@code devName} of its index), as ip's fnmatch of the label.
     */
    boolean keeps(Address a, java.util.function.IntFunction<String> devName) {
        return (scope == null || a.scope() == scope) && ((a.flags() ^ flags) & flagMask) == 0
                && (label == null || labelMatches(a.label() != null ? a.label() : devName.apply(a.index())))
                && (to == null || covers(to, a.local()));
    }

    private boolean labelMatches(String l) {
        return !l.isEmpty() && FileSystems.getDefault().getPathMatcher("glob:" + label).matches(Path.of(l));
    }

    private static boolean covers(IpPrefix p, java.net.InetAddress a) {
        return a != null && Words.familyOf(a) == Words.familyOf(p.address())
                && new IpPrefix(a, p.length()).network().equals(p.network());
    }

    /**
     * The part ip leaves to the kernel (device, kind, master); ip -j prints the devices that pass it
     * but not the rest ({@code up}, {@code group}, {@code type KIND_slave}) as {@code {}}.
     */
    /**
     * Whether ip filters some devices itself ({@code up}, {@code group}, {@code type KIND_slave}):
     * whether {@link #kernelSide} keeps more (said without the record's equals, whose first call
     * costs a one-shot command milliseconds of method-handle spinning).
     */
    boolean filtersInIp() {
        return up || group != null || kind != null && kind.endsWith("_slave");
    }

    LinkFilter kernelSide() {
        return new LinkFilter(dev, false, kind != null && kind.endsWith("_slave") ? null : kind, master, null, to,
                scope, label, flags, flagMask);
    }

    /**
     * The devices of {@code all} the filter keeps, in the kernel's order.
     *
     * @throws CommandFailed as ip: Device "DEV" does not exist.
     */
    List<Link> apply(List<Link> all) {
        int masterIndex = master == null || master.isEmpty() ? 0 : masterIndex(all);
        if (dev != null) {
            named(all, dev);
        }
        List<Link> out = new ArrayList<>();
        for (Link l : all) {
            if (keeps(l) && (master == null || l.masterIndex() == masterIndex)) {
                out.add(l);
            }
        }
        return out;
    }

    private int masterIndex(List<Link> all) {
        for (Link l : all) {
            if (l.name().equals(master)) {
                return l.index();
            }
        }
        throw Words.invalid("Device does not exist", master);
    }

    /** Whether {@code l} passes every test but {@code master} (which needs the list to resolve). */
    boolean keeps(Link l) {
        return (dev == null || l.name().equals(dev)) && (!up || l.isUp())
                && (kind == null || kind.equals(l.kind()) || kind.equals(l.slaveKind() + "_slave"))
                && (group == null || l.group() == group);
    }

    /** The device called {@code name} in a listing already made (no second request); ip's message when none. */
    static Link named(List<Link> all, String name) {
        for (Link l : all) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new CommandFailed("Device \"" + name + "\" does not exist.");
    }
}
