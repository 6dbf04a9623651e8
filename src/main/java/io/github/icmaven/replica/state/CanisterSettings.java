package io.github.icmaven.replica.state;

import java.math.BigInteger;
import java.util.List;

/**
 * The settings of a canister other than its controllers (those live on {@link Canister}), with the
 * IC's defaults. Immutable; {@code with...} methods return changed copies.
 */
public record CanisterSettings(
        BigInteger computeAllocation,
        BigInteger memoryAllocation,
        BigInteger freezingThreshold,
        BigInteger reservedCyclesLimit,
        BigInteger minimumIncomingCanisterCallCycles,
        Visibility logVisibility,
        Visibility snapshotVisibility,
        Visibility statusVisibility,
        BigInteger wasmMemoryLimit,
        BigInteger wasmMemoryThreshold,
        List<EnvironmentVariable> environmentVariables) {

    /** 30 days in seconds. */
    public static final BigInteger DEFAULT_FREEZING_THRESHOLD = BigInteger.valueOf(2_592_000L);
    /** 5T cycles. */
    public static final BigInteger DEFAULT_RESERVED_CYCLES_LIMIT = BigInteger.valueOf(5_000_000_000_000L);
    /** 3 GiB. */
    public static final BigInteger DEFAULT_WASM_MEMORY_LIMIT = BigInteger.valueOf(3L * 1024 * 1024 * 1024);

    public CanisterSettings {
        environmentVariables = List.copyOf(environmentVariables);
    }

    public static CanisterSettings defaults() {
        return new CanisterSettings(
                BigInteger.ZERO,
                BigInteger.ZERO,
                DEFAULT_FREEZING_THRESHOLD,
                DEFAULT_RESERVED_CYCLES_LIMIT,
                BigInteger.ZERO,
                Visibility.CONTROLLERS,
                Visibility.CONTROLLERS,
                Visibility.CONTROLLERS,
                DEFAULT_WASM_MEMORY_LIMIT,
                BigInteger.ZERO,
                List.of());
    }
}
