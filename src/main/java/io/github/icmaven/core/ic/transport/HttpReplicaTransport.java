package io.github.icmaven.core.ic.transport;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.requestid.RequestId;
import org.ic4j.types.Principal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ic4j {@link ReplicaTransport} over the JDK HTTP client that fixes what ic4j's Apache transport gets
 * wrong (NOTES.md): HTTP status codes are checked, a call answered with a rejection body fails at once,
 * and the timeout grows with the request size instead of a fixed 5 s socket timeout.
 *
 * <p>Calls go to the synchronous endpoint ({@code /api/v3/canister/<id>/call}), which answers with the
 * certificate of the call's status, so that no polling is needed. ic4j drops the body of a call's answer,
 * so the certificate waits here until the caller {@linkplain #takeCallCertificate takes it}. A replica
 * without that endpoint (404) gets every later call on {@code /api/v2}.
 */
public final class HttpReplicaTransport implements ReplicaTransport {
    private static final String CBOR = "application/cbor";
    private static final long BYTES_PER_EXTRA_SECOND = 64 * 1024;

    private final URI baseUrl;
    private final HttpClient client;
    private final Duration baseTimeout;
    private final Map<ByteBuffer, byte[]> callCertificates = new ConcurrentHashMap<>();
    private volatile boolean synchronousCalls = true;

    /**
     * @param baseUrl the replica or boundary node, e.g. {@code http://127.0.0.1:4943}
     * @param baseTimeout how long a small request may take; large bodies get one more second per 64 KiB
     */
    public HttpReplicaTransport(URI baseUrl, Duration baseTimeout) {
        this.baseUrl = baseUrl;
        this.baseTimeout = baseTimeout;
        this.client = "https".equalsIgnoreCase(baseUrl.getScheme()) ? TlsClient.SHARED : PlainClient.SHARED;
    }

    // One JDK client per protocol for the whole JVM, each made on first use: a new client costs a thread and a
    // fresh connection, about 10 ms before its first answer, on every upgrade; a shared one keeps its
    // connections alive. Timeouts are per request.

    private static final class PlainClient {
        // Plain-http replicas do not speak h2c; asking for an upgrade only adds a round of confusion.
        static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static final class TlsClient {
        static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The timeout for a request carrying {@code bodyBytes}: large installs take a while to upload. */
    public Duration timeoutFor(long bodyBytes) {
        return baseTimeout.plusSeconds(bodyBytes / BYTES_PER_EXTRA_SECOND);
    }

    @Override
    public CompletableFuture<ReplicaResponse> status() {
        HttpRequest request = HttpRequest.newBuilder(endpoint("/api/v2/status"))
                .timeout(baseTimeout)
                .GET()
                .build();
        return exchange(request, "GET /api/v2/status").thenApply(HttpReplicaTransport::checkAnswer);
    }

    @Override
    public CompletableFuture<ReplicaResponse> query(Principal effectiveCanisterId, byte[] envelope, Map<String, String> headers) {
        return post("v2", "query", effectiveCanisterId, envelope, headers).thenApply(HttpReplicaTransport::checkAnswer);
    }

    @Override
    public CompletableFuture<ReplicaResponse> call(Principal effectiveCanisterId, byte[] envelope, RequestId requestId,
            Map<String, String> headers) {
        if (!synchronousCalls) {
            return post("v2", "call", effectiveCanisterId, envelope, headers).thenApply(HttpReplicaTransport::checkCallAnswer);
        }
        return post("v3", "call", effectiveCanisterId, envelope, headers).thenCompose(answer -> {
            if (answer.statusCode() == 404) {
                synchronousCalls = false; // an older replica: the asynchronous endpoint, then polling
                return call(effectiveCanisterId, envelope, requestId, headers);
            }
            ReplicaResponse response = checkCallAnswer(answer);
            certificateOf(response.payload).ifPresent(c -> callCertificates.put(ByteBuffer.wrap(requestId.get()), c));
            return CompletableFuture.completedFuture(response);
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
        return post("v2", "read_state", effectiveCanisterId, envelope, headers).thenApply(HttpReplicaTransport::checkAnswer);
    }

    @Override
    public void close() {
        // The shared JDK client stays for the next transport (it has no close() before Java 21).
    }

    private CompletableFuture<Answer> post(String version, String operation, Principal effectiveCanisterId,
            byte[] envelope, Map<String, String> headers) {
        String path = "/api/" + version + "/canister/" + effectiveCanisterId + "/" + operation;
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint(path))
                .timeout(timeoutFor(envelope.length))
                .header("Content-Type", CBOR)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
        if (headers != null) {
            headers.forEach(builder::header);
        }
        return exchange(builder.build(), "POST " + path);
    }

    /**
     * Sends on the calling thread and returns the finished exchange: ic4j waits for every answer anyway, and
     * passing it through the client's executor and back cost more than a request to a local replica.
     */
    private CompletableFuture<Answer> exchange(HttpRequest request, String description) {
        try {
            return CompletableFuture.completedFuture(new Answer(description,
                    client.send(request, HttpResponse.BodyHandlers.ofByteArray())));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** An HTTP answer and the request it answers, in words for error messages. */
    private record Answer(String request, HttpResponse<byte[]> response) {
        int statusCode() {
            return response.statusCode();
        }

        byte[] body() {
            return response.body() == null ? new byte[0] : response.body();
        }
    }

    private static ReplicaResponse checkAnswer(Answer answer) {
        int status = answer.statusCode();
        if (status < 200 || status > 299) {
            throw new ReplicaHttpException(answer.request(), status, new String(answer.body(), StandardCharsets.UTF_8));
        }
        ReplicaResponse replicaResponse = new ReplicaResponse();
        replicaResponse.payload = answer.body();
        replicaResponse.headers = new HashMap<>();
        answer.response().headers().map().forEach((name, values) -> replicaResponse.headers.put(name, String.join(",", values)));
        return replicaResponse;
    }

    /** A call's answer: 202, or 200 with a certificate or a rejection, which fails the call at once. */
    private static ReplicaResponse checkCallAnswer(Answer answer) {
        ReplicaResponse response = checkAnswer(answer);
        if (answer.statusCode() == 200 && response.payload.length > 0) {
            throwIfRejection(response.payload);
        }
        return response;
    }

    private static void throwIfRejection(byte[] body) {
        if (decodeMap(body) instanceof Map<?, ?> map && map.get("reject_code") instanceof Long code) {
            Object message = map.get("reject_message");
            Object errorCode = map.get("error_code");
            throw new NonReplicatedRejectionException(code.intValue(),
                    message instanceof String s ? s : "", errorCode instanceof String e ? e : null);
        }
    }

    /** The certificate of a synchronous call's {@code {status: "replied", certificate}} answer. */
    private static Optional<byte[]> certificateOf(byte[] body) {
        if (body.length > 0 && decodeMap(body) instanceof Map<?, ?> map && "replied".equals(map.get("status"))
                && map.get("certificate") instanceof byte[] certificate) {
            return Optional.of(certificate);
        }
        return Optional.empty();
    }

    private static Object decodeMap(byte[] body) {
        try {
            return Cbor.decode(body);
        } catch (CborException e) {
            return null; // not a body we understand; the call's status will be polled
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
