/**
 * jnetns: Linux network namespaces and rtnetlink from Java. Start at {@link dev.jnetns.Netns} (create,
 * open and enter namespaces) and {@link dev.jnetns.Rtnl} (devices, addresses, routes, neighbours and
 * rules of one namespace).
 *
 * <p>System calls go through {@code java.lang.foreign} on JDK 22+ and through JNA on JDK 17, so this
 * module needs native access: run with {@code --enable-native-access=dev.jnetns} on the module path
 * ({@code --enable-native-access=ALL-UNNAMED} on the class path). Without it the first system call
 * throws an {@link IllegalStateException} that names the flag.
 *
 * <p>The JUnit 5 extension, {@code dev.jnetns.junit.NetnsExtension}, is not in this module: it comes
 * in the artifact's {@code junit} classifier jar (automatic module {@code dev.jnetns.junit}).
 *
 * <p>Exported: {@code dev.jnetns} (namespaces, the rtnetlink handle, the records, the exceptions),
 * {@code dev.jnetns.kind} (the data of each link kind) and {@code dev.jnetns.model} (moving devices,
 * topologies). The system calls, the netlink codec and socket, the rtnetlink codecs and the kernel
 * constants are internal ({@code PublicApiTest} checks that no public signature names one of their
 * types). The CLI and the CNI plugin are not in this jar: they run on the class path.
 */
module dev.jnetns {
    requires com.sun.jna;

    exports dev.jnetns;
    exports dev.jnetns.kind;
    exports dev.jnetns.model;
}
