package io.github.icmaven.replica.faults;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.core.CanisterView;
import io.github.icmaven.replica.core.MessageRouter;
import java.util.List;
import java.util.Optional;

/**
 * Rejects the calls and queries that a reject fault picks instead of executing them; the replica core
 * records such a call as rejected, as for any reject. Everything else goes to the real router.
 */
public final class FaultInjectingRouter implements MessageRouter {
    private final MessageRouter router;
    private final Faults faults;

    public FaultInjectingRouter(MessageRouter router, Faults faults) {
        this.router = router;
        this.faults = faults;
    }

    @Override
    public Optional<Principal> effectiveCanisterId(Principal canisterId, String method, byte[] arg) throws IcReject {
        return router.effectiveCanisterId(canisterId, method, arg);
    }

    @Override
    public void acceptIngress(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        router.acceptIngress(caller, canisterId, method, arg);
    }

    @Override
    public byte[] update(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        throwInjectedReject(canisterId, method, arg);
        return router.update(caller, canisterId, method, arg);
    }

    @Override
    public byte[] query(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        throwInjectedReject(canisterId, method, arg);
        return router.query(caller, canisterId, method, arg);
    }

    @Override
    public List<CanisterView> canisters() {
        return router.canisters();
    }

    private void throwInjectedReject(Principal canisterId, String method, byte[] arg) throws IcReject {
        if (!faults.active()) {
            return;
        }
        Principal about = router.effectiveCanisterId(canisterId, method, arg).orElse(null);
        Optional<IcReject> reject = faults.rejectFor(method, about);
        if (reject.isPresent()) {
            throw reject.get();
        }
    }
}
