package io.github.icmaven.replica.auth;

import io.github.icmaven.ic.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request whose envelope has been parsed and authenticated.
 *
 * @param requestType        {@code call}, {@code query} or {@code read_state}
 * @param sender             the authenticated sender (possibly anonymous)
 * @param canisterId         the called canister; {@code null} for read_state
 * @param methodName         the called method; {@code null} for read_state
 * @param arg                the Candid argument; {@code null} for read_state
 * @param ingressExpiry      nanoseconds since the epoch
 * @param nonce              the nonce, or {@code null}
 * @param paths              the requested state paths for read_state; {@code null} otherwise
 * @param requestId          the 32-byte request id
 * @param content            the decoded content map, unchanged
 * @param delegationTargets  canisters the sender's delegation chain is restricted to, or {@code null}
 *                           when unrestricted; the HTTP layer checks read_state's effective canister
 *                           id against it (call/query canister ids are already checked)
 */
public record VerifiedRequest(
        String requestType,
        Principal sender,
        Principal canisterId,
        String methodName,
        byte[] arg,
        long ingressExpiry,
        byte[] nonce,
        List<List<byte[]>> paths,
        byte[] requestId,
        Map<String, Object> content,
        Set<Principal> delegationTargets) {

    public static final String CALL = "call";
    public static final String QUERY = "query";
    public static final String READ_STATE = "read_state";

    /** Whether the delegation chain (if any) lets this sender act on {@code canister}. */
    public boolean mayTarget(Principal canister) {
        return delegationTargets == null || delegationTargets.contains(canister);
    }
}
