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

    /**
     * 429 (too many requests) and the 5xx of an overloaded or failing node: the spec says such a request
     * might succeed if sent again later.
     */
    public static boolean isRetryableStatus(int statusCode) {
        return statusCode == 429 || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504;
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
