package dev.jnetns.cni;

import dev.jnetns.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code CNI_ARGS} as host-local reads it (libcni's LoadArgs into {@code IgnoreUnknown} and
 * {@code IP}): "KEY=VALUE;KEY=VALUE", an unknown key an error unless IgnoreUnknown is true.
 */
final class HostLocalArgs {
    private HostLocalArgs() {
    }

    /** The address IP= asks for (empty when none); messages are host-local's. */
    static List<String> ip(String args) {
        if (args == null || args.isEmpty()) {
            return List.of();
        }
        String ip = null;
        boolean ignoreUnknown = false;
        List<String> unknown = new ArrayList<>();
        for (String pair : args.split(";", -1)) {
            String[] kv = pair.split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("ARGS: invalid pair \"" + pair + "\"");
            }
            switch (kv[0]) {
                case "IP" -> ip = address(pair, kv[1]);
                case "IgnoreUnknown" -> ignoreUnknown = bool(pair, kv[1]);
                default -> unknown.add(pair);
            }
        }
        if (!unknown.isEmpty() && !ignoreUnknown) {
            throw new IllegalArgumentException("ARGS: unknown args "
                    + unknown.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(" ", "[", "]")));
        }
        return ip == null ? List.of() : List.of(ip);
    }

    /** An address, with or without a prefix length; null for none. */
    private static String address(String pair, String v) {
        if (v.isEmpty()) {
            return null;
        }
        try {
            IpPrefix.parse(v);
            return v;
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException("ARGS: error parsing value of pair \"" + pair
                    + "\": invalid IP address " + v);
        }
    }

    private static boolean bool(String pair, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true":
                return true;
            case "0", "false":
                return false;
            default:
                throw new IllegalArgumentException("ARGS: error parsing value of pair \"" + pair
                        + "\": boolean unmarshal error: invalid input " + v.toLowerCase(Locale.ROOT));
        }
    }
}
