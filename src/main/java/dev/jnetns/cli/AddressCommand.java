package dev.jnetns.cli;

import dev.jnetns.Address;
import dev.jnetns.AddressSpec;
import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.RtNames;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns address ...}: IP addresses, as {@code ip address}. */
final class AddressCommand extends ObjectCommand {
    static final String USAGE =
            "Usage: jnetns [-4|-6] address show [[dev] DEV] [up] [type KIND] [master DEV] [group G]\n"
            + "       jnetns address add|del|replace PREFIX [peer PREFIX] [broadcast ADDR|+] [label LABEL]\n"
            + "                      [scope SCOPE] [nodad] [noprefixroute] [home] [mngtmpaddr] [autojoin]\n"
            + "                      [valid_lft SEC|forever] [preferred_lft SEC|forever] dev DEV\n"
            + "       jnetns [-4|-6] address flush dev DEV\n";

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (isShow(verb)) {
            show(w);
        } else if (change(verb) != null) {
            modify(w, change(verb));
        } else if (Words.matches(verb, "flush")) {
            flush(w);
        } else {
            return null;
        }
        return 0;
    }

    private void show(Words w) throws ErrnoException {
        LinkFilter filter = LinkFilter.parse(w, "address show");
        String dev = filter.dev();
        int family = top.family(0);
        Rtnl rtnl = top.rtnl();
        // ip asks for the devices in the family of -4/-6: the IPv6 layer answers for -6, with its own attributes
        List<Link> links = rtnl.links().list(family);
        List<Link> all = family == 0 ? links : rtnl.links().list();
        // ip -j prints the devices its own (not the kernel's) filtering drops as {}
        boolean placeholders = top.json && !filter.equals(filter.kernelSide());
        List<Link> shown = (placeholders ? filter.kernelSide() : filter).apply(links);
        List<Address> addrs = new ArrayList<>();
        for (Address a : dev == null ? rtnl.addresses().list() : rtnl.addresses().list(dev)) {
            if (family == 0 || a.family() == family) {
                addrs.add(a);
            }
        }
        shown = withAddressesOf(family, shown, addrs);
        LinkPrinter lp = new LinkPrinter(all, top.details, family == 0,
                top.json ? java.util.Map.of() : JnetnsCommand.netnsNames(rtnl, all), top.stats);
        if (placeholders) {
            lp.hideInJson(l -> !filter.keeps(l));
        }
        Out out = top.printOut();
        new AddressPrinter(lp, top.stats).print(shown, addrs, out, top.brief, top.oneline);
        top.print(out);
    }

    /** With -4/-6 ({@code family} not 0), ip lists only the devices that have an address of that family. */
    private static List<Link> withAddressesOf(int family, List<Link> links, List<Address> addrs) {
        return family == 0 ? links
                : links.stream().filter(l -> addrs.stream().anyMatch(a -> a.index() == l.index())).toList();
    }

    /** One {@code addr add|del|replace} line: the device and the address. */
    record Parsed(String dev, AddressSpec spec) {
    }

    static Parsed parse(Words w, String verb) {
        if (!w.hasNext()) {
            throw new UsageException("address " + verb + ": no address given");
        }
        AddressSpec s = null;
        String dev = null;
        List<String> pending = new ArrayList<>();
        while (w.hasNext()) {
            String word = w.next();
            switch (word) {
                case "dev": dev = w.valueOf(word); break;
                case "local": s = AddressSpec.of(w.valueOf(word)); break;
                case "peer": case "remote": case "broadcast": case "brd": case "label": case "scope":
                case "valid_lft": case "preferred_lft":
                    pending.add(word);
                    pending.add(w.valueOf(word));
                    break;
                case "nodad": case "noprefixroute": case "home": case "mngtmpaddr": case "autojoin":
                    pending.add(word);
                    break;
                default:
                    if (s != null) {
                        throw new UsageException("address " + verb + ": unexpected \"" + word + "\"");
                    }
                    s = AddressSpec.of(word);
            }
        }
        if (s == null) {
            throw new UsageException("address " + verb + ": no address given");
        }
        if (dev == null) {
            throw new UsageException("address " + verb + ": \"dev DEV\" is required");
        }
        applyOptions(s, pending);
        return new Parsed(dev, s);
    }

    private void modify(Words w, String verb) throws ErrnoException {
        Parsed p = parse(w, verb);
        Rtnl rtnl = top.rtnl();
        switch (verb) {
            case "add": rtnl.addresses().add(p.dev(), p.spec()); break;
            case "del": rtnl.addresses().delete(p.dev(), p.spec()); break;
            default: rtnl.addresses().replace(p.dev(), p.spec()); break;
        }
    }

    private static void applyOptions(AddressSpec s, List<String> opts) {
        for (int i = 0; i < opts.size(); i++) {
            String word = opts.get(i);
            switch (word) {
                case "peer": case "remote": s.peer(IpPrefix.parse(opts.get(++i))); break;
                case "broadcast": case "brd": {
                    String b = opts.get(++i);
                    if (b.equals("+")) {
                        s.broadcastFromPrefix();
                    } else {
                        s.broadcast(IpPrefix.parseAddress(b));
                    }
                    break;
                }
                case "label": s.label(opts.get(++i)); break;
                case "scope": s.scope(RtNames.SCOPES.number(opts.get(++i))); break;
                case "valid_lft": s.validLifetime(lifetime(word, opts.get(++i))); break;
                case "preferred_lft": s.preferredLifetime(lifetime(word, opts.get(++i))); break;
                case "nodad": s.noDad(); break;
                case "noprefixroute": s.noPrefixRoute(); break;
                case "home": s.home(); break;
                case "mngtmpaddr": s.manageTempAddr(); break;
                default: s.autoJoin(); break;
            }
        }
    }

    private static long lifetime(String key, String v) {
        return v.equals("forever") ? Address.FOREVER : Words.parseNumber(key, v, 0xffffffffL);
    }

    private void flush(Words w) throws ErrnoException {
        String dev = w.device("address flush");
        if (dev == null) {
            throw new UsageException("address flush: \"dev DEV\" is required");
        }
        Rtnl rtnl = top.rtnl();
        rtnl.addresses().flush(dev, top.family(0));
    }
}
