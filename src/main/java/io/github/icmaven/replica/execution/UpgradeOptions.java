package io.github.icmaven.replica.execution;

/**
 * The options of install_code mode upgrade that the execution layer acts on.
 *
 * @param skipPreUpgrade do not run canister_pre_upgrade of the old module
 * @param keepWasmMemory wasm_memory_persistence = keep: carry the heap over (enhanced orthogonal persistence)
 */
public record UpgradeOptions(boolean skipPreUpgrade, boolean keepWasmMemory) {}
