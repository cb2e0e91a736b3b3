package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;
import static dev.jnetns.uapi.LinuxSocket.AF_INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.RouteSpec;
import dev.jnetns.testutil.Property;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch's reading of the common {@code route add} line ({@link RouteAddLine}) against the
 * general parser: every line it takes, the general path would take with the same spec and the same
 * device check; every other line is left to the general parser. No kernel: words only.
 */
class RouteAddLineTest {
    private static final String[] DSTS = {"198.18.1.1/32", "198.18.1.1", "198.18.4.0/24", "198.18.0.0/15", "0.0.0.0/0",
        "198.18.300.1", "198.18.1.0/33", "198.18.1", "198.18.1.1/", "1e3", "fd00::1/128", "fd00:1::/64", "default",
        "all", "any", "to", "unicast", "blackhole", "help", "198.18.1.1/032", "0198.018.1.1", "198.18.1.0/024", "198.18.1.0/0x18", "198.18.01.0/24"};
    private static final String[] ADDRS = {"198.18.0.2", "198.18.0.2", "fd00::2", "198.18.0", "x", "198.18.0.2/32",
        "dev", "via", "198.18.0.02"};
    private static final String[] DEVS = {"v0", "v0", "lo", "a:b", "ab/c", "x234567890123456789", "via", "dev", "."};
    private static final String[] EXTRAS = {"metric 5", "table 10", "onlink", "proto static", "src 198.18.0.1",
        "scope link", "mtu 1400", "nexthop via 198.18.0.2", "v", "d", "de", "vi", "oif v0", "\"v0\"", "'x y'"};
    private static final String[] BLANKS = {" ", " ", " ", "  ", "\t", " \t "};

    @Test
    void the_common_line_is_read_without_the_general_parser() {
        for (int family : new int[] {0, AF_INET}) {
            for (String line : List.of("route add 198.18.1.1/32 via 198.18.0.2 dev v0",
                    "route add 198.18.1.0/24 dev v0", "route  add\t198.18.1.1 dev v0 via 198.18.0.2\r",
                    "route add via 198.18.0.2 198.18.1.1/32")) {
                assertTrue(read(new RouteAddLine(), line, family), line);
            }
        }
        assertFalse(read(new RouteAddLine(), "route add 198.18.1.1/32 via 198.18.0.2 dev v0", AF_INET6));
        assertFalse(read(new RouteAddLine(), "ro add 198.18.1.1/32 dev v0", 0));
        assertFalse(read(new RouteAddLine(), "route a 198.18.1.1/32 dev v0", 0));
    }

    @Test
    void what_it_reads_the_general_parser_reads_alike() {
        RouteAddLine fast = new RouteAddLine();   // one reader for every line, as a batch has
        int[] kept = new int[4];
        Property.check("route add line", 20_000, RouteAddLineTest::line, c -> {
            String line = c.line;
            if (!read(fast, line, c.family)) {
                return;   // the general path reads it, as before
            }
            if (fast.keep(kept, 0)) {   // a plain IPv4 line: what the batch keeps of it is the same spec
                assertSameFields(fast.spec(), RouteAddLine.spec(kept, 0, fast.dev()));
            }
            List<String> words = BatchLines.split(line);
            assertEquals(PipelinedBatch.Kind.ROUTE, PipelinedBatch.kindOf(words));
            RouteSpec general = RouteCommand.parse(new Words(words.subList(2, words.size())), "add", c.family);
            assertSameFields(general, fast.spec());
            List<String> checked = new ArrayList<>();   // PipelinedBatch.requireDevices's words
            for (int i = 2; i + 1 < words.size(); i++) {
                if (words.get(i).equals("dev")) {
                    checked.add(words.get(i + 1));
                }
            }
            assertEquals(fast.dev() == null ? List.of() : List.of(fast.dev()), checked);
        });
    }

    /** Reads {@code line} as a batch does: from its bytes, when BatchLines finds it plain. */
    private static boolean read(RouteAddLine reader, String line, int family) {
        try {
            BatchLines lines = new BatchLines(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
            assertTrue(lines.advance());
            return lines.plain() && reader.read(lines.bytes(), lines.length(), family);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Case(String line, int family) {
    }

    private static Case line(Random r) {
        List<String> words = new ArrayList<>();
        words.add(r.nextInt(10) == 0 ? pick(r, "ro", "r", "route", "Route") : "route");
        words.add(r.nextInt(10) == 0 ? pick(r, "a", "append", "ad", "del") : "add");
        List<String> rest = new ArrayList<>();
        if (r.nextInt(8) != 0) {
            rest.add(pick(r, DSTS));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            switch (r.nextInt(6)) {
                case 0, 1 -> rest.add("via " + pick(r, ADDRS));
                case 2, 3 -> rest.add("dev " + pick(r, DEVS));
                case 4 -> rest.add(pick(r, EXTRAS));
                default -> rest.add(pick(r, "via", "dev", pick(r, DSTS)));
            }
        }
        java.util.Collections.shuffle(rest, r);
        words.addAll(rest);
        StringBuilder sb = new StringBuilder(r.nextInt(10) == 0 ? pick(r, BLANKS) : "");
        for (int i = 0; i < words.size(); i++) {
            sb.append(i == 0 ? "" : pick(r, BLANKS)).append(words.get(i));
        }
        if (r.nextInt(10) == 0) {
            sb.append(pick(r, BLANKS)).append(r.nextBoolean() ? "\r" : "");
        }
        return new Case(sb.toString(), r.nextInt(4) == 0 ? pick(r, AF_INET, AF_INET6) : 0);
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static int pick(Random r, int a, int b) {
        return r.nextBoolean() ? a : b;
    }

    /** Every field of the two specs (the request Routes builds is made from them alone). */
    private static void assertSameFields(RouteSpec expected, RouteSpec actual) {
        try {
            for (Field f : RouteSpec.class.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object e = f.get(expected);
                Object a = f.get(actual);
                if (!Objects.equals(e, a)) {
                    throw new AssertionError(f.getName() + ": expected " + e + ", read " + a);
                }
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
