package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jnetns.IpPrefix;
import dev.jnetns.RawAttributes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden files of {@code src/test/resources/golden} (not {@code pending/}), one test each: the
 * body decodes with the codec registered in {@link RoundTrip} for its type, the record holds every
 * {@code expect:} field, and encoding the record gives the body back byte for byte. A request ip
 * sent must also come out the same when the record is written afresh ({@link
 * RawAttributes#withoutLayout()}, in the codec's request order): jnetns sends what ip sends.
 * {@code bench/golden/capture.py} writes the files; {@code GoldenFile} describes the format.
 */
class GoldenFilesTest {

    @TestFactory
    Stream<DynamicTest> every_golden_file_decodes_to_its_fields_and_encodes_back() throws Exception {
        Path root = root();
        List<Path> files = GoldenFile.under(root);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("golden files exist", () -> assertFalse(files.isEmpty(), "no golden file under " + root)));
        for (Path p : files) {
            tests.add(dynamicTest(root.relativize(p).toString(), () -> check(GoldenFile.read(p))));
        }
        return tests.stream();
    }

    private static void check(GoldenFile g) throws Exception {
        int type = RoundTrip.typeOf(g.type());
        assertTrue(RoundTrip.hasCodec(type), g.path() + ": no codec registered for " + g.type()
                + " (a file whose codec is not in belongs under golden/pending/)");
        assertFalse(g.expect().isEmpty(), g.path() + ": no expect: line (a golden file must check fields)");
        RoundTrip.Captured c = new RoundTrip.Captured(type, g.body());
        Object record = RoundTrip.decode(c);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : g.expect().entrySet()) {
            String got = format(field(record, e.getKey()));
            if (!got.equals(e.getValue())) {
                wrong.add(e.getKey() + ": expected " + e.getValue() + ", decoded " + got);
            }
        }
        assertEquals(List.of(), wrong, g.path() + " (" + g.source() + "): " + record);
        String hex = HexFormat.of().formatHex(g.body());
        assertEquals(hex, HexFormat.of().formatHex(RoundTrip.encode(type, record)), g.path() + ": encoded again");
        if (g.afresh()) {
            assertEquals(hex, HexFormat.of().formatHex(RoundTrip.encode(type, afresh(record))),
                    g.path() + ": the record written afresh (request order) is not what ip sent for: " + g.source());
        }
    }

    /** The value of record component {@code dotted} ({@code metrics.mtu} reads into nested records). */
    static Object field(Object record, String dotted) throws ReflectiveOperationException {
        Object v = record;
        for (String name : dotted.split("\\.")) {
            if (v == null || !v.getClass().isRecord()) {
                throw new AssertionError("cannot read " + name + " of " + v + " (in " + dotted + ")");
            }
            Object from = v;
            RecordComponent c = Arrays.stream(v.getClass().getRecordComponents()).filter(rc -> rc.getName().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no component " + name + " in "
                            + from.getClass().getSimpleName() + "; it has " + Arrays.stream(from.getClass().getRecordComponents())
                            .map(RecordComponent::getName).collect(Collectors.joining(", "))));
            v = c.getAccessor().invoke(v);
        }
        return v;
    }

    /** A value as written in an expect line: addresses as ip writes them, bytes in hex, lists in brackets. */
    static String format(Object v) {
        if (v instanceof InetAddress a) {
            return IpPrefix.format(a);
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(GoldenFilesTest::format).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(v);
    }

    /** {@code record} with the recorded layout dropped from it and from every record inside it. */
    static Object afresh(Object record) throws ReflectiveOperationException {
        if (record instanceof RawAttributes raw) {
            return raw.withoutLayout();
        }
        if (record instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(afresh(o));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        if (record == null || !record.getClass().isRecord()) {
            return record;
        }
        RecordComponent[] parts = record.getClass().getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = afresh(parts[i].getAccessor().invoke(record));
            types[i] = parts[i].getType();
        }
        Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
        try {
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new AssertionError("cannot rebuild " + record, e.getCause());
        }
    }

    private static Path root() throws URISyntaxException {
        var url = GoldenFilesTest.class.getResource("/golden");
        if (url == null) {
            throw new AssertionError("no golden/ on the test class path (src/test/resources/golden)");
        }
        return Path.of(url.toURI());
    }
}
