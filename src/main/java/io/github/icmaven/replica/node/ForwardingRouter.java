package io.github.icmaven.replica.node;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import java.util.List;
import java.util.Optional;

/** A {@link MessageRouter} that hands every message on to another; subclasses override what they change. */
public abstract class ForwardingRouter implements MessageRouter {
    private final MessageRouter router;

    protected ForwardingRouter(MessageRouter router) {
        this.router = router;
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
        return router.update(caller, canisterId, method, arg);
    }

    @Override
    public byte[] query(Principal caller, Principal canisterId, String method, byte[] arg, DataCertifier certifier)
            throws IcReject {
        return router.query(caller, canisterId, method, arg, certifier);
    }

    @Override
    public List<CanisterView> canisters() {
        return router.canisters();
    }
}
