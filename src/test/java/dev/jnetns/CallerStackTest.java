package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What a task throws on a helper thread reaches the caller as the same object with the caller's
 * stack (naming the caller's code) and the worker's stack as its cause.
 */
class CallerStackTest {

    private static boolean names(Throwable t, String method) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method));
    }

    @Test
    void an_exception_of_a_task_carries_the_callers_stack_and_the_workers_as_cause() throws Exception {
        ErrnoException thrown = new ErrnoException("task", Errno.EPERM.number());
        try (Netns ns = Netns.create()) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> ns.run(() -> {
                throw thrown;
            }));
            assertSame(thrown, e, "the task's own exception, with its type, message and errno");
            assertTrue(names(e, "an_exception_of_a_task_carries_the_callers_stack_and_the_workers_as_cause"),
                    Arrays.toString(e.getStackTrace()));
            assertTrue(e.getStackTrace()[0].getClassName().startsWith(Netns.class.getName()),
                    "the top frame is the API the caller called: " + e.getStackTrace()[0]);
            HelperThread.WorkerStack cause = assertInstanceOf(HelperThread.WorkerStack.class, e.getCause());
            assertTrue(cause.getMessage().startsWith("thrown on thread jnetns-in-" + ns.inode() + "-"), cause.getMessage());
            assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(f -> f.getMethodName().startsWith("lambda$")),
                    "the cause shows where the task threw: " + Arrays.toString(cause.getStackTrace()));
        }
    }

    @Test
    void an_exception_that_already_has_a_cause_keeps_it_and_gets_the_workers_stack_as_suppressed() throws Exception {
        IOException root = new IOException("root");
        try (Netns ns = Netns.create()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ns.call(() -> {
                throw new IllegalStateException("wrapped", root);
            }));
            assertSame(root, e.getCause());
            assertEquals(1, e.getSuppressed().length);
            assertInstanceOf(HelperThread.WorkerStack.class, e.getSuppressed()[0]);
            assertTrue(names(e, "an_exception_that_already_has_a_cause_keeps_it_and_gets_the_workers_stack_as_suppressed"));
        }
    }

    @Test
    void a_system_call_refused_on_a_helper_thread_names_the_caller() throws Exception {
        try (Netns ns = Netns.create(); Rtnl rtnl = Rtnl.open(ns)) {
            rtnl.links().add(LinkSpec.veth("v0", "v1"));
            // TUNSETIFF on the name of a veth fails on the helper thread that entered ns
            ErrnoException e = assertThrows(ErrnoException.class, () -> rtnl.links().add(LinkSpec.tap("v0")));
            assertTrue(e.getMessage().startsWith("tuntap add v0: Device or resource busy (EBUSY)"), e.getMessage());
            assertTrue(names(e, "a_system_call_refused_on_a_helper_thread_names_the_caller"), Arrays.toString(e.getStackTrace()));
            assertTrue(e.getCause().getMessage().startsWith("thrown on thread jnetns-tuntap-"), e.getCause().getMessage());
            assertEquals(TunTap.class.getName(), e.getCause().getStackTrace()[0].getClassName(),
                    "the cause is where it failed: " + Arrays.toString(e.getCause().getStackTrace()));
        }
    }
}
