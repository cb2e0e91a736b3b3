package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxIfAddr.IFA_F_SECONDARY;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static dev.jnetns.uapi.LinuxSocket.AF_PACKET;

import dev.jnetns.Address;
import dev.jnetns.AddressSpec;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.RawAttributes;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns address ...}: IP addresses, as {@code ip address}. */
final class AddressCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6|-0] address [show] [[dev] DEV] [up] [type KIND] [master DEV|nomaster] [group G]\n"
            + "                      [to PREFIX] [scope SCOPE|all] [label PATTERN] [FLAG]...\n"
            + "       jnetns address add|change|replace|del PREFIX [peer PREFIX] [broadcast ADDR|+|-] [label LABEL]\n"
            + "                      [scope SCOPE] [metric N] [nodad] [noprefixroute] [home] [mngtmpaddr] [autojoin]\n"
            + "                      [valid_lft SEC|forever] [preferred_lft SEC|forever] dev DEV\n"
            + "       jnetns [-4|-6] address flush SELECTORS (those of show; at least one)\n"
            + "       jnetns [-4|-6] address save [[dev] DEV] > FILE\n"
            + "       jnetns address restore|showdump < FILE\n"
            + "FLAG := [-]permanent | [-]dynamic | [-]secondary | [-]primary | [-]tentative | [-]deprecated |\n"
            + "        [-]dadfailed | temporary | home | nodad | mngtmpaddr | noprefixroute | autojoin\n";

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (Words.matches(verb, "add")) {
            modify(w, "add");
        } else if (Words.matches(verb, "change") || verb.equals("chg") || Words.matches(verb, "replace")) {
            modify(w, "replace");
        } else if (Words.matches(verb, "delete")) {
            modify(w, "del");
        } else if (Words.matches(verb, "list") || Words.matches(verb, "show") || Words.matches(verb, "lst")) {
            show(w);
        } else if (Words.matches(verb, "flush")) {
            flush(w);
        } else if (Words.matches(verb, "save")) {
            AddressSaves.save(top, w);
        } else if (Words.matches(verb, "showdump")) {
            AddressSaves.showdump(top);
        } else if (Words.matches(verb, "restore")) {
            AddressSaves.restore(top);
        } else {
            return null;
        }
        return 0;
    }

    private void show(Words w) throws ErrnoException {
        int asked = top.family(0);
        LinkFilter filter = LinkFilter.parse(w, USAGE, asked == AF_PACKET ? 0 : asked);
        // "to PREFIX" picks the family of the prefix, as -4/-6 would (ip: filter.family)
        int family = asked == 0 && filter.to() != null ? Words.familyOf(filter.to().address()) : asked;
        String dev = filter.dev();
        Rtnl rtnl = top.rtnl();
        // ip asks for the devices in the family of -4/-6: the IPv6 layer answers for -6, with its own
        // attributes; for one device (dev DEV) it asks the link layer
        int linkFamily = dev == null && asked != AF_PACKET ? asked : 0;
        List<Link> links = rtnl.links().list(linkFamily);
        List<Link> all = linkFamily == 0 ? links : rtnl.links().list();
        // ip -j prints the devices its own (not the kernel's) filtering drops as {}
        boolean placeholders = top.json && filter.filtersInIp();
        List<Link> shown = (placeholders ? filter.kernelSide() : filter).apply(links);
        List<Address> found = family == AF_PACKET ? List.of()
                : dev == null ? rtnl.addresses().list() : rtnl.addresses().list(dev);
        // ip prints every address of the family; its own filter leaves one out (in JSON: {})
        List<Address> addrs = new ArrayList<>();
        java.util.Set<Address> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Address a : found) {
            if (family == 0 || family == AF_PACKET || a.family() == family) {
                addrs.add(a);
                if (filter.keeps(a, i -> nameOf(all, i))) {
                    kept.add(a);
                }
            }
        }
        shown = withAddresses(family, filter, shown, found, kept);
        LinkPrinter lp = new LinkPrinter(all, top.details, family == 0 || family == AF_PACKET,
                top.json ? java.util.Map.of() : JnetnsCommand.netnsNames(rtnl, all), top.stats);
        if (placeholders) {
            lp.hideInJson(l -> !filter.keeps(l));
        }
        Out out = top.printOut();
        // with label, ip prints the addresses without their devices
        new AddressPrinter(lp, top.stats, kept::contains, filter.label() != null, family == AF_PACKET)
                .headed(top.echo).print(shown, addrs, out, top.brief, top.oneline);
        top.print(out);
    }

    /** The name of device {@code index}, as ip's ll_idx_n2a ({@code ifN} for one not listed). */
    private static String nameOf(List<Link> links, int index) {
        for (Link l : links) {
            if (l.index() == index) {
                return l.name();
            }
        }
        return "if" + index;
    }

    /**
     * The devices ip lists (its ipaddr_filter): one with a matching address; one with no address
     * at all unless a family (-4, -6) was asked for.
     */
    private static List<Link> withAddresses(int family, LinkFilter filter, List<Link> links, List<Address> all,
                                            java.util.Collection<Address> matching) {
        if (family == AF_PACKET || family == 0 && !filter.selectsAddresses()) {
            return links;
        }
        return links.stream().filter(l -> matching.stream().anyMatch(a -> a.index() == l.index())
                || family == 0 && all.stream().noneMatch(a -> a.index() == l.index())).toList();
    }

    /**
     * One {@code addr add|del|replace} line: the device and the address; {@code wildcard}: an IPv4
     * del without a prefix length (ip's wildcard deletion).
     */
    record Parsed(String dev, AddressSpec spec, boolean wildcard) {
    }

    /** Parses an {@code addr add|change|replace|del} line as ip's ipaddr_modify does. */
    static Parsed parse(Words w, String verb, int family) {
        String local = null;
        IpPrefix localPrefix = null;
        String dev = null;
        String label = null;
        List<String> pending = new ArrayList<>();
        boolean peer = false;
        boolean brd = false;
        Long valid = null;
        Long preferred = null;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("peer") || word.equals("remote")) {
                String v = w.value();
                if (peer) {
                    throw Words.duplicate("peer", v);
                }
                family = Words.familyOf(Words.prefix(v, family).address());
                peer = true;
                pending.add("peer");
                pending.add(v);
            } else if (Words.matches(word, "broadcast") || word.equals("brd")) {
                String v = w.value();
                if (brd) {
                    throw Words.duplicate("broadcast", v);
                }
                if (!v.equals("+") && !v.equals("-")) {
                    family = Words.familyOf(Words.address(v, family));
                }
                brd = true;
                pending.add("broadcast");
                pending.add(v);
            } else if (word.equals("scope")) {
                String v = w.value();
                scope(v);
                pending.add(word);
                pending.add(v);
            } else if (word.equals("dev")) {
                dev = w.value();
            } else if (word.equals("label")) {
                label = w.value();
            } else if (Words.matches(word, "metric") || Words.matches(word, "priority")
                    || Words.matches(word, "preference")) {
                String v = w.value();
                Words.parseNumber("metric", v, 0xffffffffL);
                pending.add("metric");
                pending.add(v);
            } else if (Words.matches(word, "valid_lft") || Words.matches(word, "preferred_lft")) {
                boolean isValid = Words.matches(word, "valid_lft");
                String v = w.value();
                if ((isValid ? valid : preferred) != null) {
                    throw Words.duplicate(isValid ? "valid_lft" : "preferred_lft", v);
                }
                long seconds = lifetime(isValid ? "valid_lft value" : "preferred_lft value", v);
                if (isValid) {
                    valid = seconds;
                } else {
                    preferred = seconds;
                }
            } else if (List.of("home", "nodad", "mngtmpaddr", "noprefixroute", "autojoin").contains(word)) {
                pending.add(word);
            } else {
                if (word.equals("local")) {
                    word = w.value();
                }
                if (Words.matches(word, "help")) {
                    throw new HelpShown(USAGE);
                }
                if (local != null) {
                    throw Words.garbage("local", word);
                }
                localPrefix = Words.prefix(word, family);
                family = Words.familyOf(localPrefix.address());
                local = word;
            }
        }
        if (dev == null) {
            throw new CommandFailed("Not enough information: \"dev\" argument is required.");
        }
        long v = valid != null ? valid : Address.FOREVER;
        long p = preferred != null ? preferred : Address.FOREVER;
        if (valid != null || preferred != null) {
            // ip's ipaddr_modify: either one given, the other is forever; checked for del too
            if (v == 0) {
                throw new CommandFailed("valid_lft is zero");
            }
            if (v < p) {
                throw new CommandFailed("preferred_lft is greater than valid_lft");
            }
        }
        if (local == null && !peer) {
            throw new NoAddress(dev, family);
        }
        AddressSpec s;
        if (local == null) {
            // ip sends the peer alone (IFA_ADDRESS): the kernel takes it as the local for IPv6
            int at = pending.indexOf("peer");
            s = AddressSpec.of(Words.prefix(pending.get(at + 1), family)).withoutLocal();
            pending.subList(at, at + 2).clear();
        } else {
            s = AddressSpec.of(localPrefix);
        }
        if (valid != null || preferred != null) {
            s.validLifetime(v).preferredLifetime(p);
        }
        if (pending.contains("autojoin") && !s.prefix().address().isMulticastAddress()) {
            throw new CommandFailed("autojoin needs multicast address");
        }
        if (label != null) {
            s.label(label);
        }
        applyOptions(s, pending, verb.equals("del"));
        // ip's wildcard deletion: an IPv4 address without a prefix length (and no peer) is sent
        // without IFA_ADDRESS, so the kernel deletes the first address with that local, any length
        boolean wildcard = verb.equals("del") && local != null && !local.contains("/") && !peer
                && Words.familyOf(s.prefix().address()) == AF_INET;
        return new Parsed(dev, s, wildcard);
    }

    /**
     * {@code addr add|change|replace|del} without an address (nor peer): ip sends it, of the family
     * its other words give, and the kernel refuses it (no family: EOPNOTSUPP; IPv4: Local address is
     * not supplied; IPv6: EINVAL). So does jnetns ({@link #modify}); the pipelined batch, which takes
     * a spec, reports it as not implemented.
     */
    static final class NoAddress extends CommandFailed {
        private static final long serialVersionUID = 1L;
        final String dev;
        final int family;

        NoAddress(String dev, int family) {
            super("address without an address is not implemented by jnetns");
            this.dev = dev;
            this.family = family;
        }
    }

    private void modify(Words w, String verb) throws ErrnoException {
        Parsed p;
        try {
            p = parse(w, verb, top.family(0));
        } catch (NoAddress e) {
            Rtnl rtnl = top.rtnl();
            Address none = new Address(rtnl.links().get(e.dev).index(), e.family, null, null, 0, null, 0, 0,
                    null, -1, -1, null, null, -1, -1, -1, -1, RawAttributes.NONE);
            switch (verb) {
                case "add": rtnl.addresses().add(none); break;
                case "del": rtnl.addresses().delete(none); break;
                default: rtnl.addresses().replace(none); break;
            }
            return;
        }
        Rtnl rtnl = top.rtnl();
        switch (verb) {
            case "add": rtnl.addresses().add(p.dev(), p.spec()); break;
            case "del": rtnl.addresses().delete(p.dev(), p.wildcard() ? wildcard(rtnl, p) : p.spec()); break;
            default: rtnl.addresses().replace(p.dev(), p.spec()); break;
        }
    }

    /**
     * ip's wildcard deletion ({@code addr del 198.18.0.1 dev DEV}): its warning, then the first
     * address of DEV with that local (and label, if given) whatever its prefix length, as the
     * kernel picks it from a request without IFA_ADDRESS; none found, the request as written (which
     * the kernel refuses as it refuses ip's).
     */
    private static AddressSpec wildcard(Rtnl rtnl, Parsed p) throws ErrnoException {
        IpPrefix asked = p.spec().prefix();
        System.err.println("Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
                + "         Explicitly specify the prefix length (" + IpPrefix.format(asked.address()) + "/32)"
                + " to avoid this warning.\n"
                + "         This special behaviour is likely to disappear in further releases,\n"
                + "         fix your scripts!");
        int index = rtnl.links().get(p.dev()).index();
        String label = p.spec().label();
        for (Address a : rtnl.addresses().list()) {
            if (a.index() == index && a.local() != null && a.local().equals(asked.address())
                    && (label == null || label.equals(a.label()))) {
                AddressSpec s = AddressSpec.of(new IpPrefix(a.local(), a.prefixLength()));
                if (a.peer() != null && !a.peer().equals(a.local())) {
                    s.peer(new IpPrefix(a.peer(), a.prefixLength()));
                }
                if (label != null) {
                    s.label(label);
                }
                return s;
            }
        }
        return p.spec();
    }

    /**
     * A scope as ip's rtnl_rtscope_a2n reads it: a name, or a number up to 255 (decimal, 0x-hex,
     * 0-octal), which the kernel may still refuse.
     */
    private static int scope(String v) {
        try {
            return RtNames.SCOPES.number(v);
        } catch (IllegalArgumentException e) {
            try {
                return (int) Words.parseNumber("scope", v, 255);
            } catch (UsageException notNumber) {
                throw Words.invalid("invalid scope value.", v);
            }
        }
    }

    /**
     * {@code brd +|-} as ip computes it once the line is read: from the peer prefix if there is
     * one, else the local prefix, host bits set (+) or cleared (-); nothing for a prefix longer
     * than 30 bits; refused for IPv6.
     */
    private static void broadcastFrom(AddressSpec s, IpPrefix base, boolean ones) {
        if (!(base.address() instanceof java.net.Inet4Address)) {
            throw new CommandFailed("Broadcast can be set only for IPv4 addresses");
        }
        if (base.length() > 30) {
            return;
        }
        byte[] b = base.address().getAddress();
        for (int i = 0; i < 4; i++) {
            int hostBits = 0xff >>> Math.max(0, Math.min(8, base.length() - 8 * i));
            b[i] = (byte) (ones ? b[i] | hostBits : b[i] & ~hostBits);
        }
        try {
            s.broadcast(java.net.InetAddress.getByAddress(b));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);   // 4 bytes are always an address
        }
    }

    /** The options in line order; {@code brd +|-} is not computed for del, as in ip. */
    private static void applyOptions(AddressSpec s, List<String> opts, boolean delete) {
        IpPrefix base = s.prefix();
        String computed = null;
        for (int i = 0; i < opts.size(); i++) {
            String word = opts.get(i);
            switch (word) {
                case "peer": {
                    base = Words.prefix(opts.get(++i), 0);
                    s.peer(base);
                    break;
                }
                case "broadcast": {
                    String b = opts.get(++i);
                    if (b.equals("+") || b.equals("-")) {
                        computed = b;
                    } else {
                        s.broadcast(Words.inetAddress(b));
                    }
                    break;
                }
                case "scope": s.scope(scope(opts.get(++i))); break;
                case "metric": s.metric(Words.parseNumber("metric", opts.get(++i), 0xffffffffL)); break;
                case "nodad": s.noDad(); break;
                case "noprefixroute": s.noPrefixRoute(); break;
                case "home": s.home(); break;
                case "mngtmpaddr": s.manageTempAddr(); break;
                default: s.autoJoin(); break;
            }
        }
        if (computed != null && !delete) {
            broadcastFrom(s, base, computed.equals("+"));
        }
    }

    private static long lifetime(String what, String v) {
        if (v.equals("forever")) {
            return Address.FOREVER;
        }
        try {
            return Words.parseNumber(what, v, 0xffffffffL);
        } catch (UsageException e) {
            throw Words.invalid(what, v);
        }
    }

    /**
     * {@code addr flush SELECTORS}: deletes every address the selectors of show pick, listing again
     * until none is left (deleting a primary IPv4 address takes its secondaries), at most -loops
     * rounds (0: no limit), one with {@code primary}; -s says the rounds, -s -s also lists what each
     * deletes (ip's ipaddr_flush; in text, -j or not).
     */
    private void flush(Words w) throws ErrnoException {
        if (!w.hasNext()) {
            throw new CommandFailed("Flush requires arguments.");
        }
        int family = top.family(0);
        if (family == AF_PACKET) {
            throw new CommandFailed("Cannot flush link addresses.");
        }
        LinkFilter filter = LinkFilter.parse(w, USAGE, family);
        Rtnl rtnl = top.rtnl();
        List<Link> links = filter.apply(rtnl.links().list());
        java.io.PrintWriter out = top.out();
        boolean primaryOnly = (filter.flagMask() & IFA_F_SECONDARY) != 0 && (filter.flags() & IFA_F_SECONDARY) == 0;
        int round = 0;
        while (top.loops == 0 || round < top.loops) {
            List<Address> doomed = new ArrayList<>();
            for (Address a : rtnl.addresses().list()) {
                if ((family == 0 || a.family() == family) && filter.keeps(a, i -> nameOf(links, i))
                        && links.stream().anyMatch(l -> l.index() == a.index())) {
                    doomed.add(a);
                }
            }
            if (doomed.isEmpty()) {
                flushDone(out, round);
                return;
            }
            round++;
            Out listed = Out.text().numeric(top.numeric);
            for (Address a : doomed) {
                String dev = nameOf(links, a.index());
                if (top.stats > 1) {
                    AddressPrinter.flushed(a, dev, top.oneline, listed);
                }
                AddressSpec spec = AddressSpec.of(new IpPrefix(a.local(), a.prefixLength()));
                if (a.peer() != null && !a.peer().equals(a.local())) {
                    spec.peer(new IpPrefix(a.peer(), a.prefixLength()));
                }
                try {
                    rtnl.addresses().delete(dev, spec);
                } catch (ErrnoException e) {
                    if (!e.is(Errno.EADDRNOTAVAIL) && !e.is(Errno.ENOENT)) {
                        throw e;   // gone with its primary is fine, anything else is not
                    }
                }
            }
            out.print(listed);
            if (top.stats > 0) {
                out.println();
                out.println("*** Round " + round + ", deleting " + doomed.size() + " addresses ***");
            }
            if (primaryOnly) {   // another round would flush the secondaries promoted meanwhile
                flushDone(out, round);
                return;
            }
        }
        throw new CommandFailed("*** Flush remains incomplete after " + top.loops + " rounds. ***", Main.EXIT_ABORT);
    }

    /** With -s, ip's word at the end of a flush: "Nothing to flush." or the rounds it took. */
    private void flushDone(java.io.PrintWriter out, int round) {
        if (top.stats > 0) {
            out.println(round == 0 ? "Nothing to flush."
                    : "*** Flush is complete after " + round + " round" + (round > 1 ? "s" : "") + " ***");
        }
    }
}
