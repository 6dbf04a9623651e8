package io.github.icmaven.ic;

/** The reject codes of the interface spec; the number is what travels on the wire. */
public enum RejectCode {
    SYS_FATAL(1),
    SYS_TRANSIENT(2),
    DESTINATION_INVALID(3),
    CANISTER_REJECT(4),
    CANISTER_ERROR(5),
    SYS_UNKNOWN(6);

    private final int code;

    RejectCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RejectCode of(int code) {
        for (RejectCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown reject code " + code);
    }
}
