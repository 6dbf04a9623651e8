package io.github.icmaven.replica.state;

/** The run status of a canister; {@link #code()} is what {@code ic0.canister_status} returns. */
public enum CanisterStatus {
    RUNNING(1),
    STOPPING(2),
    STOPPED(3);

    private final int code;

    CanisterStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
