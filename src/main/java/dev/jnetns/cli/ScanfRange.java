package dev.jnetns.cli;

/**
 * A range as ip reads {@code uidrange}, {@code sport} and {@code dport} of {@code ip rule}: C's
 * {@code sscanf(arg, "%u-%u")} ({@code "%hu-%hu"} for ports). Each number is glibc's: blanks, a
 * sign and decimal digits, saturated at 2^64-1, negated modulo 2^64 after a '-', then cut to the
 * field's width ("70000" is port 4464, "-1" is 65535); anything after the numbers is ignored, and
 * "0x10" reads as 0 followed by text ("x10") that does not match the '-'.
 *
 * @param count how many numbers were read (sscanf's return; 0 when the first is missing)
 * @param start the first number (0 when none)
 * @param end the second (0 when only one)
 */
record ScanfRange(int count, long start, long end) {
    /** ip's sscanf("%u-%u") or, with {@code mask} 0xffff, "%hu-%hu". */
    static ScanfRange read(String text, long mask) {
        int[] at = {0};
        Long start = number(text, at);
        if (start == null) {
            return new ScanfRange(0, 0, 0);
        }
        if (at[0] >= text.length() || text.charAt(at[0]) != '-') {
            return new ScanfRange(1, start & mask, 0);
        }
        at[0]++;
        Long end = number(text, at);
        return end == null ? new ScanfRange(1, start & mask, 0) : new ScanfRange(2, start & mask, end & mask);
    }

    /** One glibc %u conversion from {@code at[0]}, moving it past the number; null without digits. */
    private static Long number(String text, int[] at) {
        int i = at[0];
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean minus = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            minus = text.charAt(i) == '-';
            i++;
        }
        int first = i;
        long v = 0;
        boolean overflow = false;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int d = text.charAt(i) - '0';
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
                overflow = true;
            } else {
                v = v * 10 + d;
            }
            i++;
        }
        if (i == first) {
            return null;
        }
        at[0] = i;
        return overflow ? -1L : minus ? -v : v;
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
