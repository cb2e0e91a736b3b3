package dev.jnetns.cni;

import dev.jnetns.IpPrefix;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * One range of a host-local config ({@code subnet}, {@code rangeStart}, {@code rangeEnd},
 * {@code gateway}), checked and filled in as host-local 1.1 does (Range.Canonicalize): the subnet
 * must be a network address, the gateway defaults to the subnet address + 1 (and is not checked),
 * the range to everything after the subnet address up to the last address (IPv4: before the
 * broadcast).
 */
record HostLocalRange(InetAddress subnet, int prefix, InetAddress start, InetAddress end, InetAddress gateway) {

    /** Reads and checks a range; the message of a bad one is host-local's. */
    static HostLocalRange of(Map<?, ?> m) {
        IpPrefix net = IpPrefix.parse(string(m, "subnet"));
        InetAddress subnet = net.address();
        if (net.length() > IpPrefix.bits(subnet) - 2) {
            throw new IllegalArgumentException("Network " + net + " too small to allocate from");
        }
        if (!net.network().equals(net)) {
            throw new IllegalArgumentException("Network has host bits set. For a subnet mask of length " + net.length()
                    + " the network address is " + IpPrefix.format(net.network().address()));
        }
        InetAddress gateway = m.get("gateway") == null ? next(subnet) : IpPrefix.parseAddress(string(m, "gateway"));
        InetAddress end = m.get("rangeEnd") == null ? null : IpPrefix.parseAddress(string(m, "rangeEnd"));
        InetAddress start = next(subnet);
        if (m.get("rangeStart") != null) {
            start = IpPrefix.parseAddress(string(m, "rangeStart"));
            if (!new HostLocalRange(subnet, net.length(), start, end, gateway).contains(start)) {
                throw new IllegalArgumentException("RangeStart " + IpPrefix.format(start) + " not in network " + net);
            }
        }
        if (end == null) {
            end = last(net);
        } else if (!new HostLocalRange(subnet, net.length(), start, end, gateway).contains(end)) {
            throw new IllegalArgumentException("RangeEnd " + IpPrefix.format(end) + " not in network " + net);
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

    /** True when {@code a} is in the subnet. */
    boolean inSubnet(InetAddress a) {
        return a.getClass() == subnet.getClass()
                && new IpPrefix(a, prefix).network().equals(new IpPrefix(subnet, prefix).network());
    }

    /** True when {@code a} is in the subnet and between start and end (both included; null: open). */
    boolean contains(InetAddress a) {
        return inSubnet(a) && (start == null || compare(a, start) >= 0) && (end == null || compare(a, end) <= 0);
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
