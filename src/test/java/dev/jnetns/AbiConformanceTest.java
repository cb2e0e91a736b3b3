package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetns.netlink.NlWriter;
import dev.jnetns.rtnl.LinkCodec;
import dev.jnetns.uapi.LinuxNetlink;
import dev.jnetns.uapi.LinuxRtnetlink;
import dev.jnetns.uapi.LinuxIfLink;
import dev.jnetns.testutil.Ip;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every constant and struct layout the Java side hard-codes equals what the C headers say:
 * native/abi.c is compiled with gcc and run, and its "key=value" lines are compared with the
 * Java values found by reflection.
 */
class AbiConformanceTest {
    /** Every class of the package that holds the kernel's numbers (found on the class path, so none is missed). */
    private static List<Class<?>> constantClasses() throws Exception {
        Path dir = Path.of(LinuxIfLink.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/jnetns/uapi");
        List<Class<?>> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    out.add(Class.forName("dev.jnetns.uapi." + name.substring(0, name.length() - 6)));
                }
            }
        }
        assertTrue(out.size() >= 15, "constant classes found in " + dir + ": " + out);
        return out;
    }

    private static Map<String, Long> abi;

    @BeforeAll
    static void compileAndRunAbiProgram() throws Exception {
        Path source = Path.of(System.getProperty("jnetns.native.dir", "native"), "abi.c");
        Path dir = Path.of(System.getProperty("jnetns.build.dir", "target"), "native");
        Files.createDirectories(dir);
        Path binary = dir.resolve("abi");
        Ip.Result cc = Ip.command(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(), source.toString()), null);
        assertEquals(0, cc.exitCode(), "gcc native/abi.c failed: " + cc.err());
        Ip.Result run = Ip.command(List.of(binary.toString()), null);
        assertEquals(0, run.exitCode(), run.err());
        abi = new HashMap<>();
        for (String line : run.out().split("\n")) {
            int eq = line.indexOf('=');
            abi.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
        }
    }

    /** Every public static final int/long of the constant classes, by name. */
    static Map<String, Long> javaConstants() throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Class<?> c : constantClasses()) {
            for (Field f : c.getFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) && Modifier.isFinal(mod)
                        && (f.getType() == int.class || f.getType() == long.class)) {
                    out.put(f.getName(), ((Number) f.get(null)).longValue());
                }
            }
        }
        for (Errno e : Errno.values()) {
            if (e != Errno.UNKNOWN) {
                out.put(e.name(), (long) e.number());
            }
        }
        return out;
    }

    /** The differences between Java values and the C program's, one line each. */
    static List<String> mismatches(Map<String, Long> java, Map<String, Long> c) {
        List<String> out = new ArrayList<>();
        java.forEach((name, value) -> {
            Long expected = c.get(name);
            if (expected == null) {
                out.add(name + ": no line in native/abi.c (add it)");
            } else if (expected.longValue() != value.longValue()) {
                out.add(name + ": Java " + value + ", headers " + expected);
            }
        });
        return out;
    }

    @Test
    void every_java_constant_equals_the_kernel_header() throws Exception {
        Map<String, Long> java = javaConstants();
        assertTrue(java.size() > 200, "found only " + java.size() + " constants");
        List<String> wrong = mismatches(java, abi);
        assertTrue(wrong.isEmpty(), "constants differ from the headers:\n" + String.join("\n", wrong));
    }

    @Test
    void a_wrong_or_missing_constant_is_reported() throws Exception {
        Map<String, Long> java = javaConstants();
        java.put("IFLA_MTU", 5L);
        java.put("IFLA_NOT_IN_HEADERS", 1L);
        assertEquals(List.of("IFLA_MTU: Java 5, headers 4", "IFLA_NOT_IN_HEADERS: no line in native/abi.c (add it)"),
                mismatches(java, abi));
    }

    @Test
    void ifinfomsg_fields_sit_at_the_header_offsets() {
        assertEquals(abi.get("sizeof.ifinfomsg"), (long) LinuxIfLink.IFINFOMSG_SIZE);
        NlWriter w = new NlWriter();
        w.beginMessage(LinuxRtnetlink.RTM_NEWLINK, 0x0102, 0x0a0b0c0d);
        LinkCodec.encode(new Link(0x44556677, null, 0x0899aabb, -1, null, -1, -1, -1, -1, 0x2233, null, null, 0, 0, -1,
                null, null, Link.Details.NONE, null, 0x11, 0x0ccddeef, -1, -1, RawAttributes.NONE), w);
        w.endMessage();
        ByteBuffer b = w.bytes();
        int h = abi.get("sizeof.nlmsghdr").intValue();
        assertEquals(LinuxNetlink.NLMSG_HDRLEN, h);
        assertEquals(h + LinuxIfLink.IFINFOMSG_SIZE, b.getInt(abi.get("offsetof.nlmsghdr.nlmsg_len").intValue()));
        assertEquals(LinuxRtnetlink.RTM_NEWLINK, b.getShort(abi.get("offsetof.nlmsghdr.nlmsg_type").intValue()));
        assertEquals(0x0102, b.getShort(abi.get("offsetof.nlmsghdr.nlmsg_flags").intValue()));
        assertEquals(0x0a0b0c0d, b.getInt(abi.get("offsetof.nlmsghdr.nlmsg_seq").intValue()));
        assertEquals(0x11, b.get(h + abi.get("offsetof.ifinfomsg.ifi_family").intValue()));
        assertEquals(0x2233, b.getShort(h + abi.get("offsetof.ifinfomsg.ifi_type").intValue()));
        assertEquals(0x44556677, b.getInt(h + abi.get("offsetof.ifinfomsg.ifi_index").intValue()));
        assertEquals(0x0899aabb, b.getInt(h + abi.get("offsetof.ifinfomsg.ifi_flags").intValue()));
        assertEquals(0x0ccddeef, b.getInt(h + abi.get("offsetof.ifinfomsg.ifi_change").intValue()));
    }
}
