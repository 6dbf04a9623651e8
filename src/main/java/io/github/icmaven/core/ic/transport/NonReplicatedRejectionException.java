package io.github.icmaven.core.ic.transport;

/**
 * A v2 call answered 200 with a rejection body instead of 202: the replica refused the message before
 * consensus (e.g. the canister does not exist). ic4j ignores that body and would poll until expiry.
 */
public final class NonReplicatedRejectionException extends RuntimeException {
    private final int rejectCode;
    private final String rejectMessage;
    private final String errorCode;

    public NonReplicatedRejectionException(int rejectCode, String rejectMessage, String errorCode) {
        super("reject code " + rejectCode + (errorCode == null ? "" : " (" + errorCode + ")") + ": " + rejectMessage);
        this.rejectCode = rejectCode;
        this.rejectMessage = rejectMessage;
        this.errorCode = errorCode;
    }

    public int rejectCode() {
        return rejectCode;
    }

    public String rejectMessage() {
        return rejectMessage;
    }

    /** The IC error code such as {@code IC0301}, or null when the replica sent none. */
    public String errorCode() {
        return errorCode;
    }
}
