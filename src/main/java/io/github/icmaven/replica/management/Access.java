package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.state.Canister;
import io.github.icmaven.replica.state.ReplicaState;
import io.github.icmaven.replica.state.Visibility;

/** The lookups and permission checks every management method starts with. */
final class Access {
    private Access() {}

    static Canister canister(ReplicaState state, Principal canisterId) throws IcReject {
        return state.canister(canisterId).orElseThrow(() -> Rejects.canisterNotFound(canisterId));
    }

    static Canister controlledCanister(ReplicaState state, Principal canisterId, Principal caller) throws IcReject {
        Canister canister = canister(state, canisterId);
        requireController(canister, caller);
        return canister;
    }

    static void requireController(Canister canister, Principal caller) throws IcReject {
        if (!canister.isController(caller)) {
            throw Rejects.notController(canister, caller);
        }
    }

    /** Controllers always pass; others only as the visibility setting admits them. */
    static void requireViewer(Canister canister, Principal caller, Visibility visibility) throws IcReject {
        if (!canister.isController(caller) && !visibility.admitsNonController(caller)) {
            throw Rejects.notController(canister, caller);
        }
    }
}
