package io.github.icmaven.replica.execution;

import java.util.List;
import java.util.OptionalLong;

/**
 * Everything of a canister's execution state that a snapshot saves and restores. Byte arrays are
 * owned by this record: producers hand over copies, consumers must not mutate them.
 *
 * @param wasmMemory the linear (heap) memory, a multiple of 64 KiB
 * @param stableMemory stable memory, a multiple of 64 KiB
 * @param globals exported mutable globals in export order
 * @param certifiedData the data set with ic0.certified_data_set (at most 32 bytes)
 * @param globalTimer the timer deadline in nanoseconds, empty when unset
 */
public record CanisterState(
        byte[] wasmMemory,
        byte[] stableMemory,
        List<Global> globals,
        byte[] certifiedData,
        OptionalLong globalTimer) {}
