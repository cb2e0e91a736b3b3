package dev.jnetns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnetns.testutil.Property;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link IpPrefix#parseAddress} reads IPv4 literals by hand (a batch parses one or two per line):
 * on seeded strings near the form it accepts exactly four dot-separated parts of 1-3 ASCII digits,
 * each up to 255, as the regular expression below states it, with the same bytes.
 */
class IpPrefixParseTest {
    private static final Pattern DOTTED = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final String ALPHABET = "0123456789.....12x5-\u0661 ";

    @Test
    void ipv4_literals_are_accepted_exactly_as_the_pattern_says() {
        Property.check("IPv4 literal", 20_000, r -> {
            StringBuilder b = new StringBuilder();
            if (r.nextBoolean()) {   // near the form: 3-5 parts of 0-4 digits
                int parts = 3 + r.nextInt(3);
                for (int p = 0; p < parts; p++) {
                    b.append(p > 0 ? "." : "");
                    for (int d = r.nextInt(5); d > 0; d--) {
                        b.append((char) ('0' + r.nextInt(r.nextInt(4) == 0 ? 10 : 3)));
                    }
                }
                return b.toString();
            }
            int n = r.nextInt(18);
            for (int i = 0; i < n; i++) {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            return b.toString();
        }, text -> {
            Matcher m = DOTTED.matcher(text);
            boolean ok = m.matches();
            byte[] want = new byte[4];
            for (int i = 0; ok && i < 4; i++) {
                int v = Integer.parseInt(m.group(i + 1));
                ok = v <= 255;
                want[i] = (byte) v;
            }
            if (ok) {
                assertArrayEquals(want, IpPrefix.parseAddress(text).getAddress(), text);
            } else {
                assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress(text), text);
            }
        });
    }

    @Test
    void the_messages_name_the_text_and_a_large_octet() {
        assertEquals("invalid address \"198.18.0\"",
                assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("198.18.0")).getMessage());
        assertEquals("invalid address \"198.18.0.300\": octet 300 > 255",
                assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("198.18.0.300")).getMessage());
        assertArrayEquals(new byte[] {(byte) 198, 18, 0, 1}, IpPrefix.parseAddress("198.18.0.1").getAddress());
    }
}
