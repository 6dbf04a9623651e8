package io.github.icmaven.candid;

/** A Candid value, type or text could not be encoded, decoded or parsed; the message says where and why. */
public final class CandidException extends RuntimeException {
    public CandidException(String message) {
        super(message);
    }

    public CandidException(String message, Throwable cause) {
        super(message, cause);
    }
}
