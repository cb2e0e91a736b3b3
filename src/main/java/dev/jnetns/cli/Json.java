package dev.jnetns.cli;

import dev.jnetns.model.JsonText;
import java.io.PrintWriter;
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

    /** Moves what is written so far to {@code w}, for output streamed while it is written. */
    void drainTo(PrintWriter w) {
        w.append(out);
        out.setLength(0);
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

    @Override
    public String toString() {
        return out.toString();
    }
}
