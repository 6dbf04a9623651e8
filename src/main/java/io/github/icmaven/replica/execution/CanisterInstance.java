package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import java.math.BigInteger;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A canister module with its live state. Implementations are not thread-safe: the replica runs one
 * message at a time per canister.
 */
public interface CanisterInstance {
    WasmModule module();

    /**
     * Runs an update method. State changes are kept when the method replies or rejects, and rolled
     * back when it traps.
     *
     * @throws IcReject a trap (IC0503/IC0502...), a missing method (IC0536), or a module that cannot
     *     be executed, with the replica's message text
     */
    CallOutcome update(String method, byte[] arg, Principal caller, ExecutionContext context) throws IcReject;

    /** Runs a query method; never changes the state. */
    CallOutcome query(String method, byte[] arg, Principal caller, ExecutionContext context) throws IcReject;

    /**
     * Runs a query method as the target of a non-replicated query call: {@code ic0.data_certificate_*}
     * give {@code dataCertificate}'s certificate (asked for only if the canister reads it).
     */
    default CallOutcome query(String method, byte[] arg, Principal caller, ExecutionContext context,
            Supplier<byte[]> dataCertificate) throws IcReject {
        return query(method, arg, caller, context);
    }

    /**
     * Runs an update method for an ingress message or an inter-canister call carrying {@code cycles}.
     * Unlike {@link #update}, a method that neither replies nor rejects is not an error here (it may
     * answer from a callback). State changes, calls and accepted cycles are kept unless it traps.
     */
    default ExecutionResult execute(String method, byte[] arg, Principal caller, BigInteger cycles,
            ExecutionContext context) throws IcReject {
        return ExecutionResult.of(update(method, arg, caller, context));
    }

    /**
     * Runs the reply or reject callback of a call this canister made. On a trap its changes are rolled
     * back, the cleanup callback (if any) runs and keeps its changes, and the trap is thrown.
     *
     * @param caller the caller of the call context the callback belongs to ({@code ic0.msg_caller})
     * @param contextResponded whether that call context was already replied to or rejected
     * @param refunded the cycles the callee did not accept, already back on the balance
     * @param availableCycles the cycles of the call context still not accepted
     */
    default ExecutionResult callback(Callback callback, CalleeResponse response, Principal caller,
            boolean contextResponded, BigInteger refunded, BigInteger availableCycles, ExecutionContext context)
            throws IcReject {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " makes no calls");
    }

    /** The data set with ic0.certified_data_set: read for every read_state, so without copying memories. */
    byte[] certifiedData();

    /** A copy of the state, for snapshots and persistence. */
    CanisterState state();

    /** Names exported as {@code canister_update <name>}. */
    Set<String> updateMethods();

    /** Names exported as {@code canister_query <name>} or {@code canister_composite_query <name>}. */
    Set<String> queryMethods();
}
