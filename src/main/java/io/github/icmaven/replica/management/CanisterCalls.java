package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CallOutcome;
import io.github.icmaven.replica.state.Canister;
import io.github.icmaven.replica.state.ReplicaState;
import java.util.function.Supplier;

/** Routes user query calls to a canister's instance after the replica's admission checks (updates: {@link CallScheduler}). */
final class CanisterCalls {
    private final ReplicaState state;

    CanisterCalls(ReplicaState state) {
        this.state = state;
    }

    CallOutcome query(Principal caller, Principal canisterId, String method, byte[] arg,
            Supplier<byte[]> dataCertificate) throws IcReject {
        Canister canister = runnable(state, canisterId);
        return canister.instance().orElseThrow()
                .query(method, arg, caller, canister.executionContext(state.timeNanos()), dataCertificate);
    }

    /** The canister, if a message may run on it now: it exists, is running and has code. */
    static Canister runnable(ReplicaState state, Principal canisterId) throws IcReject {
        Canister canister = Access.canister(state, canisterId);
        switch (canister.status()) {
            case STOPPED -> throw Rejects.canisterStopped(canisterId);
            case STOPPING -> throw Rejects.canisterStopping(canisterId);
            case RUNNING -> { }
        }
        if (canister.instance().isEmpty()) {
            throw Rejects.wasmModuleNotFound(canisterId);
        }
        return canister;
    }
}
