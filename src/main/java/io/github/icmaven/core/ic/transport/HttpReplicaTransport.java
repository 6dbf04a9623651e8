package io.github.icmaven.core.ic.transport;

import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.requestid.RequestId;
import org.ic4j.types.Principal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An ic4j {@link ReplicaTransport} over the JDK HTTP client that fixes what ic4j's Apache transport gets
 * wrong (NOTES.md): HTTP status codes are checked, a v2 call answered with a rejection body fails at once,
 * and the timeout grows with the request size instead of a fixed 5 s socket timeout.
 */
public final class HttpReplicaTransport implements ReplicaTransport {
    private static final String CBOR = "application/cbor";
    private static final long BYTES_PER_EXTRA_SECOND = 64 * 1024;

    private final URI baseUrl;
    private final HttpClient client;
    private final Duration baseTimeout;

    /**
     * @param baseUrl the replica or boundary node, e.g. {@code http://127.0.0.1:4943}
     * @param baseTimeout how long a small request may take; large bodies get one more second per 64 KiB
     */
    public HttpReplicaTransport(URI baseUrl, Duration baseTimeout) {
        this.baseUrl = baseUrl;
        this.baseTimeout = baseTimeout;
        this.client = HttpClient.newBuilder()
                // Plain-http replicas do not speak h2c; asking for an upgrade only adds a round of confusion.
                .version("https".equalsIgnoreCase(baseUrl.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(baseTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        return send(request, "GET /api/v2/status", false);
    }

    @Override
    public CompletableFuture<ReplicaResponse> query(Principal effectiveCanisterId, byte[] envelope, Map<String, String> headers) {
        return post("query", effectiveCanisterId, envelope, headers, false);
    }

    @Override
    public CompletableFuture<ReplicaResponse> call(Principal effectiveCanisterId, byte[] envelope, RequestId requestId,
            Map<String, String> headers) {
        return post("call", effectiveCanisterId, envelope, headers, true);
    }

    @Override
    public CompletableFuture<ReplicaResponse> readState(Principal effectiveCanisterId, byte[] envelope, Map<String, String> headers) {
        return post("read_state", effectiveCanisterId, envelope, headers, false);
    }

    @Override
    public void close() {
        // The JDK client releases its connections when it becomes unreachable (close() arrives in Java 21).
    }

    private CompletableFuture<ReplicaResponse> post(String operation, Principal effectiveCanisterId, byte[] envelope,
            Map<String, String> headers, boolean isCall) {
        String path = "/api/v2/canister/" + effectiveCanisterId + "/" + operation;
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint(path))
                .timeout(timeoutFor(envelope.length))
                .header("Content-Type", CBOR)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
        if (headers != null) {
            headers.forEach(builder::header);
        }
        return send(builder.build(), "POST " + path, isCall);
    }

    private CompletableFuture<ReplicaResponse> send(HttpRequest request, String description, boolean isCall) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> toReplicaResponse(response, description, isCall));
    }

    private static ReplicaResponse toReplicaResponse(HttpResponse<byte[]> response, String description, boolean isCall) {
        int status = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (status < 200 || status > 299) {
            throw new ReplicaHttpException(description, status, new String(body, StandardCharsets.UTF_8));
        }
        if (isCall && status == 200 && body.length > 0) {
            throwIfRejection(body);
        }
        ReplicaResponse replicaResponse = new ReplicaResponse();
        replicaResponse.payload = body;
        replicaResponse.headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> replicaResponse.headers.put(name, String.join(",", values)));
        return replicaResponse;
    }

    private static void throwIfRejection(byte[] body) {
        Object decoded;
        try {
            decoded = CborReader.decode(body);
        } catch (IllegalArgumentException e) {
            return; // not a rejection body; let ic4j go on polling
        }
        if (decoded instanceof Map<?, ?> map && map.get("reject_code") instanceof Long code) {
            Object message = map.get("reject_message");
            Object errorCode = map.get("error_code");
            throw new NonReplicatedRejectionException(code.intValue(),
                    message instanceof String s ? s : "", errorCode instanceof String e ? e : null);
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
