package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.RejectCode;

/** The response to an inter-canister call as its caller's callback sees it. */
public sealed interface CalleeResponse {
    /** The callee replied; the bytes are the callback's {@code ic0.msg_arg_data}. */
    record Replied(byte[] bytes) implements CalleeResponse {}

    /** The call was rejected: by the callee ({@code CANISTER_REJECT}), by its trap, or by the system. */
    record Rejected(RejectCode code, String message) implements CalleeResponse {}
}
