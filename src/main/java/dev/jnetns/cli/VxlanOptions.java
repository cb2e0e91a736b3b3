package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxVxlan.VXLAN_DF_INHERIT;
import static dev.jnetns.uapi.LinuxVxlan.VXLAN_DF_SET;
import static dev.jnetns.uapi.LinuxVxlan.VXLAN_DF_UNSET;

import dev.jnetns.ErrnoException;
import dev.jnetns.RawAttributes;
import dev.jnetns.RtNames;
import dev.jnetns.kind.Vxlan;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The words after {@code ip link add|set ... type vxlan} as iproute2 6.1's vxlan_parse_opt reads
 * them, into the {@link Vxlan} data ip sends: every option ip takes, with ip's checks, messages and
 * exit codes.
 */
final class VxlanOptions {
    /** ip's usage of the vxlan options ({@code type vxlan help}, on stderr, exit 1). */
    static final String USAGE = "Usage: ... vxlan id VNI\n"
            + "\t\t[ { group | remote } IP_ADDRESS ]\n"
            + "\t\t[ local ADDR ]\n"
            + "\t\t[ ttl TTL ]\n"
            + "\t\t[ tos TOS ]\n"
            + "\t\t[ df DF ]\n"
            + "\t\t[ flowlabel LABEL ]\n"
            + "\t\t[ dev PHYS_DEV ]\n"
            + "\t\t[ dstport PORT ]\n"
            + "\t\t[ srcport MIN MAX ]\n"
            + "\t\t[ [no]learning ]\n"
            + "\t\t[ [no]proxy ]\n"
            + "\t\t[ [no]rsc ]\n"
            + "\t\t[ [no]l2miss ]\n"
            + "\t\t[ [no]l3miss ]\n"
            + "\t\t[ ageing SECONDS ]\n"
            + "\t\t[ maxaddress NUMBER ]\n"
            + "\t\t[ [no]udpcsum ]\n"
            + "\t\t[ [no]udp6zerocsumtx ]\n"
            + "\t\t[ [no]udp6zerocsumrx ]\n"
            + "\t\t[ [no]remcsumtx ] [ [no]remcsumrx ]\n"
            + "\t\t[ [no]external ] [ gbp ] [ gpe ]\n"
            + "\t\t[ [no]vnifilter ]\n"
            + "\n"
            + "Where:\tVNI\t:= 0-16777215\n"
            + "\tADDR\t:= { IP_ADDRESS | any }\n"
            + "\tTOS\t:= { NUMBER | inherit }\n"
            + "\tTTL\t:= { 1..255 | auto | inherit }\n"
            + "\tDF\t:= { unset | set | inherit }\n"
            + "\tLABEL := 0-1048575\n";

    /** The u8 attributes ip writes 0 or 1 for a word and its "no" form, by the word. */
    private static final List<String> SWITCHES = List.of("learning", "proxy", "rsc", "l2miss", "l3miss", "udpcsum",
            "udp6zerocsumtx", "udp6zerocsumrx", "remcsumtx", "remcsumrx", "external", "vnifilter");

    /** The switch words in the order ip tests them. */
    private static final String[] FLAG_WORDS = {"nolearning", "learning", "noproxy", "proxy", "norsc", "rsc",
        "nol2miss", "l2miss", "nol3miss", "l3miss", "udpcsum", "noudpcsum", "udp6zerocsumtx", "noudp6zerocsumtx",
        "udp6zerocsumrx", "noudp6zerocsumrx", "remcsumtx", "noremcsumtx", "remcsumrx", "noremcsumrx", "external",
        "noexternal", "vnifilter", "novnifilter"};

    private final Set<String> given = new HashSet<>();
    /** What ip sends as IFLA_VXLAN_LEARNING: 1 unless nolearning or external said otherwise. */
    private int learning = 1;
    private long id = -1;
    private InetAddress remote;
    private InetAddress local;
    private int link;
    private int ttl = -1;
    private int ttlInherit = -1;
    private int tos = -1;
    private int df = -1;
    private long label = -1;
    private long ageing = -1;
    private long limit = -1;
    private int portLow = -1;
    private int portHigh = -1;
    private int port;
    private boolean gbp;
    private boolean gpe;
    /** learning, proxy ... vnifilter (as {@link #SWITCHES}): -1 not given, else 0 or 1. */
    private final int[] switches = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};

    private VxlanOptions() {
    }

    /** A device's ifindex by name, 0 when there is none (ip's ll_name_to_index). */
    interface Ifindex {
        int of(String name) throws ErrnoException;
    }

    /**
     * Reads the words after {@code type vxlan}, as {@code ip link add} ({@code set} false) or
     * {@code ip link set|change} ({@code set} true) reads them.
     *
     * @param w the words, at the first after the kind
     * @param set true for {@code link set}, where nothing is required and learning is sent only when given
     * @param family -4 or -6 (AF_INET, AF_INET6), which sends the wildcard remote of that family
     *     when no address is given; 0 for none
     * @param ifindex a device's ifindex by name, 0 when there is none ({@code dev PHYS_DEV})
     * @return the data to send
     * @throws ErrnoException when the devices cannot be listed
     */
    static Vxlan parse(Words w, boolean set, int family, Ifindex ifindex) throws ErrnoException {
        VxlanOptions o = new VxlanOptions();
        while (w.hasNext()) {
            o.word(w, w.next(), ifindex);
        }
        return o.finish(set, family);
    }

    private void word(Words w, String word, Ifindex ifindex) throws ErrnoException {
        if (Words.matches(word, "id") || Words.matches(word, "vni")) {
            String v = once("id", w.value());
            long n = Words.u32(v, "invalid id");
            if (n >= 1 << 24) {
                throw Words.invalid("invalid id", v);
            }
            id = n;
        } else if (Words.matches(word, "group")) {
            bothGroupAndRemote(remote != null && !remote.isMulticastAddress());
            String v = once("group", w.value(), "group");
            remote = address(v, local, "invalid group address", true);
        } else if (Words.matches(word, "remote")) {
            bothGroupAndRemote(remote != null && remote.isMulticastAddress());
            String v = once("group", w.value(), "remote");
            remote = address(v, local, "invalid remote address", false);
        } else if (Words.matches(word, "local")) {
            String v = once("local", w.value());
            local = address(v, remote, "invalid local address", false);
        } else if (Words.matches(word, "dev")) {
            String v = once("dev", w.value());
            link = ifindex.of(v);
            if (link == 0) {
                throw new UsageException("Cannot find device \"" + v + "\"");   // exit(nodev()): 255
            }
        } else if (Words.matches(word, "ttl") || Words.matches(word, "hoplimit")) {
            String v = once("ttl", w.value());
            if (v.equals("inherit")) {
                ttlInherit = 2;   // a flag attribute, as ip sends it
            } else if (v.equals("auto")) {
                ttl = 0;
            } else {
                long n = Words.u32(v, "invalid TTL");
                if (n > 255) {
                    throw Words.invalid("TTL must be <= 255", v);
                }
                ttl = (int) n;
            }
        } else if (Words.matches(word, "tos") || Words.matches(word, "dsfield")) {
            String v = once("tos", w.value());
            tos = v.equals("inherit") ? 1 : dsfield(v);
        } else if (Words.matches(word, "df")) {
            String v = once("df", w.value());
            df = switch (v) {
                case "unset" -> VXLAN_DF_UNSET;
                case "set" -> VXLAN_DF_SET;
                case "inherit" -> VXLAN_DF_INHERIT;
                default -> throw Words.invalid("DF must be 'unset', 'set' or 'inherit'", v);
            };
        } else if (Words.matches(word, "label") || Words.matches(word, "flowlabel")) {
            String v = once("flowlabel", w.value());
            label = Words.u32(v, "invalid flowlabel");
            if (label > 0xfffff) {
                throw Words.invalid("invalid flowlabel", v);
            }
        } else if (Words.matches(word, "ageing")) {
            String v = once("ageing", w.value());
            ageing = v.equals("none") ? 0 : Words.u32(v, "ageing timer");
        } else if (Words.matches(word, "maxaddress")) {
            String v = once("maxaddress", w.value());
            limit = v.equals("unlimited") ? 0 : Words.u32(v, "max addresses");
        } else if (Words.matches(word, "port") || Words.matches(word, "srcport")) {
            String v = once("srcport", w.value());
            int low = u16(v, "min port");
            int high = u16(w.value(), "max port");
            if (low != 0 || high != 0) {   // ip sends no range for "srcport 0 0"
                portLow = low;
                portHigh = high;
            }
        } else if (Words.matches(word, "dstport")) {
            port = u16(once("dstport", w.value()), "dst port");
        } else if (Words.matches(word, "gbp")) {
            once("gbp", word, word);
            gbp = true;
        } else if (Words.matches(word, "gpe")) {
            once("gpe", word, word);
            gpe = true;
        } else if (!flagWord(word)) {
            if (Words.matches(word, "help")) {
                throw new KindUsage(USAGE, false);   // on stderr, exit 1
            }
            throw new CommandFailed("vxlan: unknown command \"" + word + "\"?");   // then its usage, exit 1
        }
    }

    /**
     * The [no]learning ... [no]vnifilter words in ip's order of tests, each a prefix ip takes (but
     * vnifilter and novnifilter, which ip 6.1 compares whole); an external device does not learn
     * unless a later word says so, as in ip.
     */
    private boolean flagWord(String word) {
        for (String candidate : FLAG_WORDS) {
            boolean no = candidate.startsWith("no");
            String on = no ? candidate.substring(2) : candidate;
            boolean exact = on.equals("vnifilter");
            if (exact ? word.equals(candidate) : Words.matches(word, candidate)) {
                once(on, word, word);   // ip's check_duparg names the word itself
                int i = SWITCHES.indexOf(on);
                switches[i] = no ? 0 : 1;
                if (i == 0) {
                    learning = switches[0];
                } else if (i == 10 && !no) {
                    learning = 0;
                }
                return true;
            }
        }
        return false;
    }

    private Vxlan finish(boolean set, int family) {
        int metadata = switches[10];
        if (metadata == 1 && id >= 0) {
            throw new CommandFailed("vxlan: both 'external' and vni cannot be specified");
        }
        if (metadata != 1 && id < 0 && !set) {
            throw new CommandFailed("vxlan: missing virtual network identifier");
        }
        if (switches[11] == 1 && metadata != 1) {
            throw new CommandFailed("vxlan: vnifilter is valid only when 'external' is set");
        }
        if (remote != null && remote.isMulticastAddress() && link == 0) {
            throw new CommandFailed("vxlan: 'group' requires 'dev' to be specified");
        }
        if (port == 0 && gpe && !given.contains("dstport")) {
            port = 4790;
        }
        int sentLearning = !set || switches[0] >= 0 ? learning : -1;   // link set sends it when given
        if (remote == null && local == null && (family == AF_INET || family == AF_INET6)) {
            remote = Words.address(family == AF_INET ? "0.0.0.0" : "::", family);
        }
        return new Vxlan(id, remote, local, link, ttl, tos, sentLearning, ageing, limit, portLow, portHigh, switches[1],
                switches[2], switches[3], switches[4], port == 0 ? -1 : port, switches[5], switches[6], switches[7],
                switches[8], switches[9], gbp, false, metadata, label, gpe, ttlInherit, df, switches[11],
                RawAttributes.NONE);
    }

    /** ip's check_duparg: a second word for the same attribute is "either ... duplicate, or ... garbage". */
    private String once(String key, String value) {
        return once(key, value, key);
    }

    private String once(String attribute, String value, String key) {
        if (!given.add(attribute)) {
            throw Words.garbage(key, value);
        }
        return value;
    }

    private static void bothGroupAndRemote(boolean both) {
        if (both) {
            throw new CommandFailed("vxlan: both group and remote cannot be specified");
        }
    }

    /**
     * An address as ip's get_addr reads it in the family of {@code other} (the local or remote
     * address given before), which must be a multicast group ({@code multicast}) or not.
     */
    private static InetAddress address(String text, InetAddress other, String why, boolean multicast) {
        if (text.equals("any") || text.equals("all") || text.equals("default")) {
            throw Words.invalid(why, text);   // ip reads them as no address, which is neither
        }
        InetAddress a = Words.address(text, other == null ? 0 : Words.familyOf(other));
        if (a.isMulticastAddress() != multicast) {
            throw Words.invalid(why, text);
        }
        return a;
    }

    /** ip's get_u16 (get_be16): a u32 no larger than 65535. */
    private static int u16(String v, String why) {
        long n = Words.u32(v, why);
        if (n > 0xffff) {
            throw Words.invalid(why, v);
        }
        return (int) n;
    }

    /** ip's rtnl_dsfield_a2n: a name of rt_dsfield or a hex number up to 255. */
    private static int dsfield(String v) {
        try {
            return RtNames.DSFIELDS.number(v);
        } catch (IllegalArgumentException e) {
            throw Words.invalid("bad TOS value", v);
        }
    }
}
