package dev.jnetns.cli;

import java.math.BigInteger;

/**
 * Unsigned numbers as iproute2's get_u8, get_u16, get_u32 and get_u64 read them (lib/utils.c): C's
 * strtoul/strtoull in base 0 over the whole word. So leading white space, a sign ("-1" is the
 * largest value, wrapped as C wraps it), 0x-hex and 0-octal are taken; trailing characters, an
 * empty word and a value above the type's maximum are not.
 */
final class CNumbers {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private CNumbers() {
    }

    /**
     * The word as ip's get_uN reads it ({@code bits}: 8, 16, 32 or 64), as an unsigned long (a u64
     * above {@link Long#MAX_VALUE} is its two's complement: "-1" is 2^64-1, as ip sends it); a word
     * it refuses fails as ip's invarg: {@code Error: argument "WORD" is wrong: WHY}, exit 255.
     */
    static long unsigned(String word, int bits, String why) {
        BigInteger v = strtoull(word);
        if (v == null || v.bitLength() > bits) {
            throw Words.invalid(why, word);
        }
        return v.longValue();
    }

    /**
     * The word as ip's get_s32(base 0) reads it: C's strtol over the whole word (blanks, a sign,
     * 0x-hex, 0-octal) within an int; null for anything else.
     */
    static Integer s32(String word) {
        String t = word.stripLeading();
        boolean negative = t.startsWith("-");
        String digits = negative || t.startsWith("+") ? t.substring(1) : t;
        if (digits.isEmpty() || digits.charAt(0) == '+' || digits.charAt(0) == '-'
                || Character.isWhitespace(digits.charAt(0))) {
            return null;
        }
        BigInteger v = strtoull(digits);
        if (v == null) {
            return null;
        }
        v = negative ? v.negate() : v;
        return v.bitLength() < 32 ? v.intValue() : null;   // INT32_MIN..INT32_MAX
    }

    /**
     * C's strtoull(word, &end, 0) when it reads the whole word without overflow: its value, negated
     * modulo 2^64 after a '-'; null for no digits, characters left over, or ERANGE.
     */
    private static BigInteger strtoull(String word) {
        int i = 0;
        int n = word.length();
        while (i < n && (word.charAt(i) == ' ' || word.charAt(i) >= '\t' && word.charAt(i) <= '\r')) {
            i++;
        }
        boolean negative = false;
        if (i < n && (word.charAt(i) == '+' || word.charAt(i) == '-')) {
            negative = word.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 2 < n && word.charAt(i) == '0' && (word.charAt(i + 1) | 0x20) == 'x'
                && digit(word.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < n && word.charAt(i) == '0') {
            base = 8;
        }
        int from = i;
        while (i < n && digit(word.charAt(i), base) >= 0) {
            i++;
        }
        if (i == from || i != n) {
            return null;
        }
        BigInteger v = new BigInteger(word.substring(from, i), base);
        if (v.compareTo(TWO_64) >= 0) {
            return null;   // ERANGE
        }
        return negative ? TWO_64.subtract(v).mod(TWO_64) : v;
    }

    private static int digit(char c, int base) {
        return c < 0x80 ? Character.digit(c, base) : -1;
    }
}
