package io.github.icmaven.replica.management;

import static io.github.icmaven.replica.management.Replica.ALICE;
import static io.github.icmaven.replica.management.Replica.BOB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CanisterState;
import io.github.icmaven.replica.execution.Global;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.UploadChunkArgs;
import io.github.icmaven.replica.management.SnapshotArgs.LoadSnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotInfo;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotRef;
import io.github.icmaven.replica.management.SnapshotArgs.TakeSnapshotArgs;
import io.github.icmaven.replica.state.Sha256;
import io.github.icmaven.replica.state.SnapshotId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    private final Replica r = new Replica();

    @Test
    void snapshotIdIsBigEndianCounterFollowedByCanisterId() throws IcReject {
        Principal id = r.createWith("m1");

        SnapshotInfo first = take(id);
        SnapshotInfo second = take(id);

        byte[] expected = ByteBuffer.allocate(18).putLong(0).put(id.bytes()).array();
        assertArrayEquals(expected, first.id());
        assertEquals(1, ByteBuffer.wrap(second.id()).getLong());
        assertEquals(id + "-1", SnapshotId.fromBytes(second.id()).toString());
        assertEquals(r.clock.get(), first.takenAtTimestamp());
    }

    @Test
    void runningCanisterMayBeSnapshotted() throws IcReject {
        Principal id = r.createWith("m1");

        take(id);

        assertEquals(1, r.mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id)).size());
    }

    @Test
    void emptyCanisterCannotBeSnapshotted() throws IcReject {
        Principal id = r.create();

        IcReject e = assertThrows(IcReject.class, () -> take(id));

        assertEquals(RejectCode.CANISTER_REJECT, e.rejectCode());
        assertEquals("IC0406", e.errorCode());
        assertEquals("Failed to create snapshot for empty canister " + id + ":", e.getMessage());
    }

    @Test
    void eleventhSnapshotIsRefusedWithTheReplicaText() throws IcReject {
        Principal id = r.createWith("m1");
        for (int i = 0; i < 10; i++) {
            take(id);
        }

        IcReject e = assertThrows(IcReject.class, () -> take(id));

        assertEquals("IC0406", e.errorCode());
        assertTrue(e.getMessage().startsWith(
                "Canister " + id + " has reached the maximum number of snapshots allowed: 10.\n"), e.getMessage());
        assertEquals(10, r.mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id)).size());
    }

    @Test
    void replaceWorksAtTheLimitAndDeletesTheOldOneOnlyOnSuccess() throws IcReject {
        Principal id = r.createWith("m1");
        SnapshotInfo oldest = take(id);
        for (int i = 1; i < 10; i++) {
            take(id);
        }

        SnapshotInfo replacement = r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.replacing(id, oldest.id()));

        List<SnapshotInfo> listed = r.mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id));
        assertEquals(10, listed.size());
        assertTrue(listed.stream().noneMatch(s -> java.util.Arrays.equals(s.id(), oldest.id())));
        assertTrue(listed.stream().anyMatch(s -> java.util.Arrays.equals(s.id(), replacement.id())));
        assertEquals(10, ByteBuffer.wrap(replacement.id()).getLong());
    }

    @Test
    void failedReplaceKeepsTheOldSnapshot() throws IcReject {
        Principal id = r.createWith("m1");
        SnapshotInfo old = take(id);
        r.mgmt.uninstallCode(ALICE, new CanisterArgs.UninstallCodeArgs(id, OptionalLong.empty()));

        assertThrows(IcReject.class, () -> r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.replacing(id, old.id())));

        assertEquals(1, r.mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id)).size());
    }

    @Test
    void replacingAnUnknownSnapshotIsIc0305() throws IcReject {
        Principal id = r.createWith("m1");
        byte[] unknown = new SnapshotId(id, 7).bytes();

        IcReject e = assertThrows(IcReject.class,
                () -> r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.replacing(id, unknown)));

        assertEquals(RejectCode.DESTINATION_INVALID, e.rejectCode());
        assertEquals("IC0305", e.errorCode());
        assertEquals("Could not find the snapshot ID " + id + "-7 for canister " + id + ".\n"
                + "Use the `list_canister_snapshot` API to see which snapshots are present. See documentation: "
                + "http://internetcomputer.org/docs/current/references/execution-errors#canister-snapshot-not-found",
                e.getMessage());
        assertTrue(r.mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id)).isEmpty());
    }

    @Test
    void anotherCanistersSnapshotIsIc0406ForReplaceAndDelete() throws IcReject {
        Principal mine = r.createWith("m1");
        Principal other = r.createWith("m2");
        SnapshotInfo foreign = take(other);

        IcReject replace = assertThrows(IcReject.class,
                () -> r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.replacing(mine, foreign.id())));
        IcReject delete = assertThrows(IcReject.class,
                () -> r.mgmt.deleteCanisterSnapshot(ALICE, new SnapshotRef(mine, foreign.id())));

        assertEquals("IC0406", replace.errorCode());
        assertTrue(delete.getMessage().startsWith(
                "The snapshot " + other + "-0 does not belong to canister " + mine + ".\n"), delete.getMessage());
    }

    @Test
    void loadRestoresModuleMemoriesGlobalsCertifiedDataAndChunksAndBumpsVersion() throws IcReject {
        Principal id = r.createWith("m1");
        r.update(id, "set_heap", "before");
        r.update(id, "set_stable", "stable-before");
        r.update(id, "certify", "cert-1");
        r.update(id, "set_global", "\u0005");
        byte[] chunk = r.mgmt.uploadChunk(ALICE, new UploadChunkArgs(id, new byte[] {1, 2})).hash();
        SnapshotInfo snapshot = take(id);

        r.install(id, InstallMode.REINSTALL, "m2");
        r.update(id, "set_heap", "after!");
        r.update(id, "certify", "cert-2");
        r.mgmt.clearChunkStore(ALICE, new CanisterIdArgs(id));
        long versionBeforeLoad = r.canister(id).version();

        r.mgmt.loadCanisterSnapshot(ALICE, new LoadSnapshotArgs(id, snapshot.id(), OptionalLong.empty()));

        CanisterState s = r.instanceState(id);
        assertArrayEquals(Sha256.of(FakeWasmModule.module("m1")), r.canister(id).moduleHash().orElseThrow());
        assertEquals("before", r.heapPrefix(id, 6));
        assertEquals("stable-before", new String(s.stableMemory(), 0, 13, StandardCharsets.UTF_8));
        assertArrayEquals("cert-1".getBytes(StandardCharsets.UTF_8), s.certifiedData());
        assertEquals(List.of(new Global(Global.Type.I32, 5)), s.globals());
        assertEquals(1, r.canister(id).chunkStore().size());
        assertTrue(r.canister(id).chunkStore().contains(io.github.icmaven.replica.state.ChunkHash.of(chunk)));
        assertEquals(versionBeforeLoad + 1, r.canister(id).version());
    }

    @Test
    void loadOfATakenSnapshotKeepsTheCurrentTimer() throws IcReject {
        Principal id = r.createWith("m1");
        SnapshotInfo snapshot = take(id);
        r.calls.ingress(ALICE, id, "set_timer", ByteBuffer.allocate(8).putLong(99).array());

        r.mgmt.loadCanisterSnapshot(ALICE, new LoadSnapshotArgs(id, snapshot.id(), OptionalLong.empty()));

        assertEquals(OptionalLong.of(99), r.instanceState(id).globalTimer());
    }

    @Test
    void loadOfAnUnknownSnapshotIsIc0305AndChangesNothing() throws IcReject {
        Principal id = r.createWith("m1");
        long version = r.canister(id).version();

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.loadCanisterSnapshot(ALICE,
                new LoadSnapshotArgs(id, new SnapshotId(id, 3).bytes(), OptionalLong.empty())));

        assertEquals("IC0305", e.errorCode());
        assertEquals(version, r.canister(id).version());
    }

    @Test
    void loadingAnotherCanistersSnapshotNeedsControlOfBoth() throws IcReject {
        Principal source = r.createWith("m-source");
        SnapshotInfo snapshot = take(source);
        Principal bobs = r.mgmt.provisionalCreateCanisterWithCycles(BOB, CanisterArgs.ProvisionalCreateArgs.defaults())
                .canisterId();

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.loadCanisterSnapshot(BOB,
                new LoadSnapshotArgs(bobs, snapshot.id(), OptionalLong.empty())));
        assertEquals("IC0406", e.errorCode());
        assertEquals("Only a controller of the canister that snapshot " + source + "-0 belongs to can load it on canister "
                + bobs + ". Sender: " + BOB + ".", e.getMessage());

        Principal alices = r.create();
        r.mgmt.loadCanisterSnapshot(ALICE, new LoadSnapshotArgs(alices, snapshot.id(), OptionalLong.empty()));
        assertArrayEquals(Sha256.of(FakeWasmModule.module("m-source")), r.canister(alices).moduleHash().orElseThrow());
    }

    @Test
    void onlyControllersTakeLoadListAndDelete() throws IcReject {
        Principal id = r.createWith("m1");
        SnapshotInfo snapshot = take(id);

        assertEquals("IC0512", assertThrows(IcReject.class,
                () -> r.mgmt.takeCanisterSnapshot(BOB, TakeSnapshotArgs.of(id))).errorCode());
        assertEquals("IC0512", assertThrows(IcReject.class, () -> r.mgmt.loadCanisterSnapshot(BOB,
                new LoadSnapshotArgs(id, snapshot.id(), OptionalLong.empty()))).errorCode());
        assertEquals("IC0512", assertThrows(IcReject.class,
                () -> r.mgmt.listCanisterSnapshots(BOB, new CanisterIdArgs(id))).errorCode());
        assertEquals("IC0512", assertThrows(IcReject.class,
                () -> r.mgmt.deleteCanisterSnapshot(BOB, new SnapshotRef(id, snapshot.id()))).errorCode());
    }

    @Test
    void deleteRemovesTheSnapshotAndCountersDoNotReuseIds() throws IcReject {
        Principal id = r.createWith("m1");
        SnapshotInfo first = take(id);

        r.mgmt.deleteCanisterSnapshot(ALICE, new SnapshotRef(id, first.id()));
        SnapshotInfo next = take(id);

        assertEquals(1, ByteBuffer.wrap(next.id()).getLong());
        assertEquals(1, r.mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id)).size());
        assertEquals("IC0305", assertThrows(IcReject.class,
                () -> r.mgmt.deleteCanisterSnapshot(ALICE, new SnapshotRef(id, first.id()))).errorCode());
    }

    @Test
    void takeWithUninstallCodeEmptiesTheCanisterAfterTheSnapshotExists() throws IcReject {
        Principal id = r.createWith("m1");

        r.mgmt.takeCanisterSnapshot(ALICE,
                new TakeSnapshotArgs(id, Optional.empty(), Optional.of(true), OptionalLong.empty()));

        assertTrue(r.canister(id).instance().isEmpty());
        assertEquals(1, r.mgmt.listCanisterSnapshots(ALICE, new CanisterIdArgs(id)).size());
    }

    @Test
    void totalSizeCountsModuleAndMemories() throws IcReject {
        Principal id = r.createWith("m1");
        r.update(id, "set_stable", "s");

        SnapshotInfo info = take(id);

        assertEquals(2 + FakeEngine.PAGE + FakeEngine.PAGE, info.totalSize());
    }

    private SnapshotInfo take(Principal id) throws IcReject {
        return r.mgmt.takeCanisterSnapshot(ALICE, TakeSnapshotArgs.of(id));
    }
}
