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

    /**
     * Records a call that is about to execute, unless its request id is already known: then another
     * submission of the same call got there first and this one must not execute.
     *
     * @return true if this submission claimed the request id and must execute the call
     */
    public synchronized boolean claim(CallStatus processing) {
        return byRequestId.putIfAbsent(ByteBuffer.wrap(processing.requestId()), processing) == null;
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
     * Where a call is: still processing (no reply, reject code 0), replied, or rejected.
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

        public static CallStatus processing(byte[] requestId, Principal sender, Principal effectiveCanisterId,
                                            long ingressExpiry) {
            return new CallStatus(requestId, sender, effectiveCanisterId, ingressExpiry, null, 0, null, null);
        }

        public boolean replied() {
            return reply != null;
        }

        /** Accepted and executing: the spec's {@code processing}, whose effect has happened or will happen. */
        public boolean processing() {
            return reply == null && rejectCode == 0;
        }
    }
}
