package io.github.icmaven.replica.state;

import static io.github.icmaven.replica.management.Replica.ALICE;
import static io.github.icmaven.replica.management.Replica.BOB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.execution.CanisterState;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.UpdateSettingsArgs;
import io.github.icmaven.replica.management.CanisterArgs.UploadChunkArgs;
import io.github.icmaven.replica.management.FakeEngine;
import io.github.icmaven.replica.management.FakeWasmModule;
import io.github.icmaven.replica.management.Replica;
import io.github.icmaven.replica.management.SettingsUpdate;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotMetadata;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotRef;
import io.github.icmaven.replica.management.SnapshotArgs.TakeSnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotMetadataArgs;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaStoreTest {
    @TempDir
    Path dir;

    private final Replica r = new Replica();
    private final ReplicaStore store = new ReplicaStore(new FakeEngine(), FakeWasmModule::decode);

    @Test
    void roundTripKeepsCanistersCodeMemoriesSnapshotsChunksAndCounters() throws Exception {
        Principal id = r.createWith("module-1");
        r.update(id, "set_heap", "heap");
        r.update(id, "set_stable", "stable");
        r.update(id, "certify", "cert");
        r.calls.ingress(ALICE, id, "set_timer", ByteBuffer.allocate(8).putLong(77).array());
        r.mgmt.updateSettings(ALICE, new UpdateSettingsArgs(id,
                SettingsUpdate.controllersOnly(List.of(ALICE, BOB)).withFreezingThreshold(BigInteger.TWO),
                java.util.OptionalLong.empty()));
        r.mgmt.uploadChunk(ALICE, new UploadChunkArgs(id, new byte[] {1, 2, 3}));
        byte[] taken = r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id)).id();
        byte[] uploaded = r.mgmt.uploadCanisterSnapshotMetadata(ALICE, new UploadSnapshotMetadataArgs(id,
                Optional.empty(), 2, List.of(), 0, 0, new byte[] {7}, Optional.of(GlobalTimer.active(5)),
                Optional.empty())).snapshotId();
        r.stop(id);
        Principal empty = r.create();

        store.save(r.state, dir);
        ReplicaState loaded = store.load(dir, r.clock::get);

        Canister c = loaded.canister(id).orElseThrow();
        Canister original = r.canister(id);
        assertEquals(CanisterStatus.STOPPED, c.status());
        assertEquals(original.version(), c.version());
        assertEquals(List.of(ALICE, BOB), c.controllers());
        assertEquals(BigInteger.TWO, c.settings().freezingThreshold());
        assertEquals(original.cycles(), c.cycles());
        assertArrayEquals(original.moduleHash().orElseThrow(), c.moduleHash().orElseThrow());
        CanisterState before = original.instance().orElseThrow().state();
        CanisterState after = c.instance().orElseThrow().state();
        assertArrayEquals(before.wasmMemory(), after.wasmMemory());
        assertArrayEquals(before.stableMemory(), after.stableMemory());
        assertArrayEquals(before.certifiedData(), after.certifiedData());
        assertEquals(before.globals(), after.globals());
        assertEquals(before.globalTimer(), after.globalTimer());
        assertEquals(original.chunkStore().hashes(), c.chunkStore().hashes());
        assertEquals(original.nextSnapshotLocalId(), c.nextSnapshotLocalId());
        assertEquals(2, c.snapshotCount());
        assertTrue(loaded.canister(empty).orElseThrow().instance().isEmpty());
        assertEquals(r.state.nextCanisterIndex(), loaded.nextCanisterIndex());

        Snapshot takenAfter = c.snapshot(SnapshotId.fromBytes(taken).localId()).orElseThrow();
        Snapshot takenBefore = original.snapshot(SnapshotId.fromBytes(taken).localId()).orElseThrow();
        assertArrayEquals(takenBefore.wasmModule(), takenAfter.wasmModule());
        assertArrayEquals(takenBefore.wasmMemory(), takenAfter.wasmMemory());
        assertEquals(takenBefore.takenAtNanos(), takenAfter.takenAtNanos());
        assertEquals(takenBefore.globalTimer(), takenAfter.globalTimer());
        assertEquals(takenBefore.chunkStore().hashes(), takenAfter.chunkStore().hashes());
        Snapshot uploadedAfter = c.snapshot(SnapshotId.fromBytes(uploaded).localId()).orElseThrow();
        assertEquals(Snapshot.Source.METADATA_UPLOAD, uploadedAfter.source());
        assertEquals(Optional.of(GlobalTimer.active(5)), uploadedAfter.globalTimer());
        assertArrayEquals(new byte[] {7}, uploadedAfter.certifiedData());
    }

    @Test
    void loadedStateKeepsWorkingWithTheManagementCanister() throws Exception {
        Principal id = r.createWith("module-1");
        r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id));
        store.save(r.state, dir);

        ReplicaState loaded = store.load(dir, r.clock::get);
        var mgmt = new io.github.icmaven.replica.management.ManagementCanister(loaded, new FakeEngine(), FakeWasmModule::decode);
        byte[] next = mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id)).id();
        Principal created = mgmt.provisionalCreateCanisterWithCycles(ALICE,
                io.github.icmaven.replica.management.CanisterArgs.ProvisionalCreateArgs.defaults()).canisterId();

        assertEquals(1, SnapshotId.fromBytes(next).localId());
        assertEquals(Principal.canisterId(1), created);
        SnapshotMetadata m = mgmt.readCanisterSnapshotMetadata(ALICE, new SnapshotRef(id, next));
        assertEquals(8, m.wasmModuleSize());
        assertEquals(2, mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id)).size());
    }

    @Test
    void anUnfinishedSaveDoesNotReplaceThePreviousOne() throws Exception {
        Principal first = r.createWith("module-1");
        store.save(r.state, dir);
        // A crash mid-save leaves a partial "next" directory behind.
        Files.createDirectories(dir.resolve("next").resolve("canisters"));
        Files.writeString(dir.resolve("next").resolve("state.properties"), "garbage");

        ReplicaState loaded = store.load(dir, r.clock::get);

        assertEquals(List.of(first), loaded.canisters().stream().map(Canister::id).toList());
    }

    @Test
    void aCrashBetweenTheRenamesFallsBackToThePreviousSave() throws Exception {
        Principal first = r.createWith("module-1");
        store.save(r.state, dir);
        Files.move(dir.resolve("current"), dir.resolve("previous"));

        ReplicaState loaded = store.load(dir, r.clock::get);

        assertTrue(loaded.exists(first));
    }

    @Test
    void saveOverwritesTheLastSave() throws Exception {
        r.createWith("module-1");
        store.save(r.state, dir);
        Principal second = r.create();

        store.save(r.state, dir);

        assertTrue(store.load(dir, r.clock::get).exists(second));
        assertTrue(Files.notExists(dir.resolve("previous")));
        assertTrue(Files.notExists(dir.resolve("next")));
    }

    @Test
    void loadingFromAnEmptyDirectoryFails() {
        assertThrows(IOException.class, () -> store.load(dir, r.clock::get));
    }
}
