package io.github.icmaven.replica.http;

/**
 * Thrown by {@link ReplicaEndpoints} to make the HTTP layer fail the exchange: answer with an error status
 * instead of the result, or close the connection without any answer. Fault injection uses it to play an
 * overloaded node or a reply lost on the way.
 */
public final class HttpFailure extends RuntimeException {
    private static final int NO_ANSWER = 0;

    private final int status;

    private HttpFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** Answer {@code status} (4xx or 5xx) with {@code message} as the text body. */
    public static HttpFailure status(int status, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HTTP failure is a 4xx or 5xx status, not " + status);
        }
        return new HttpFailure(status, message);
    }

    /** Close the connection before any byte of the answer is sent. */
    public static HttpFailure dropConnection() {
        return new HttpFailure(NO_ANSWER, "connection dropped");
    }

    public boolean dropsConnection() {
        return status == NO_ANSWER;
    }

    public int status() {
        return status;
    }
}
