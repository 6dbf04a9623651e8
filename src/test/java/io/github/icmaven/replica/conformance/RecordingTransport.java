package io.github.icmaven.replica.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.requestid.RequestId;
import org.ic4j.types.Principal;

/**
 * Passes everything to ic4j's Apache transport and keeps what ic4j drops: the body of a {@code /call} answer.
 * ic4j 0.7.2 ignores it (and the HTTP status), so a call the replica rejects before it enters the state (HTTP
 * 200 with a CBOR reject, or a 4xx text) would otherwise look accepted and then never appear in request_status.
 */
final class RecordingTransport implements ReplicaTransport {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    /** What the call endpoint answered besides a bare 202. */
    sealed interface CallAnswer {
        /** The spec's non-replicated rejection (HTTP 200, CBOR body). */
        record Rejected(int rejectCode, String rejectMessage, String errorCode) implements CallAnswer {}

        /** A body that is not the CBOR of a rejection, e.g. the text of an HTTP 4xx. */
        record Other(String body) implements CallAnswer {}
    }

    private final ReplicaTransport delegate;
    private final Map<String, CallAnswer> callAnswers = new ConcurrentHashMap<>();

    RecordingTransport(ReplicaTransport delegate) {
        this.delegate = delegate;
    }

    /** The answer to the call with this request id if it was not a bare 202, else null; forgets it. */
    CallAnswer takeCallAnswer(RequestId requestId) {
        return callAnswers.remove(requestId.toHexString());
    }

    @Override
    public CompletableFuture<ReplicaResponse> status() {
        return delegate.status();
    }

    @Override
    public CompletableFuture<ReplicaResponse> query(Principal canisterId, byte[] envelope, Map<String, String> headers) {
        return delegate.query(canisterId, envelope, headers);
    }

    @Override
    public CompletableFuture<ReplicaResponse> call(Principal canisterId, byte[] envelope, RequestId requestId,
                                                   Map<String, String> headers) {
        return delegate.call(canisterId, envelope, requestId, headers).thenApply(response -> {
            if (response != null && response.payload != null && response.payload.length > 0) {
                callAnswers.put(requestId.toHexString(), parse(response.payload));
            }
            return response;
        });
    }

    @Override
    public CompletableFuture<ReplicaResponse> readState(Principal canisterId, byte[] envelope,
                                                        Map<String, String> headers) {
        return delegate.readState(canisterId, envelope, headers);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static CallAnswer parse(byte[] body) {
        try {
            JsonNode node = CBOR.readTree(body);
            if (node != null && node.has("reject_code") && node.has("reject_message")) {
                return new CallAnswer.Rejected(node.get("reject_code").asInt(), node.get("reject_message").asText(),
                        node.has("error_code") ? node.get("error_code").asText() : null);
            }
            return new CallAnswer.Other("CBOR " + node);
        } catch (Exception notCbor) {
            return new CallAnswer.Other(new String(body, StandardCharsets.UTF_8));
        }
    }
}
