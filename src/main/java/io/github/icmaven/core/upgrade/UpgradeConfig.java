package io.github.icmaven.core.upgrade;

import java.nio.file.Path;

/**
 * Everything {@code ic:upgrade} was asked to do, as plain values (no Maven types).
 *
 * @param wasm module file, raw or gzip
 * @param arg upgrade argument as Candid text; null means {@code ()} unless argHex or argFile is set
 * @param argHex upgrade argument as hex of a Candid message
 * @param argFile file holding the argument: binary if it starts with {@code DIDL}, else Candid text
 * @param skipSnapshot take no snapshot (then a failed upgrade cannot be restored)
 * @param noOverwrite never replace or delete an existing snapshot
 * @param force upgrade even when the canister already runs this module
 * @param healthCheck null for no health check
 * @param dryRun check and print the plan, change nothing
 * @param backupDirectory null for no off-chain backup; else the upgrade's snapshot is downloaded into a
 *     subdirectory named after it before installing
 */
public record UpgradeConfig(TargetConfig target, Path wasm, String arg, String argHex, Path argFile,
        boolean skipSnapshot, boolean noOverwrite, boolean force, boolean skipPreUpgrade,
        PersistenceChoice wasmMemoryPersistence, HealthCheckConfig healthCheck, boolean dryRun, Path backupDirectory) {

    public UpgradeConfig {
        if (wasmMemoryPersistence == null) {
            wasmMemoryPersistence = PersistenceChoice.AUTO;
        }
    }

    /** Without an off-chain backup. */
    public UpgradeConfig(TargetConfig target, Path wasm, String arg, String argHex, Path argFile,
            boolean skipSnapshot, boolean noOverwrite, boolean force, boolean skipPreUpgrade,
            PersistenceChoice wasmMemoryPersistence, HealthCheckConfig healthCheck, boolean dryRun) {
        this(target, wasm, arg, argHex, argFile, skipSnapshot, noOverwrite, force, skipPreUpgrade,
                wasmMemoryPersistence, healthCheck, dryRun, null);
    }

    /** A plain upgrade with defaults: snapshot, no health check. */
    public static UpgradeConfig of(TargetConfig target, Path wasm) {
        return new UpgradeConfig(target, wasm, null, null, null, false, false, false, false, PersistenceChoice.AUTO,
                null, false);
    }

    public UpgradeConfig withArg(String text) {
        return new UpgradeConfig(target, wasm, text, argHex, argFile, skipSnapshot, noOverwrite, force, skipPreUpgrade,
                wasmMemoryPersistence, healthCheck, dryRun, backupDirectory);
    }

    public UpgradeConfig withSnapshotOptions(boolean skip, boolean noOverwriteExisting) {
        return new UpgradeConfig(target, wasm, arg, argHex, argFile, skip, noOverwriteExisting, force, skipPreUpgrade,
                wasmMemoryPersistence, healthCheck, dryRun, backupDirectory);
    }

    public UpgradeConfig withForce(boolean value) {
        return new UpgradeConfig(target, wasm, arg, argHex, argFile, skipSnapshot, noOverwrite, value, skipPreUpgrade,
                wasmMemoryPersistence, healthCheck, dryRun, backupDirectory);
    }

    public UpgradeConfig withHealthCheck(HealthCheckConfig check) {
        return new UpgradeConfig(target, wasm, arg, argHex, argFile, skipSnapshot, noOverwrite, force, skipPreUpgrade,
                wasmMemoryPersistence, check, dryRun, backupDirectory);
    }

    public UpgradeConfig withDryRun(boolean value) {
        return new UpgradeConfig(target, wasm, arg, argHex, argFile, skipSnapshot, noOverwrite, force, skipPreUpgrade,
                wasmMemoryPersistence, healthCheck, value, backupDirectory);
    }

    public UpgradeConfig withWasm(Path module) {
        return new UpgradeConfig(target, module, arg, argHex, argFile, skipSnapshot, noOverwrite, force, skipPreUpgrade,
                wasmMemoryPersistence, healthCheck, dryRun, backupDirectory);
    }

    public UpgradeConfig withBackupDirectory(Path directory) {
        return new UpgradeConfig(target, wasm, arg, argHex, argFile, skipSnapshot, noOverwrite, force, skipPreUpgrade,
                wasmMemoryPersistence, healthCheck, dryRun, directory);
    }

    public UpgradeConfig withTarget(TargetConfig value) {
        return new UpgradeConfig(value, wasm, arg, argHex, argFile, skipSnapshot, noOverwrite, force, skipPreUpgrade,
                wasmMemoryPersistence, healthCheck, dryRun, backupDirectory);
    }
}
