package io.github.icmaven.core.ic.transport;

/**
 * A rejection answered without consensus: a query's, or a call's answered 200 with a rejection body instead of 202
 * (the replica refused the message before consensus, e.g. the canister does not exist).
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

    /** The rejection in a decoded answer, or empty when the answer is none. */
    public static java.util.Optional<NonReplicatedRejectionException> from(Object answer) {
        if (answer instanceof java.util.Map<?, ?> map && map.get("reject_code") instanceof Long rejectCode) {
            return java.util.Optional.of(new NonReplicatedRejectionException(rejectCode.intValue(),
                    map.get("reject_message") instanceof String message ? message : "",
                    map.get("error_code") instanceof String errorCode ? errorCode : null));
        }
        return java.util.Optional.empty();
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
