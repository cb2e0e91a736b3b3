package dev.jnetns.junit;

import dev.jnetns.Netns;
import dev.jnetns.Rtnl;
import dev.jnetns.Errno;
import dev.jnetns.ErrnoException;
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
 *
 * <p>Works with JUnit Jupiter 5.9 and later, 6 included: the namespace and handle are closed when
 * the test's context closes, on every version (the stored fixture is both an {@link AutoCloseable},
 * which JUnit closes from 5.13 on, and a {@link ExtensionContext.Store.CloseableResource}, which it
 * closes before 5.13; it is closed once).
 */
public final class NetnsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsExtension.class);

    /** JUnit makes one per {@code @ExtendWith(NetnsExtension.class)}. */
    public NetnsExtension() {
    }

    /**
     * The namespace and handle of one test; closed by JUnit when the test's context closes.
     * {@code CloseableResource} is deprecated from JUnit 5.13 on, but JUnit before 5.13 closes
     * nothing else.
     */
    @SuppressWarnings("deprecation")
    private static final class Fixture implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        final Netns ns;
        final Rtnl rtnl;
        private boolean closed;

        Fixture() throws ErrnoException {
            ns = Netns.create();
            try {
                rtnl = Rtnl.open(ns);
            } catch (ErrnoException | RuntimeException e) {
                ns.close();
                throw e;
            }
        }

        @Override
        public synchronized void close() throws ErrnoException {
            if (closed) {
                return;
            }
            closed = true;
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
            } catch (ErrnoException e) {
                throw new IllegalStateException("cannot create a network namespace for the test"
                        + (e.is(Errno.EPERM) ? " (needs root: CAP_SYS_ADMIN and CAP_NET_ADMIN): " + e.operation() + ": "
                        + ErrnoException.describe(e.errno()) : ": " + e.getMessage()), e);
            }
        }, Fixture.class);
        return parameter.getParameter().getType() == Netns.class ? f.ns : f.rtnl;
    }
}
