package dev.jnetns.cni;

import dev.jnetns.IpPrefix;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * One range of a host-local config ({@code subnet}, {@code rangeStart}, {@code rangeEnd},
 * {@code gateway}), filled in as host-local 1.1 does: the gateway defaults to the subnet address + 1,
 * the range to everything after the subnet address up to the last address (IPv4: before the
 * broadcast). The subnet address is kept as written, host bits included, as host-local keeps it.
 */
record HostLocalRange(InetAddress subnet, int prefix, InetAddress start, InetAddress end, InetAddress gateway) {

    /** Reads and checks a range; the message of a bad one is host-local's. */
    static HostLocalRange of(Map<?, ?> m) {
        IpPrefix net = IpPrefix.parse(string(m, "subnet"));
        InetAddress subnet = net.address();
        int bits = IpPrefix.bits(subnet);
        if (net.length() > bits - 2) {
            throw new IllegalArgumentException("Network " + CniResult.text(net.network()) + " too small to allocate from");
        }
        InetAddress gateway = m.get("gateway") == null ? next(subnet) : IpPrefix.parseAddress(string(m, "gateway"));
        HostLocalRange open = new HostLocalRange(subnet, net.length(), null, null, gateway);
        if (!open.inSubnet(gateway)) {
            throw new IllegalArgumentException("gateway " + IpPrefix.format(gateway) + " not in network "
                    + CniResult.text(net.network()));
        }
        InetAddress start = m.get("rangeStart") == null ? next(subnet) : open.check(string(m, "rangeStart"));
        InetAddress end = m.get("rangeEnd") == null ? last(net) : open.check(string(m, "rangeEnd"));
        if (compare(end, start) < 0) {
            throw new IllegalArgumentException(IpPrefix.format(end) + " is in network " + CniResult.text(net.network())
                    + " but before start " + IpPrefix.format(start));
        }
        return new HostLocalRange(subnet, net.length(), start, end, gateway);
    }

    private static String string(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string");
        }
        return (String) v;
    }

    private InetAddress check(String text) {
        InetAddress a = IpPrefix.parseAddress(text);
        if (!inSubnet(a)) {
            throw new IllegalArgumentException(IpPrefix.format(a) + " not in network "
                    + CniResult.text(new IpPrefix(subnet, prefix).network()));
        }
        return a;
    }

    /** True when {@code a} is in the subnet. */
    boolean inSubnet(InetAddress a) {
        return a.getClass() == subnet.getClass()
                && new IpPrefix(a, prefix).network().equals(new IpPrefix(subnet, prefix).network());
    }

    /** True when {@code a} is in the subnet and between start and end (both included). */
    boolean contains(InetAddress a) {
        return inSubnet(a) && compare(a, start) >= 0 && compare(a, end) <= 0;
    }

    boolean overlaps(HostLocalRange o) {
        return subnet.getClass() == o.subnet.getClass()
                && (contains(o.start) || contains(o.end) || o.contains(start) || o.contains(end));
    }

    /** As host-local names a range in its messages: START-END. */
    @Override
    public String toString() {
        return IpPrefix.format(start) + "-" + IpPrefix.format(end);
    }

    static int compare(InetAddress a, InetAddress b) {
        return number(a).compareTo(number(b));
    }

    /** The address after {@code a} (wrapping within its family). */
    static InetAddress next(InetAddress a) {
        return address(number(a).add(BigInteger.ONE), a.getAddress().length);
    }

    /** The last address of a subnet; for IPv4 the one before the broadcast. */
    private static InetAddress last(IpPrefix net) {
        int len = net.address().getAddress().length;
        BigInteger hostMask = BigInteger.ONE.shiftLeft(len * 8 - net.length()).subtract(BigInteger.ONE);
        BigInteger last = number(net.address()).or(hostMask);
        return address(len == 4 ? last.subtract(BigInteger.ONE) : last, len);
    }

    private static BigInteger number(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress address(BigInteger n, int len) {
        byte[] raw = n.toByteArray();
        byte[] b = new byte[len];
        for (int i = 0; i < len && i < raw.length; i++) {
            b[len - 1 - i] = raw[raw.length - 1 - i];
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
