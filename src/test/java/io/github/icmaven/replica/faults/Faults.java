package io.github.icmaven.replica.faults;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.node.MessageRouter;
import io.github.icmaven.replica.http.ReplicaEndpoints;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults a test has switched on in the embedded replica: each strikes one request picked by a
 * {@link Trigger} and is then spent. Off (empty) by default; while empty the replica behaves exactly as
 * without this class, at the cost of one volatile read per request. Thread-safe.
 *
 * <pre>{@code
 * Faults faults = new Faults();
 * EmbeddedReplica replica = EmbeddedReplica.start(config, faults.decorator());
 * faults.rejectNth("install_chunked_code", 1, RejectCode.SYS_TRANSIENT, "IC0201", "...");
 * faults.dropConnection(Trigger.call("take_canister_snapshot", 1), When.AFTER_EXECUTION);
 * }</pre>
 *
 * <p>Test code only: the plugin's replica is started without a decorator.
 */
public final class Faults {
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> fired = new CopyOnWriteArrayList<>();
    /** The method of each call seen while faults were on, so that polls for it can be matched. */
    private final Map<ByteBuffer, String> methodsByRequestId = new ConcurrentHashMap<>();

    /** Puts these faults between a replica's parts: pass it to {@link EmbeddedReplica#start(EmbeddedReplica.Config, EmbeddedReplica.Decorator)}. */
    public EmbeddedReplica.Decorator decorator() {
        Faults faults = this;
        return new EmbeddedReplica.Decorator() {
            @Override
            public MessageRouter router(MessageRouter router) {
                return new FaultInjectingRouter(router, faults);
            }

            @Override
            public ReplicaEndpoints endpoints(ReplicaEndpoints endpoints) {
                return new FaultInjectingEndpoints(endpoints, faults);
            }
        };
    }

    /**
     * Rejects the nth update call or query of {@code method} with the given reject (use the IC's reject
     * codes, error codes and texts, e.g. from {@code replica.management.Rejects}); the call is not executed.
     */
    public Faults rejectNth(String method, int nth, RejectCode code, String errorCode, String message) {
        return reject(Trigger.call(method, nth), new IcReject(code, errorCode, message));
    }

    public Faults reject(Trigger trigger, IcReject reject) {
        return add(trigger, new Fault.Reject(reject));
    }

    /** Answers the nth update call or query of {@code method} with an HTTP error status. */
    public Faults http5xx(String method, int nth, int status, When when) {
        return http5xx(Trigger.call(method, nth), status, when);
    }

    public Faults http5xx(Trigger trigger, int status, When when) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("not a 5xx status: " + status);
        }
        return add(trigger, new Fault.ErrorStatus(status, when));
    }

    /** Closes the connection of the nth update call or query of {@code method} without answering. */
    public Faults dropConnection(String method, int nth, When when) {
        return dropConnection(Trigger.call(method, nth), when);
    }

    public Faults dropConnection(Trigger trigger, When when) {
        return add(trigger, new Fault.DropConnection(when));
    }

    /** Holds back the nth update call or query of {@code method} (before execution) or its answer (after). */
    public Faults delay(String method, int nth, Duration delay, When when) {
        return delay(Trigger.call(method, nth), delay, when);
    }

    public Faults delay(Trigger trigger, Duration delay, When when) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        return add(trigger, new Fault.Delay(delay, when));
    }

    /** Switches every fault off and forgets what fired. */
    public void clear() {
        rules.clear();
        fired.clear();
        methodsByRequestId.clear();
    }

    /** What struck so far, oldest first, e.g. {@code "HTTP 503 before execution: call #1 of stop_canister"}. */
    public List<String> fired() {
        return List.copyOf(fired);
    }

    /** Faults added and not yet struck. */
    public List<String> pending() {
        List<String> pending = new ArrayList<>();
        rules.stream().filter(r -> !r.spent()).forEach(r -> pending.add(r.toString()));
        return pending;
    }

    boolean active() {
        return !rules.isEmpty();
    }

    /** Counts a call or query reaching execution; the reject to answer it with, if one strikes. */
    Optional<IcReject> rejectFor(String method, Principal effectiveCanisterId) {
        return strike(Trigger.Kind.MESSAGE, method, effectiveCanisterId, Fault.Reject.class).map(Fault.Reject::reject);
    }

    /** Counts an HTTP request; the HTTP fault to apply to it, if one strikes. */
    Optional<Fault.HttpFault> httpFaultFor(Trigger.Kind kind, String method, Principal effectiveCanisterId) {
        return strike(kind, method, effectiveCanisterId, Fault.HttpFault.class);
    }

    void noteCall(byte[] requestId, String method) {
        methodsByRequestId.put(ByteBuffer.wrap(requestId.clone()), method);
    }

    Optional<String> methodOfCall(byte[] requestId) {
        return Optional.ofNullable(methodsByRequestId.get(ByteBuffer.wrap(requestId)));
    }

    private Faults add(Trigger trigger, Fault fault) {
        rules.add(new Rule(trigger, fault));
        return this;
    }

    /** Every matching rule of the layer counts the request; the first that reaches its nth strikes. */
    private <F extends Fault> Optional<F> strike(Trigger.Kind kind, String method, Principal canister, Class<F> layer) {
        F struck = null;
        for (Rule rule : rules) {
            if (layer.isInstance(rule.fault) && rule.trigger.matches(kind, method, canister) && rule.countAndCheck()
                    && struck == null) {
                struck = layer.cast(rule.fault);
                fired.add(rule.toString());
            }
        }
        return Optional.ofNullable(struck);
    }

    /** One fault and its own count of the requests it matched. */
    private static final class Rule {
        final Trigger trigger;
        final Fault fault;
        final AtomicInteger seen = new AtomicInteger();

        Rule(Trigger trigger, Fault fault) {
            this.trigger = trigger;
            this.fault = fault;
        }

        /** Counts one matching request; true for exactly the nth. */
        boolean countAndCheck() {
            return seen.incrementAndGet() == trigger.nth();
        }

        boolean spent() {
            return seen.get() >= trigger.nth();
        }

        @Override
        public String toString() {
            return fault + ": " + trigger;
        }
    }
}
