package dev.jnetns.cni;

/** A CNI error: its spec code (1 incompatible version … 7 invalid config, 11 try later, 100+ ours). */
final class CniException extends Exception {
    private static final long serialVersionUID = 1L;

    static final int INCOMPATIBLE_VERSION = 1;
    static final int UNSUPPORTED_FIELD = 2;
    static final int UNKNOWN_CONTAINER = 3;
    static final int INVALID_ENVIRONMENT = 4;
    static final int IO = 5;
    static final int DECODE = 6;
    static final int INVALID_CONFIG = 7;
    static final int TRY_LATER = 11;
    static final int KERNEL = 100;
    static final int IPAM = 101;
    static final int NOT_READY = 50;

    final int code;
    final String details;

    CniException(int code, String msg, String details) {
        super(msg);
        this.code = code;
        this.details = details;
    }

    CniException(int code, String msg) {
        this(code, msg, "");
    }
}
