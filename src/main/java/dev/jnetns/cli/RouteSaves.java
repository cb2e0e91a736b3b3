package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxRoute.RTM_F_CLONED;
import static dev.jnetns.uapi.LinuxRtnetlink.RTM_NEWROUTE;
import static dev.jnetns.uapi.LinuxSocket.AF_INET;

import dev.jnetns.ErrnoException;
import dev.jnetns.Link;
import dev.jnetns.Route;
import dev.jnetns.Rtnl;
import dev.jnetns.Saved;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** {@code jnetns route save|restore|showdump}: ip's binary route dumps (iproute.c). */
final class RouteSaves {
    private RouteSaves() {
    }

    /**
     * {@code ip route save SELECTORS}: the magic (before the selectors are read, as ip writes it),
     * then the routes {@code route show SELECTORS} lists, each message as the kernel sent it.
     */
    static void save(JnetnsCommand top, Words w) throws ErrnoException {
        OutputStream out = SaveFile.begin(top, SaveFile.ROUTES);
        RouteFilter f = RouteFilter.parse(w, top.family(0));
        int family = top.family(f.table() == 0 ? 0 : AF_INET);   // route show's family
        Rtnl rtnl = top.rtnl();
        List<Link> links = rtnl.links().list();
        int oif = RouteCommand.index(links, f.dev());
        if (f.cached()) {
            throw new CommandFailed("route save cached: the route cache is not implemented by jnetns");
        }
        rtnl.routes().forEachSaved(family, f.table(), s -> {
            if ((oif == 0 || s.value().oif() == oif) && f.keeps(s.value())) {
                SaveFile.write(out, s.message());
            }
        });
        SaveFile.end(out);
    }

    /**
     * {@code ip route restore}: the routes of the file on stdin (a file, not a pipe: ip reads it once
     * per pass) in ip's three passes: routes to local addresses, then to local networks, then
     * through gateways (iproute.c restore_handler).
     */
    static void restore(JnetnsCommand top) throws ErrnoException {
        SaveFile file = SaveFile.open("route", SaveFile.ROUTES, Main.EXIT_USAGE, Main.EXIT_KERNEL);
        SaveFile.requireSeekable();
        Rtnl rtnl = top.rtnl();
        for (int pass = 0; pass < 3; pass++) {
            file.rewind();
            for (byte[] m; (m = file.next()) != null; ) {
                if (pass(Saved.route(m)) == pass) {
                    SavedRequests.send(rtnl, "route restore", m, Main.EXIT_KERNEL);
                }
            }
        }
    }

    /**
     * The pass of restore_handler that sends {@code r}: 0 without a gateway and a source other than
     * the destination, 1 without a gateway with another source, 2 with a gateway.
     */
    private static int pass(Route r) {
        if (r.gateway() != null) {
            return 2;
        }
        boolean ownSource = r.prefsrc() != null && r.dst() != null && r.prefsrc().equals(r.dst().address());
        return r.prefsrc() == null || ownSource ? 0 : 1;
    }

    /**
     * {@code ip route showdump}: the routes of the file on stdin as {@code route show table all}
     * prints them, in text even with {@code -j} (ip opens no JSON there); another message is "Not a
     * route".
     */
    static void showdump(JnetnsCommand top) throws ErrnoException {
        SaveFile file = SaveFile.open("route", SaveFile.ROUTES, Main.EXIT_USAGE, Main.EXIT_KERNEL);
        Rtnl rtnl = top.rtnl();
        RoutePrinter p = top.routePrinter(rtnl.links().list(), RouteFilter.NONE);
        int family = top.family(0);
        for (byte[] m; (m = file.next()) != null; ) {
            if (Saved.type(m) != RTM_NEWROUTE) {
                ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
                System.err.printf("Not a route: %08x %08x %08x%n", b.getInt(0), b.getShort(4) & 0xffff,
                        b.getShort(6) & 0xffff);
                continue;
            }
            Route r = Saved.route(m);
            if ((family == 0 || r.family() == family) && (r.flags() & RTM_F_CLONED) == 0) {
                Out o = Out.text().numeric(top.numeric);
                p.print(r, o);
                top.out().print(o);
            }
        }
    }
}
