package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import java.util.Set;

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

    /** The data set with ic0.certified_data_set: read for every read_state, so without copying memories. */
    byte[] certifiedData();

    /** A copy of the state, for snapshots and persistence. */
    CanisterState state();

    /** Names exported as {@code canister_update <name>}. */
    Set<String> updateMethods();

    /** Names exported as {@code canister_query <name>} or {@code canister_composite_query <name>}. */
    Set<String> queryMethods();
}
