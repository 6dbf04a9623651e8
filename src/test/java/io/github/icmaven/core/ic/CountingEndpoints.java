package io.github.icmaven.core.ic;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.auth.VerifiedRequest;
import io.github.icmaven.replica.http.ForwardingEndpoints;
import io.github.icmaven.replica.http.ReplicaEndpoints;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replica that counts the requests it serves, to tell how a client waits for its calls; it can also play a
 * replica that answers synchronous calls with 202 (as one does when a call does not finish in time).
 */
final class CountingEndpoints extends ForwardingEndpoints {
    final AtomicInteger synchronousCalls = new AtomicInteger();
    final AtomicInteger asynchronousCalls = new AtomicInteger();
    final AtomicInteger readStates = new AtomicInteger();
    volatile boolean answerSynchronousCallsWith202;

    CountingEndpoints(ReplicaEndpoints replica) {
        super(replica);
    }

    void reset() {
        synchronousCalls.set(0);
        asynchronousCalls.set(0);
        readStates.set(0);
    }

    @Override
    public CallResponse call(VerifiedRequest request, Principal effectiveCanisterId, boolean certificateWanted) {
        (certificateWanted ? synchronousCalls : asynchronousCalls).incrementAndGet();
        return replica.call(request, effectiveCanisterId, certificateWanted && !answerSynchronousCallsWith202);
    }

    @Override
    public byte[] readState(VerifiedRequest request, Principal effectiveCanisterId, Principal effectiveSubnetId,
            int apiVersion) {
        readStates.incrementAndGet();
        return replica.readState(request, effectiveCanisterId, effectiveSubnetId, apiVersion);
    }
}
