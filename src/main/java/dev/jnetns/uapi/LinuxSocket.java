package dev.jnetns.uapi;

/** Socket constants from {@code <sys/socket.h>}. */
public final class LinuxSocket {
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_PACKET = 17;
    public static final int AF_MPLS = 28;
    public static final int AF_NETLINK = 16;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_PEERCRED = 17;
    public static final int MSG_PEEK = 2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int POLLIN = 0x1;
    /** {@code struct sockaddr_un}: family, then the path (NUL-terminated when shorter than the room). */
    public static final int SOCKADDR_UN_SIZE = 110;
    public static final int SOCKADDR_UN_PATH_OFFSET = 2;
    /** {@code struct ucred} ({@code SO_PEERCRED}): pid, uid, gid. */
    public static final int UCRED_SIZE = 12;
    public static final int UCRED_PID_OFFSET = 0;
    public static final int UCRED_UID_OFFSET = 4;

    private LinuxSocket() {
    }
}
