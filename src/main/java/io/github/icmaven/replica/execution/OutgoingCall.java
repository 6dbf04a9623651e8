package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import java.math.BigInteger;

/**
 * A call a message made with {@code ic0.call_perform}. The replica sends it only if the message that
 * made it completes without trapping.
 *
 * @param cycles the cycles attached with {@code ic0.call_cycles_add128}, already taken from the caller's balance
 */
public record OutgoingCall(Principal callee, String method, byte[] arg, BigInteger cycles, Callback callback) {}
