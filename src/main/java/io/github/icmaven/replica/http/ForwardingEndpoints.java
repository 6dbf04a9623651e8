package io.github.icmaven.replica.http;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.auth.VerifiedRequest;
import java.util.Map;

/** Endpoints that pass every request to another replica; subclasses override what they change or observe. */
public abstract class ForwardingEndpoints implements ReplicaEndpoints {
    protected final ReplicaEndpoints replica;

    protected ForwardingEndpoints(ReplicaEndpoints replica) {
        this.replica = replica;
    }

    @Override
    public long nowNanos() {
        return replica.nowNanos();
    }

    @Override
    public Map<String, Object> status() {
        return replica.status();
    }

    @Override
    public CallResponse call(VerifiedRequest request, Principal effectiveCanisterId, boolean certificateWanted) {
        return replica.call(request, effectiveCanisterId, certificateWanted);
    }

    @Override
    public Map<String, Object> query(VerifiedRequest request, Principal effectiveCanisterId) {
        return replica.query(request, effectiveCanisterId);
    }

    @Override
    public byte[] readState(VerifiedRequest request, Principal effectiveCanisterId, Principal effectiveSubnetId,
            int apiVersion) {
        return replica.readState(request, effectiveCanisterId, effectiveSubnetId, apiVersion);
    }
}
