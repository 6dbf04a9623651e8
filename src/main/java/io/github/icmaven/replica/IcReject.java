package io.github.icmaven.replica;

import io.github.icmaven.ic.RejectCode;

/**
 * A rejected message as the IC reports it: reject code, IC error code (e.g. {@code IC0503}) and the
 * replica's message text. Thrown anywhere inside the replica; the HTTP layer turns it into a reject
 * response or a rejected request status.
 */
public final class IcReject extends Exception {
    private final RejectCode rejectCode;
    private final String errorCode;

    public IcReject(RejectCode rejectCode, String errorCode, String message) {
        super(message, null, false, false);
        this.rejectCode = rejectCode;
        this.errorCode = errorCode;
    }

    public RejectCode rejectCode() {
        return rejectCode;
    }

    /** The IC error code, e.g. {@code IC0503}; its first digit is the reject code. */
    public String errorCode() {
        return errorCode;
    }
}
