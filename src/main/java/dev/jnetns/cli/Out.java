package dev.jnetns.cli;

import dev.jnetns.IpPrefix;
import dev.jnetns.RtNames;
import dev.jnetns.rtnl.PrintOut;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The one print path of the CLI: every printer writes each field once, through {@link PrintOut}'s
 * calls, and this prints it as {@code ip} does in text or in {@code -j} (iproute2's json_print).
 */
final class Out implements PrintOut {
    private final Json json;
    private final StringBuilder text;
    /** Where {@link #drainTo} copies the characters it moves. */
    private char[] chunk = new char[0];
    /** ip's -N (-Numeric): numbers where ip would print their names. */
    private boolean numeric;

    private Out(Json json, StringBuilder text) {
        this.json = json;
        this.text = text;
    }

    /** Text output. */
    static Out text() {
        return new Out(null, new StringBuilder());
    }

    /** JSON output, indented as {@code -j -p} when {@code pretty}. */
    static Out json(boolean pretty) {
        return new Out(new Json(pretty), null);
    }

    /** JSON written into {@code j}, inside what the caller has opened there. */
    static Out over(Json j) {
        return new Out(j, null);
    }

    /** Prints numbers for names ({@code ip -N}): tables, protocols, scopes, types, realms, groups, link types. */
    Out numeric(boolean on) {
        numeric = on;
        return this;
    }

    /** Whether {@code -N} asks for numbers instead of names. */
    boolean numeric() {
        return numeric;
    }

    /** A number ip prints by its name (iproute2's rtnl_*_n2a): the name, or with {@code -N} the number. */
    void name(String key, String fmt, RtNames names, int number) {
        string(key, fmt, numeric ? names.numeral(number) : names.name(number));
    }

    @Override
    public boolean json() {
        return json != null;
    }

    /** The JSON writer, for JSON-only structure (arrays of records). */
    Json jsonWriter() {
        return json;
    }

    /** Appends {@code fmt} with {@code value} in place of its {@code %s} (straight into the text: no copies). */
    private void fill(String fmt, String value) {
        int at = fmt.indexOf("%s");
        if (at < 0) {
            text.append(fmt);
        } else {
            text.append(fmt, 0, at).append(value).append(fmt, at + 2, fmt.length());
        }
    }

    @Override
    public void string(String key, String fmt, String value) {
        if (json != null) {
            if (key != null) {
                json.put(key, value);
            } else {
                json.value(value);
            }
        } else if (fmt != null) {
            fill(fmt, value);
        }
    }

    /**
     * An address field (a string in JSON): its digits written straight into the output, no string
     * made for them.
     */
    void address(String key, String fmt, InetAddress a) {
        prefix(key, fmt, a, -1);
    }

    /**
     * A prefix field as ip prints one: ADDR for a host prefix ({@code length} -1, or all the
     * address's bits), ADDR/LEN otherwise.
     */
    void prefix(String key, String fmt, InetAddress a, int length) {
        if (json != null) {
            json.putAddress(key, a, length);
        } else if (fmt != null) {
            int at = fmt.indexOf("%s");
            text.append(fmt, 0, at);
            appendAddress(text, a, length);
            text.append(fmt, at + 2, fmt.length());
        }
    }

    /** Appends {@code a}, and "/length" unless {@code length} is -1 or all its bits, as ip formats them. */
    static void appendAddress(StringBuilder sb, InetAddress a, int length) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            sb.append(b[0] & 0xff).append('.').append(b[1] & 0xff).append('.').append(b[2] & 0xff).append('.')
                    .append(b[3] & 0xff);
        } else {
            sb.append(IpPrefix.format(a));
        }
        if (length >= 0 && length != b.length * 8) {
            sb.append('/').append(length);
        }
    }

    @Override
    public void number(String key, String fmt, long value) {
        if (json != null) {
            if (key != null) {
                json.put(key, value);
            } else {
                json.value(value);
            }
        } else if (fmt != null) {
            fill(fmt, Long.toString(value));
        }
    }

    @Override
    public void u64(String key, String fmt, long value) {
        if (json != null) {
            if (key != null) {
                json.putRaw(key, Long.toUnsignedString(value));
            }
        } else if (fmt != null) {
            fill(fmt, Long.toUnsignedString(value));
        }
    }

    @Override
    public void formatted(String key, String fmt, String digits) {
        if (json != null) {
            if (key != null) {
                json.putRaw(key, digits);
            }
        } else if (fmt != null) {
            fill(fmt, digits);
        }
    }

    @Override
    public void bool(String key, String fmt, boolean value) {
        if (json != null) {
            if (key != null) {
                json.put(key, value);
            }
        } else if (fmt != null) {
            fill(fmt, value ? "true" : "false");
        }
    }

    @Override
    public void onOff(String key, String fmt, boolean value) {
        if (json != null) {
            if (key != null) {
                json.put(key, value);
            }
        } else if (fmt != null) {
            fill(fmt, value ? "on" : "off");
        }
    }

    @Override
    public void hex(String key, String fmt, long value) {
        if (json != null) {
            if (key != null) {
                json.put(key, value == 0 ? "0" : "0x" + Long.toHexString(value));
            }
        } else if (fmt != null) {
            fill(fmt, Long.toHexString(value));
        }
    }

    @Override
    public void nullValue(String key, String fmt, String textValue) {
        if (json != null) {
            if (key != null) {
                json.putNull(key);
            }
        } else if (fmt != null) {
            fill(fmt, textValue);
        }
    }

    @Override
    public void text(String s) {
        if (json == null) {
            text.append(s);
        }
    }

    /**
     * Records as ip prints a list of them: with {@code -j} an array of one object each, in text
     * their lines one after another; returns what was written.
     */
    <T> String records(List<T> records, BiConsumer<T, Out> fields) {
        beginArray(null);
        for (T r : records) {
            beginObject(null);
            fields.accept(r, this);
            endObject();
        }
        endArray();
        return toString();
    }

    /** A list of strings: a JSON array, or in text each followed by {@code sep}. */
    void strings(String key, List<String> values, String sep) {
        if (json != null) {
            json.put(key, values);
        } else {
            for (int i = 0; i < values.size(); i++) {
                text.append(values.get(i));
                if (i + 1 < values.size()) {
                    text.append(sep);
                }
            }
        }
    }

    @Override
    public void beginObject(String key) {
        if (json != null) {
            if (key == null) {
                json.beginObject();
            } else {
                json.beginObject(key);
            }
        }
    }

    @Override
    public void endObject() {
        if (json != null) {
            json.endObject();
        }
    }

    @Override
    public void beginArray(String key) {
        if (json != null) {
            if (key == null) {
                json.beginArray();
            } else {
                json.beginArrayKey(key);
            }
        }
    }

    @Override
    public void endArray() {
        if (json != null) {
            json.endArray();
        }
    }

    /** Characters held, not yet drained. */
    int length() {
        return json != null ? json.length() : text.length();
    }

    /**
     * Moves what is written so far to {@code w}, for output streamed while it is written: through
     * one array of chars kept for it (no string made of it, and the writer's buffer skipped).
     */
    void drainTo(PrintWriter w) {
        StringBuilder held = json != null ? json.buffer() : text;
        int n = held.length();
        if (chunk.length < n) {
            chunk = new char[n];
        }
        held.getChars(0, n, chunk, 0);
        w.write(chunk, 0, n);
        held.setLength(0);
    }

    /** The text written since {@code mark} (see {@link #length()}), removed from the output. */
    String cut(int mark) {
        String s = text.substring(mark);
        text.setLength(mark);
        return s;
    }

    @Override
    public String toString() {
        return json != null ? json.toString() : text.toString();
    }
}
