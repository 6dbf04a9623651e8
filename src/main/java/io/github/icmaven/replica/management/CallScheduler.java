package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CallOutcome;
import io.github.icmaven.replica.execution.CalleeResponse;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.ExecutionResult;
import io.github.icmaven.replica.execution.OutgoingCall;
import io.github.icmaven.replica.execution.ReplicaErrors;
import io.github.icmaven.replica.state.Canister;
import io.github.icmaven.replica.state.CanisterStatus;
import io.github.icmaven.replica.state.ReplicaState;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an ingress update message and every inter-canister call it leads to, one message at a time
 * from a single FIFO queue (so requests between two canisters arrive in the order they were made,
 * as the IC guarantees), and answers the ingress message once its call tree is resolved.
 *
 * <p>A message's calls are queued only when it completes without trapping. Each message that runs
 * on a canister belongs to a call context: the context of a public method stays open until it is
 * answered and none of its calls is outstanding. Responses run the caller's reply or reject callback
 * (and its cleanup callback when that traps). Cycles attached to calls move between balances; no
 * execution or message fees are charged.
 *
 * <p>A canister that a canister's {@code stop_canister} call finds with open call contexts is
 * {@code stopping}: it takes no new calls but finishes the open ones, and the stop is answered once
 * the last one closes. A stop that can never complete (the queue ran dry while it waits, e.g. a
 * canister stopping itself) times out as on the IC: the canister runs again and the stop is rejected.
 */
public final class CallScheduler {
    /** The management canister and built-in system canisters, as canisters call them. */
    public interface SystemCanisters {
        boolean hosts(Principal canisterId);

        /** The canister a management method acts on, if any (e.g. the canister to stop). */
        Optional<Principal> targetCanister(String method, byte[] arg) throws IcReject;

        /** Runs the method at once with {@code caller} as the calling principal. */
        byte[] call(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject;
    }

    private final ReplicaState state;
    private final SystemCanisters systemCanisters;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final Map<Long, PendingCall> outstanding = new HashMap<>();
    private final Map<Principal, Integer> openContexts = new HashMap<>();
    /** stop_canister calls waiting for their canister's open call contexts to close, by canister. */
    private final Map<Principal, List<DeferredStop>> pendingStops = new LinkedHashMap<>();
    private long nextCallbackId;

    public CallScheduler(ReplicaState state, SystemCanisters systemCanisters) {
        this.state = state;
        this.systemCanisters = systemCanisters;
    }

    /**
     * Runs an ingress update call to a user canister and the calls it makes, until it is answered.
     *
     * @return the reply bytes
     * @throws IcReject the canister's reject (IC0406), its trap, or why the message could not run
     */
    public byte[] ingress(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        synchronized (state) {
            Canister canister = CanisterCalls.runnable(state, canisterId);
            CallContext context = new CallContext(canisterId, caller, null, BigInteger.ZERO);
            runPublicMethod(context, canister, method, arg);
            while (!queue.isEmpty() || !pendingStops.isEmpty()) {
                if (queue.isEmpty()) {
                    timeOutPendingStops();
                    continue;
                }
                Message next = queue.poll();
                if (next instanceof Request request) {
                    deliver(request);
                } else {
                    runCallback((Response) next);
                }
            }
            if (context.ingressReject != null) {
                throw context.ingressReject;
            }
            return context.ingressReply;
        }
    }

    private void runPublicMethod(CallContext context, Canister canister, String method, byte[] arg) {
        openContexts.merge(context.canister, 1, Integer::sum);
        CanisterInstance instance = canister.instance().orElseThrow();
        try {
            ExecutionResult result = instance.execute(method, arg, context.caller, context.cyclesAvailable,
                    canister.executionContext(state.timeNanos()));
            // Every message that does not trap counts as a state change (spec: canister version + 1).
            canister.bumpVersion();
            apply(context, canister, result);
        } catch (IcReject trap) {
            respond(context, trap);
        }
        closeIfFinished(context);
    }

    private void deliver(Request request) {
        OutgoingCall call = request.call();
        if (systemCanisters.hosts(call.callee())) {
            callSystemCanister(request);
            return;
        }
        Canister callee;
        try {
            callee = CanisterCalls.runnable(state, call.callee());
        } catch (IcReject reject) {
            queue.add(new Response(request.callbackId(), new CalleeResponse.Rejected(reject.rejectCode(),
                    reject.getMessage()), call.cycles()));
            return;
        }
        runPublicMethod(new CallContext(callee.id(), request.caller(), request.callbackId(), call.cycles()), callee,
                call.method(), call.arg());
    }

    private void callSystemCanister(Request request) {
        OutgoingCall call = request.call();
        CalleeResponse response;
        try {
            byte[] reply = systemCanisters.call(request.caller(), call.callee(), call.method(), call.arg());
            if (call.callee().isManagementCanister() && deferredStop(request, reply)) {
                return;
            }
            response = new CalleeResponse.Replied(reply);
        } catch (IcReject reject) {
            response = new CalleeResponse.Rejected(reject.rejectCode(), reject.getMessage());
        }
        queue.add(new Response(request.callbackId(), response, call.cycles()));
    }

    /**
     * After the management canister stopped (or started) a canister: a canister with open call
     * contexts is only stopping, and the stop waits for them; a start fails the stops still waiting.
     *
     * @return whether the response to {@code request} was deferred
     */
    private boolean deferredStop(Request request, byte[] reply) throws IcReject {
        String method = request.call().method();
        if (!method.equals("stop_canister") && !method.equals("start_canister")) {
            return false;
        }
        Principal target = systemCanisters.targetCanister(method, request.call().arg()).orElseThrow();
        if (method.equals("start_canister")) {
            for (DeferredStop stop : pendingStops.getOrDefault(target, List.of())) {
                answerStop(stop, new CalleeResponse.Rejected(RejectCode.CANISTER_ERROR,
                        "Canister " + target + " was started while stopping: its stop_canister call fails"));
            }
            pendingStops.remove(target);
            return false;
        }
        if (openContexts.getOrDefault(target, 0) == 0) {
            return false;
        }
        state.canister(target).orElseThrow().setStatus(CanisterStatus.STOPPING);
        pendingStops.computeIfAbsent(target, t -> new ArrayList<>()).add(new DeferredStop(request, reply));
        return true;
    }

    /** The queue ran dry with stops still waiting: they can never complete, so they time out (as on the IC). */
    private void timeOutPendingStops() {
        pendingStops.forEach((canister, stops) -> {
            state.canister(canister).ifPresent(c -> c.setStatus(CanisterStatus.RUNNING));
            for (DeferredStop stop : stops) {
                answerStop(stop, new CalleeResponse.Rejected(RejectCode.SYS_TRANSIENT, "Canister " + canister
                        + " could not be stopped: its open call contexts wait for this stop_canister call, which"
                        + " timed out (the canister keeps running)"));
            }
        });
        pendingStops.clear();
    }

    private void answerStop(DeferredStop stop, CalleeResponse response) {
        queue.add(new Response(stop.request().callbackId(), response, stop.request().call().cycles()));
    }

    private void runCallback(Response response) {
        PendingCall pending = outstanding.remove(response.callbackId());
        CallContext context = pending.context();
        context.outstandingCalls--;
        Optional<Canister> canister = state.canister(context.canister);
        if (canister.isEmpty() || canister.get().instance().isEmpty()) {
            // Deleted or uninstalled meanwhile: there is no code left to run the callback.
            closeIfDone(context, ReplicaErrors.didNotReply(context.canister));
            closeIfFinished(context);
            return;
        }
        Canister caller = canister.get();
        caller.setCycles(caller.cycles().add(response.refund()));
        try {
            ExecutionResult result = caller.instance().orElseThrow().callback(pending.call().callback(),
                    response.response(), context.caller, context.responded, response.refund(),
                    context.cyclesAvailable, caller.executionContext(state.timeNanos()));
            caller.bumpVersion();
            apply(context, caller, result);
        } catch (IcReject trap) {
            // The trap answers the call context only if nothing else can anymore.
            closeIfDone(context, trap);
        }
        closeIfFinished(context);
    }

    /** A call context answered and without outstanding calls is closed; a stopping canister with none left stops. */
    private void closeIfFinished(CallContext context) {
        if (context.closed || !context.responded || context.outstandingCalls > 0) {
            return;
        }
        context.closed = true;
        int open = openContexts.merge(context.canister, -1, Integer::sum);
        if (open > 0) {
            return;
        }
        openContexts.remove(context.canister);
        List<DeferredStop> stops = pendingStops.remove(context.canister);
        if (stops != null) {
            state.canister(context.canister).ifPresent(c -> c.setStatus(CanisterStatus.STOPPED));
            stops.forEach(stop -> answerStop(stop, new CalleeResponse.Replied(stop.reply())));
        }
    }

    /** Keeps what a message did: cycles moved, its response, the calls it made. */
    private void apply(CallContext context, Canister canister, ExecutionResult result) {
        context.cyclesAvailable = context.cyclesAvailable.subtract(result.cyclesAccepted());
        canister.setCycles(canister.cycles().add(result.cyclesAccepted()).subtract(result.cyclesSent()));
        result.outcome().ifPresent(outcome -> respond(context, outcome));
        for (OutgoingCall call : result.calls()) {
            long callbackId = nextCallbackId++;
            outstanding.put(callbackId, new PendingCall(context, call));
            context.outstandingCalls++;
            queue.add(new Request(callbackId, canister.id(), call));
        }
        closeIfDone(context, ReplicaErrors.didNotReply(context.canister));
    }

    private void closeIfDone(CallContext context, IcReject unanswered) {
        if (context.outstandingCalls == 0 && !context.responded) {
            respond(context, unanswered);
        }
    }

    private void respond(CallContext context, CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Reply reply) {
            respond(context, new CalleeResponse.Replied(reply.bytes()), null, reply.bytes());
        } else {
            String message = ((CallOutcome.Reject) outcome).message();
            respond(context, new CalleeResponse.Rejected(RejectCode.CANISTER_REJECT, message),
                    new IcReject(RejectCode.CANISTER_REJECT, "IC0406", message), null);
        }
    }

    private void respond(CallContext context, IcReject reject) {
        respond(context, new CalleeResponse.Rejected(reject.rejectCode(), reject.getMessage()), reject, null);
    }

    /** Answers the call context: the ingress message, or the calling canister with a response message. */
    private void respond(CallContext context, CalleeResponse response, IcReject asIngressReject, byte[] asIngressReply) {
        context.responded = true;
        if (context.originCallbackId == null) {
            context.ingressReject = asIngressReject;
            context.ingressReply = asIngressReply;
        } else {
            // Cycles the callee did not accept go back with the response.
            queue.add(new Response(context.originCallbackId, response, context.cyclesAvailable));
            context.cyclesAvailable = BigInteger.ZERO;
        }
    }

    /** The bookkeeping of one call to a public method (spec: call contexts). */
    private static final class CallContext {
        final Principal canister;
        final Principal caller;
        /** The caller's callback the response goes to; null for an ingress message. */
        final Long originCallbackId;
        BigInteger cyclesAvailable;
        int outstandingCalls;
        boolean responded;
        boolean closed;
        IcReject ingressReject;
        byte[] ingressReply;

        CallContext(Principal canister, Principal caller, Long originCallbackId, BigInteger cyclesAvailable) {
            this.canister = canister;
            this.caller = caller;
            this.originCallbackId = originCallbackId;
            this.cyclesAvailable = cyclesAvailable;
        }
    }

    private record PendingCall(CallContext context, OutgoingCall call) {}

    /** A canister's stop_canister call to the management canister, answered with {@code reply} once its target stops. */
    private record DeferredStop(Request request, byte[] reply) {}

    private sealed interface Message permits Request, Response {}

    private record Request(long callbackId, Principal caller, OutgoingCall call) implements Message {}

    private record Response(long callbackId, CalleeResponse response, BigInteger refund) implements Message {}
}
