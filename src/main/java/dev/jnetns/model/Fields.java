package dev.jnetns.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed reads from a parsed JSON object, with the object's path in every error. */
final class Fields {
    private final Map<?, ?> map;
    private final String path;

    private Fields(Map<?, ?> map, String path) {
        this.map = map;
        this.path = path;
    }

    /** The object at {@code path}, whose keys must all be in {@code allowed}. */
    static Fields of(Object value, String path, Set<String> allowed) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(path + ": expected an object");
        }
        Map<?, ?> m = (Map<?, ?>) value;
        for (Object k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(path + ": unknown key \"" + k + "\" (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return new Fields(m, path);
    }

    String path() {
        return path;
    }

    Object raw(String key) {
        return map.get(key);
    }

    String string(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(path + "." + key + ": expected a string");
        }
        return (String) v;
    }

    String requiredString(String key) {
        String v = string(key);
        if (v == null) {
            throw new IllegalArgumentException(path + ": \"" + key + "\" is required");
        }
        return v;
    }

    Long number(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof String && ((String) v).matches("\\d+")) {
            return Long.parseLong((String) v);
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a whole number");
    }

    Integer integer(String key) {
        Long v = number(key);
        if (v == null) {
            return null;
        }
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(path + "." + key + ": " + v + " is out of range");
        }
        return (int) (long) v;
    }

    Boolean bool(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException(path + "." + key + ": expected true or false");
        }
        return (Boolean) v;
    }

    List<?> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(path + "." + key + ": expected an array");
        }
        return (List<?>) v;
    }

    Map<?, ?> object(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(path + "." + key + ": expected an object");
        }
        return (Map<?, ?>) v;
    }
}
