package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxIfArp.ARPHRD_ETHER;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_FAILED;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_NOARP;
import static dev.jnetns.uapi.LinuxNeighbour.NUD_PERMANENT;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Neighbour;
import dev.jnetns.NeighbourSpec;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
import dev.jnetns.rtnl.HardwareAddresses;
import dev.jnetns.uapi.LinuxNeighbour;
import java.net.InetAddress;
import java.util.List;

/** {@code jnetns neighbour ...}: ARP/NDP entries, as {@code ip neigh}. */
final class NeighbourCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] neigh [show] [[to] PREFIX] [dev DEV] [nud STATE|all] [proxy] [unused]\n"
            + "                 [master DEV | nomaster | vrf NAME] [protocol PROTO]\n"
            + "       jnetns [-4|-6] neigh flush [[to] PREFIX] [dev DEV] [nud STATE|all] ... (at least one)\n"
            + "       jnetns neigh add|change|replace|del [to] ADDR|proxy ADDR [lladdr MAC] dev DEV [nud STATE] [router]\n"
            + "                 [use] [managed] [extern_learn] [protocol PROTO]\n"
            + "       jnetns neigh get [to] ADDR|proxy ADDR dev DEV\n";

    /** NUD_NONE in ip's state filter (a state of 0 has no bit of its own). */
    private static final int NONE = 0x100;

    /** ip's verbs in its order (ipneigh.c do_ipneigh). */
    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (Words.matches(verb, "add")) {
            modify(w, "add");
        } else if (Words.matches(verb, "change") || verb.equals("chg")) {
            modify(w, "change");
        } else if (Words.matches(verb, "replace")) {
            modify(w, "replace");
        } else if (Words.matches(verb, "delete")) {
            modify(w, "del");
        } else if (Words.matches(verb, "get")) {
            get(w);
        } else if (isShow(verb)) {
            showOrFlush(w, false);
        } else if (Words.matches(verb, "flush")) {
            showOrFlush(w, true);
        } else {
            return null;
        }
        return 0;
    }

    /** {@code neigh show|flush}: ip's do_show_or_flush selectors. */
    private void showOrFlush(Words w, boolean flush) throws ErrnoException {
        if (flush && !w.hasNext()) {
            throw new CommandFailed("Flush requires arguments.");
        }
        int family = top.family(0);
        String dev = null;
        Integer states = null;
        boolean proxy = false;
        boolean unused = false;
        int master = 0;
        int protocol = 0;
        IpPrefix to = null;
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("dev")) {
                String v = w.value();
                Words.once(dev, "dev", v);
                dev = v;
            } else if (word.equals("nud")) {
                String v = w.value();
                int state;
                if (v.equals("all")) {
                    state = flush ? ~NUD_NOARP : ~0;
                } else {
                    state = nudState(v);
                }
                states = (states == null ? 0 : states) | (state == 0 ? NONE : state);
            } else if (word.equals("proxy")) {
                proxy = true;
            } else if (word.equals("unused")) {
                unused = true;
            } else if (word.equals("nomaster")) {
                master = NO_MASTER;
            } else if (word.equals("master") || word.equals("vrf")) {
                String v = w.value();
                Link m = links.stream().filter(l -> l.name().equals(v)).findFirst().orElse(null);
                if (m == null || word.equals("vrf") && !"vrf".equals(m.kind())) {
                    throw Words.invalid(word.equals("vrf") ? "Not a valid VRF name" : "Device does not exist", v);
                }
                master = m.index();
            } else if (Words.matches(word, "protocol")) {
                protocol = Words.named(RtNames.PROTOCOLS, w.value(), "invalid \"protocol\"");
            } else {
                if (word.equals("to")) {
                    word = w.value();
                }
                if (Words.matches(word, "help")) {
                    throw new HelpShown(USAGE);
                }
                to = Words.prefix(word, family);
                family = Words.familyOf(to.address());
            }
        }
        // without nud: show lists every state but NOARP (and not NONE), flush all but PERMANENT and NOARP
        int wanted = states != null ? states : flush ? ~(NUD_PERMANENT | NUD_NOARP) : 0xff & ~NUD_NOARP;
        int index = dev == null ? 0 : index(links, dev);
        int fam = family;
        IpPrefix prefix = to;
        boolean onlyUnused = unused;
        int proto = protocol;
        java.util.function.Predicate<Integer> masters = masterFilter(links, master);
        java.util.function.Predicate<Neighbour> keeps = n -> (index == 0 || n.index() == index)
                && (fam == 0 || n.family() == fam) && (prefix == null || covers(prefix, n.dst()))
                && n.shownBy(wanted & 0xff, (wanted & NONE) != 0) && masters.test(n.index())
                && (!onlyUnused || n.cache() == null || n.cache().refcnt() == 0)
                && (proto == 0 || n.protocol() == proto);
        if (flush) {
            flush(rtnl, links, proxy, keeps);
            return;
        }
        List<Neighbour> shown = (proxy ? rtnl.neighbours().proxies() : rtnl.neighbours().list()).stream()
                .filter(keeps).toList();
        print(links, shown, top.json, index == 0);
    }

    /** {@code nomaster}: ip's -1, the kernel's NDA_MASTER value for "devices without a master". */
    private static final int NO_MASTER = -1;

    /**
     * Which devices' entries {@code master M} (ifindex M), {@code nomaster} ({@link #NO_MASTER}) or
     * neither (0) keeps, as the kernel's dump filter on NDA_MASTER does: by the device's master now.
     */
    private static java.util.function.Predicate<Integer> masterFilter(List<Link> links, int master) {
        if (master == 0) {
            return index -> true;
        }
        java.util.Map<Integer, Integer> masterOf = new java.util.HashMap<>();
        links.forEach(l -> masterOf.put(l.index(), l.masterIndex()));
        return index -> {
            int m = masterOf.getOrDefault(index, 0);
            return master == NO_MASTER ? m <= 0 : m == master;
        };
    }

    private void print(List<Link> links, List<Neighbour> shown) {
        print(links, shown, top.json);
    }

    private void print(List<Link> links, List<Neighbour> shown, boolean json) {
        print(links, shown, json, true);
    }

    /** The entries as ip prints them; {@code showDev} false when a device selector fixes it (ip leaves it out). */
    private void print(List<Link> links, List<Neighbour> shown, boolean json, boolean showDev) {
        NeighbourPrinter p = new NeighbourPrinter(links, showDev, top.stats > 0, top.brief);
        boolean was = top.json;
        top.json = json;
        try {
            Out out = top.printOut();
            out.records(shown, p::fields);
            top.print(out);
        } finally {
            top.json = was;
        }
    }

    /**
     * Deletes what {@code keeps} picks among the entries (the proxy entries with {@code proxy}), listing
     * again until nothing is left (ip's rounds, -s says them).
     */
    private void flush(Rtnl rtnl, List<Link> links, boolean proxy, java.util.function.Predicate<Neighbour> keeps)
            throws ErrnoException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean first = round == 0;   // ip leaves FAILED entries alone after the first round
            List<Neighbour> doomed = (proxy ? rtnl.neighbours().proxies() : rtnl.neighbours().list()).stream()
                    .filter(n -> (n.state() & NUD_FAILED) == 0 || first).filter(keeps).toList();
            if (doomed.isEmpty()) {
                if (top.stats > 0) {
                    top.out().println(round == 0 ? "Nothing to flush."
                            : "*** Flush is complete after " + round + " round" + (round > 1 ? "s" : "") + " ***");
                }
                return;
            }
            for (Neighbour n : doomed) {
                try {
                    if (proxy) {   // one on every device has ifindex 0
                        rtnl.neighbours().deleteProxy(n.index() == 0 ? null : name(links, n.index()), n.dst());
                    } else {
                        rtnl.neighbours().delete(name(links, n.index()), n.dst());
                    }
                } catch (ErrnoException e) {
                    if (!e.is(Errno.ENOENT)) {
                        throw e;
                    }
                }
            }
            if (top.stats > 0) {
                top.out().println();
                top.out().println("*** Round " + (round + 1) + ", deleting " + doomed.size() + " entries ***");
            }
        }
        top.out().println("*** Flush not complete bailing out after " + MAX_ROUNDS + " rounds");
    }

    /** ip's MAX_ROUNDS for a neighbour flush. */
    private static final int MAX_ROUNDS = 10;

    private static String name(List<Link> links, int index) {
        return links.stream().filter(l -> l.index() == index).findFirst().orElseThrow().name();
    }

    private static int index(List<Link> links, String dev) {
        return links.stream().filter(l -> l.name().equals(dev)).findFirst()
                .orElseThrow(() -> new CommandFailed("Cannot find device \"" + dev + "\"")).index();
    }

    private static boolean covers(IpPrefix p, InetAddress a) {
        return Words.familyOf(a) == Words.familyOf(p.address()) && new IpPrefix(a, p.length()).network().equals(p.network());
    }

    /** The destination a word (or "to" and the word after it) names, as ip's get and modify read it. */
    private static InetAddress destination(Words w, String word, InetAddress dst, int family) {
        String a = word.equals("to") ? w.value() : word;
        if (Words.matches(a, "help")) {
            throw new HelpShown(USAGE);
        }
        if (dst != null) {
            throw Words.garbage("to", a);
        }
        return Words.address(a, family);
    }

    /** {@code neigh get [to] ADDR|proxy ADDR dev DEV}. */
    private void get(Words w) throws ErrnoException {
        int family = top.family(0);
        InetAddress dst = null;
        String dev = null;
        boolean proxy = false;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("dev")) {
                dev = w.value();
            } else if (Words.matches(word, "proxy")) {
                String v = w.value();
                if (dst != null) {
                    throw Words.duplicate("address", v);
                }
                dst = Words.address(v, family);
                proxy = true;
            } else {
                dst = destination(w, word, dst, family);
            }
        }
        if (dev == null || dst == null) {
            throw new CommandFailed("Device and address are required arguments.");
        }
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        index(links, dev);
        InetAddress a = dst;
        Neighbour n = proxy ? rtnl.neighbours().proxies().stream().filter(p -> p.dst().equals(a)).findFirst()
                .orElseThrow(() -> new CommandFailed("neigh get proxy " + IpPrefix.format(a) + ": no such entry"))
                : rtnl.neighbours().get(dev, dst);
        print(links, List.of(n), false);   // ip 6.1 prints neigh get as text, -j or not
    }

    /**
     * A {@code nud} state as ip's nud_state_a2n reads it: any prefix of permanent, reachable and
     * failed, the other names exactly (lower case), or a number (0 or one NUD_* bit below 0x100).
     */
    static int nudState(String v) {
        if (Words.matches(v, "permanent")) {
            return NUD_PERMANENT;
        } else if (Words.matches(v, "reachable")) {
            return Neighbour.state("reachable");
        } else if (List.of("noarp", "none", "stale", "incomplete", "delay", "probe").contains(v)) {
            return Neighbour.state(v);
        } else if (Words.matches(v, "failed")) {
            return NUD_FAILED;
        }
        long n;
        try {
            n = Words.parseNumber("nud", v, 0xffffffffL);
        } catch (UsageException e) {
            n = -1;
        }
        if (n < 0 || n >= 0x100 || (n & (n - 1)) != 0) {
            throw Words.invalid("nud state is bad", v);
        }
        return (int) n;
    }

    /** {@code neigh add|change|replace|del}: ip's ipneigh_modify words. */
    private void modify(Words w, String verb) throws ErrnoException {
        int family = top.family(0);
        InetAddress dst = null;
        String lladdr = null;
        String dev = null;
        int state = NUD_PERMANENT;   // ip's default, also for nud words it does not take
        boolean router = false;
        boolean proxy = false;
        boolean use = false;
        boolean managed = false;
        boolean externLearn = false;
        Integer protocol = null;
        while (w.hasNext()) {
            String word = w.next();
            if (Words.matches(word, "lladdr")) {
                String v = w.value();
                Words.once(lladdr, "lladdr", v);
                lladdr = v;
            } else if (word.equals("nud")) {
                state = nudState(w.value());
            } else if (Words.matches(word, "proxy")) {
                String v = w.value();
                if (Words.matches(v, "help")) {
                    throw new HelpShown(USAGE);
                }
                if (dst != null) {
                    throw Words.duplicate("address", v);
                }
                dst = Words.address(v, family);
                proxy = true;
            } else if (word.equals("router")) {
                router = true;
            } else if (word.equals("use")) {
                use = true;
            } else if (word.equals("managed")) {
                managed = true;
                state = 0;   // NUD_NONE, as ip sets it; a later nud sets another
            } else if (Words.matches(word, "extern_learn")) {
                externLearn = true;
            } else if (word.equals("dev")) {
                dev = w.value();
            } else if (Words.matches(word, "protocol")) {
                String v = w.value();
                protocol = Words.named(RtNames.PROTOCOLS, v, "\"protocol\" value is invalid");
            } else {
                dst = destination(w, word, dst, family);
            }
        }
        if ((dev == null && !proxy) || dst == null) {   // proxy stands for dev: ifindex 0, every device
            throw new UsageException("Device and destination are required arguments.");
        }
        if ("null".equals(lladdr)) {
            lladdr = null;
        } else if (lladdr != null) {   // read as ip reads it, after the check above: "0x2:0:0:0:0:9" too
            lladdr = HardwareAddresses.format(ARPHRD_ETHER, LinkCommand.lladdr(lladdr));
        }
        Rtnl rtnl = top.rtnl();
        if (dev != null) {
            index(rtnl.links().list(), dev);
        }
        if (proxy) {   // ip sends NTF_PROXY; the kernel creates or updates a proxy entry for add, change and replace alike
            if (verb.equals("del")) {
                rtnl.neighbours().deleteProxy(dev, dst);
            } else {
                rtnl.neighbours().addProxy(dev, dst, router);
            }
            return;
        }
        if (verb.equals("del")) {
            rtnl.neighbours().delete(dev, dst);
            return;
        }
        NeighbourSpec s = NeighbourSpec.of(dev, dst).lladdr(lladdr);
        if (managed) {
            s.managed();
        }
        s.state(state);
        if (router) {
            s.router();
        }
        if (use) {
            s.use();
        }
        if (externLearn) {
            s.externLearn();
        }
        if (protocol != null) {
            s.protocol(protocol);
        }
        switch (verb) {
            case "add" -> rtnl.neighbours().add(s);
            case "change" -> rtnl.neighbours().change(s);
            default -> rtnl.neighbours().replace(s);
        }
    }
}
