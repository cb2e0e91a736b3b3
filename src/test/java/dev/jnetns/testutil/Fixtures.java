package dev.jnetns.testutil;

import dev.jnetns.Netns;

/** Namespaces populated with iproute2 for tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A veth pair with one end in a bridge, a macvlan on a veth end, a tap, a vxlan; mixed MTUs, MACs, states. */
    public static void mixedLinks(Netns ns) {
        Ip.batch(ns, String.join("\n",
                "link add br0 type bridge",
                "link add v0 address 02:00:00:00:00:10 mtu 9000 type veth peer name v1 mtu 1400",
                "link set v1 master br0",
                "link add mv0 link v0 type macvlan mode bridge",
                "tuntap add tap0 mode tap",
                "link add vx0 type vxlan id 42 dstport 4789",
                "link set v0 up",
                "link set v1 up",
                "link set br0 up",
                "link set tap0 mtu 1280",
                "link set mv0 alias \"macvlan child\"",
                ""));
    }

}
