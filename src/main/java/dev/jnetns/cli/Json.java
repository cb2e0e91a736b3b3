package dev.jnetns.cli;

import java.util.List;

/**
 * A small streaming JSON writer with {@code ip -j}'s layout: compact by default, indented with
 * {@code -p}. Keys appear in the order written, as iproute2's do.
 */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    private int depth;
    private boolean first = true;

    Json(boolean pretty) {
        this.pretty = pretty;
    }

    Json beginArray() {
        value();
        out.append('[');
        depth++;
        first = true;
        return this;
    }

    Json beginArrayKey(String key) {
        key(key);
        out.append('[');
        depth++;
        first = true;
        return this;
    }

    Json put(String key, boolean value) {
        key(key);
        out.append(value);
        return this;
    }

    Json endArray() {
        depth--;
        if (!first) {
            newline();
        }
        out.append(']');
        first = false;
        return this;
    }

    Json beginObject() {
        value();
        out.append('{');
        depth++;
        first = true;
        return this;
    }

    Json beginObject(String key) {
        key(key);
        out.append('{');
        depth++;
        first = true;
        return this;
    }

    Json endObject() {
        depth--;
        if (!first) {
            newline();
        }
        out.append('}');
        first = false;
        return this;
    }

    Json put(String key, String value) {
        key(key);
        string(value);
        return this;
    }

    Json put(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    Json putNull(String key) {
        key(key);
        out.append("null");
        return this;
    }

    Json put(String key, List<String> values) {
        key(key);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(pretty ? ", " : ",");
            }
            string(values.get(i));
        }
        out.append(']');
        return this;
    }

    /** Splices already-written JSON members ("k":v,...) into the current object. */
    Json raw(String members) {
        if (members.isEmpty()) {
            return this;
        }
        value();
        out.append(members);
        return this;
    }

    private void key(String key) {
        value();
        string(key);
        out.append(pretty ? ": " : ":");
    }

    private void value() {
        if (!first) {
            out.append(',');
        }
        if (depth > 0) {
            newline();
        }
        first = false;
    }

    private void newline() {
        if (pretty) {
            out.append('\n');
            for (int i = 0; i < depth; i++) {
                out.append("    ");
            }
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
