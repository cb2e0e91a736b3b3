package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's API boundary (issue 16): every type a public or protected signature of an exported
 * package names (superclass, interfaces, fields, constructors, methods, exceptions, type parameters,
 * nested generics) is a JDK type or a public type of an exported package. Read from the compiled
 * module-info and classes, so a new leak fails here before a user on the module path meets it.
 */
class PublicApiTest {
    /** target/classes, where module-info.class and the classes of the library are. */
    private static Path classes() throws Exception {
        Path p = Path.of(Netns.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(p.resolve("module-info.class")), "no module-info.class in " + p);
        return p;
    }

    private static Set<String> exportedPackages(Path classes) throws IOException {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream().filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The public top-level and nested classes of {@code pkg}, by their binary names. */
    private static List<Class<?>> publicClasses(Path classes, String pkg) throws Exception {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.equals("package-info.class")) {
                    continue;
                }
                Class<?> c = Class.forName(pkg + "." + file.substring(0, file.length() - 6), false,
                        PublicApiTest.class.getClassLoader());
                if (!c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic() && visible(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Public, and so is every class it is nested in. */
    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean api(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    @Test
    void public_signatures_name_only_jdk_types_and_public_types_of_exported_packages() throws Exception {
        Path classes = classes();
        Set<String> exported = exportedPackages(classes);
        assertTrue(exported.contains("dev.jnetns"), "exports: " + exported);
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (String pkg : exported) {
            for (Class<?> c : publicClasses(classes, pkg)) {
                Checker k = new Checker(exported, leaks);
                k.check(c.getName() + " extends", c.getGenericSuperclass());
                for (Type t : c.getGenericInterfaces()) {
                    k.check(c.getName() + " implements", t);
                }
                for (TypeVariable<?> v : c.getTypeParameters()) {
                    k.check(c.getName() + "<" + v.getName() + ">", v);
                }
                for (Field f : c.getDeclaredFields()) {
                    if (api(f.getModifiers()) && !f.isSynthetic()) {
                        k.check(c.getName() + "." + f.getName(), f.getGenericType());
                    }
                }
                for (Constructor<?> m : c.getDeclaredConstructors()) {
                    if (api(m.getModifiers()) && !m.isSynthetic()) {
                        executable(k, c.getName() + "(", m);
                    }
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (api(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                        k.check(c.getName() + "." + m.getName() + " returns", m.getGenericReturnType());
                        executable(k, c.getName() + "." + m.getName() + "(", m);
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 50, "only " + checked + " public classes found in " + exported);
        assertEquals("", String.join("\n", new TreeSet<>(leaks)),
                "public signatures of " + exported + " name types a user of the module cannot see");
    }

    private static void executable(Checker k, String where, Executable m) {
        for (Type t : m.getGenericParameterTypes()) {
            k.check(where + ") takes", t);
        }
        for (Type t : m.getGenericExceptionTypes()) {
            k.check(where + ") throws", t);
        }
        for (TypeVariable<?> v : m.getTypeParameters()) {
            k.check(where + ")<" + v.getName() + ">", v);
        }
    }

    /** Walks a generic type down to its classes and records those a user cannot see. */
    private static final class Checker {
        private final Set<String> exported;
        private final List<String> leaks;
        private final Set<TypeVariable<?>> seen = new java.util.HashSet<>();

        Checker(Set<String> exported, List<String> leaks) {
            this.exported = exported;
            this.leaks = leaks;
        }

        void check(String where, Type t) {
            if (t == null) {
                return;
            }
            if (t instanceof Class<?> c) {
                while (c.isArray()) {
                    c = c.getComponentType();
                }
                if (c.isPrimitive()) {
                    return;
                }
                String pkg = c.getPackageName();
                boolean jdk = pkg.startsWith("java.") || pkg.startsWith("javax.");
                if (!jdk && !(exported.contains(pkg) && visible(c))) {
                    leaks.add(where + " " + c.getName());
                }
            } else if (t instanceof ParameterizedType p) {
                check(where, p.getOwnerType());
                check(where, p.getRawType());
                for (Type a : p.getActualTypeArguments()) {
                    check(where, a);
                }
            } else if (t instanceof WildcardType w) {
                for (Type b : w.getUpperBounds()) {
                    check(where, b);
                }
                for (Type b : w.getLowerBounds()) {
                    check(where, b);
                }
            } else if (t instanceof GenericArrayType a) {
                check(where, a.getGenericComponentType());
            } else if (t instanceof TypeVariable<?> v && seen.add(v)) {
                for (Type b : v.getBounds()) {
                    check(where, b);
                }
            }
        }
    }
}
