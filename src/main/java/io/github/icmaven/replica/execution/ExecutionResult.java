package io.github.icmaven.replica.execution;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * How a message that did not trap ended: its response (empty when it neither replied nor rejected),
 * the calls it made, and the cycles it moved.
 *
 * @param cyclesAccepted cycles taken from the incoming call with {@code ic0.msg_cycles_accept128}
 */
public record ExecutionResult(Optional<CallOutcome> outcome, List<OutgoingCall> calls, BigInteger cyclesAccepted) {
    public ExecutionResult {
        calls = List.copyOf(calls);
    }

    /** The result of a message that made no calls and moved no cycles. */
    public static ExecutionResult of(CallOutcome outcome) {
        return new ExecutionResult(Optional.ofNullable(outcome), List.of(), BigInteger.ZERO);
    }

    /** The cycles the message attached to its calls. */
    public BigInteger cyclesSent() {
        return calls.stream().map(OutgoingCall::cycles).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
