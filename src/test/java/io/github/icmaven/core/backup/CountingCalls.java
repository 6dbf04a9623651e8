package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.CanisterCalls;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.ic.Principal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls that succeed, per method, and can play a network that goes down: after
 * {@code failAfter} successful calls of {@code failingMethod}, every further call of it fails with a
 * network error, as a dropped connection would.
 */
public final class CountingCalls implements CanisterCalls {
    private final CanisterCalls delegate;
    private final String failingMethod;
    private final int failAfter;
    private final Map<String, AtomicInteger> succeeded = new ConcurrentHashMap<>();
    private final AtomicInteger attemptsOfFailingMethod = new AtomicInteger();

    private CountingCalls(CanisterCalls delegate, String failingMethod, int failAfter) {
        this.delegate = delegate;
        this.failingMethod = failingMethod;
        this.failAfter = failAfter;
    }

    public static CountingCalls counting(CanisterCalls delegate) {
        return new CountingCalls(delegate, "", Integer.MAX_VALUE);
    }

    public static CountingCalls failingAfter(CanisterCalls delegate, String method, int successfulCalls) {
        return new CountingCalls(delegate, method, successfulCalls);
    }

    public int succeeded(String method) {
        AtomicInteger n = succeeded.get(method);
        return n == null ? 0 : n.get();
    }

    public int total() {
        return succeeded.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public Principal sender() {
        return delegate.sender();
    }

    @Override
    public byte[] update(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
            throws IcCallException {
        if (method.equals(failingMethod) && attemptsOfFailingMethod.incrementAndGet() > failAfter) {
            throw IcCallException.network(canisterId, method, "connection dropped (injected by the test)", null);
        }
        byte[] reply = delegate.update(canisterId, effectiveCanisterId, method, arg);
        succeeded.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        return reply;
    }

    @Override
    public byte[] query(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
            throws IcCallException {
        byte[] reply = delegate.query(canisterId, effectiveCanisterId, method, arg);
        succeeded.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        return reply;
    }
}
