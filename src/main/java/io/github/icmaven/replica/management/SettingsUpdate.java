package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.state.CanisterSettings;
import io.github.icmaven.replica.state.EnvironmentVariable;
import io.github.icmaven.replica.state.Visibility;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** The candid {@code canister_settings}: every field optional, absent fields stay unchanged. */
public record SettingsUpdate(
        Optional<List<Principal>> controllers,
        Optional<BigInteger> computeAllocation,
        Optional<BigInteger> memoryAllocation,
        Optional<BigInteger> freezingThreshold,
        Optional<BigInteger> reservedCyclesLimit,
        Optional<BigInteger> minimumIncomingCanisterCallCycles,
        Optional<Visibility> logVisibility,
        Optional<Visibility> snapshotVisibility,
        Optional<Visibility> statusVisibility,
        Optional<BigInteger> wasmMemoryLimit,
        Optional<BigInteger> wasmMemoryThreshold,
        Optional<List<EnvironmentVariable>> environmentVariables) {

    public static SettingsUpdate none() {
        return new SettingsUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static SettingsUpdate controllersOnly(List<Principal> controllers) {
        return none().withControllers(controllers);
    }

    public SettingsUpdate withControllers(List<Principal> newControllers) {
        return new SettingsUpdate(Optional.of(List.copyOf(newControllers)), computeAllocation, memoryAllocation,
                freezingThreshold, reservedCyclesLimit, minimumIncomingCanisterCallCycles, logVisibility,
                snapshotVisibility, statusVisibility, wasmMemoryLimit, wasmMemoryThreshold, environmentVariables);
    }

    public SettingsUpdate withFreezingThreshold(BigInteger threshold) {
        return new SettingsUpdate(controllers, computeAllocation, memoryAllocation, Optional.of(threshold),
                reservedCyclesLimit, minimumIncomingCanisterCallCycles, logVisibility, snapshotVisibility,
                statusVisibility, wasmMemoryLimit, wasmMemoryThreshold, environmentVariables);
    }

    public SettingsUpdate withSnapshotVisibility(Visibility visibility) {
        return new SettingsUpdate(controllers, computeAllocation, memoryAllocation, freezingThreshold,
                reservedCyclesLimit, minimumIncomingCanisterCallCycles, logVisibility, Optional.of(visibility),
                statusVisibility, wasmMemoryLimit, wasmMemoryThreshold, environmentVariables);
    }

    /** The settings after this update (controllers are not part of {@link CanisterSettings}). */
    CanisterSettings applyTo(CanisterSettings s) {
        return new CanisterSettings(
                computeAllocation.orElse(s.computeAllocation()),
                memoryAllocation.orElse(s.memoryAllocation()),
                freezingThreshold.orElse(s.freezingThreshold()),
                reservedCyclesLimit.orElse(s.reservedCyclesLimit()),
                minimumIncomingCanisterCallCycles.orElse(s.minimumIncomingCanisterCallCycles()),
                logVisibility.orElse(s.logVisibility()),
                snapshotVisibility.orElse(s.snapshotVisibility()),
                statusVisibility.orElse(s.statusVisibility()),
                wasmMemoryLimit.orElse(s.wasmMemoryLimit()),
                wasmMemoryThreshold.orElse(s.wasmMemoryThreshold()),
                environmentVariables.orElse(s.environmentVariables()));
    }
}
