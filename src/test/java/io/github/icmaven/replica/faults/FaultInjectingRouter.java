package io.github.icmaven.replica.faults;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.node.ForwardingRouter;
import io.github.icmaven.replica.node.MessageRouter;
import java.util.Optional;

/**
 * Rejects the calls and queries that a reject fault picks instead of executing them; the replica core
 * records such a call as rejected, as for any reject. Everything else goes to the real router.
 */
public final class FaultInjectingRouter extends ForwardingRouter {
    private final Faults faults;

    public FaultInjectingRouter(MessageRouter router, Faults faults) {
        super(router);
        this.faults = faults;
    }

    @Override
    public byte[] update(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        throwInjectedReject(canisterId, method, arg);
        return super.update(caller, canisterId, method, arg);
    }

    @Override
    public byte[] query(Principal caller, Principal canisterId, String method, byte[] arg, DataCertifier certifier)
            throws IcReject {
        throwInjectedReject(canisterId, method, arg);
        return super.query(caller, canisterId, method, arg, certifier);
    }

    private void throwInjectedReject(Principal canisterId, String method, byte[] arg) throws IcReject {
        if (!faults.active()) {
            return;
        }
        Principal about = effectiveCanisterId(canisterId, method, arg).orElse(null);
        Optional<IcReject> reject = faults.rejectFor(method, about);
        if (reject.isPresent()) {
            throw reject.get();
        }
    }
}
