package dev.jnetns.cni;

import dev.jnetns.Links;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code CNI_*} environment a runtime passes, checked the way the spec asks: a missing or bad
 * variable is error 4 (invalid environment) naming the variable. {@code all} is the whole
 * environment, which delegated plugins get.
 */
record CniEnv(String command, String containerId, String netns, String ifname, String path, Map<String, String> all) {

    static final List<String> COMMANDS = List.of("ADD", "DEL", "CHECK", "VERSION", "STATUS", "GC");
    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

    static CniEnv read(Map<String, String> env) throws CniException {
        String command = env.get("CNI_COMMAND");
        if (command == null || command.isEmpty()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_COMMAND is not set",
                    "one of " + COMMANDS);
        }
        if (!COMMANDS.contains(command)) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "unknown CNI_COMMAND \"" + command + "\"",
                    "one of " + COMMANDS);
        }
        CniEnv e = new CniEnv(command, env.get("CNI_CONTAINERID"), env.get("CNI_NETNS"), env.get("CNI_IFNAME"),
                env.get("CNI_PATH"), env);
        if (command.equals("ADD") || command.equals("DEL") || command.equals("CHECK")) {
            e.checkAttachment();
        }
        return e;
    }

    private void checkAttachment() throws CniException {
        if (containerId == null || containerId.isEmpty()) {
            throw invalid("CNI_CONTAINERID is not set", "");
        }
        if (!CONTAINER_ID.matcher(containerId).matches()) {
            throw invalid("CNI_CONTAINERID \"" + containerId + "\" is not valid",
                    "letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        if (!command.equals("DEL") && (netns == null || netns.isEmpty())) {
            throw invalid("CNI_NETNS is not set", "the path of the container's network namespace");
        }
        if (ifname == null || ifname.isEmpty()) {
            throw invalid("CNI_IFNAME is not set", "the interface name to create in the container");
        }
        try {
            Links.checkName(ifname);
        } catch (IllegalArgumentException x) {
            throw invalid("CNI_IFNAME \"" + ifname + "\" is not a valid interface name", x.getMessage());
        }
        if (path == null || path.isEmpty()) {
            throw invalid("CNI_PATH is not set", "the directories to search for plugins");
        }
    }

    private static CniException invalid(String msg, String details) {
        return new CniException(CniException.INVALID_ENVIRONMENT, msg, details);
    }

    /** True when the container's namespace was given (DEL may come without one). */
    boolean hasNetns() {
        return netns != null && !netns.isEmpty();
    }
}
