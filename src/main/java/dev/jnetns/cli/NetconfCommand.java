package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_UNSPEC;

import dev.jnetns.ErrnoException;
import dev.jnetns.Link;
import dev.jnetns.Netconf;
import dev.jnetns.Rtnl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** {@code jnetns netconf show [dev NAME]}: the forwarding settings of devices, as {@code ip netconf} (ipnetconf.c). */
final class NetconfCommand extends ObjectCommand {
    static final String USAGE = "Usage: jnetns netconf show [ dev STRING ]\n";

    @Override
    Integer run(String verb, Words w) throws ErrnoException {
        if (!isShow(verb)) {
            return null;
        }
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int ifindex = 0;
        while (w.hasNext()) {   // ip ignores any other word
            if (w.next().equals("dev")) {
                ifindex = LinkFilter.named(links, w.value()).index();
            }
        }
        Map<Integer, String> names = new HashMap<>();
        links.forEach(l -> names.put(l.index(), l.name()));
        IntFunction<String> deviceName = i -> names.getOrDefault(i, "if" + i);   // ip's ll_index_to_name
        int family = top.family(AF_UNSPEC);
        if (ifindex != 0 && family != AF_UNSPEC) {
            // ip asks for the one entry and prints it as text even under -j; it says nothing of a refusal
            Netconf c;
            try {
                c = rtnl.netconf(family, ifindex);
            } catch (ErrnoException e) {
                return 0;
            }
            Out out = Out.text();
            NetconfPrinter.fields(c, deviceName, out);
            top.out().print(out);
            return 0;
        }
        int dev = ifindex;
        List<Netconf> shown = rtnl.netconfs(family).stream()
                .filter(c -> (family == AF_UNSPEC || c.family() == family) && (dev == 0 || c.ifindex() == dev))
                .toList();
        Out out = top.printOut();
        out.records(shown, (c, o) -> NetconfPrinter.fields(c, deviceName, o));
        top.print(out);
        return 0;
    }
}
