package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import java.math.BigInteger;
import java.util.Set;

/**
 * What a running message may learn about its canister and the replica through the System API
 * (canister_self, time, canister_cycle_balance, canister_status, is_controller, canister_version).
 *
 * @param status 1 running, 2 stopping, 3 stopped (the values of {@code ic0.canister_status})
 */
public record ExecutionContext(
        Principal canisterId,
        long timeNanos,
        BigInteger cycleBalance,
        int status,
        Set<Principal> controllers,
        long canisterVersion) {}
