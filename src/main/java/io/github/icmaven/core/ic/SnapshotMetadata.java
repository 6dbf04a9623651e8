package io.github.icmaven.core.ic;

import io.github.icmaven.candid.IdlValue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code read_canister_snapshot_metadata}, and what {@code upload_canister_snapshot_metadata} needs to
 * recreate a snapshot elsewhere. Globals, timer and hook status are kept as Candid values: they only
 * travel from a download to an upload.
 *
 * @param source "taken_from_canister" or "metadata_upload" (ignored on upload)
 * @param takenAt ignored on upload
 * @param wasmChunkStore hashes of the chunks stored with the snapshot (ignored on upload)
 * @param canisterVersion ignored on upload
 * @param globals {@code vec variant { i32; i64; f32; f64; v128 }}
 * @param globalTimer {@code opt variant { inactive; active : nat64 }}
 * @param onLowWasmMemoryHookStatus {@code opt variant { condition_not_satisfied; ready; executed }}
 */
public record SnapshotMetadata(String source, Instant takenAt, long wasmModuleSize, List<IdlValue> globals,
        long wasmMemorySize, long stableMemorySize, List<byte[]> wasmChunkStore, long canisterVersion,
        byte[] certifiedData, Optional<IdlValue> globalTimer, Optional<IdlValue> onLowWasmMemoryHookStatus) {
    public SnapshotMetadata {
        globals = List.copyOf(globals);
        wasmChunkStore = List.copyOf(wasmChunkStore);
        certifiedData = certifiedData.clone();
    }
}
