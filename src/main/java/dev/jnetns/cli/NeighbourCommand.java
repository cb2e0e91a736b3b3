package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Links;
import dev.jnetns.Neighbour;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.ErrnoException;
import dev.jnetns.uapi.LinuxNeighbour;
import java.net.InetAddress;
import java.util.List;

/** {@code jnetns neighbour ...}: ARP/NDP entries, as {@code ip neigh}. */
final class NeighbourCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] [-s] [-br] neigh show [proxy] [dev DEV] [nud STATE|all]\n"
            + "       jnetns neigh add|del|replace ADDR [lladdr MAC] dev DEV [nud STATE] [router] [proxy]\n";

    /** The states {@code ip neigh show} lists without {@code nud}: all but NOARP. */
    private static final int SHOWN_BY_DEFAULT = 0xff & ~LinuxNeighbour.NUD_NOARP;

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (isShow(verb)) {
            show(w);
        } else if (change(verb) != null) {
            modify(w, change(verb));
        } else {
            return null;
        }
        return 0;
    }

    private void show(Words w) throws ErrnoException {
        String dev = null;
        boolean proxy = false;
        int states = SHOWN_BY_DEFAULT;
        boolean none = false;
        boolean nudGiven = false;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("dev")) {
                dev = w.valueOf(word);
            } else if (word.equals("proxy")) {
                proxy = true;
            } else if (word.equals("nud")) {
                String s = w.valueOf(word);
                states = nudGiven ? states : 0;
                nudGiven = true;
                int state = s.equals("all") ? ~0 : Neighbour.state(s);
                states |= state;
                none |= state == 0 || state == ~0;
            } else {
                throw new UsageException("neigh show: unexpected \"" + word + "\"");
            }
        }
        int family = top.family(0);
        int shownStates = states;
        boolean shownNone = none;
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int index = dev == null ? 0 : LinkFilter.named(links, Links.checkName(dev)).index();
        List<Neighbour> shown = (proxy ? rtnl.neighbours().proxies() : rtnl.neighbours().list()).stream()
                .filter(n -> index == 0 || n.index() == index)
                .filter(n -> family == 0 || n.family() == family)
                .filter(n -> n.shownBy(shownStates, shownNone))
                .toList();
        NeighbourPrinter p = new NeighbourPrinter(links, index == 0, top.stats > 0, top.brief);
        Out out = top.printOut();
        out.records(shown, p::fields);
        top.print(out);
    }

    private void modify(Words w, String verb) throws ErrnoException {
        InetAddress dst = null;
        String lladdr = null;
        String dev = null;
        int state = 0;
        boolean router = false;
        boolean proxy = false;
        while (w.hasNext()) {
            String word = w.next();
            switch (word) {
                case "lladdr": lladdr = w.valueOf(word); break;
                case "dev": dev = w.valueOf(word); break;
                case "nud": state = Neighbour.state(w.valueOf(word)); break;
                case "router": router = true; break;
                case "proxy": proxy = true; dst = IpPrefix.parseAddress(w.valueOf(word)); break;
                case "to": dst = IpPrefix.parseAddress(w.valueOf(word)); break;
                default:
                    if (dst != null) {
                        throw new UsageException("neigh " + verb + ": unexpected \"" + word + "\"");
                    }
                    dst = IpPrefix.parseAddress(word);
            }
        }
        if (dst == null) {
            throw new UsageException("neigh " + verb + ": no address given");
        }
        if (dev == null) {
            throw new UsageException("neigh " + verb + ": \"dev DEV\" is required");
        }
        Rtnl rtnl = top.rtnl();
        if (verb.equals("del")) {
            rtnl.neighbours().delete(dev, dst);
        } else if (proxy) {
            rtnl.neighbours().addProxy(dev, dst);
        } else if (verb.equals("add")) {
            rtnl.neighbours().add(dev, dst, lladdr, state, router);
        } else {
            rtnl.neighbours().replace(dev, dst, lladdr, state, router);
        }
    }
}
