package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.ExecutionContext;
import io.github.icmaven.replica.execution.ExecutionEngine;
import io.github.icmaven.replica.execution.UpgradeOptions;
import io.github.icmaven.replica.execution.WasmModule;
import io.github.icmaven.replica.state.Canister;
import io.github.icmaven.replica.state.ModuleDecoder;

/** install / reinstall / upgrade / uninstall of a canister's code, with the IC's mode and EOP rules. */
final class CodeInstaller {
    static final String MISSING_PERSISTENCE_OPTION =
            "Enhanced orthogonal persistence requires the `wasm_memory_persistence` upgrade option.";
    static final String KEEP_REQUIRES_EOP =
            "The `wasm_memory_persistence: opt Keep` upgrade option requires that the new canister module supports enhanced orthogonal persistence.";

    private final ExecutionEngine engine;
    private final ModuleDecoder decoder;

    CodeInstaller(ExecutionEngine engine, ModuleDecoder decoder) {
        this.engine = engine;
        this.decoder = decoder;
    }

    /**
     * Installs {@code moduleBytes} on a canister whose controller check has passed. Atomic: on any
     * reject the canister is unchanged.
     */
    void install(Canister canister, Principal caller, InstallMode mode, byte[] moduleBytes, byte[] arg, long nowNanos)
            throws IcReject {
        if (mode instanceof InstallMode.Install && canister.instance().isPresent()) {
            throw Rejects.canisterNonEmpty(canister.id());
        }
        if (mode instanceof InstallMode.Upgrade && canister.instance().isEmpty()) {
            throw Rejects.wasmModuleNotFound(canister.id());
        }
        WasmModule module = decoder.decode(moduleBytes);
        // The code being installed already sees the version this installation will produce.
        ExecutionContext context = withVersion(canister.executionContext(nowNanos), canister.version() + 1);
        CanisterInstance installed;
        if (mode instanceof InstallMode.Upgrade u) {
            CanisterInstance old = canister.instance().orElseThrow();
            UpgradeOptions options =
                    new UpgradeOptions(u.skipPreUpgrade().orElse(false), keepsWasmMemory(old.module(), module, u));
            installed = engine.upgrade(old, module, arg, caller, options, context);
        } else {
            installed = engine.install(module, arg, caller, context);
        }
        canister.setInstance(installed);
        canister.bumpVersion();
    }

    /** Drops code, heap, stable memory, certified data, timer and chunk store (uninstall_code semantics). */
    static void uninstall(Canister canister) {
        canister.clearInstance();
        canister.chunkStore().clear();
        canister.bumpVersion();
    }

    /** The EOP rules of the replica: EOP canisters must say keep or replace; keep needs an EOP module. */
    private static boolean keepsWasmMemory(WasmModule oldModule, WasmModule newModule, InstallMode.Upgrade upgrade)
            throws IcReject {
        if (upgrade.wasmMemoryPersistence().isEmpty()) {
            if (oldModule.enhancedOrthogonalPersistence()) {
                throw Rejects.missingUpgradeOption(MISSING_PERSISTENCE_OPTION);
            }
            return false;
        }
        return switch (upgrade.wasmMemoryPersistence().get()) {
            case KEEP -> {
                if (!newModule.enhancedOrthogonalPersistence()) {
                    throw Rejects.invalidUpgradeOption(KEEP_REQUIRES_EOP);
                }
                yield true;
            }
            case REPLACE -> false;
        };
    }

    private static ExecutionContext withVersion(ExecutionContext c, long version) {
        return new ExecutionContext(c.canisterId(), c.timeNanos(), c.cycleBalance(), c.status(), c.controllers(), version);
    }
}
