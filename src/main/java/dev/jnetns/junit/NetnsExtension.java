package dev.jnetns.junit;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test a fresh anonymous network namespace ({@link Netns}) and an rtnetlink handle bound
 * to it ({@link Rtnl}), and closes both after the test, which destroys the namespace and every
 * device in it. The test's own thread never changes namespace.
 *
 * <pre>{@code
 * @ExtendWith(NetnsExtension.class)
 * class MyTest {
 *     @Test void veth(Netns ns, Rtnl rtnl) throws Exception { ... }
 * }
 * }</pre>
 *
 * Needs CAP_SYS_ADMIN and CAP_NET_ADMIN (root); without them the test fails with the errno of
 * the refused unshare, never skips.
 */
public final class NetnsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsExtension.class);

    /** The namespace and handle of one test; closed by JUnit when the test's context closes. */
    private static final class Fixture implements AutoCloseable {
        final Netns ns;
        final Rtnl rtnl;

        Fixture() throws Exception {
            ns = Netns.create();
            try {
                rtnl = Rtnl.open(ns);
            } catch (Exception e) {
                ns.close();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            try {
                rtnl.close();
            } finally {
                ns.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Netns.class || type == Rtnl.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture f = context.getStore(STORE).getOrComputeIfAbsent(Fixture.class, k -> {
            try {
                return new Fixture();
            } catch (Exception e) {
                throw new IllegalStateException("cannot create a network namespace for the test: " + e.getMessage(), e);
            }
        }, Fixture.class);
        return parameter.getParameter().getType() == Netns.class ? f.ns : f.rtnl;
    }
}
