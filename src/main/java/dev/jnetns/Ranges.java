package dev.jnetns;

/**
 * The range check of the spec setters ({@link RouteSpec}, {@link RuleSpec}, {@link AddressSpec},
 * {@link LinkSpec}, {@link LinkUpdate}, {@link Neighbours}): a value that does not fit its kernel field is
 * refused at the setter with one line naming the field and its range, before anything is sent, rather
 * than truncated to the field's width or read as "unset".
 */
final class Ranges {
    /** The largest u32 a spec sends; 4294967295 is -1, which the link record reads as "unset". */
    static final long U32_SET = 0xfffffffeL;

    private Ranges() {
    }

    /**
     * {@code value}, checked.
     *
     * @throws IllegalArgumentException "FIELD VALUE is out of range MIN..MAX"
     */
    static long check(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    /** {@code value}, checked to fit a u8. */
    static int u8(String field, int value) {
        return (int) check(field, value, 0, 0xff);
    }
}
