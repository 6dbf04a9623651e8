package io.github.icmaven.replica.state;

/** The on_low_wasm_memory hook status that snapshot metadata carries. */
public enum LowWasmMemoryHookStatus { CONDITION_NOT_SATISFIED, READY, EXECUTED }
