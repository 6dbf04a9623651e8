package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;

/** Creates canister instances: install, upgrade, and restore from saved state. */
public interface ExecutionEngine {
    /**
     * Instantiates the module with fresh memory and runs its start function and canister_init.
     *
     * @throws IcReject on a trap in init (nothing is installed)
     */
    CanisterInstance install(WasmModule module, byte[] arg, Principal caller, ExecutionContext context) throws IcReject;

    /**
     * Runs canister_pre_upgrade on {@code old} (unless skipped), then instantiates {@code module} with
     * the old stable memory (and heap, when kept) and runs canister_post_upgrade. Atomic: on a trap
     * {@code old} is unchanged and this throws.
     */
    CanisterInstance upgrade(
            CanisterInstance old,
            WasmModule module,
            byte[] arg,
            Principal caller,
            UpgradeOptions options,
            ExecutionContext context)
            throws IcReject;

    /** Re-creates an instance from saved state (snapshot load, replica restart); runs no canister code. */
    CanisterInstance restore(WasmModule module, CanisterState state) throws IcReject;
}
