package dev.jnetns.cli;

import dev.jnetns.model.JsonText;
import java.net.InetAddress;
import java.util.List;

/**
 * A streaming JSON writer with {@code ip -j}'s layout, compact or, with {@code -p}, indented
 * exactly as iproute2's json_writer indents: members on their own lines four spaces deeper, array
 * elements inline ({@code [ "UP","LOWER_UP" ]}, {@code [ {} ]}). Keys appear in the order written.
 */
final class Json {
    private static final char NONE = 0;

    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    private int depth;
    /** What goes before the next member or element: ',' after one, nothing at the start. */
    private char sep = NONE;

    Json(boolean pretty) {
        this.pretty = pretty;
    }

    Json beginArray() {
        separate();
        return openArray();
    }

    Json beginArrayKey(String key) {
        key(key);
        return openArray();
    }

    Json endArray() {
        if (pretty && sep != NONE) {
            out.append(' ');
        }
        sep = NONE;
        return close(']');
    }

    Json beginObject() {
        separate();
        return open('{');
    }

    Json beginObject(String key) {
        key(key);
        return open('{');
    }

    Json endObject() {
        return close('}');
    }

    Json put(String key, boolean value) {
        key(key);
        out.append(value);
        return this;
    }

    Json put(String key, String value) {
        key(key);
        JsonText.quote(out, value);
        return this;
    }

    Json put(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    /** An address as a string, with "/length" unless {@code length} is -1 or all its bits (see {@link Out#prefix}). */
    Json putAddress(String key, InetAddress a, int length) {
        key(key);
        out.append('"');
        Out.appendAddress(out, a, length);
        out.append('"');
        return this;
    }

    /** A string element of the array being written. */
    Json value(String v) {
        separate();
        JsonText.quote(out, v);
        return this;
    }

    /** A number element of the array being written. */
    Json value(long v) {
        separate();
        out.append(v);
        return this;
    }

    /** A number already written as digits (an unsigned 64-bit value, say). */
    Json putRaw(String key, String digits) {
        key(key);
        out.append(digits);
        return this;
    }

    Json putNull(String key) {
        key(key);
        out.append("null");
        return this;
    }

    Json put(String key, List<String> values) {
        beginArrayKey(key);
        for (String v : values) {
            separate();
            JsonText.quote(out, v);
        }
        return endArray();
    }

    /** The number of characters held (not yet moved out by {@link #drainTo}). */
    int length() {
        return out.length();
    }

    /** What is written and not yet moved out ({@link Out#drainTo} empties it). */
    StringBuilder buffer() {
        return out;
    }

    private Json openArray() {
        open('[');
        if (pretty) {
            out.append(' ');
        }
        return this;
    }

    private Json open(char c) {
        out.append(c);
        depth++;
        sep = NONE;
        return this;
    }

    private Json close(char c) {
        depth--;
        if (sep != NONE) {
            newline();
        }
        out.append(c);
        sep = ',';
        return this;
    }

    /** Writes {@code "key": }; the value follows (a scalar, or an object or array that opens). */
    private void key(String key) {
        separate();
        newline();
        JsonText.quote(out, key);
        out.append(pretty ? ": " : ":");
    }

    private void separate() {
        if (sep != NONE) {
            out.append(sep);
        }
        sep = ',';
    }

    private void newline() {
        if (pretty) {
            out.append('\n');
            for (int i = 0; i < depth; i++) {
                out.append("    ");
            }
        }
    }

    /**
     * The elements of the JSON array {@code array} (as this writer wrote it, compact or {@code pretty}),
     * each object given {@code key: value} as its first member; "" for an empty array.
     */
    static String labelRecords(String array, String key, String value, boolean pretty) {
        String body = array.strip();
        if (body.length() < 2 || body.charAt(0) != '[' || body.charAt(body.length() - 1) != ']') {
            throw new IllegalStateException("not a JSON array: " + array);
        }
        body = body.substring(1, body.length() - 1);
        if (pretty) {
            body = body.strip();
        }
        StringBuilder member = new StringBuilder(pretty ? "\n        " : "");
        JsonText.quote(member, key);
        member.append(pretty ? ": " : ":");
        JsonText.quote(member, value);
        StringBuilder out = new StringBuilder(body.length() + 64);
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            out.append(c);
            if (quoted) {
                if (c == '\\') {
                    out.append(body.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{' || c == '[') {
                if (depth == 0 && c == '{') {
                    boolean empty = body.charAt(i + 1) == '}';
                    out.append(member).append(empty ? (pretty ? "\n    " : "") : ",");
                }
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
