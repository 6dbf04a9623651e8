package io.github.icmaven.replica.auth;

/**
 * A request the replica refuses before executing anything; the HTTP layer answers with
 * {@link #httpStatus()} and {@link #getMessage()} as a plain-text body, as the real replica does.
 */
public final class InvalidRequestException extends RuntimeException {
    public static final int BAD_REQUEST = 400;

    private final int httpStatus;

    public InvalidRequestException(int httpStatus, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    static InvalidRequestException badRequest(String message) {
        return new InvalidRequestException(BAD_REQUEST, message);
    }

    public int httpStatus() {
        return httpStatus;
    }
}
