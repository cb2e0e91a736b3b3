package dev.jnetns.rtnl;

/**
 * Where a record's fields are printed as {@code ip} prints them, text and JSON through the same
 * calls (iproute2's {@code print_*(PRINT_ANY, key, fmt, value)}): each call names the JSON key and
 * the text format of one field. A null format prints in JSON only; a null key prints a JSON array
 * element (text-only output goes through {@link #text}). A format holds at most one {@code %s},
 * where the value goes. The CLI implements it for text and
 * for {@code -j}; the codecs print the data of their link kinds through it.
 */
public interface PrintOut {
    /** True when printing JSON. */
    boolean json();

    /** A string field. */
    void string(String key, String fmt, String value);

    /** A signed number. */
    void number(String key, String fmt, long value);

    /** An unsigned 64-bit number. */
    void u64(String key, String fmt, long value);

    /** A boolean: JSON true/false; text prints {@code fmt} with "true"/"false" (callers print only the case they show). */
    void bool(String key, String fmt, boolean value);

    /** A boolean printed "on"/"off" in text. */
    void onOff(String key, String fmt, boolean value);

    /**
     * A number ip formats itself (a bridge timer's {@code 12.34}, iproute2's jsonw_printf): JSON the
     * digits as given, unquoted; text {@code fmt} with them.
     */
    void formatted(String key, String fmt, String digits);

    /** A number in hex: JSON a string "0x..."; text {@code fmt} with the hex digits. */
    void hex(String key, String fmt, long value);

    /** JSON null; text {@code fmt} with {@code text}. */
    void nullValue(String key, String fmt, String text);

    /** Text only. */
    void text(String s);

    /** Opens a JSON object ({@code key} null inside an array); nothing in text. */
    void beginObject(String key);

    void endObject();

    /** Opens a JSON array; nothing in text. */
    void beginArray(String key);

    void endArray();
}
