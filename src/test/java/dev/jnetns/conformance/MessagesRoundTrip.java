package dev.jnetns.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.rtnl.RoundTrip;
import java.util.ArrayList;
import java.util.List;

/**
 * Every message of every dump ip makes for the configuration's objects ({@link RoundTrip#capture})
 * decodes and encodes back to the same bytes, unknown attributes included; messages of a type no
 * codec reads yet are counted in the summary.
 */
final class MessagesRoundTrip implements ConfigCheck {
    @Override
    public String name() {
        return "every kernel message decodes and encodes back";
    }

    @Override
    public void check(Applied a, Run run) throws Exception {
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int withoutCodec = 0;
        for (RoundTrip.Captured c : RoundTrip.capture(a.ns)) {
            String type = RoundTrip.typeName(c.type());
            if (!RoundTrip.hasCodec(c.type())) {
                withoutCodec++;
                run.summary().message(type, false, null);
                continue;
            }
            try {
                RoundTrip.check(c);
                run.summary().message(type, true, null);
            } catch (AssertionError | RuntimeException e) {
                failures.add(e.getMessage());
                run.summary().message(type, true, e.getMessage());
            }
        }
        run.summary().roundTripTime((System.nanoTime() - started) / 1_000_000);
        assertTrue(failures.isEmpty(), () -> Run.header(a, failures.size() + " messages differ after decode -> encode")
                + String.join("\n", failures));
        // every rtnetlink object the dumps bring has its codec: a message none reads is a failure
        assertEquals(0, withoutCodec, Run.header(a, withoutCodec + " messages have no codec"));
    }
}
