package io.github.icmaven.replica.ingress;

import io.github.icmaven.ic.Principal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status of every update call the replica accepted, as the state tree's {@code request_status}
 * shows it. Entries are kept until their ingress expiry has passed, so that replays are recognised.
 * Thread-safe.
 */
public final class IngressHistory {
    private final Map<ByteBuffer, CallStatus> byRequestId = new HashMap<>();

    /** Records a call's terminal status, replacing any earlier one for the same request id. */
    public synchronized void record(CallStatus status) {
        byRequestId.put(ByteBuffer.wrap(status.requestId()), status);
    }

    public synchronized Optional<CallStatus> find(byte[] requestId) {
        return Optional.ofNullable(byRequestId.get(ByteBuffer.wrap(requestId)));
    }

    /** All entries, for building the state tree. */
    public synchronized List<CallStatus> all() {
        return new ArrayList<>(byRequestId.values());
    }

    /** Forgets calls whose ingress expiry lies before {@code nowNanos}: they can no longer be replayed. */
    public synchronized void pruneExpired(long nowNanos) {
        byRequestId.values().removeIf(s -> Long.compareUnsigned(s.ingressExpiry(), nowNanos) < 0);
    }

    /**
     * How a call ended.
     *
     * @param reply the reply bytes when replied, else null
     * @param rejectCode the reject code when rejected, else 0
     */
    public record CallStatus(
            byte[] requestId,
            Principal sender,
            Principal effectiveCanisterId,
            long ingressExpiry,
            byte[] reply,
            int rejectCode,
            String rejectMessage,
            String errorCode) {

        public boolean replied() {
            return reply != null;
        }
    }
}
