package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import java.io.ByteArrayOutputStream;

/** One run of an entry point: its inputs and the response the canister builds. */
final class MessageExecution {
    final ExecutionMode mode;
    final String methodName;
    final byte[] arg;
    final Principal caller;
    final ExecutionContext context;
    final ByteArrayOutputStream replyBuffer = new ByteArrayOutputStream();
    /** Null until the canister replies or rejects. */
    CallOutcome outcome;

    MessageExecution(ExecutionMode mode, String methodName, byte[] arg, Principal caller, ExecutionContext context) {
        this.mode = mode;
        this.methodName = methodName;
        this.arg = arg;
        this.caller = caller;
        this.context = context;
    }
}
