package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.LinkSpec;
import dev.jnetns.LinkUpdate;
import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.model.DeviceMover;
import dev.jnetns.rtnl.HardwareAddresses;
import dev.jnetns.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns link ...}: network devices, as {@code ip link}. */
final class LinkCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns link [show] [[dev] DEV] [up] [type KIND] [master DEV|nomaster] [group G]\n"
            + "       jnetns link add [link PARENT] [name] NAME [index IDX] [mtu N] [address MAC] [txqueuelen N] [netns NS]\n"
            + "                       [up|down] [master DEV|nomaster] [alias TEXT] [group G] [ the on|off, state,\n"
            + "                       addrgenmode and link-netns words of link set ] type KIND [ARGS|help]\n"
            + "         KIND := veth [peer [name] PEER [mtu N] [address MAC] [netns NS] [txqueuelen N] [up|down] ...] |\n"
            + "                 bridge [OPTIONS: type bridge help] | ifb | dummy |\n"
            + "                 macvlan|macvtap [ARGS as ip's, see type macvlan help] | vlan id ID |\n"
            + "                 ipvlan mode l2|l3|l3s | bond mode MODE | tap | tun |\n"
            + "                 vxlan [ARGS as ip's, see type vxlan help] |\n"
            + "                 any other kind the kernel knows (sent alone, as ip sends it)\n"
            + "       jnetns link set|change [dev] DEV [up|down] [promisc|arp|multicast|allmulticast on|off] [mtu N]\n"
            + "                       [address MAC] [name NEW] [master DEV|nomaster]\n"
            + "                       [alias TEXT] [txqueuelen N] [netns NS|PID] [group G]\n"
            + "                       [dynamic|trailers|carrier|protodown on|off] [state STATE]\n"
            + "                       [addrgenmode eui64|none|stable_secret|random] [link-netns NS | link-netnsid ID]\n"
            + "                       [broadcast LLADDR] [numtxqueues N] [numrxqueues N] [gso_max_size N]\n"
            + "                       [gso_max_segs N] [gro_max_size N] [xdp|xdpgeneric|xdpdrv|xdpoffload off]\n"
            + "                       [type vxlan|macvlan|macvtap|bridge|bridge_slave ARGS (type KIND help)]\n"
            + "         STATE := UNKNOWN | NOTPRESENT | DOWN | LOWERLAYERDOWN | TESTING | DORMANT | UP\n"
            + "       jnetns link del [dev] DEV | group G\n"
            + "       jnetns link move DEV netns NS     (jnetns's own: DEV with every attribute of its addresses and routes, its permanent and proxy neighbours, sysctls and state; exits 2 naming what it cannot carry, nothing moved)\n";

    /** The kinds ip has a parser without options for: it reads no word after {@code type KIND} and sends the kind. */
    private static final java.util.Set<String> IP_IGNORES_WORDS = java.util.Set.of("dummy", "ifb", "nlmon", "vcan",
            "virt_wifi", "team", "netdevsim");

    /**
     * The kinds iproute2 6.1 has a parser with options for (its link_util's parse_opt): a word it
     * does not take fails the command (exit 1), {@code help} prints the kind's usage (exit 1). For a
     * kind ip does not know, {@code help} is link's usage (exit 255) and another word is "Garbage".
     */
    private static final java.util.Set<String> IP_PARSES_WORDS = java.util.Set.of("veth", "vlan", "vxcan", "macvlan",
            "macvtap", "ipvlan", "ipvtap", "vxlan", "gre", "gretap", "ip6gre", "ip6gretap", "ipip", "sit", "ip6tnl",
            "vti", "vti6", "can", "bond", "bond_slave", "bridge", "bridge_slave", "hsr", "macsec", "geneve", "ipoib",
            "xfrm", "rmnet", "vrf", "bareudp", "amt", "gtp", "erspan", "ip6erspan", "batadv");

    /** What ip's veth parser prints, on stdout, for any word after {@code type veth} but {@code peer}. */
    private static final String VETH_USAGE = "Usage: ip link <options> type veth [peer <options>]\n"
            + "To get <options> type 'ip link add help'\n";

    /** The usage of a kind's words after {@code type KIND}, as jnetns reads them; null for kinds jnetns gives no options. */
    private static String kindUsage(String kind) {
        return switch (kind) {
            case "vlan" -> "Usage: ... vlan id VLANID\n\nVLANID := 0-4094\n";
            case "ipvlan" -> "Usage: ... ipvlan [ mode MODE ]\n\nMODE: l3 | l3s | l2\n";
            case "bond" -> "Usage: ... bond [ mode BONDMODE ]\n\nBONDMODE := balance-rr | active-backup | balance-xor"
                    + " | broadcast | 802.3ad | balance-tlb | balance-alb\n";
            case "bridge" -> BridgeOptions.USAGE;
            case "bridge_slave" -> BridgePortOptions.USAGE;
            default -> null;
        };
    }

    /**
     * A word after {@code type KIND} that jnetns does not read: {@code help} prints the kind's usage as
     * ip does (exit 1); another word is refused.
     */
    private static RuntimeException kindWord(String kind, String word) {
        String usage = kindUsage(kind);
        if (!IP_PARSES_WORDS.contains(kind)) {   // iplink_modify: usage() on help, else "Garbage"
            return Words.matches(word, "help") ? new HelpShown(USAGE)
                    : new CommandFailed("Garbage instead of arguments \"" + word + " ...\". Try \"ip link help\".");
        }
        if (Words.matches(word, "help")) {
            return new KindUsage(usage != null ? usage : USAGE, false);   // parse_opt's usage, then -1: exit 1
        }
        return new CommandFailed(kind + ": unknown option \"" + word + "\"?");   // a kind's parse_opt returns -1
    }

    /** ip's verbs in its order: add, set|change, replace, delete, show|lst|list, then jnetns's move. */
    @Override
    Integer run(String verb, Words w) throws Exception {
        if (Words.matches(verb, "add")) {
            add(w);
        } else if (Words.matches(verb, "set") || Words.matches(verb, "change")) {
            set(w);
        } else if (Words.matches(verb, "replace")) {
            throw new CommandFailed("\"ip link replace\" is not implemented by jnetns");
        } else if (Words.matches(verb, "delete")) {
            delete(w);
        } else if (isShow(verb)) {
            show(w);
        } else if (Words.matches(verb, "xstats") || Words.matches(verb, "afstats")
                || Words.matches(verb, "property")) {
            throw new CommandFailed("\"ip link " + verb + "\" is not implemented by jnetns");
        } else if (verb.equals("move")) {
            move(w);
        } else {
            return null;
        }
        return 0;
    }

    /** {@code link show [[dev] DEV] [up] [type KIND] [master DEV] [group G]}. */
    private void show(Words w) throws ErrnoException {
        LinkFilter filter = LinkFilter.parse(w, USAGE, 0);
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        // ip -j prints the devices its own (not the kernel's) filtering drops as {}
        boolean placeholders = top.json && filter.filtersInIp();
        List<Link> shown = (placeholders ? filter.kernelSide() : filter).apply(links);
        LinkPrinter printer = new LinkPrinter(links, top.details, true,
                top.json ? java.util.Map.of() : JnetnsCommand.netnsNames(rtnl, links), top.stats);
        if (placeholders) {
            printer.hideInJson(l -> !filter.keeps(l));
        }
        Out out = top.printOut();
        out.beginArray(null);
        for (Link l : shown) {
            out.beginObject(null);
            if (!printer.hidden(l)) {
                int mark = out.length();
                if (top.brief) {
                    printer.brief(l, out, true);
                } else {
                    printer.print(l, out, true);
                }
                out.text("\n");
                if (top.oneline && !top.brief && !out.json()) {
                    out.text(LinkPrinter.oneline(out.cut(mark)));
                }
            }
            out.endObject();
        }
        out.endArray();
        top.print(out);
    }

    /** Namespaces opened while parsing, closed after the request. */
    private final List<Netns> opened = new ArrayList<>();

    private Netns netns(String nameOrPath) throws ErrnoException {
        Netns ns = Netns.open(nameOrPath);
        opened.add(ns);
        return ns;
    }

    private void closeOpened() {
        opened.forEach(Netns::close);
        opened.clear();
    }

    /** Opens a namespace named in a command (and keeps it for closing later). */
    @FunctionalInterface
    interface NetnsSource {
        Netns open(String nameOrPath) throws ErrnoException;
    }

    /**
     * The words of {@code link add|set|delete} as ip's iplink_parse reads them, up to {@code type}
     * (whose arguments are the kind's); {@code dev} is the positional device (or the new name).
     */
    static final class Args {
        String dev;
        String name;
        String parent;
        Integer mtu;
        byte[] mac;
        Integer txq;
        Integer index;
        String netns;
        Integer group;
        String alias;
        String master;
        boolean noMaster;
        Boolean up;
        Boolean promisc;
        Boolean arp;
        Boolean multicast;
        Boolean allmulticast;
        Boolean dynamic;
        Boolean trailers;
        String kind;
        String operStateName;
        Boolean carrier;
        Boolean protoDown;
        String addrGenMode;
        String linkNetns;
        Integer linkNetnsId;
        byte[] broadcast;
        Integer numTxQueues;
        Integer numRxQueues;
        Long gsoMaxSize;
        Long gsoMaxSegs;
        Long groMaxSize;
        String xdpOff;

        /**
         * Reads the words up to {@code type KIND} (included); {@code rtnl} finds the device of
         * {@code master} as the word is read (ip's ll_name_to_index in iplink_parse).
         */
        static Args parse(Words w, Rtnl rtnl) throws ErrnoException {
            Args a = new Args();
            while (w.hasNext()) {
                String word = w.next();
                if (word.equals("up") || word.equals("down")) {
                    a.up = word.equals("up");
                } else if (word.equals("name")) {
                    String v = w.value();
                    Words.once(a.name, "name", v);
                    a.name = ifname(v, "\"name\" not a valid ifname", 16);
                    if (a.dev == null) {
                        a.dev = a.name;
                    }
                } else if (Words.matches(word, "link")) {
                    a.parent = w.value();
                } else if (Words.matches(word, "address")) {
                    a.mac = lladdr(w.value());
                } else if (Words.matches(word, "broadcast") || word.equals("brd")) {
                    a.broadcast = lladdr(w.value());   // ip sends each one given; the last is the device's
                } else if (List.of("xdp", "xdpgeneric", "xdpdrv", "xdpoffload").contains(word)) {
                    a.xdpOff = xdpOff(word, w.value());
                } else if (word.equals("vf")) {
                    String v = w.value();
                    integer("vf", v);   // ip's get_integer first: "Invalid "vf" value", exit 255
                    if (a.dev == null) {
                        throw new UsageException("Error: argument \"dev\" is required");   // ip's missarg
                    }
                    throw new CommandFailed("\"vf " + v + " ...\" is not implemented by jnetns");
                } else if (word.equals("gso_max_size")) {
                    a.gsoMaxSize = sendable(word, Words.u32(w.value(), "Invalid \"gso_max_size\" value"));
                } else if (word.equals("gso_max_segs")) {
                    String v = w.value();
                    a.gsoMaxSegs = Words.u32(v, "Invalid \"gso_max_segs\" value");
                    if (a.gsoMaxSegs > 65535) {   // GSO_MAX_SEGS
                        throw Words.invalid("Invalid \"gso_max_segs\" value", v);
                    }
                } else if (word.equals("gro_max_size")) {
                    a.groMaxSize = sendable(word, Words.u32(w.value(), "Invalid \"gro_max_size\" value"));
                } else if (Words.matches(word, "txqueuelen") || word.equals("qlen") || Words.matches(word, "txqlen")) {
                    String v = w.value();
                    Words.once(a.txq, "txqueuelen", v);
                    a.txq = present("txqueuelen", integer("txqueuelen", v));
                } else if (word.equals("index")) {
                    String v = w.value();
                    Words.once(a.index, "index", v);
                    a.index = atoi(v);   // as ip reads it: "42x" is 42, anything not above 0 is refused
                    if (a.index <= 0) {
                        throw Words.invalid("Invalid \"index\" value", v);
                    }
                } else if (word.equals("mtu")) {
                    String v = w.value();
                    Words.once(a.mtu, "mtu", v);
                    a.mtu = present("mtu", integer("mtu", v));
                } else if (word.equals("netns")) {
                    String v = w.value();
                    Words.once(a.netns, "netns", v);
                    a.netns = v;
                } else if (List.of("multicast", "allmulticast", "promisc", "arp").contains(word)) {
                    boolean on = onOff(w, word);
                    switch (word) {
                        case "multicast" -> a.multicast = on;
                        case "allmulticast" -> a.allmulticast = on;
                        case "promisc" -> a.promisc = on;
                        default -> a.arp = on;
                    }
                } else if (word.equals("trailers")) {
                    a.trailers = onOff(w, word);
                } else if (Words.matches(word, "master")) {
                    String v = w.value();
                    if (rtnl.links().find(v).isEmpty()) {
                        throw Words.invalid("Device does not exist", v);
                    }
                    a.master = v;
                } else if (Words.matches(word, "nomaster")) {
                    a.noMaster = true;
                } else if (Words.matches(word, "dynamic")) {
                    a.dynamic = onOff(w, "dynamic");
                } else if (word.equals("carrier")) {
                    a.carrier = oneOfOffOn(w, word);
                } else if (word.equals("protodown")) {
                    a.protoDown = oneOfOffOn(w, word);
                } else if (Words.matches(word, "numtxqueues") || Words.matches(word, "numrxqueues")) {
                    boolean tx = Words.matches(word, "numtxqueues");
                    String key = tx ? "numtxqueues" : "numrxqueues";
                    String v = w.value();
                    Words.once(tx ? a.numTxQueues : a.numRxQueues, key, v);
                    int n = present(key, integer(key, v));
                    if (tx) {
                        a.numTxQueues = n;
                    } else {
                        a.numRxQueues = n;
                    }
                } else if (word.equals("state")) {
                    String v = w.value();
                    try {
                        LinkUpdate.create().operState(v);
                    } catch (IllegalArgumentException e) {
                        throw Words.invalid("Invalid operstate", v);
                    }
                    a.operStateName = v;
                } else if (Words.matches(word, "addrgenmode")) {
                    String v = w.value();
                    try {
                        LinkUpdate.create().addrGenMode(v);
                    } catch (IllegalArgumentException e) {
                        throw Words.invalid("Invalid address generation mode", v);
                    }
                    a.addrGenMode = v;
                } else if (Words.matches(word, "link-netns")) {
                    String v = w.value();
                    if (a.linkNetns != null || a.linkNetnsId != null) {
                        throw Words.duplicate("link-netns/link-netnsid", v);
                    }
                    a.linkNetns = v;
                } else if (Words.matches(word, "link-netnsid")) {
                    String v = w.value();
                    if (a.linkNetns != null || a.linkNetnsId != null) {
                        throw Words.duplicate("link-netns/link-netnsid", v);
                    }
                    a.linkNetnsId = present("link-netnsid", integer("link-netnsid", v));
                } else if (Words.matches(word, "type")) {
                    a.kind = w.value();
                    break;
                } else if (Words.matches(word, "alias")) {
                    String v = w.value();
                    if (v.getBytes(StandardCharsets.UTF_8).length >= 256) {
                        throw Words.invalid("alias too long", v);
                    }
                    a.alias = v;
                } else if (word.equals("group")) {
                    String v = w.value();
                    Words.once(a.group, "group", v);
                    // 4294967295 is ip's "no group": it refuses it as it refuses any bad number
                    a.group = v.equals("default") ? 0 : (int) Words.parseNumber("group", v, 0xfffffffeL);
                } else {
                    if (Words.matches(word, "help")) {
                        throw new HelpShown(USAGE);
                    }
                    if (word.equals("dev")) {
                        word = w.value();
                    }
                    if (a.dev != null && !a.dev.equals(a.name)) {
                        throw Words.garbage("dev", word);
                    }
                    a.dev = ifname(word, "\"dev\" not a valid ifname", 128);
                }
            }
            return a;
        }

        /**
         * The words {@code link add} and {@code link set} share, as an update: up|down, the flags,
         * master|nomaster, alias, group, state, carrier, protodown, addrgenmode and link-netns|link-netnsid
         * (for link-netns NAME, the nsid {@code rtnl}'s namespace knows NAME by, assigned first when
         * it has none, as ip does).
         */
        LinkUpdate deviceOptions(Rtnl rtnl, NetnsSource spaces) throws ErrnoException {
            LinkUpdate u = LinkUpdate.create();
            if (up != null) {
                if (up) {
                    u.up();
                } else {
                    u.down();
                }
            }
            if (promisc != null) {
                u.promisc(promisc);
            }
            if (arp != null) {
                u.arp(arp);
            }
            if (multicast != null) {
                u.multicast(multicast);
            }
            if (allmulticast != null) {
                u.allmulticast(allmulticast);
            }
            if (dynamic != null) {
                u.dynamic(dynamic);
            }
            if (trailers != null) {
                u.trailers(trailers);
            }
            if (master != null) {
                u.master(master);
            }
            if (noMaster) {
                u.noMaster();
            }
            if (alias != null) {
                u.alias(alias);
            }
            if (group != null) {
                u.group(Integer.toUnsignedLong(group));
            }
            if (operStateName != null) {
                u.operState(operStateName);
            }
            if (carrier != null) {
                u.carrier(carrier);
            }
            if (protoDown != null) {
                u.protoDown(protoDown);
            }
            if (addrGenMode != null) {
                u.addrGenMode(addrGenMode);
            }
            if (linkNetnsId != null) {
                u.linkNetnsId(linkNetnsId);
            }
            if (linkNetns != null) {
                u.linkNetnsId(nsidOf(rtnl, spaces, linkNetns));
            }
            if (broadcast != null) {
                u.broadcast(broadcast);
            }
            if (numTxQueues != null) {
                u.numTxQueues(Integer.toUnsignedLong(numTxQueues));
            }
            if (numRxQueues != null) {
                u.numRxQueues(Integer.toUnsignedLong(numRxQueues));
            }
            if (gsoMaxSize != null) {
                u.gsoMaxSize(gsoMaxSize);
            }
            if (gsoMaxSegs != null) {
                u.gsoMaxSegs(gsoMaxSegs);
            }
            if (groMaxSize != null) {
                u.groMaxSize(groMaxSize);
            }
            if (xdpOff != null) {
                u.xdpOff(xdpOff);
            }
            return u;
        }

        /** ip's link-netns NAME: the nsid of NAME here, assigned by the kernel first when there is none. */
        private static int nsidOf(Rtnl rtnl, NetnsSource spaces, String name) throws ErrnoException {
            Netns ns;
            try {
                ns = spaces.open(name);
            } catch (ErrnoException e) {
                throw Words.invalid("Invalid \"link-netns\" value", name);
            }
            int id = rtnl.nsid(ns);
            if (id < 0) {
                rtnl.setNsid(ns, -1);
                id = rtnl.nsid(ns);
            }
            if (id < 0) {
                throw Words.invalid("Invalid \"link-netns\" value", name);
            }
            return id;
        }

        /**
         * The name of a device to create: {@code name NAME} or the positional one; both, and
         * different, are refused as ip refuses them.
         */
        String newName() {
            if (name != null && dev != null && !dev.equals(name)) {
                throw new UsageException("both \"name\" and \"dev\" cannot be used when creating devices.");
            }
            return name != null ? name : dev;
        }

        /** The positional device ip requires for set and delete. */
        String requireDev() {
            if (dev == null) {
                throw new UsageException("Not enough information: \"dev\" argument is required.");
            }
            return dev;
        }
    }

    /**
     * A device name as ip's check_ifname (under 16 bytes) or check_altifname (under 128) accepts
     * it: not empty, no '/' or white space; and, for jnetns, no U+FFFD: a name whose bytes were not
     * UTF-8 cannot be passed on as written.
     */
    static String ifname(String name, String why, int limit) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= limit
                || name.chars().anyMatch(c -> c == '/' || c == ' ' || c >= 9 && c <= 13)) {
            throw Words.invalid(why, name);
        }
        if (name.indexOf('\uFFFD') >= 0) {
            throw new CommandFailed("Error: argument \"" + name + "\" is wrong: not valid UTF-8 (a byte jnetns cannot pass on as written)");
        }
        return name;
    }

    /** A link-layer address as ip's ll_addr_a2n reads it, any length; its message for a bad part. */
    static byte[] lladdr(String text) {
        try {
            return HardwareAddresses.parseLladdr(text);
        } catch (IllegalArgumentException e) {
            throw new CommandFailed(e.getMessage());   // ll_addr_a2n's -1: the line fails, -force goes on
        }
    }

    /**
     * Refuses -1 (what ip sends as 4294967295), which the link record reads as "absent": sent
     * nothing, the line would succeed without changing anything.
     */
    private static int present(String key, int value) {
        if (value == -1) {
            throw new CommandFailed(key + " -1 (4294967295) is not implemented by jnetns");
        }
        return value;
    }

    /** 4294967295 (what the link record reads as "absent") refused, as {@link #present} refuses -1. */
    private static long sendable(String key, long value) {
        if (value == 0xffffffffL) {
            throw new CommandFailed(key + " 4294967295 is not implemented by jnetns");
        }
        return value;
    }

    /**
     * The word after {@code xdp|xdpgeneric|xdpdrv|xdpoffload} as ip's xdp_parse reads it: {@code off}
     * (returns the mode word); a program (bpf_parse_common's words) is not implemented; another word
     * is ip's "What mode is" (exit 255).
     */
    private static String xdpOff(String mode, String v) {
        if (v.equals("off")) {
            return mode;
        }
        if (Words.matches(v, "bytecode") || v.equals("bc") || Words.matches(v, "bytecode-file") || v.equals("bcf")
                || Words.matches(v, "object-file") || v.equals("obj") || Words.matches(v, "object-pinned")
                || Words.matches(v, "pinned") || Words.matches(v, "fd")) {
            throw new CommandFailed(mode + " " + v + ": attaching an XDP program is not implemented by jnetns");
        }
        throw new UsageException("What mode is \"" + v + "\"?");
    }

    /** C's atoi: an optional sign and the decimal digits that follow (0 for none; saturated at the int range). */
    private static int atoi(String v) {
        String t = v.stripLeading();
        int i = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
        int end = i;
        while (end < t.length() && Character.isDigit(t.charAt(end)) && t.charAt(end) < 128) {
            end++;
        }
        if (end == i) {
            return 0;
        }
        long n = Long.parseLong(t.substring(0, Math.min(end, i + 11)));
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    /**
     * ip's get_integer(base 0), for {@code mtu} and {@code txqueuelen}: C's strtol, so 0x-hex and
     * 0-octal ("010" is 8), a sign, nothing after the number, within the int range.
     */
    private static int integer(String key, String v) {
        String t = v.stripLeading();
        boolean minus = t.startsWith("-");
        String digits = minus || t.startsWith("+") ? t.substring(1) : t;
        try {
            long n = digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseLong(digits.substring(2), 16)
                    : digits.length() > 1 && digits.startsWith("0") ? Long.parseLong(digits.substring(1), 8)
                    : Long.parseLong(digits);
            boolean signedTwice = digits.startsWith("+") || digits.startsWith("-");
            if (n >= 0 && !signedTwice && n <= Integer.MAX_VALUE + (minus ? 1L : 0)) {
                return (int) (minus ? -n : n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Words.invalid("Invalid \"" + key + "\" value", v);
    }

    /** {@code link add ...}. */
    private void add(Words w) throws Exception {
        try {
            top.rtnl().links().add(parseAdd(w, this::netns, top.rtnl(), top.family));
        } finally {
            closeOpened();
        }
    }

    /**
     * Parses {@code link add [link PARENT] [name] NAME [index IDX] [mtu N] [address MAC] [txqueuelen N] [netns NS]
     * [up] [master BR] [alias TEXT] ... type KIND ...}; {@code rtnl} finds the nsid of link-netns NAME;
     * {@code family} is -4's or -6's (0 for none).
     */
    static LinkSpec parseAdd(Words w, NetnsSource spaces, Rtnl rtnl, int family) throws ErrnoException {
        Args a = Args.parse(w, rtnl);
        String newName = a.newName();
        if (a.kind == null) {
            throw new CommandFailed("Not enough information: \"type\" argument is required");
        }
        // no name: the kernel's own choice, KIND%d (the first free bridge0, bridge1 ...), as when ip sends none
        String name = newName != null ? newName : a.kind + "%d";
        LinkSpec s;
        try {
            s = kindSpec(name, a.kind, a.parent, w, spaces, rtnl, family);
        } catch (NoParent e) {
            s = LinkSpec.ofKind(name, a.kind);   // as ip sends it, for the kernel to refuse
        }
        s.with(a.deviceOptions(rtnl, spaces));
        if (a.index != null) {
            s.index(a.index);
        }
        if (a.mtu != null) {
            s.mtu(Integer.toUnsignedLong(a.mtu));
        }
        if (a.mac != null) {
            s.address(a.mac);
        }
        if (a.txq != null) {
            s.txQueueLen(Integer.toUnsignedLong(a.txq));
        }
        if (a.netns != null) {
            s.netns(spaces.open(a.netns));
        }
        return s;
    }

    private static LinkSpec kindSpec(String name, String kind, String parent, Words w, NetnsSource spaces, Rtnl rtnl,
                                     int family) throws ErrnoException {
        LinkSpec s;
        switch (kind) {
            case "veth": {
                String peer = null;
                Integer peerMtu = null;
                byte[] peerMac = null;
                String peerNs = null;
                LinkUpdate peerOptions = null;
                if (w.hasNext()) {
                    String p = w.next();
                    if (!p.equals("peer")) {
                        throw new KindUsage(VETH_USAGE, true);
                    }
                    Args pa;
                    try {
                        pa = Args.parse(w, rtnl);   // ip reads the peer's words as the device's own
                    } catch (CommandFailed e) {
                        // a parser's errno (a wrong on|off) is -1 once ip's veth parser passes it on
                        throw new CommandFailed(e.getMessage());
                    }
                    if (pa.kind != null) {
                        throw Words.duplicate("type", pa.kind);
                    }
                    peer = pa.newName();
                    if (pa.index != null || pa.parent != null) {
                        throw new CommandFailed("link add " + name + " type veth peer: index and link are not implemented"
                                + " by jnetns");
                    }
                    peerOptions = pa.deviceOptions(rtnl, spaces);
                    if (pa.txq != null) {
                        peerOptions.txQueueLen(Integer.toUnsignedLong(pa.txq));
                    }
                    peerMtu = pa.mtu;
                    peerMac = pa.mac;
                    peerNs = pa.netns;
                }
                s = LinkSpec.veth(name, peer);   // no peer name: the kernel's own, veth0, veth1 ... as with ip
                if (peerMtu != null) {
                    s.peerMtu(Integer.toUnsignedLong(peerMtu));
                }
                if (peerMac != null) {
                    s.peerAddress(peerMac);
                }
                if (peerNs != null) {
                    s.peerNetns(spaces.open(peerNs));
                }
                if (peerOptions != null) {
                    s.peerWith(peerOptions);
                }
                return s;
            }
            case "tap":
            case "tun":   // with link PARENT: sent by rtnetlink as ip sends it, for the kernel to refuse
                if (parent != null) {
                    s = LinkSpec.of(name, kind, parent, null);
                } else {
                    s = kind.equals("tap") ? LinkSpec.tap(name) : LinkSpec.tun(name);
                }
                break;
            case "macvlan":
            case "macvtap":   // no word: the kind alone; no parent: sent too, the kernel refuses it as for ip
                return LinkSpec.of(name, kind, parent, w.hasNext() ? MacvlanOptions.parse(kind, w) : null);
            case "vlan": {
                Integer id = null;
                while (w.hasNext()) {
                    String word = w.next();
                    if (!word.equals("id")) {
                        throw kindWord(kind, word);
                    }
                    id = (int) w.number(word, 4094);
                }
                if (id == null) {
                    throw new NoParent();   // ip sends a vlan without its id too, for the kernel to refuse
                }
                requireParent(kind, parent);
                return LinkSpec.vlan(name, parent, id);
            }
            case "ipvlan": {
                String mode = "l3";
                while (w.hasNext()) {
                    String word = w.next();
                    if (!word.equals("mode")) {
                        throw kindWord(kind, word);
                    }
                    mode = w.value();
                }
                requireParent(kind, parent);
                return LinkSpec.ipvlan(name, parent, mode);
            }
            case "bond": {
                String mode = "balance-rr";
                while (w.hasNext()) {
                    String word = w.next();
                    if (!word.equals("mode")) {
                        throw kindWord(kind, word);
                    }
                    mode = w.value();
                }
                return LinkSpec.bond(name, mode);
            }
            case "vxlan":   // no word: the kind alone, as ip sends it
                return LinkSpec.of(name, kind, parent, w.hasNext() ? VxlanOptions.parse(w, false, family,
                        ifindex(rtnl)) : null);
            case "bridge":   // with link PARENT, sent as ip sends it (the kernel ignores it)
                s = LinkSpec.of(name, kind, parent, BridgeOptions.parse(w));
                break;
            case "bridge_slave":   // ip reads the port options, then the kernel refuses the kind
                BridgePortOptions.parse(w, rtnl);
                s = LinkSpec.of(name, kind, parent, null);
                break;
            default:   // ifb, dummy and whatever else the kernel knows: the kind alone, as ip sends it
                s = LinkSpec.of(name, kind, parent, null);
                break;
        }
        while (w.hasNext()) {
            String word = w.next();
            if (!IP_IGNORES_WORDS.contains(kind)) {
                throw kindWord(kind, word);
            }
        }
        return s;
    }

    /**
     * A child kind (vlan, macvlan, ipvlan) without what its factory requires: ip sends it
     * all the same and the kernel refuses it, so {@link #parseAdd} sends the kind alone.
     */
    private static final class NoParent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoParent() {
            super(null, null, false, false);
        }
    }

    private static void requireParent(String kind, String parent) {
        if (parent == null) {
            throw new NoParent();
        }
    }

    /** A device's ifindex by name, 0 when there is none (ip's ll_name_to_index). */
    private static VxlanOptions.Ifindex ifindex(Rtnl rtnl) {
        return name -> rtnl.links().find(name).map(Link::index).orElse(0);
    }

    /**
     * The "on" or "off" after {@code option} as ip's parse_on_off reads it (carrier, protodown): a
     * wrong word fails the command with EINVAL's number as its exit code, as ip exits.
     */
    private static boolean oneOfOffOn(Words w, String option) {
        String v = w.value();
        if (!v.equals("on") && !v.equals("off")) {
            throw new CommandFailed("Error: argument of \"" + option + "\" must be one of \"off\", \"on\", not \"" + v
                    + "\"", Main.EXIT_EINVAL);
        }
        return v.equals("on");
    }

    /** The "on" or "off" after {@code option}, as ip reads it. */
    private static boolean onOff(Words w, String option) {
        String v = w.value();
        if (!v.equals("on") && !v.equals("off")) {
            throw new CommandFailed("Error: argument of \"" + option + "\" must be \"on\" or \"off\", not \"" + v
                    + "\"");
        }
        return v.equals("on");
    }

    /** {@code link set|change [dev] DEV ...}. */
    private void set(Words w) throws Exception {
        Args a = Args.parse(w, top.rtnl());
        String dev = a.requireDev();
        if (a.index != null) {
            if (a.netns == null) {
                throw new UsageException("index can be used only when creating devices or when moving device to another netns.");
            }
            throw new CommandFailed("link set " + dev + ": \"index\" with \"netns\" is not implemented by jnetns");
        }
        // type vxlan|macvlan|macvtap OPTIONS: the kind's parser reads the rest, as for link add
        boolean kindOptions = a.kind != null && (a.kind.equals("vxlan") || a.kind.equals("macvlan")
                || a.kind.equals("macvtap"));
        dev.jnetns.kind.LinkData kindData = !kindOptions || !w.hasNext() ? null : a.kind.equals("vxlan")
                ? VxlanOptions.parse(w, true, top.family, ifindex(top.rtnl())) : MacvlanOptions.parse(a.kind, w);
        // link PARENT: ip's iplink_modify sends it only when creating, so set ignores it (unlooked-up)
        boolean bridgeKind = "bridge".equals(a.kind) || "bridge_slave".equals(a.kind);
        if (a.kind != null && !kindOptions && !bridgeKind && w.hasNext()) {   // as for link add
            String word = w.next();
            if (a.kind.equals("veth") && !word.equals("peer")) {
                throw new KindUsage(VETH_USAGE, true);
            }
            if (Words.matches(word, "help")) {
                throw kindWord(a.kind, word);
            }
        }
        if (a.kind != null && !kindOptions && !bridgeKind) {
            throw new CommandFailed("link set " + dev + ": \"type " + a.kind + "\" is not implemented by jnetns");
        }
        try {
            LinkUpdate u = a.deviceOptions(top.rtnl(), this::netns);
            if (kindOptions) {
                u.kind(a.kind, kindData);
            }
            if (bridgeKind) {   // as ip, after the device's words: the kind's options
                if (a.kind.equals("bridge")) {
                    u.bridge(BridgeOptions.parse(w));
                } else {
                    u.bridgePort(BridgePortOptions.parse(w, top.rtnl()));
                }
            }
            if (a.mtu != null) {
                u.mtu(Integer.toUnsignedLong(a.mtu));
            }
            if (a.mac != null) {
                checkLength(top.rtnl().links().find(dev).map(Link::address).orElse(null), a.mac.length);
                u.address(a.mac);
            }
            if (a.name != null && !a.name.equals(dev)) {
                u.name(a.name);
            }
            if (a.txq != null) {
                u.txQueueLen(Integer.toUnsignedLong(a.txq));
            }
            if (a.netns != null) {
                if (a.netns.chars().allMatch(Character::isDigit)) {
                    u.netnsPid(Long.parseLong(a.netns));
                } else {
                    u.netns(netns(a.netns));
                }
            }
            top.rtnl().links().set(dev, u);
        } finally {
            closeOpened();
        }
    }

    /**
     * ip's check before {@code link set DEV address LLADDR}: the new address has the length of the
     * device's own (none to check when the device has none or does not exist).
     */
    private static void checkLength(String current, int length) {
        int own = current == null ? -1 : HardwareAddresses.parse(-1, current).length;
        if (own >= 0 && own != length) {
            throw new CommandFailed("Invalid address length " + length + " - must be " + own + " bytes");
        }
    }

    /** {@code link move [dev] DEV netns NS}: the device with its addresses, routes, MTU and state. */
    private void move(Words w) throws ErrnoException {
        String dev = null;
        String ns = null;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("dev")) {
                dev = w.value();
            } else if (word.equals("netns")) {
                ns = w.value();
            } else if (dev == null) {
                dev = word;
            } else {
                throw new UsageException("link move: unexpected \"" + word + "\"", Main.EXIT_USAGE);
            }
        }
        if (dev == null || ns == null) {
            throw new UsageException("link move: usage: link move DEV netns NS", Main.EXIT_USAGE);
        }
        try (Netns target = Netns.open(ns); Rtnl to = Rtnl.open(target)) {
            DeviceMover.move(top.rtnl(), to, dev);
        }
    }

    /** {@code link del [dev] DEV | group G}. */
    private void delete(Words w) throws ErrnoException {
        Rtnl rtnl = top.rtnl();
        Args a = Args.parse(w, rtnl);
        if (a.group != null && a.dev == null) {
            rtnl.links().deleteGroup(a.group);
        } else {
            rtnl.links().delete(a.requireDev());
        }
    }
}
