package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.backup.BackupDirectory;
import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Off-chain backups as the goals and the upgrade use them, against the embedded replica: judged by the
 * counter and stable memory read back, the module hash, the run state and the snapshot list.
 */
@Timeout(300)
class SnapshotBackupsIntegrationTest {
    /** 2.5 MiB of stable memory beyond page 0: two slices. */
    private static final int STABLE_PAGES = 40;

    @RegisterExtension
    static final TestReplica ic = new TestReplica();

    @TempDir
    Path temp;

    private final UpgradePipelineIntegrationTest.RecordingListener listener = new UpgradePipelineIntegrationTest.RecordingListener();

    @Test
    void downloadDeleteUploadAndLoadGivesBackTheState() throws Exception {
        Principal canister = canisterWithState();
        long counter = counter(canister);
        long checksum = stableChecksum(canister);
        Path backup = temp.resolve("backup");
        try (IcSession session = session(canister)) {
            CanisterOperations ops = new CanisterOperations(session, listener);
            SnapshotId older = ops.takeSnapshot().id();
            ic.client().callUpdate(canister, "inc", TestCanisters.encodeEmpty());
            SnapshotId newest = ops.takeSnapshot().id();

            ops.downloadSnapshot(null, backup, 4);
            assertEquals(counter + 1, counterIn(backup), "the newest snapshot is the default");
            ops.deleteSnapshot(older.toText());
            ops.deleteSnapshot(newest.toText());
            ic.client().callUpdate(canister, "inc", TestCanisters.encodeEmpty());
            ic.client().callUpdate(canister, "fill_stable", TestCanisters.encodeNat32(STABLE_PAGES + 8));
            assertNotEquals(checksum, stableChecksum(canister));

            SnapshotId uploaded = ops.uploadSnapshot(backup, null, true, 2);

            assertEquals(List.of(uploaded), snapshotIds(canister));
            assertEquals(counter + 1, counter(canister));
            assertEquals(checksum, stableChecksum(canister));
            assertEquals(CanisterRunStatus.RUNNING, ic.client().canisterStatus(canister).status());
            List<String> steps = listener.steps.stream().map(StepRecord::name).toList();
            assertEquals(List.of("upload", "stop", "restore", "start"), steps.subList(steps.size() - 4, steps.size()));
        }
    }

    @Test
    void aCorruptedBackupIsRefusedNamingTheFileBeforeAnythingIsSent() throws Exception {
        Principal canister = canisterWithState();
        long counter = counter(canister);
        Path backup = temp.resolve("backup");
        try (IcSession session = session(canister)) {
            CanisterOperations ops = new CanisterOperations(session, listener);
            SnapshotId snapshot = ops.takeSnapshot().id();
            ops.downloadSnapshot(snapshot.toText(), backup, 4);
            flipByte(backup.resolve("stable_memory.bin"), 1_000_000);

            InputException refused = assertThrows(InputException.class, () -> ops.uploadSnapshot(backup, null, true, 4));
            assertTrue(refused.getMessage().startsWith("<backupDirectory> (ic.backupDirectory): "), refused.getMessage());
            assertTrue(refused.getMessage().contains("stable_memory.bin does not match its SHA-256"), refused.getMessage());
            assertEquals(List.of(snapshot), snapshotIds(canister));
        }
        assertEquals(CanisterRunStatus.RUNNING, ic.client().canisterStatus(canister).status());
        assertEquals(counter, counter(canister));
    }

    @Test
    void atTheSnapshotLimitAnUploadMustReplaceOne() throws Exception {
        Principal canister = canisterWithState();
        Path backup = temp.resolve("backup");
        ic.client().stopCanister(canister);
        for (int i = 0; i < 10; i++) {
            ic.client().takeCanisterSnapshot(canister, Optional.empty());
        }
        ic.client().startCanister(canister);
        List<SnapshotId> before = snapshotIds(canister);
        try (IcSession session = session(canister)) {
            CanisterOperations ops = new CanisterOperations(session, listener);
            ops.downloadSnapshot(before.get(0).toText(), backup, 4);

            InputException full = assertThrows(InputException.class, () -> ops.uploadSnapshot(backup, null, false, 4));
            assertTrue(full.getMessage().startsWith("<replaceSnapshotId> (ic.replaceSnapshotId): "), full.getMessage());
            assertEquals(before, snapshotIds(canister));

            SnapshotId uploaded = ops.uploadSnapshot(backup, before.get(0).toText(), false, 4);
            List<SnapshotId> after = snapshotIds(canister);
            assertEquals(10, after.size());
            assertTrue(after.contains(uploaded) && !after.contains(before.get(0)), after.toString());
        }
    }

    @Test
    void withoutSnapshotsTheDownloadAsksForOne() throws Exception {
        Principal canister = canisterWithState();
        try (IcSession session = session(canister)) {
            InputException none = assertThrows(InputException.class,
                    () -> new CanisterOperations(session, listener).downloadSnapshot(null, temp.resolve("backup"), 4));
            assertTrue(none.getMessage().startsWith("<snapshotId> (ic.snapshotId): "), none.getMessage());
            assertTrue(none.getMessage().contains("has no snapshot"), none.getMessage());
        }
    }

    // ---- ic:upgrade with backupDirectory ----

    @Test
    void upgradeBacksUpThePreUpgradeSnapshotBeforeInstalling() throws Exception {
        Principal canister = canisterWithState();
        long counter = counter(canister);

        UpgradeResult result = upgrade(canister, false);

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(List.of("preflight", "stop", "snapshot", "backup", "install", "start", "verify", "health-check"),
                stepNames(result));
        Path backup = temp.resolve("backups").resolve(result.snapshotId());
        new BackupDirectory(backup).verify();
        assertArrayEquals(TestCanisters.counterV1(), Files.readAllBytes(backup.resolve("wasm_module.bin")));
        assertEquals(counter, counterIn(backup));
        ic.assertRuns(canister, TestCanisters.counterV2(), counter);
    }

    @Test
    void everyCanisterOfAGroupIsBackedUpInItsOwnDirectory() throws Exception {
        Principal first = canisterWithState();
        Principal second = canisterWithState();
        ic.client().callUpdate(second, "inc", TestCanisters.encodeEmpty());

        GroupResult result = new UpgradePipeline(listener, new IdentityLoader(temp), name -> null)
                .run(new GroupConfig(List.of(upgradeConfig(first, false), upgradeConfig(second, false)), null));

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        for (UpgradeResult canister : result.canisters()) {
            Path backup = temp.resolve("backups").resolve(canister.snapshotId());
            new BackupDirectory(backup).verify();
            assertEquals(counter(Principal.fromText(canister.canisterId())), counterIn(backup), canister.canister());
        }
    }

    @Test
    void aFailedBackupStopsTheUpgradeAndLeavesTheCanisterAsFound() throws Exception {
        Principal canister = canisterWithState();
        long counter = counter(canister);
        // The first snapshot of a canister is <canister>-0: a file in its place makes the download fail.
        Files.createDirectories(temp.resolve("backups"));
        Files.writeString(temp.resolve("backups").resolve(canister + "-0"), "in the way");

        UpgradeResult result = upgrade(canister, false);

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().contains("stopped before installing anything"), result.message());
        assertEquals(List.of("preflight", "stop", "snapshot", "backup"), stepNames(result));
        assertV1RunsWith(canister, counter);
    }

    @Test
    void aBackupNeedsTheSnapshotSkipSnapshotWouldOmit() throws Exception {
        Principal canister = canisterWithState();
        long counter = counter(canister);

        UpgradeResult result = upgrade(canister, true);

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().contains("<skipSnapshot> (ic.skipSnapshot)"), result.message());
        assertEquals(List.of("preflight"), stepNames(result));
        assertV1RunsWith(canister, counter);
        assertTrue(ic.client().listCanisterSnapshots(canister).isEmpty());
    }

    // ---- helpers ----

    private UpgradeResult upgrade(Principal canister, boolean skipSnapshot) {
        return new UpgradePipeline(listener, new IdentityLoader(temp), name -> null).run(upgradeConfig(canister, skipSnapshot));
    }

    private UpgradeConfig upgradeConfig(Principal canister, boolean skipSnapshot) {
        return ic.config(canister, TestCanisters.counterV2Path())
                .toBuilder().skipSnapshot(skipSnapshot)
                .backupDirectory(temp.resolve("backups")).build();
    }

    private static List<String> stepNames(UpgradeResult result) {
        return result.steps().stream().map(StepRecord::name).toList();
    }

    private IcSession session(Principal canister) throws InputException {
        return IcSession.open(ic.target(canister), new IdentityLoader(temp), name -> null);
    }

    /** A running counter-v1 canister with a count of 3 and 2.5 MiB of patterned stable memory. */
    private static Principal canisterWithState() throws Exception {
        Principal canister = ic.counterV1Canister(3);
        ic.client().callUpdate(canister, "fill_stable", TestCanisters.encodeNat32(STABLE_PAGES));
        return canister;
    }

    private static void assertV1RunsWith(Principal canister, long counter) throws Exception {
        ic.assertRuns(canister, TestCanisters.counterV1(), counter);
    }

    private static List<SnapshotId> snapshotIds(Principal canister) throws Exception {
        return ic.client().listCanisterSnapshots(canister).stream().map(SnapshotInfo::id).toList();
    }

    private static long counter(Principal canister) throws Exception {
        return ic.counter(canister);
    }

    private static long stableChecksum(Principal canister) throws Exception {
        return TestCanisters.decodeNat64(ic.client().callQuery(canister, "stable_checksum", TestCanisters.encodeEmpty()));
    }

    private static long counterIn(Path backup) throws Exception {
        return TestCanisters.counterInWasmMemory(backup.resolve("wasm_memory.bin"));
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
    }
}
