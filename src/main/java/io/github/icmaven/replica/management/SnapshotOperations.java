package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.CanisterState;
import io.github.icmaven.replica.execution.ExecutionEngine;
import io.github.icmaven.replica.execution.WasmModule;
import io.github.icmaven.replica.management.SnapshotArgs.DataKind;
import io.github.icmaven.replica.management.SnapshotArgs.DataOffset;
import io.github.icmaven.replica.management.SnapshotArgs.LoadSnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.ReadSnapshotDataArgs;
import io.github.icmaven.replica.management.SnapshotArgs.ReadSnapshotDataResult;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotInfo;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotMetadata;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotRef;
import io.github.icmaven.replica.management.SnapshotArgs.TakeSnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotDataArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotMetadataArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotMetadataResult;
import io.github.icmaven.replica.state.Canister;
import io.github.icmaven.replica.state.ChunkHash;
import io.github.icmaven.replica.state.ChunkStore;
import io.github.icmaven.replica.state.GlobalTimer;
import io.github.icmaven.replica.state.LowWasmMemoryHookStatus;
import io.github.icmaven.replica.state.ModuleDecoder;
import io.github.icmaven.replica.state.ReplicaState;
import io.github.icmaven.replica.state.Snapshot;
import io.github.icmaven.replica.state.SnapshotId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Taking, loading, listing, deleting, downloading and uploading canister snapshots. */
final class SnapshotOperations {
    public static final int MAX_SNAPSHOTS_PER_CANISTER = 10;
    /** Java arrays bound what this replica can hold; the IC allows more. */
    private static final long MAX_REGION_SIZE = Integer.MAX_VALUE - 8;

    private final ReplicaState state;
    private final ExecutionEngine engine;
    private final ModuleDecoder decoder;

    SnapshotOperations(ReplicaState state, ExecutionEngine engine, ModuleDecoder decoder) {
        this.state = state;
        this.engine = engine;
        this.decoder = decoder;
    }

    SnapshotInfo take(Principal caller, TakeSnapshotArgs args) throws IcReject {
        Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
        Optional<Snapshot> replaced = checkRoomForNewSnapshot(canister, args.replaceSnapshot());
        CanisterInstance instance = canister.instance().orElseThrow(() -> Rejects.snapshotOfEmptyCanister(canister.id()));
        CanisterState current = instance.state();
        Snapshot snapshot = new Snapshot(
                canister.nextSnapshotId(),
                Snapshot.Source.TAKEN_FROM_CANISTER,
                state.timeNanos(),
                canister.version(),
                instance.module().bytesAsSent(),
                current.wasmMemory().clone(),
                current.stableMemory().clone(),
                current.globals(),
                current.certifiedData().clone(),
                Optional.of(new GlobalTimer(current.globalTimer())),
                // This replica does not run the low-memory hook, so its condition never holds.
                Optional.of(LowWasmMemoryHookStatus.CONDITION_NOT_SATISFIED),
                canister.chunkStore().copy());
        // The replaced snapshot goes only once the new one exists.
        replaced.ifPresent(old -> canister.removeSnapshot(old.id().localId()));
        canister.putSnapshot(snapshot);
        if (args.uninstallCode().orElse(false)) {
            CodeInstaller.uninstall(canister);
        }
        return info(snapshot);
    }

    void load(Principal caller, LoadSnapshotArgs args) throws IcReject {
        Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
        SnapshotId id = parseId(canister, args.snapshotId());
        Canister owner = state.canister(id.canisterId()).orElse(null);
        Snapshot snapshot = owner == null ? null : owner.snapshot(id.localId()).orElse(null);
        if (snapshot == null) {
            throw Rejects.snapshotNotFound(canister.id(), id.toString());
        }
        // Loading another canister's snapshot needs control of that canister as well.
        if (owner != canister && !owner.isController(caller)) {
            throw Rejects.snapshotSourceNotControlled(caller, canister.id(), id.toString());
        }
        WasmModule module = decoder.decode(snapshot.wasmModule());
        CanisterState restoredState = new CanisterState(
                snapshot.wasmMemory(),
                snapshot.stableMemory(),
                snapshot.globals(),
                snapshot.certifiedData(),
                timerAfterLoad(canister, snapshot));
        CanisterInstance restored = engine.restore(module, restoredState);
        canister.setInstance(restored);
        canister.setChunkStore(snapshot.chunkStore().copy());
        canister.bumpVersion();
    }

    List<SnapshotInfo> list(Principal caller, Principal canisterId) throws IcReject {
        Canister canister = Access.canister(state, canisterId);
        Access.requireViewer(canister, caller, canister.settings().snapshotVisibility());
        return canister.snapshots().stream().map(SnapshotOperations::info).toList();
    }

    void delete(Principal caller, SnapshotRef args) throws IcReject {
        Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
        Snapshot snapshot = ownSnapshot(canister, args.snapshotId());
        canister.removeSnapshot(snapshot.id().localId());
    }

    SnapshotMetadata readMetadata(Principal caller, SnapshotRef args) throws IcReject {
        Canister canister = Access.canister(state, args.canisterId());
        Access.requireViewer(canister, caller, canister.settings().snapshotVisibility());
        Snapshot s = ownSnapshot(canister, args.snapshotId());
        return new SnapshotMetadata(
                s.source(),
                s.takenAtNanos(),
                s.wasmModuleSize(),
                s.globals(),
                s.wasmMemorySize(),
                s.stableMemorySize(),
                s.chunkStore().hashes().stream().map(ChunkHash::bytes).toList(),
                s.canisterVersion(),
                s.certifiedData(),
                s.globalTimer(),
                s.hookStatus());
    }

    ReadSnapshotDataResult readData(Principal caller, ReadSnapshotDataArgs args) throws IcReject {
        Canister canister = Access.canister(state, args.canisterId());
        Access.requireViewer(canister, caller, canister.settings().snapshotVisibility());
        Snapshot s = ownSnapshot(canister, args.snapshotId());
        DataKind kind = args.kind();
        if (kind instanceof DataKind.WasmModule k) {
            return new ReadSnapshotDataResult(slice(s, Snapshot.Region.WASM_MODULE, k.offset(), k.size()));
        }
        if (kind instanceof DataKind.WasmMemory k) {
            return new ReadSnapshotDataResult(slice(s, Snapshot.Region.WASM_MEMORY, k.offset(), k.size()));
        }
        if (kind instanceof DataKind.StableMemory k) {
            return new ReadSnapshotDataResult(slice(s, Snapshot.Region.STABLE_MEMORY, k.offset(), k.size()));
        }
        byte[] hash = ((DataKind.WasmChunk) kind).hash();
        if (hash.length != ChunkHash.LENGTH) {
            throw Rejects.chunkStoreError("Bytes " + Rejects.rustHexDebug(hash) + " are not a valid WasmChunkHash.");
        }
        return new ReadSnapshotDataResult(s.chunkStore().get(ChunkHash.of(hash)).orElseThrow(
                () -> Rejects.chunkStoreError("WasmChunkHash " + Rejects.rustHexDebug(hash) + " not found.")));
    }

    UploadSnapshotMetadataResult uploadMetadata(Principal caller, UploadSnapshotMetadataArgs args) throws IcReject {
        Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
        validate(args);
        Optional<Snapshot> replaced = checkRoomForNewSnapshot(canister, args.replaceSnapshot());
        replaced.ifPresent(old -> canister.removeSnapshot(old.id().localId()));
        Snapshot snapshot = new Snapshot(
                canister.nextSnapshotId(),
                Snapshot.Source.METADATA_UPLOAD,
                state.timeNanos(),
                canister.version(),
                new byte[(int) args.wasmModuleSize()],
                new byte[(int) args.wasmMemorySize()],
                new byte[(int) args.stableMemorySize()],
                args.globals(),
                args.certifiedData().clone(),
                args.globalTimer(),
                args.onLowWasmMemoryHookStatus(),
                new ChunkStore());
        canister.putSnapshot(snapshot);
        return new UploadSnapshotMetadataResult(snapshot.id().bytes());
    }

    void uploadData(Principal caller, UploadSnapshotDataArgs args) throws IcReject {
        Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
        Snapshot s = ownSnapshot(canister, args.snapshotId());
        if (s.source() != Snapshot.Source.METADATA_UPLOAD) {
            throw Rejects.snapshotImmutable();
        }
        byte[] chunk = args.chunk();
        DataOffset kind = args.kind();
        if (kind instanceof DataOffset.WasmModule k) {
            write(s, Snapshot.Region.WASM_MODULE, k.offset(), chunk);
        } else if (kind instanceof DataOffset.WasmMemory k) {
            write(s, Snapshot.Region.WASM_MEMORY, k.offset(), chunk);
        } else if (kind instanceof DataOffset.StableMemory k) {
            write(s, Snapshot.Region.STABLE_MEMORY, k.offset(), chunk);
        } else {
            try {
                s.chunkStore().insert(chunk);
            } catch (ChunkStore.ChunkRejected e) {
                throw Rejects.chunkStoreError(e.getMessage());
            }
        }
    }

    /**
     * The snapshot to replace (which must exist and belong to the canister), or none when the
     * canister still has room below the limit.
     */
    private Optional<Snapshot> checkRoomForNewSnapshot(Canister canister, Optional<byte[]> replaceSnapshot)
            throws IcReject {
        if (replaceSnapshot.isPresent()) {
            return Optional.of(ownSnapshot(canister, replaceSnapshot.get()));
        }
        if (canister.snapshotCount() >= MAX_SNAPSHOTS_PER_CANISTER) {
            throw Rejects.snapshotLimit(canister.id(), MAX_SNAPSHOTS_PER_CANISTER);
        }
        return Optional.empty();
    }

    /** Looks a snapshot up the way the replica does: unknown id -> IC0305, another canister's -> IC0406. */
    private Snapshot ownSnapshot(Canister canister, byte[] rawId) throws IcReject {
        SnapshotId id = parseId(canister, rawId);
        Optional<Snapshot> found = state.canister(id.canisterId()).flatMap(owner -> owner.snapshot(id.localId()));
        if (found.isEmpty()) {
            throw Rejects.snapshotNotFound(canister.id(), id.toString());
        }
        if (!id.canisterId().equals(canister.id())) {
            throw Rejects.snapshotNotOwned(canister.id(), id.toString());
        }
        return found.get();
    }

    private static SnapshotId parseId(Canister canister, byte[] rawId) throws IcReject {
        try {
            return SnapshotId.fromBytes(rawId);
        } catch (IllegalArgumentException e) {
            // The replica fails to decode such an id before looking anything up.
            throw Rejects.invalidPayload("Invalid snapshot id " + HexFormat.of().formatHex(rawId)
                    + " for canister " + canister.id() + ": " + e.getMessage());
        }
    }

    /**
     * Snapshots taken from a canister keep the canister's current timer (restoring it would be a
     * breaking change on the IC); uploaded snapshots set it when their metadata says how.
     */
    private static OptionalLong timerAfterLoad(Canister canister, Snapshot snapshot) {
        OptionalLong current = canister.instance().map(i -> i.state().globalTimer()).orElse(OptionalLong.empty());
        if (snapshot.source() == Snapshot.Source.METADATA_UPLOAD && snapshot.globalTimer().isPresent()) {
            return snapshot.globalTimer().get().deadlineNanos();
        }
        return current;
    }

    private static byte[] slice(Snapshot s, Snapshot.Region region, long offset, long size) throws IcReject {
        if (Long.compareUnsigned(size, Rejects.MAX_SLICE_SIZE_BYTES) > 0) {
            throw Rejects.sliceTooLarge(size);
        }
        return s.read(region, offset, size).orElseThrow(() -> Rejects.invalidSlice(offset, size));
    }

    private static void write(Snapshot s, Snapshot.Region region, long offset, byte[] chunk) throws IcReject {
        if (!s.write(region, offset, chunk)) {
            throw Rejects.invalidSlice(offset, chunk.length);
        }
    }

    private static void validate(UploadSnapshotMetadataArgs args) throws IcReject {
        for (long size : new long[] {args.wasmModuleSize(), args.wasmMemorySize(), args.stableMemorySize()}) {
            if (size < 0 || size > MAX_REGION_SIZE) {
                throw Rejects.invalidPayload("Snapshot Metadata contains invalid data: size " + Long.toUnsignedString(size)
                        + " is larger than this replica supports");
            }
        }
        if (args.certifiedData().length > 32) {
            throw Rejects.invalidPayload("Snapshot Metadata contains invalid data: certified data has "
                    + args.certifiedData().length + " bytes, at most 32 are allowed");
        }
    }

    private static SnapshotInfo info(Snapshot s) {
        return new SnapshotInfo(s.id().bytes(), s.takenAtNanos(), s.totalSize());
    }
}
