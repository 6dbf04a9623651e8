package io.github.icmaven.core.ic.transport;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;
import io.github.icmaven.ic.Principal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP interface of a replica or boundary node over the JDK's {@link HttpURLConnection}, sending the envelopes
 * {@link SignedRequests} writes: HTTP status codes are checked, a call answered with a rejection body fails at
 * once with its IC error code (a query's answer, replied or rejected, goes to the caller, which checks its node
 * signature first), and the timeout grows with the request size.
 *
 * <p>Not the JDK's {@code java.net.http.HttpClient}: in a fresh JVM, as every {@code mvn deploy} is, its first
 * request costs about a second of class loading and set-up, {@code HttpURLConnection}'s a tenth of that. Its
 * keep-alive cache reuses connections across requests and transports.
 *
 * <p>Calls go to the synchronous endpoint ({@code /api/v3/canister/<id>/call}), which answers with the
 * certificate of the call's status, so that no polling is needed. A replica without that endpoint (404) gets
 * every later call on {@code /api/v2}.
 *
 * <p>A request that fails on the network or with HTTP 429/5xx is sent again, byte for byte, as the
 * {@link RetryPolicy} allows. That is safe for every request, update calls included: the envelope is the
 * same signed one, so the request id is the same, and the IC executes a request id at most once (it
 * answers a repeated submission as it answered the first, until the ingress expiry). A reply lost after
 * the call executed is recovered this way without doing the work twice.
 */
public final class HttpReplicaTransport {
    private static final String CBOR = "application/cbor";
    private static final long BYTES_PER_EXTRA_SECOND = 64 * 1024;

    private final URI baseUrl;
    private final Duration baseTimeout;
    private final RetryPolicy retries;
    private final RetryListener retryListener;
    private volatile boolean synchronousCalls = true;

    /**
     * @param baseUrl the replica or boundary node, e.g. {@code http://127.0.0.1:4943}
     * @param baseTimeout how long a small request may take; large bodies get one more second per 64 KiB
     */
    public HttpReplicaTransport(URI baseUrl, Duration baseTimeout) {
        this(baseUrl, baseTimeout, RetryPolicy.DEFAULT, RetryListener.NONE);
    }

    public HttpReplicaTransport(URI baseUrl, Duration baseTimeout, RetryPolicy retries, RetryListener retryListener) {
        this.baseUrl = baseUrl;
        this.baseTimeout = baseTimeout;
        this.retries = retries;
        this.retryListener = retryListener;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The timeout for a request carrying {@code bodyBytes}: large installs take a while to upload. */
    public Duration timeoutFor(long bodyBytes) {
        return baseTimeout.plusSeconds(bodyBytes / BYTES_PER_EXTRA_SECOND);
    }

    /** The CBOR body of {@code GET /api/v2/status}. */
    public byte[] status() throws IOException, InterruptedException {
        return send("/api/v2/status", null, baseTimeout, "GET /api/v2/status", false);
    }

    /** The CBOR answer of a query, replied or rejected (both signed by the answering node). */
    public byte[] query(Principal effectiveCanisterId, byte[] envelope) throws IOException, InterruptedException {
        return post("v2", "query", effectiveCanisterId, envelope, false);
    }

    /**
     * Submits a call: the certificate of its status when the replica answered synchronously, empty when it
     * answered 202 (not finished in time, or sent to {@code /api/v2}), so its status must be polled.
     */
    public Optional<byte[]> call(Principal effectiveCanisterId, byte[] envelope) throws IOException, InterruptedException {
        if (synchronousCalls) {
            try {
                return certificateOf(post("v3", "call", effectiveCanisterId, envelope, true));
            } catch (ReplicaHttpException e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                synchronousCalls = false; // an older replica: the asynchronous endpoint, then polling
            }
        }
        post("v2", "call", effectiveCanisterId, envelope, true);
        return Optional.empty();
    }

    /** The CBOR answer of a read_state request: a map holding the certificate. */
    public byte[] readState(Principal effectiveCanisterId, byte[] envelope) throws IOException, InterruptedException {
        return post("v2", "read_state", effectiveCanisterId, envelope, false);
    }

    private byte[] post(String version, String operation, Principal effectiveCanisterId, byte[] envelope,
            boolean mayBeRejection) throws IOException, InterruptedException {
        String path = "/api/" + version + "/canister/" + effectiveCanisterId.toText() + "/" + operation;
        return send(path, envelope, timeoutFor(envelope.length), "POST " + path, mayBeRejection);
    }

    /** Sends the request; on a failure worth repeating, the same request again after the policy's backoff. */
    private byte[] send(String path, byte[] envelope, Duration timeout, String description, boolean mayBeRejection)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return answerBody(exchange(path, envelope, timeout), description, mayBeRejection);
            } catch (IOException | ReplicaHttpException e) {
                if (!isRetryable(e) || !retries.allowsAnotherAttempt(attempt)) {
                    throw e;
                }
                Duration backoff = retries.backoffBefore(attempt + 1);
                retryListener.retrying("Sending " + RequestDescriptions.describe(envelope, description)
                        + " again, the same signed request (attempt " + (attempt + 1) + " of " + retries.maxAttempts()
                        + ", in " + backoff.toMillis() + " ms), after: " + describeFailure(e));
                TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
            }
        }
    }

    /** One HTTP exchange: a POST of {@code body}, or a GET when it is null. */
    private HttpAnswer exchange(String path, byte[] body, Duration timeout) throws IOException {
        // No proxy, as before with the JDK client: replicas are reached directly.
        HttpURLConnection connection = (HttpURLConnection) endpoint(path).toURL().openConnection(Proxy.NO_PROXY);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        if (body != null) {
            connection.setRequestProperty("Content-Type", CBOR);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            // Streaming with a fixed length also keeps the JDK from resending a POST by itself: retries are ours.
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        return new HttpAnswer(status, answer);
    }

    private record HttpAnswer(int statusCode, byte[] body) {}

    /** Network failures (refused, reset, dropped, timed out) and HTTP 429/5xx say nothing about the call. */
    static boolean isRetryable(Throwable failure) {
        return failure instanceof IOException
                || failure instanceof ReplicaHttpException h && ReplicaHttpException.isRetryableStatus(h.statusCode());
    }

    private static String describeFailure(Throwable failure) {
        if (failure instanceof SocketTimeoutException) {
            return "no answer in time";
        }
        if (failure instanceof IOException) {
            return "network failure (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")";
        }
        return failure.getMessage();
    }

    private static byte[] answerBody(HttpAnswer response, String description, boolean mayBeRejection) {
        int status = response.statusCode();
        byte[] body = response.body();
        if (status < 200 || status > 299) {
            throw new ReplicaHttpException(description, status, new String(body, StandardCharsets.UTF_8));
        }
        if (mayBeRejection && status == 200 && body.length > 0) {
            throwIfRejection(body);
        }
        return body;
    }

    private static void throwIfRejection(byte[] body) {
        NonReplicatedRejectionException.from(decode(body)).ifPresent(rejection -> {
            throw rejection;
        });
    }

    /** The certificate of a synchronous call's {@code {status: "replied", certificate}} answer. */
    private static Optional<byte[]> certificateOf(byte[] body) {
        if (decode(body) instanceof Map<?, ?> answer && "replied".equals(answer.get("status"))
                && answer.get("certificate") instanceof byte[] certificate) {
            return Optional.of(certificate);
        }
        return Optional.empty();
    }

    /** The body as CBOR, or null when it is not (then the call's status will be polled). */
    private static Object decode(byte[] body) {
        try {
            return Cbor.decode(body);
        } catch (CborException e) {
            return null;
        }
    }

    private URI endpoint(String path) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
