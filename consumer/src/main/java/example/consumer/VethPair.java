package example.consumer;

import dev.jnetns.Address;
import dev.jnetns.AddressSpec;
import dev.jnetns.LinkSpec;
import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import java.net.Inet4Address;
import java.util.List;

/**
 * A main program as a user writes one: two namespaces joined by a veth pair with an address on each
 * end, read back. Prints one line; exits 1 when something is not as asked or a descriptor of a
 * namespace or socket is still open after everything was closed.
 */
public final class VethPair {
    private VethPair() {
    }

    public static void main(String[] args) throws Exception {
        List<String> before = Descriptors.namespacesAndSockets();
        String seen;
        try (Netns a = Netns.create();
             Netns b = Netns.create();
             Rtnl ra = Rtnl.open(a);
             Rtnl rb = Rtnl.open(b)) {
            ra.links().add(LinkSpec.veth("va", "vb").peerNetns(b));
            ra.links().setUp("va");
            rb.links().setUp("vb");
            ra.addresses().add("va", AddressSpec.of("198.18.0.1/24"));
            rb.addresses().add("vb", AddressSpec.of("198.18.0.2/24"));
            seen = prefixes(ra.addresses().list("va")) + " " + prefixes(rb.addresses().list("vb"));
        }
        List<String> after = Descriptors.namespacesAndSockets();
        String backend = Netns.backend();
        System.out.println("VethPair: " + seen + ", backend " + backend + " on JDK " + Runtime.version().feature()
                + (VethPair.class.getModule().isNamed() ? ", module path" : ", class path"));
        if (!seen.equals("[198.18.0.1/24] [198.18.0.2/24]") || !after.equals(before)) {
            System.out.println("VethPair: unexpected addresses, or left open: " + after + " (before: " + before + ")");
            System.exit(1);
        }
    }

    /** The IPv4 prefixes (IPv6 link-local addresses come and go with the kernel's timing). */
    private static String prefixes(List<Address> addresses) {
        return addresses.stream().filter(x -> x.local() instanceof Inet4Address)
                .map(x -> x.prefix().toString()).toList().toString();
    }
}
