package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.execution.Global;
import io.github.icmaven.replica.state.GlobalTimer;
import io.github.icmaven.replica.state.LowWasmMemoryHookStatus;
import io.github.icmaven.replica.state.Snapshot;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Typed arguments and results of the snapshot methods, one record per candid type of ic.did. */
public final class SnapshotArgs {
    private SnapshotArgs() {}

    /** {@code take_canister_snapshot_args}. */
    public record TakeSnapshotArgs(
            Principal canisterId,
            Optional<byte[]> replaceSnapshot,
            Optional<Boolean> uninstallCode,
            OptionalLong senderCanisterVersion) {
        public static TakeSnapshotArgs of(Principal canisterId) {
            return new TakeSnapshotArgs(canisterId, Optional.empty(), Optional.empty(), OptionalLong.empty());
        }

        public static TakeSnapshotArgs replacing(Principal canisterId, byte[] snapshotId) {
            return new TakeSnapshotArgs(canisterId, Optional.of(snapshotId), Optional.empty(), OptionalLong.empty());
        }
    }

    /** {@code snapshot}: the result of take_canister_snapshot and the elements of list_canister_snapshots. */
    public record SnapshotInfo(byte[] id, long takenAtTimestamp, long totalSize) {}

    /** {@code load_canister_snapshot_args}. */
    public record LoadSnapshotArgs(Principal canisterId, byte[] snapshotId, OptionalLong senderCanisterVersion) {}

    /** {@code delete_canister_snapshot_args} and {@code read_canister_snapshot_metadata_args}. */
    public record SnapshotRef(Principal canisterId, byte[] snapshotId) {}

    /** {@code read_canister_snapshot_metadata_response}. */
    public record SnapshotMetadata(
            Snapshot.Source source,
            long takenAtTimestamp,
            long wasmModuleSize,
            List<Global> globals,
            long wasmMemorySize,
            long stableMemorySize,
            List<byte[]> wasmChunkStore,
            long canisterVersion,
            byte[] certifiedData,
            Optional<GlobalTimer> globalTimer,
            Optional<LowWasmMemoryHookStatus> onLowWasmMemoryHookStatus) {}

    /** {@code read_canister_snapshot_data_args.kind}. */
    public sealed interface DataKind {
        record WasmModule(long offset, long size) implements DataKind {}

        record WasmMemory(long offset, long size) implements DataKind {}

        record StableMemory(long offset, long size) implements DataKind {}

        record WasmChunk(byte[] hash) implements DataKind {}
    }

    /** {@code read_canister_snapshot_data_args}. */
    public record ReadSnapshotDataArgs(Principal canisterId, byte[] snapshotId, DataKind kind) {}

    /** {@code read_canister_snapshot_data_response}. */
    public record ReadSnapshotDataResult(byte[] chunk) {}

    /** {@code upload_canister_snapshot_metadata_args}. */
    public record UploadSnapshotMetadataArgs(
            Principal canisterId,
            Optional<byte[]> replaceSnapshot,
            long wasmModuleSize,
            List<Global> globals,
            long wasmMemorySize,
            long stableMemorySize,
            byte[] certifiedData,
            Optional<GlobalTimer> globalTimer,
            Optional<LowWasmMemoryHookStatus> onLowWasmMemoryHookStatus) {}

    /** {@code upload_canister_snapshot_metadata_response}. */
    public record UploadSnapshotMetadataResult(byte[] snapshotId) {}

    /** {@code upload_canister_snapshot_data_args.kind}. */
    public sealed interface DataOffset {
        record WasmModule(long offset) implements DataOffset {}

        record WasmMemory(long offset) implements DataOffset {}

        record StableMemory(long offset) implements DataOffset {}

        record WasmChunk() implements DataOffset {}
    }

    /** {@code upload_canister_snapshot_data_args}. */
    public record UploadSnapshotDataArgs(Principal canisterId, byte[] snapshotId, DataOffset kind, byte[] chunk) {}
}
