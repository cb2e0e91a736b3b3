package dev.jnetns.cli;

import dev.jnetns.model.JsonText;
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
        JsonText.quote(out, value);
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
            JsonText.quote(out, values.get(i));
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
        JsonText.quote(out, key);
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

    @Override
    public String toString() {
        return out.toString();
    }
}
