package io.github.icmaven.core.ic.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.requestid.RequestId;
import org.ic4j.types.Principal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An ic4j {@link ReplicaTransport} over the JDK's {@link HttpURLConnection} that fixes what ic4j's Apache
 * transport gets wrong (it ignores HTTP status codes, drops a rejection body and has a fixed 5 s socket timeout):
 * HTTP status codes are checked, a call or query answered with a rejection body fails at once, and the timeout
 * grows with the request size.
 *
 * <p>Not the JDK's {@code java.net.http.HttpClient}: in a fresh JVM, as every {@code mvn deploy} is, its first
 * request costs about a second of class loading and set-up, {@code HttpURLConnection}'s a tenth of that. Its
 * keep-alive cache reuses connections across requests and transports.
 *
 * <p>Calls go to the synchronous endpoint ({@code /api/v3/canister/<id>/call}), which answers with the
 * certificate of the call's status, so that no polling is needed. ic4j drops the body of a call's answer,
 * so the certificate waits here until the caller {@linkplain #takeCallCertificate takes it}. A replica
 * without that endpoint (404) gets every later call on {@code /api/v2}.
 *
 * <p>A request that fails on the network or with HTTP 429/5xx is sent again, byte for byte, as the
 * {@link RetryPolicy} allows. That is safe for every request, update calls included: the envelope is the
 * same signed one, so the request id is the same, and the IC executes a request id at most once (it
 * answers a repeated submission as it answered the first, until the ingress expiry). A reply lost after
 * the call executed is recovered this way without doing the work twice.
 *
 * <p>Requests are sent on the calling thread and the future returned is already complete: ic4j waits for
 * every answer anyway, and passing it through the HTTP client's executor and back cost more than a request
 * to a local replica.
 */
public final class HttpReplicaTransport implements ReplicaTransport {
    private static final String CBOR = "application/cbor";
    private static final long BYTES_PER_EXTRA_SECOND = 64 * 1024;

    private final URI baseUrl;
    private final Duration baseTimeout;
    private final RetryPolicy retries;
    private final RetryListener retryListener;
    private final Map<ByteBuffer, byte[]> callCertificates = new ConcurrentHashMap<>();
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

    /** The longest a request carrying {@code bodyBytes} can take, every retry included. */
    public Duration timeoutWithRetries(long bodyBytes) {
        return retries.worstCase(timeoutFor(bodyBytes));
    }

    @Override
    public CompletableFuture<ReplicaResponse> status() {
        return completed(() -> send("/api/v2/status", null, Map.of(), baseTimeout, "GET /api/v2/status", false));
    }

    @Override
    public CompletableFuture<ReplicaResponse> query(Principal effectiveCanisterId, byte[] envelope, Map<String, String> headers) {
        // A rejected query is thrown here with its IC error code, which ic4j drops.
        return completed(() -> post("v2", "query", effectiveCanisterId, envelope, headers, true));
    }

    @Override
    public CompletableFuture<ReplicaResponse> call(Principal effectiveCanisterId, byte[] envelope, RequestId requestId,
            Map<String, String> headers) {
        return completed(() -> {
            if (synchronousCalls) {
                try {
                    ReplicaResponse response = post("v3", "call", effectiveCanisterId, envelope, headers, true);
                    certificateOf(response.payload).ifPresent(c -> callCertificates.put(ByteBuffer.wrap(requestId.get()), c));
                    return response;
                } catch (ReplicaHttpException e) {
                    if (e.statusCode() != 404) {
                        throw e;
                    }
                    synchronousCalls = false; // an older replica: the asynchronous endpoint, then polling
                }
            }
            return post("v2", "call", effectiveCanisterId, envelope, headers, true);
        });
    }

    /**
     * The certificate that the synchronous endpoint returned for this call, once: empty when the call was
     * answered 202 (not finished in time, or sent to {@code /api/v2}), so its status must be polled.
     */
    public Optional<byte[]> takeCallCertificate(RequestId requestId) {
        return Optional.ofNullable(callCertificates.remove(ByteBuffer.wrap(requestId.get())));
    }

    /** False once the replica turned out to lack the synchronous call endpoint. */
    public boolean callsSynchronously() {
        return synchronousCalls;
    }

    @Override
    public CompletableFuture<ReplicaResponse> readState(Principal effectiveCanisterId, byte[] envelope, Map<String, String> headers) {
        return completed(() -> post("v2", "read_state", effectiveCanisterId, envelope, headers, false));
    }

    @Override
    public void close() {
        // Idle connections stay in the JDK's keep-alive cache for the next transport.
    }

    private ReplicaResponse post(String version, String operation, Principal effectiveCanisterId, byte[] envelope,
            Map<String, String> headers, boolean mayBeRejection) throws IOException, InterruptedException {
        String path = "/api/" + version + "/canister/" + effectiveCanisterId + "/" + operation;
        Map<String, String> all = new HashMap<>(headers == null ? Map.of() : headers);
        all.put("Content-Type", CBOR);
        return send(path, envelope, all, timeoutFor(envelope.length), "POST " + path, mayBeRejection);
    }

    /** Sends the request; on a failure worth repeating, the same request again after the policy's backoff. */
    private ReplicaResponse send(String path, byte[] envelope, Map<String, String> headers, Duration timeout,
            String description, boolean mayBeRejection) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return toReplicaResponse(exchange(path, envelope, headers, timeout), description, mayBeRejection);
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
    private HttpAnswer exchange(String path, byte[] body, Map<String, String> headers, Duration timeout) throws IOException {
        // No proxy, as before with the JDK client: replicas are reached directly.
        HttpURLConnection connection = (HttpURLConnection) endpoint(path).toURL().openConnection(Proxy.NO_PROXY);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        headers.forEach(connection::setRequestProperty);
        if (body != null) {
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
        Map<String, String> answerHeaders = new HashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                answerHeaders.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values));
            }
        });
        return new HttpAnswer(status, answer, answerHeaders);
    }

    private record HttpAnswer(int statusCode, byte[] body, Map<String, String> headers) {}

    private interface Exchange {
        ReplicaResponse run() throws IOException, InterruptedException;
    }

    /** The exchange's outcome as a finished future, the form ic4j takes it in. */
    private static CompletableFuture<ReplicaResponse> completed(Exchange exchange) {
        try {
            return CompletableFuture.completedFuture(exchange.run());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

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

    private static ReplicaResponse toReplicaResponse(HttpAnswer response, String description, boolean mayBeRejection) {
        int status = response.statusCode();
        byte[] body = response.body();
        if (status < 200 || status > 299) {
            throw new ReplicaHttpException(description, status, new String(body, StandardCharsets.UTF_8));
        }
        if (mayBeRejection && status == 200 && body.length > 0) {
            throwIfRejection(body);
        }
        ReplicaResponse replicaResponse = new ReplicaResponse();
        replicaResponse.payload = body;
        replicaResponse.headers = new HashMap<>();
        replicaResponse.headers.putAll(response.headers());
        return replicaResponse;
    }

    private static void throwIfRejection(byte[] body) {
        JsonNode answer = decode(body);
        if (answer.path("reject_code").isIntegralNumber()) {
            JsonNode errorCode = answer.path("error_code");
            throw new NonReplicatedRejectionException(answer.get("reject_code").intValue(),
                    answer.path("reject_message").isTextual() ? answer.get("reject_message").textValue() : "",
                    errorCode.isTextual() ? errorCode.textValue() : null);
        }
    }

    /** The certificate of a synchronous call's {@code {status: "replied", certificate}} answer. */
    private static Optional<byte[]> certificateOf(byte[] body) {
        JsonNode answer = decode(body);
        if ("replied".equals(answer.path("status").textValue()) && answer.get("certificate") instanceof BinaryNode certificate) {
            return Optional.of(certificate.binaryValue());
        }
        return Optional.empty();
    }

    private static JsonNode decode(byte[] body) {
        try {
            return CborBodies.tree(body);
        } catch (IOException e) {
            return MissingNode.getInstance(); // not a body we understand; the call's status will be polled
        }
    }

    private URI endpoint(String path) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    /** Unwraps the failure of a send for callers that prefer an exception over a future. */
    public static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** True if {@code t} (or what it wraps) is a network-level failure rather than an answer. */
    public static boolean isNetworkFailure(Throwable t) {
        Throwable cause = rootCause(t);
        return cause instanceof IOException;
    }
}
