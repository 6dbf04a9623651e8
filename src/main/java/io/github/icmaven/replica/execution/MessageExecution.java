package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** One run of an entry point or callback: its inputs, and the response, calls and cycle moves it makes. */
final class MessageExecution {
    final ExecutionMode mode;
    final String methodName;
    final byte[] arg;
    final Principal caller;
    final ExecutionContext context;
    final ByteArrayOutputStream replyBuffer = new ByteArrayOutputStream();
    /** Null until the canister replies or rejects. */
    CallOutcome outcome;

    /** True in a callback whose call context was already answered: replying again traps. */
    boolean contextAlreadyResponded;
    /** Set only for the target canister of a non-replicated query call (ic0.data_certificate_*). */
    Supplier<byte[]> dataCertificate;
    byte[] dataCertificateBytes;
    /** Composite queries may call on the IC; the embedded replica does not run such calls. */
    boolean compositeQuery;
    /** In callbacks and cleanup: the response being delivered. */
    CalleeResponse response;

    /** Cycles the incoming call carries (ic0.msg_cycles_available128), before any is accepted. */
    BigInteger cyclesAvailable = BigInteger.ZERO;
    BigInteger cyclesAccepted = BigInteger.ZERO;
    /** In callbacks: cycles the callee did not accept (ic0.msg_cycles_refunded128). */
    BigInteger cyclesRefunded = BigInteger.ZERO;

    /** The call between ic0.call_new and ic0.call_perform, or null. */
    CallBuilder callUnderConstruction;
    final List<OutgoingCall> performedCalls = new ArrayList<>();

    MessageExecution(ExecutionMode mode, String methodName, byte[] arg, Principal caller, ExecutionContext context) {
        this.mode = mode;
        this.methodName = methodName;
        this.arg = arg;
        this.caller = caller;
        this.context = context;
    }

    /** What the canister may still spend: the balance before the message, plus accepted, minus sent. */
    BigInteger cycleBalance() {
        BigInteger balance = context.cycleBalance().add(cyclesAccepted);
        for (OutgoingCall call : performedCalls) {
            balance = balance.subtract(call.cycles());
        }
        return callUnderConstruction == null ? balance : balance.subtract(callUnderConstruction.cycles);
    }

    ExecutionResult result() {
        return new ExecutionResult(java.util.Optional.ofNullable(outcome), performedCalls, cyclesAccepted);
    }

    /** The attributes of one call as ic0.call_new and ic0.call_* set them. */
    static final class CallBuilder {
        final Principal callee;
        final String method;
        final long replyFun;
        final long replyEnv;
        final long rejectFun;
        final long rejectEnv;
        final ByteArrayOutputStream arg = new ByteArrayOutputStream();
        BigInteger cycles = BigInteger.ZERO;
        OptionalLong cleanupFun = OptionalLong.empty();
        long cleanupEnv;
        boolean bestEffortTimeoutSet;

        CallBuilder(Principal callee, String method, long replyFun, long replyEnv, long rejectFun, long rejectEnv) {
            this.callee = callee;
            this.method = method;
            this.replyFun = replyFun;
            this.replyEnv = replyEnv;
            this.rejectFun = rejectFun;
            this.rejectEnv = rejectEnv;
        }

        OutgoingCall build() {
            return new OutgoingCall(callee, method, arg.toByteArray(), cycles,
                    new Callback(replyFun, replyEnv, rejectFun, rejectEnv, cleanupFun, cleanupEnv));
        }
    }
}
