package dev.jnetns;

import static dev.jnetns.netlink.LinuxNetlink.NETLINK_ROUTE;

import dev.jnetns.netlink.NlSocket;
import dev.jnetns.sys.ErrnoException;

/**
 * An rtnetlink handle bound to one network namespace. Its socket is created inside that namespace
 * (on a short-lived helper thread) and afterwards works from any thread, with no setns at all.
 * Requests on one handle are serialised; use several handles for parallel work.
 */
public final class Rtnl implements AutoCloseable {
    private final NlSocket socket;
    private final Links links;

    private Rtnl(NlSocket socket) {
        this.socket = socket;
        this.links = new Links(socket);
    }

    /** A handle for the namespace of the calling thread (normally the process's own). */
    public static Rtnl open() throws ErrnoException {
        return new Rtnl(NlSocket.open(NETLINK_ROUTE));
    }

    /** A handle for {@code ns}; the namespace may be closed afterwards, the socket keeps it alive. */
    public static Rtnl open(Netns ns) throws ErrnoException {
        try {
            return new Rtnl(ns.call(() -> NlSocket.open(NETLINK_ROUTE)));
        } catch (ErrnoException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Devices: {@code ip link}. */
    public Links links() {
        return links;
    }

    @Override
    public void close() throws ErrnoException {
        socket.close();
    }
}
