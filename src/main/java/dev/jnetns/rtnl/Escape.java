package dev.jnetns.rtnl;

/** User input as the library's exceptions and the CLI's errors show it: on one line, whatever the input holds. */
public final class Escape {
    private Escape() {
    }

    /**
     * {@code text} with its control characters escaped as the CLI escapes them ({@code \n},
     * {@code \r}, {@code \t}, {@code \x00}…).
     */
    public static String controls(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** {@code text} in double quotes, its control characters escaped: {@code "a\nb"}. */
    public static String quoted(String text) {
        return '"' + controls(text) + '"';
    }
}
