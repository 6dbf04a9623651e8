package io.github.icmaven.core.ic;

/**
 * The {@code wasm_memory_persistence} upgrade option. Canisters with enhanced orthogonal persistence
 * (Motoko) must be upgraded with {@link #KEEP} or {@link #REPLACE}; {@link #NONE} leaves the option out.
 */
public enum WasmMemoryPersistence {
    KEEP,
    REPLACE,
    NONE
}
