package io.github.icmaven.replica.execution;

/** How a message that did not trap ended: the canister replied or rejected (ic0.msg_reject). */
public sealed interface CallOutcome {
    record Reply(byte[] bytes) implements CallOutcome {}

    record Reject(String message) implements CallOutcome {}
}
