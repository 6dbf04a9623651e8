package io.github.icmaven.replica.faults;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RequestId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Envelopes from the anonymous principal (no signature needed) sent as raw HTTP, so that a test can send the
 * very same envelope twice and see every HTTP status and dropped connection as it is.
 */
final class AnonymousRequests {
    private static final byte[] REQUEST_STATUS = bytes("request_status");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI replica;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    AnonymousRequests(URI replica) {
        this.replica = replica;
    }

    /** A signed-by-nobody request: its envelope bytes and request id. */
    record Envelope(byte[] body, byte[] requestId) {}

    /** An HTTP answer; {@code status} 0 when the connection closed without one. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> cbor() {
            return (Map<String, Object>) Cbor.decode(body);
        }
    }

    static Envelope call(Principal canister, String method, byte[] arg) {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        Map<String, Object> content = content("call");
        content.put("canister_id", canister.bytes());
        content.put("method_name", method);
        content.put("arg", arg);
        content.put("nonce", nonce);
        return envelope(content);
    }

    static Envelope query(Principal canister, String method, byte[] arg) {
        Map<String, Object> content = content("query");
        content.put("canister_id", canister.bytes());
        content.put("method_name", method);
        content.put("arg", arg);
        return envelope(content);
    }

    /** A read_state of the status of the call with {@code requestId} (a client's poll). */
    static Envelope poll(byte[] requestId) {
        Map<String, Object> content = content("read_state");
        content.put("paths", List.of(List.of(REQUEST_STATUS, requestId)));
        return envelope(content);
    }

    Answer post(String operation, Principal effectiveCanister, Envelope envelope) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(replica.resolve("/api/v2/canister/" + effectiveCanister + "/" + operation))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.body()))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException dropped) {
            return new Answer(0, new byte[0]);
        }
    }

    /** The request's status as the certificate of a poll shows it ({@code replied}, {@code rejected}...), if known. */
    Optional<String> status(Principal effectiveCanister, byte[] requestId) throws InterruptedException {
        return field(effectiveCanister, requestId, "status").map(AnonymousRequests::text);
    }

    Optional<byte[]> field(Principal effectiveCanister, byte[] requestId, String name) throws InterruptedException {
        Answer answer = post("read_state", effectiveCanister, poll(requestId));
        if (answer.status() != 200) {
            throw new AssertionError("read_state answered HTTP " + answer.status() + ": " + answer.text());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> certificate = (Map<String, Object>) Cbor.decode((byte[]) answer.cbor().get("certificate"));
        return lookup(certificate.get("tree"), List.of(REQUEST_STATUS, requestId, bytes(name)));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Finds the leaf at {@code path} in a (pruned) hash tree in its CBOR form. */
    private static Optional<byte[]> lookup(Object tree, List<byte[]> path) {
        List<?> node = (List<?>) tree;
        long kind = ((Number) node.get(0)).longValue();
        if (kind == 1) {
            return lookup(node.get(1), path).or(() -> lookup(node.get(2), path));
        }
        if (kind == 2 && !path.isEmpty() && Arrays.equals((byte[]) node.get(1), path.get(0))) {
            return lookup(node.get(2), path.subList(1, path.size()));
        }
        if (kind == 3 && path.isEmpty()) {
            return Optional.of((byte[]) node.get(1));
        }
        return Optional.empty();
    }

    private static Map<String, Object> content(String type) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("request_type", type);
        content.put("sender", Principal.ANONYMOUS.bytes());
        content.put("ingress_expiry", (System.currentTimeMillis() + 120_000) * 1_000_000L);
        return content;
    }

    private static Envelope envelope(Map<String, Object> content) {
        byte[] body = Cbor.encode(CborTag.selfDescribed(Map.of("content", content)));
        return new Envelope(body, RequestId.of(content));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
