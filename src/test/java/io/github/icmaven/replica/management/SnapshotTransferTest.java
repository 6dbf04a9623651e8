package io.github.icmaven.replica.management;

import static io.github.icmaven.replica.management.Replica.ALICE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.UploadChunkArgs;
import io.github.icmaven.replica.management.SnapshotArgs.DataKind;
import io.github.icmaven.replica.management.SnapshotArgs.DataOffset;
import io.github.icmaven.replica.management.SnapshotArgs.LoadSnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.ReadSnapshotDataArgs;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotMetadata;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotRef;
import io.github.icmaven.replica.management.SnapshotArgs.TakeSnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotDataArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotMetadataArgs;
import io.github.icmaven.replica.state.GlobalTimer;
import io.github.icmaven.replica.state.LowWasmMemoryHookStatus;
import io.github.icmaven.replica.state.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SnapshotTransferTest {
    private final Replica r = new Replica();

    @Test
    void metadataDescribesATakenSnapshot() throws IcReject {
        Principal id = r.createWith("module-1");
        r.update(id, "certify", "cd");
        byte[] chunk = r.mgmt.uploadChunk(ALICE, new UploadChunkArgs(id, new byte[] {9})).hash();
        long version = r.canister(id).version();
        byte[] sid = r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id)).id();

        SnapshotMetadata m = r.mgmt.readCanisterSnapshotMetadata(ALICE, new SnapshotRef(id, sid));

        assertEquals(Snapshot.Source.TAKEN_FROM_CANISTER, m.source());
        assertEquals(8, m.wasmModuleSize());
        assertEquals(FakeEngine.PAGE, m.wasmMemorySize());
        assertEquals(0, m.stableMemorySize());
        assertEquals(1, m.wasmChunkStore().size());
        assertArrayEquals(chunk, m.wasmChunkStore().get(0));
        assertEquals(version, m.canisterVersion());
        assertArrayEquals("cd".getBytes(StandardCharsets.UTF_8), m.certifiedData());
        assertEquals(Optional.of(GlobalTimer.INACTIVE), m.globalTimer());
        assertEquals(r.clock.get(), m.takenAtTimestamp());
    }

    @Test
    void slicesOverTwoMillionBytesAreRefused() throws IcReject {
        Principal id = r.createWith("m1");
        byte[] sid = r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id)).id();

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.readCanisterSnapshotData(ALICE,
                new ReadSnapshotDataArgs(id, sid, new DataKind.WasmMemory(0, 2_000_001))));

        assertEquals("IC0408", e.errorCode());
        assertEquals("Requested slice too large: 2000001 > 2000000", e.getMessage());
    }

    @Test
    void slicesBeyondTheRegionAreRefused() throws IcReject {
        Principal id = r.createWith("m1");
        byte[] sid = r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id)).id();

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.readCanisterSnapshotData(ALICE,
                new ReadSnapshotDataArgs(id, sid, new DataKind.WasmModule(1, 2))));

        assertEquals("IC0408", e.errorCode());
        assertEquals("Invalid subslice into wasm module / main memory / stable memory: offset: 1, size: 2", e.getMessage());
    }

    @Test
    void downloadThenUploadToAnotherCanisterReproducesTheState() throws IcReject {
        Principal source = r.createWith("module-src");
        r.update(source, "set_heap", "heap-data");
        r.update(source, "set_stable", "stable-data");
        r.update(source, "certify", "cert");
        byte[] chunkHash = r.mgmt.uploadChunk(ALICE, new UploadChunkArgs(source, new byte[] {4, 5, 6})).hash();
        byte[] sid = r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(source)).id();
        SnapshotMetadata m = r.mgmt.readCanisterSnapshotMetadata(ALICE, new SnapshotRef(source, sid));
        byte[] module = read(source, sid, new DataKind.WasmModule(0, m.wasmModuleSize()));
        byte[] heap = read(source, sid, new DataKind.WasmMemory(0, m.wasmMemorySize()));
        byte[] stable = read(source, sid, new DataKind.StableMemory(0, m.stableMemorySize()));
        byte[] chunk = read(source, sid, new DataKind.WasmChunk(chunkHash));

        Principal target = r.create();
        byte[] uploaded = r.mgmt.uploadCanisterSnapshotMetadata(ALICE, new UploadSnapshotMetadataArgs(target,
                Optional.empty(), m.wasmModuleSize(), m.globals(), m.wasmMemorySize(), m.stableMemorySize(),
                m.certifiedData(), Optional.empty(), Optional.of(LowWasmMemoryHookStatus.CONDITION_NOT_SATISFIED)))
                .snapshotId();
        // Upload in two pieces to exercise offsets.
        upload(target, uploaded, new DataOffset.WasmModule(0), java.util.Arrays.copyOfRange(module, 0, 3));
        upload(target, uploaded, new DataOffset.WasmModule(3), java.util.Arrays.copyOfRange(module, 3, module.length));
        upload(target, uploaded, new DataOffset.WasmMemory(0), heap);
        upload(target, uploaded, new DataOffset.StableMemory(0), stable);
        upload(target, uploaded, new DataOffset.WasmChunk(), chunk);
        r.mgmt.loadCanisterSnapshot(ALICE, new LoadSnapshotArgs(target, uploaded, OptionalLong.empty()));

        assertEquals(Snapshot.Source.METADATA_UPLOAD,
                r.mgmt.readCanisterSnapshotMetadata(ALICE, new SnapshotRef(target, uploaded)).source());
        assertArrayEquals(r.canister(source).moduleHash().orElseThrow(), r.canister(target).moduleHash().orElseThrow());
        assertArrayEquals(r.instanceState(source).wasmMemory(), r.instanceState(target).wasmMemory());
        assertArrayEquals(r.instanceState(source).stableMemory(), r.instanceState(target).stableMemory());
        assertArrayEquals(r.instanceState(source).certifiedData(), r.instanceState(target).certifiedData());
        assertEquals(1, r.mgmt.storedChunks(ALICE, new CanisterIdArgs(target)).size());
    }

    @Test
    void uploadedTimerIsAppliedOnLoad() throws IcReject {
        Principal source = r.createWith("module-src");
        Principal target = r.create();
        byte[] module = FakeWasmModule.module("module-src");
        byte[] uploaded = r.mgmt.uploadCanisterSnapshotMetadata(ALICE, new UploadSnapshotMetadataArgs(target,
                Optional.empty(), module.length, java.util.List.of(), 0, 0, new byte[0],
                Optional.of(GlobalTimer.active(1234)), Optional.empty())).snapshotId();
        upload(target, uploaded, new DataOffset.WasmModule(0), module);

        r.mgmt.loadCanisterSnapshot(ALICE, new LoadSnapshotArgs(target, uploaded, OptionalLong.empty()));

        assertEquals(OptionalLong.of(1234), r.instanceState(target).globalTimer());
        assertTrue(r.canister(source).instance().isPresent());
    }

    @Test
    void incompleteUploadFailsToLoadLikeAnInvalidModule() throws IcReject {
        Principal target = r.create();
        byte[] uploaded = r.mgmt.uploadCanisterSnapshotMetadata(ALICE, new UploadSnapshotMetadataArgs(target,
                Optional.empty(), 3, java.util.List.of(), 0, 0, new byte[0], Optional.empty(), Optional.empty()))
                .snapshotId();
        upload(target, uploaded, new DataOffset.WasmModule(0), "BAD".getBytes(StandardCharsets.UTF_8));

        IcReject e = assertThrows(IcReject.class,
                () -> r.mgmt.loadCanisterSnapshot(ALICE, new LoadSnapshotArgs(target, uploaded, OptionalLong.empty())));

        assertEquals("IC0505", e.errorCode());
        assertTrue(r.canister(target).instance().isEmpty());
    }

    @Test
    void uploadBeyondTheDeclaredSizeIsRefused() throws IcReject {
        Principal target = r.create();
        byte[] uploaded = r.mgmt.uploadCanisterSnapshotMetadata(ALICE, new UploadSnapshotMetadataArgs(target,
                Optional.empty(), 4, java.util.List.of(), 0, 0, new byte[0], Optional.empty(), Optional.empty()))
                .snapshotId();

        IcReject e = assertThrows(IcReject.class,
                () -> upload(target, uploaded, new DataOffset.WasmModule(2), new byte[3]));

        assertEquals("IC0408", e.errorCode());
        assertEquals("Invalid subslice into wasm module / main memory / stable memory: offset: 2, size: 3", e.getMessage());
    }

    @Test
    void takenSnapshotsAreImmutable() throws IcReject {
        Principal id = r.createWith("m1");
        byte[] sid = r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id)).id();

        IcReject e = assertThrows(IcReject.class, () -> upload(id, sid, new DataOffset.WasmModule(0), new byte[1]));

        assertEquals("IC0409", e.errorCode());
        assertEquals("Only canister snapshots created by metadata upload can be mutated.", e.getMessage());
    }

    @Test
    void metadataUploadCountsTowardsTheLimitAndCanReplace() throws IcReject {
        Principal id = r.createWith("m1");
        byte[] first = r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id)).id();
        for (int i = 1; i < 10; i++) {
            r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id));
        }
        UploadSnapshotMetadataArgs plain = new UploadSnapshotMetadataArgs(id, Optional.empty(), 1, java.util.List.of(),
                0, 0, new byte[0], Optional.empty(), Optional.empty());

        assertEquals("IC0406", assertThrows(IcReject.class,
                () -> r.mgmt.uploadCanisterSnapshotMetadata(ALICE, plain)).errorCode());

        UploadSnapshotMetadataArgs replacing = new UploadSnapshotMetadataArgs(id, Optional.of(first), 1,
                java.util.List.of(), 0, 0, new byte[0], Optional.empty(), Optional.empty());
        r.mgmt.uploadCanisterSnapshotMetadata(ALICE, replacing);
        assertEquals(10, r.mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id)).size());
    }

    private byte[] read(Principal id, byte[] sid, DataKind kind) throws IcReject {
        return r.mgmt.readCanisterSnapshotData(ALICE, new ReadSnapshotDataArgs(id, sid, kind)).chunk();
    }

    private void upload(Principal id, byte[] sid, DataOffset kind, byte[] chunk) throws IcReject {
        r.mgmt.uploadCanisterSnapshotData(ALICE, new UploadSnapshotDataArgs(id, sid, kind, chunk));
    }
}
