package dev.jnetns;

import java.net.InetAddress;

/**
 * What {@link Routes#get(RouteQuery)} asks the kernel: the route to a destination, as seen by a
 * packet from a source, arriving on a device, leaving by a device, or carrying a mark. Mirrors
 * {@code ip route get ADDR [from PREFIX] [iif DEV] [oif DEV] [mark N] [fibmatch]}.
 */
public final class RouteQuery {
    final InetAddress dst;
    IpPrefix from;
    String iif;
    String oif;
    long mark;
    boolean fibMatch;

    private RouteQuery(InetAddress dst) {
        this.dst = dst;
    }

    /** The route to {@code dst}. */
    public static RouteQuery to(InetAddress dst) {
        return new RouteQuery(dst);
    }

    /** {@code from PREFIX}: the source; must be of the destination's family. */
    public RouteQuery from(IpPrefix from) {
        if (Inet.family(from.address()) != Inet.family(dst)) {
            throw new IllegalArgumentException("from " + from + " is not of the family of " + Inet.format(dst));
        }
        this.from = from;
        return this;
    }

    /** {@code iif DEV}: as a packet arriving on {@code dev} (needs {@link #from}). */
    public RouteQuery iif(String dev) {
        this.iif = Links.checkName(dev);
        return this;
    }

    /** {@code oif DEV}: leaving by {@code dev}. */
    public RouteQuery oif(String dev) {
        this.oif = Links.checkName(dev);
        return this;
    }

    /** {@code mark N}: with firewall mark {@code mark}. */
    public RouteQuery mark(long mark) {
        if (mark < 0 || mark > 0xffffffffL) {
            throw new IllegalArgumentException("invalid mark " + mark);
        }
        this.mark = mark;
        return this;
    }

    /** {@code fibmatch}: the FIB entry that matches, rather than the resolved route. */
    public RouteQuery fibMatch() {
        this.fibMatch = true;
        return this;
    }

    int family() {
        return Inet.family(dst);
    }

    @Override
    public String toString() {
        return Inet.format(dst) + (from != null ? " from " + from : "") + (iif != null ? " iif " + iif : "")
                + (oif != null ? " oif " + oif : "") + (mark != 0 ? " mark " + mark : "") + (fibMatch ? " fibmatch" : "");
    }
}
