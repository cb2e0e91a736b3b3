package dev.jnetns.sys;

/** Namespace flags from {@code <sched.h>} / {@code linux/sched.h}; names as in the kernel. */
public final class LinuxSched {
    public static final int CLONE_FS = 0x00000200;
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWNET = 0x40000000;

    private LinuxSched() {
    }

    /** "CLONE_NEWNET", "CLONE_NEWNS|CLONE_FS", or the hex value for other bits. */
    static String name(int flags) {
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
