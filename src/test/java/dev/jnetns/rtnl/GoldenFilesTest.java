package dev.jnetns.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jnetns.IpPrefix;
import dev.jnetns.Link;
import dev.jnetns.RawAttributes;
import dev.jnetns.kind.Bond;
import dev.jnetns.kind.BondPort;
import dev.jnetns.kind.Ipvlan;
import dev.jnetns.kind.LinkData;
import dev.jnetns.kind.RawData;
import dev.jnetns.kind.Tun;
import dev.jnetns.kind.Veth;
import dev.jnetns.kind.Vlan;
import dev.jnetns.uapi.LinuxRtnetlink;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@code bench/golden/capture.py} writes the files; {@code GoldenFile} describes the format. Every
 * codec has files in both directions: each object's folder holds messages of the kernel and
 * requests of ip, and each kind's data (and port data) comes in both, except where the kernel or
 * ip cannot send it (named below, with the reason).
 */
class GoldenFilesTest {
    /** The folder of each object codec and the message types its files may hold. */
    private static final Map<String, Set<String>> FOLDERS = Map.of(
            "link", Set.of("RTM_NEWLINK"),
            "addr", Set.of("RTM_NEWADDR", "RTM_DELADDR"),
            "route", Set.of("RTM_NEWROUTE"),
            "neigh", Set.of("RTM_NEWNEIGH"),
            "rule", Set.of("RTM_NEWRULE"),
            "nsid", Set.of("RTM_NEWNSID"),
            "netconf", Set.of("RTM_NEWNETCONF", "RTM_GETNETCONF"));   // ip sends no RTM_NEWNETCONF: its request
    /** Kind data no kernel dump here can hold, and why. */
    private static final Map<Class<?>, String> NO_KERNEL_DATA = Map.of(
            Veth.class, "the kernel reports a veth without IFLA_INFO_DATA (the peer is only in requests)",
            Vlan.class, "this kernel has no vlan",
            Ipvlan.class, "this kernel has no ipvlan",
            Bond.class, "this kernel has no bond",
            BondPort.class, "this kernel has no bond");
    /** Kind data ip sends in no request, and why. */
    private static final Map<Class<?>, String> NO_REQUEST_DATA = Map.of(
            Tun.class, "ip tuntap makes tun and tap devices with ioctls, not rtnetlink");

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

    @TestFactory
    Stream<DynamicTest> every_codec_has_golden_files_from_the_kernel_and_from_ip() throws Exception {
        Path root = root();
        List<GoldenFile> all = new ArrayList<>();
        for (Path p : GoldenFile.under(root)) {
            all.add(GoldenFile.read(p));
        }
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("every codec has a folder", () -> {
            for (Field f : LinuxRtnetlink.class.getFields()) {
                String name = f.getName();
                if (name.matches("RTM_(NEW|DEL)[A-Z]+") && RoundTrip.hasCodec(f.getInt(null))) {
                    assertTrue(FOLDERS.values().stream().anyMatch(types -> types.contains(name)),
                            "the codec of " + name + " has no golden folder in " + FOLDERS);
                }
            }
        }));
        for (Map.Entry<String, Set<String>> folder : FOLDERS.entrySet()) {
            tests.add(dynamicTest(folder.getKey(), () -> {
                List<GoldenFile> in = all.stream()
                        .filter(g -> root.relativize(g.path()).getName(0).toString().equals(folder.getKey())).toList();
                for (GoldenFile g : in) {
                    assertTrue(folder.getValue().contains(g.type()), g.path() + ": a " + g.type() + " in "
                            + folder.getKey() + "/, which holds " + folder.getValue());
                }
                for (String origin : List.of("kernel", "request")) {
                    assertTrue(in.stream().anyMatch(g -> g.origin().equals(origin)),
                            "golden/" + folder.getKey() + "/ has no file of origin " + origin);
                }
            }));
        }
        Map<Class<?>, Set<String>> kinds = new HashMap<>();
        for (GoldenFile g : all) {
            if (g.type().equals("RTM_NEWLINK")) {
                Link.Info info = ((Link) RoundTrip.decode(new RoundTrip.Captured(RoundTrip.typeOf(g.type()),
                        g.body()))).info();
                for (LinkData d : info == null ? List.<LinkData>of() : Arrays.asList(info.data(), info.portData())) {
                    if (d != null) {
                        kinds.computeIfAbsent(d.getClass(), k -> new HashSet<>()).add(g.origin());
                    }
                }
            }
        }
        for (Class<?> kind : LinkData.class.getPermittedSubclasses()) {
            if (kind == RawData.class) {
                continue;
            }
            tests.add(dynamicTest("kind data " + kind.getSimpleName(), () -> {
                Set<String> origins = kinds.getOrDefault(kind, Set.of());
                checkOrigin(kind, origins.contains("kernel"), "kernel", NO_KERNEL_DATA);
                checkOrigin(kind, origins.contains("request"), "request", NO_REQUEST_DATA);
            }));
        }
        return tests.stream();
    }

    /** {@code kind}'s data is in a file of {@code origin} ({@code found}) unless {@code exempt} says why it cannot be. */
    private static void checkOrigin(Class<?> kind, boolean found, String origin, Map<Class<?>, String> exempt) {
        if (exempt.containsKey(kind)) {
            assertFalse(found, kind.getSimpleName() + " data is in a golden file of origin " + origin
                    + ", though listed as impossible (" + exempt.get(kind) + "): take it off the list");
        } else {
            assertTrue(found, "no golden file of origin " + origin + " holds " + kind.getSimpleName() + " data");
        }
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

    /**
     * The value of record component {@code dotted} ({@code metrics.mtu} reads into nested records,
     * {@code nexthops.1.weight} into the second element of a list).
     */
    static Object field(Object record, String dotted) throws ReflectiveOperationException {
        Object v = record;
        for (String name : dotted.split("\\.")) {
            if (v instanceof List<?> list && name.matches("[0-9]+")) {
                int i = Integer.parseInt(name);
                if (i >= list.size()) {
                    throw new AssertionError("no element " + i + " in " + list + " (in " + dotted + ")");
                }
                v = list.get(i);
                continue;
            }
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
