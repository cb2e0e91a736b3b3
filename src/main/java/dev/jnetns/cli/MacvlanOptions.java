package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_FLAG_NODST;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_FLAG_NOPROMISC;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_BRIDGE;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_PASSTHRU;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_PRIVATE;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_SOURCE;
import static dev.jnetns.uapi.LinuxMacvlan.MACVLAN_MODE_VEPA;

import dev.jnetns.RawAttributes;
import dev.jnetns.kind.Macvlan;
import dev.jnetns.rtnl.HardwareAddresses;
import dev.jnetns.uapi.LinuxIfArp;
import java.util.ArrayList;
import java.util.List;

/**
 * The words after {@code ip link add|set ... type macvlan|macvtap} as iproute2 6.1's
 * macvlan_parse_opt reads them ({@code mode}, {@code flag}, {@code nopromisc}, {@code nodst},
 * {@code macaddr add|del|set|flush}, {@code bcqueuelen}), into the {@link Macvlan} data ip sends.
 */
final class MacvlanOptions {
    /** IFLA_MACVLAN_MACADDR_MODE's words by value: MACVLAN_MACADDR_ADD (0), DEL, FLUSH and SET (3). */
    private static final List<String> MACADDR_MODES = List.of("add", "del", "flush", "set");

    private MacvlanOptions() {
    }

    /** ip's usage of the macvlan (macvtap) options ({@code type macvlan help}, on stderr, exit 1). */
    static String usage(String kind) {
        return "Usage: ... " + kind + " mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n"
                + "\n"
                + "MODE: private | vepa | bridge | passthru | source\n"
                + "MODE_FLAG: null | nopromisc | nodst\n"
                + "MODE_OPTS: for mode \"source\":\n"
                + "\tmacaddr { { add | del } <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }\n"
                + "BC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n";
    }

    /**
     * Reads the words after {@code type macvlan} or {@code type macvtap}, the same for
     * {@code link add} and {@code link set}.
     *
     * @param kind "macvlan" or "macvtap", as ip's messages name it
     * @param w the words, at the first after the kind
     * @return the data to send (-1 and null for what is not sent)
     */
    static Macvlan parse(String kind, Words w) {
        int mode = 0;
        int flags = 0;
        boolean hasFlags = false;
        int macaddrMode = -1;
        String macaddr = null;
        List<String> sources = null;
        long bcQueueLen = -1;
        while (w.hasNext()) {
            String word = w.next();
            if (Words.matches(word, "mode")) {
                String v = w.value();
                mode = switch (v) {
                    case "private" -> MACVLAN_MODE_PRIVATE;
                    case "vepa" -> MACVLAN_MODE_VEPA;
                    case "bridge" -> MACVLAN_MODE_BRIDGE;
                    case "passthru" -> MACVLAN_MODE_PASSTHRU;
                    case "source" -> MACVLAN_MODE_SOURCE;
                    default -> throw new CommandFailed("Error: argument of \"mode\" must be \"private\", \"vepa\","
                            + " \"bridge\", \"passthru\" or \"source\", not \"" + v + "\"");
                };
            } else if (Words.matches(word, "flag")) {
                String v = w.value();
                flags |= switch (v) {
                    case "nopromisc" -> MACVLAN_FLAG_NOPROMISC;
                    case "nodst" -> MACVLAN_FLAG_NODST;
                    case "null" -> 0;
                    default -> throw new CommandFailed("Error: argument of \"flag\" must be \"nopromisc\", \"nodst\""
                            + " or \"null\", not \"" + v + "\"");
                };
                hasFlags = true;
            } else if (Words.matches(word, "macaddr")) {
                String v = w.value();
                macaddrMode = MACADDR_MODES.indexOf(v);
                if (macaddrMode < 0) {
                    throw new KindUsage(usage(kind), false);   // ip prints its usage alone, exit 1
                }
                if (v.equals("add") || v.equals("del")) {
                    macaddr = mac(w.value());
                    sources = null;
                } else if (v.equals("set")) {
                    sources = new ArrayList<>();
                    macaddr = null;
                    while (w.hasNext() && isMac(w.peek())) {   // up to the first word that is no address
                        sources.add(mac(w.next()));
                    }
                }
            } else if (Words.matches(word, "nopromisc")) {
                flags |= MACVLAN_FLAG_NOPROMISC;
                hasFlags = true;
            } else if (Words.matches(word, "nodst")) {
                flags |= MACVLAN_FLAG_NODST;
                hasFlags = true;
            } else if (Words.matches(word, "bcqueuelen")) {
                String v = w.value();
                try {
                    bcQueueLen = Words.u32(v, "bcqueuelen");
                } catch (UsageException e) {
                    throw new CommandFailed("Error: argument of \"bcqueuelen\" must be a positive integer"
                            + " [0-4294967295], not \"" + v + "\"");
                }
            } else if (Words.matches(word, "help")) {
                throw new KindUsage(usage(kind), false);
            } else {
                throw new CommandFailed(kind + ": unknown option \"" + word + "\"?");   // then its usage, exit 1
            }
        }
        if (hasFlags && (flags & MACVLAN_FLAG_NOPROMISC) != 0 && mode != MACVLAN_MODE_PASSTHRU) {
            throw new CommandFailed(kind + ": nopromisc flag only valid in passthru mode");
        }
        return new Macvlan(mode == 0 ? -1 : mode, hasFlags ? flags : -1, macaddrMode,
                macaddr, sources, -1, bcQueueLen, -1, RawAttributes.NONE);
    }

    /** ip's ll_addr_a2n for a 6-byte address, with its message ({@code "X" is invalid lladdr.}). */
    private static String mac(String text) {
        byte[] b;
        try {
            b = HardwareAddresses.parseLladdr(text);
        } catch (IllegalArgumentException e) {
            throw new CommandFailed(e.getMessage());
        }
        if (b.length != 6) {
            throw new CommandFailed("\"" + text + "\" is invalid lladdr.");   // ip fails without a word
        }
        return HardwareAddresses.format(LinuxIfArp.ARPHRD_ETHER, b);
    }

    private static boolean isMac(String text) {
        try {
            return HardwareAddresses.parseLladdr(text).length == 6;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
