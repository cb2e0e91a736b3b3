package dev.jnetns.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the JSON of topology files: objects are {@code LinkedHashMap}s (key order kept),
 * arrays {@code List}s, numbers {@code Long}s (or {@code BigDecimal}s with a fraction), plus
 * strings, booleans and null.
 */
public final class JsonText {
    /**
     * How deeply objects and arrays may nest. A topology needs 5 levels; the limit keeps a hostile
     * file from exhausting the parser's stack.
     */
    public static final int MAX_DEPTH = 64;

    private final String s;
    private int i;
    private int depth;

    private JsonText(String s) {
        this.s = s;
    }

    /**
     * Parses a JSON document.
     *
     * @param text the document
     * @return maps (in document order), lists, strings, numbers, booleans and null
     * @throws IllegalArgumentException naming the line and column of the first error
     */
    public static Object parse(String text) {
        JsonText p = new JsonText(text);
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw p.error("unexpected text after the document");
        }
        return v;
    }

    private IllegalArgumentException error(String what) {
        int line = 1;
        int col = 1;
        for (int k = 0; k < Math.min(i, s.length()); k++) {
            if (s.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new IllegalArgumentException("JSON line " + line + " column " + col + ": " + what);
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(i);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    private Object value() {
        ws();
        char c = peek();
        if ((c == '{' || c == '[') && depth == MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        depth++;
        try {
            return value(c);
        } finally {
            depth--;
        }
    }

    private Object value(char c) {
        switch (c) {
            case '{': {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (peek() == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    if (m.put(k, value()) != null) {
                        throw error("duplicate key \"" + k + "\"");
                    }
                    ws();
                    if (peek() == ',') {
                        i++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[': {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (peek() == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (peek() == ',') {
                        i++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            case '"':
                return string();
            default:
                if (s.startsWith("true", i)) {
                    i += 4;
                    return Boolean.TRUE;
                }
                if (s.startsWith("false", i)) {
                    i += 5;
                    return Boolean.FALSE;
                }
                if (s.startsWith("null", i)) {
                    i += 4;
                    return null;
                }
                return number();
        }
    }

    private Object number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String n = s.substring(start, i);
        try {
            return n.matches("-?\\d+") ? (Object) Long.parseLong(n) : new BigDecimal(n);
        } catch (NumberFormatException e) {
            i = start;
            throw error("invalid value");
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (peek() != '"') {
            char c = s.charAt(i++);
            if (c == '\\') {
                char e = peek();
                i++;
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'u': {
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = Character.digit(peek(), 16);
                            if (digit < 0) {
                                throw error("\\u needs four hex digits");
                            }
                            code = code * 16 + digit;
                            i++;
                        }
                        sb.append((char) code);
                        break;
                    }
                    default: sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        i++;
        return sb.toString();
    }

    /**
     * Writes a value as JSON, indented by two spaces.
     *
     * @param v maps, lists, strings, numbers, booleans and null
     * @return the document, with a final newline
     */
    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{");
            String sep = "\n";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(sep).append("  ".repeat(depth + 1));
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), depth + 1);
                sep = ",\n";
            }
            sb.append('\n').append("  ".repeat(depth)).append('}');
        } else if (v instanceof List) {
            List<?> l = (List<?>) v;
            boolean simple = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
            if (l.isEmpty() || simple) {
                sb.append('[');
                for (int k = 0; k < l.size(); k++) {
                    sb.append(k > 0 ? ", " : "");
                    write(sb, l.get(k), depth + 1);
                }
                sb.append(']');
                return;
            }
            sb.append('[');
            String sep = "\n";
            for (Object x : l) {
                sb.append(sep).append("  ".repeat(depth + 1));
                write(sb, x, depth + 1);
                sep = ",\n";
            }
            sb.append('\n').append("  ".repeat(depth)).append(']');
        } else if (v instanceof String) {
            quote(sb, (String) v);
        } else {
            sb.append(v);
        }
    }

    /**
     * Appends a JSON string, escaped the way iproute2's JSON writer escapes.
     *
     * @param sb where to append
     * @param s the string
     */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int plain = 0;
        while (plain < s.length()) {   // names and addresses: nothing to escape, appended whole
            char c = s.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        sb.append(s, 0, plain);
        for (int k = plain; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
