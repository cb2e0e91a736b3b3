package dev.jnetns.uapi;

/** Policy-rule attributes and actions from {@code linux/fib_rules.h}. */
public final class LinuxFibRules {
    /** {@code sizeof(struct fib_rule_hdr)}. */
    public static final int FIB_RULE_HDR_SIZE = 12;

    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_GOTO = 4;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    public static final int FRA_PROTOCOL = 21;

    public static final int FR_ACT_TO_TBL = 1;
    public static final int FR_ACT_GOTO = 2;
    public static final int FR_ACT_NOP = 3;
    public static final int FR_ACT_BLACKHOLE = 6;
    public static final int FR_ACT_UNREACHABLE = 7;
    public static final int FR_ACT_PROHIBIT = 8;

    public static final int FIB_RULE_INVERT = 0x2;

    private LinuxFibRules() {
    }
}
