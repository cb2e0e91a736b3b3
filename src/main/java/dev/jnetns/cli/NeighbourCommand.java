package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.Links;
import dev.jnetns.Neighbour;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.ErrnoException;
import java.net.InetAddress;
import java.util.List;

/** {@code jnetns neighbour ...}: ARP/NDP entries, as {@code ip neigh}. */
final class NeighbourCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] neigh show [dev DEV] [nud STATE|all]\n"
            + "       jnetns neigh add|del|replace ADDR [lladdr MAC] dev DEV [nud STATE] [router] [proxy]\n";

    private static final int NUD_NOARP = 0x40;

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
        boolean all = false;
        Integer nud = null;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("dev")) {
                dev = w.valueOf(word);
            } else if (word.equals("nud")) {
                String s = w.valueOf(word);
                if (s.equals("all")) {
                    all = true;
                } else {
                    nud = Neighbour.state(s);
                }
            } else {
                throw new UsageException("neigh show: unexpected \"" + word + "\"");
            }
        }
        int family = top.family(0);
        boolean showAll = all;
        Integer onlyState = nud;
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int index = dev == null ? 0 : LinkFilter.named(links, Links.checkName(dev)).index();
        List<Neighbour> shown = rtnl.neighbours().list().stream()
                .filter(n -> index == 0 || n.index() == index)
                .filter(n -> family == 0 || n.family() == family)
                .filter(n -> onlyState != null ? (n.state() & onlyState) != 0 || (onlyState == 0 && n.state() == 0)
                        : showAll || n.state() == 0 || (n.state() & ~NUD_NOARP) != 0)
                .toList();
        NeighbourPrinter p = new NeighbourPrinter(links);
        if (top.json) {
            top.out().println(p.json(shown, top.json()));
        } else {
            top.out().print(p.text(shown));
        }
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
