package io.github.icmaven.replica.node;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@link EchoRouter}, counting the update calls it executes: whether a call ran, and how often. */
public final class CountingEchoRouter extends ForwardingRouter {
    private final AtomicInteger executions = new AtomicInteger();
    private final Runnable duringUpdate;

    public CountingEchoRouter() {
        this(() -> { });
    }

    /** @param duringUpdate runs inside every update, e.g. to hold it until a test lets go */
    public CountingEchoRouter(Runnable duringUpdate) {
        super(new EchoRouter());
        this.duringUpdate = duringUpdate;
    }

    public int executions() {
        return executions.get();
    }

    public void resetCount() {
        executions.set(0);
    }

    @Override
    public byte[] update(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        executions.incrementAndGet();
        duringUpdate.run();
        return super.update(caller, canisterId, method, arg);
    }
}
