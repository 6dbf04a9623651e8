package io.github.icmaven.core.ic;

import io.github.icmaven.core.ic.transport.ReplicaHttpException;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A call to a canister (the management canister included) that did not produce a reply: either the IC
 * rejected it ({@link Kind#REJECTED}, with reject code, IC error code and the replica's message) or the
 * exchange itself failed (HTTP error status, network failure, no answer before the deadline, or an answer
 * that could not be understood).
 */
public final class IcCallException extends Exception {
    /** What went wrong; only {@link #REJECTED} means the IC looked at the call and said no. */
    public enum Kind {
        /** The IC rejected the call; {@link #rejectCode()} is present. */
        REJECTED,
        /** The replica or boundary node answered with an HTTP error status. */
        HTTP_ERROR,
        /** No HTTP answer: connection refused, reset, TLS failure, I/O timeout. */
        NETWORK,
        /** The call was submitted but no final status arrived before the deadline: its outcome is unknown. */
        TIMEOUT,
        /** An answer arrived that does not follow the protocol (bad certificate, malformed reply). */
        PROTOCOL
    }

    private final Kind kind;
    private final Principal canisterId;
    private final String method;
    private final RejectCode rejectCode;
    private final String errorCode;
    private final String replicaMessage;
    private final int httpStatus;

    private IcCallException(Kind kind, Principal canisterId, String method, RejectCode rejectCode, String errorCode,
            String replicaMessage, int httpStatus, Throwable cause) {
        super(describe(kind, canisterId, method, rejectCode, errorCode, replicaMessage, httpStatus), cause);
        this.kind = kind;
        this.canisterId = canisterId;
        this.method = method;
        this.rejectCode = rejectCode;
        this.errorCode = errorCode;
        this.replicaMessage = replicaMessage == null ? "" : replicaMessage;
        this.httpStatus = httpStatus;
    }

    public static IcCallException rejected(Principal canisterId, String method, RejectCode rejectCode, String errorCode,
            String replicaMessage) {
        return new IcCallException(Kind.REJECTED, canisterId, method, rejectCode, errorCode, replicaMessage, -1, null);
    }

    public static IcCallException httpError(Principal canisterId, String method, int httpStatus, String body, Throwable cause) {
        return new IcCallException(Kind.HTTP_ERROR, canisterId, method, null, RejectTexts.findErrorCode(body).orElse(null),
                body, httpStatus, cause);
    }

    public static IcCallException network(Principal canisterId, String method, String detail, Throwable cause) {
        return new IcCallException(Kind.NETWORK, canisterId, method, null, null, detail, -1, cause);
    }

    public static IcCallException timeout(Principal canisterId, String method, String detail) {
        return new IcCallException(Kind.TIMEOUT, canisterId, method, null, null, detail, -1, null);
    }

    public static IcCallException protocol(Principal canisterId, String method, String detail, Throwable cause) {
        return new IcCallException(Kind.PROTOCOL, canisterId, method, null, null, detail, -1, cause);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRejection() {
        return kind == Kind.REJECTED;
    }

    /** The canister the call was addressed to (the management canister for management calls). */
    public Principal canisterId() {
        return canisterId;
    }

    public String method() {
        return method;
    }

    public Optional<RejectCode> rejectCode() {
        return Optional.ofNullable(rejectCode);
    }

    /** The IC error code, e.g. {@code IC0512}, when the replica sent one or its message names one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public boolean hasErrorCode(String code) {
        return code.equals(errorCode);
    }

    /** The replica's own words (reject message, HTTP body or failure detail); never contains key material. */
    public String replicaMessage() {
        return replicaMessage;
    }

    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * A hint that trying again later may succeed: a SYS_TRANSIENT rejection, an overloaded or failing
     * endpoint (HTTP 429, 500, 502, 503, 504) or a network failure. A timeout is not transient: the call may
     * have been executed, so the caller must check the state before repeating it.
     */
    public boolean isTransient() {
        return switch (kind) {
            case REJECTED -> rejectCode == RejectCode.SYS_TRANSIENT;
            case HTTP_ERROR -> ReplicaHttpException.isRetryableStatus(httpStatus);
            case NETWORK -> true;
            case TIMEOUT, PROTOCOL -> false;
        };
    }

    private static String describe(Kind kind, Principal canisterId, String method, RejectCode rejectCode, String errorCode,
            String replicaMessage, int httpStatus) {
        String call = "Call to " + method + " on " + canisterId;
        String detail = replicaMessage == null || replicaMessage.isBlank() ? "" : ": " + replicaMessage;
        return switch (kind) {
            case REJECTED -> call + " was rejected (" + rejectCode + (errorCode == null ? "" : ", " + errorCode) + ")" + detail;
            case HTTP_ERROR -> call + " failed with HTTP " + httpStatus + detail;
            case NETWORK -> call + " failed on the network" + detail;
            case TIMEOUT -> call + " got no final answer in time; it may or may not have been executed" + detail;
            case PROTOCOL -> call + " received an answer that could not be understood" + detail;
        };
    }
}
