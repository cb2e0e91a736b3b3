package dev.jnetns.sys;

import static dev.jnetns.uapi.LinuxSched.CLONE_FS;
import static dev.jnetns.uapi.LinuxSched.CLONE_NEWNET;
import static dev.jnetns.uapi.LinuxSched.CLONE_NEWNS;

/** CLONE_* flags by name, for the messages of setns and unshare failures. */
final class CloneFlags {
    private CloneFlags() {
    }

    /** "CLONE_NEWNET", "CLONE_NEWNS|CLONE_FS", or the hex value for other bits. */
    static String names(int flags) {
        StringBuilder sb = new StringBuilder();
        int rest = flags;
        rest = append(sb, rest, CLONE_NEWNET, "CLONE_NEWNET");
        rest = append(sb, rest, CLONE_NEWNS, "CLONE_NEWNS");
        rest = append(sb, rest, CLONE_FS, "CLONE_FS");
        if (rest != 0 || sb.length() == 0) {
            sb.append(sb.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(rest));
        }
        return sb.toString();
    }

    private static int append(StringBuilder sb, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            sb.append(sb.length() == 0 ? "" : "|").append(name);
        }
        return flags & ~bit;
    }
}
