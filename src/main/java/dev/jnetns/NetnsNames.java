package dev.jnetns;

import dev.jnetns.rtnl.Escape;
import java.nio.charset.StandardCharsets;

/** Validation of namespace names, before anything touches the filesystem. */
final class NetnsNames {
    private NetnsNames() {
    }

    /**
     * Returns {@code name} when it is a valid namespace name: not empty, not "." or "..", no '/', no
     * NUL, at most 255 bytes.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static String check(String name) {
        String why = null;
        if (name == null || name.isEmpty()) {
            why = "empty";
        } else if (name.equals(".") || name.equals("..")) {
            why = "\"" + name + "\" is not allowed";
        } else if (name.indexOf('/') >= 0) {
            why = "contains '/'";
        } else if (name.indexOf('\0') >= 0) {
            why = "contains NUL";
        } else if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            why = "longer than 255 bytes";
        }
        if (why != null) {
            throw new IllegalArgumentException("invalid netns name " + Escape.quoted(name) + ": " + why);
        }
        return name;
    }
}
