package io.github.icmaven.replica.http;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.auth.VerifiedRequest;
import java.util.Map;

/** What the HTTP interface needs from the replica: one method per kind of request, already authenticated. */
public interface ReplicaEndpoints {

    /** Nanoseconds since the epoch, the clock that ingress expiry is checked against. */
    long nowNanos();

    /** The CBOR map of {@code GET /api/v2/status}. */
    Map<String, Object> status();

    /**
     * Accepts and executes an update call.
     *
     * @return the certificate of its request status, or a rejection the replica gave before the call
     *     entered its state (non-replicated)
     */
    CallResponse call(VerifiedRequest request, Principal effectiveCanisterId, boolean certificateWanted);

    /** Runs a query call and signs the response with the node key. */
    Map<String, Object> query(VerifiedRequest request, Principal effectiveCanisterId);

    /**
     * Certifies the requested state paths.
     *
     * @param effectiveCanisterId the canister of {@code /canister/<id>/read_state}, or null
     * @param effectiveSubnetId the subnet of {@code /subnet/<id>/read_state}, or null
     * @throws io.github.icmaven.replica.auth.InvalidRequestException for paths the sender may not read
     */
    byte[] readState(VerifiedRequest request, Principal effectiveCanisterId, Principal effectiveSubnetId, int apiVersion);

    /** How {@link #call} ended. */
    sealed interface CallResponse {
        /**
         * The call is in the state; {@code certificate} is null unless asked for, and may be null even then:
         * while the call is still processing (a duplicate submission of a call in flight), or when it did not
         * finish in time (the spec's 202 for a synchronous call).
         */
        record Accepted(byte[] certificate) implements CallResponse {}

        record NonReplicatedRejection(int rejectCode, String rejectMessage, String errorCode) implements CallResponse {}
    }
}
