package dev.jnetns.uapi;

/** Veth attributes from {@code linux/veth.h}. */
public final class LinuxVeth {
    public static final int VETH_INFO_PEER = 1;

    private LinuxVeth() {
    }
}
