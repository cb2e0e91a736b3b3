package example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetns.AddressSpec;
import dev.jnetns.Link;
import dev.jnetns.LinkSpec;
import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.junit.NetnsExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NetnsExtension as a user meets it. After the last test nothing the extension opened may still be
 * open: JUnit closes each test's namespace and handle on every version from 5.9 on.
 */
@ExtendWith(NetnsExtension.class)
class NetnsExtensionTest {
    private static List<String> before;

    @BeforeAll
    static void recordOpenDescriptors() {
        before = Descriptors.namespacesAndSockets();
    }

    @Test
    void a_fresh_namespace_holds_only_lo(Rtnl rtnl) throws Exception {
        assertEquals(List.of("lo"), rtnl.links().list().stream().map(Link::name).toList());
    }

    @Test
    void a_veth_pair_with_an_address(Netns ns, Rtnl rtnl) throws Exception {
        rtnl.links().add(LinkSpec.veth("va", "vb"));
        rtnl.links().setUp("va");
        rtnl.addresses().add("va", AddressSpec.of("198.18.0.1/24"));
        assertEquals("198.18.0.1/24", rtnl.addresses().list("va").get(0).prefix().toString());
        assertEquals(ns.inode(), rtnl.netns().inode());
    }

    @Test
    void code_runs_inside_the_namespace(Netns ns) throws Exception {
        assertEquals(ns.inode(), (long) ns.call(() -> Netns.inodeOf(Path.of("/proc/thread-self/ns/net"))));
    }

    @Test
    void the_backend_is_the_jdks_default() {
        assertEquals(Runtime.version().feature() >= 22 ? "ffm" : "jna", Netns.backend());
    }

    @AfterAll
    static void nothing_is_left_open() {
        assertEquals(before, Descriptors.namespacesAndSockets());
    }
}
