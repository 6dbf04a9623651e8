package io.github.icmaven.core.ic.transport;

/**
 * The replica answered with an HTTP status other than 2xx (ic4j's own transport ignores the status and
 * tries to parse error pages as CBOR).
 */
public final class ReplicaHttpException extends RuntimeException {
    private static final int MAX_BODY_CHARS = 2000;

    private final int statusCode;
    private final String body;

    public ReplicaHttpException(String requestDescription, int statusCode, String body) {
        super(requestDescription + " answered HTTP " + statusCode + (body.isBlank() ? "" : ": " + abbreviate(body)));
        this.statusCode = statusCode;
        this.body = abbreviate(body);
    }

    public int statusCode() {
        return statusCode;
    }

    /** The response body as text, cut short. */
    public String body() {
        return body;
    }

    private static String abbreviate(String text) {
        String trimmed = text.strip();
        return trimmed.length() > MAX_BODY_CHARS ? trimmed.substring(0, MAX_BODY_CHARS) + "..." : trimmed;
    }
}
