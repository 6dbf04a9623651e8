package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.ic.SnapshotMetadata;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestIdentities;
import io.github.icmaven.testcanisters.TestReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Download and upload of snapshots against the embedded replica, each test on its own canister. */
@Timeout(300)
class SnapshotBackupTest {
    /** 64 pages of 64 KiB: 4 MiB of stable memory, three slices. */
    private static final int STABLE_PAGES = 64;
    private static final String READ_DATA = "read_canister_snapshot_data";

    private static TestReplica ic;
    private static IcCaller caller;
    private static ManagementCanisterClient client;

    @BeforeAll
    static void startReplica() throws Exception {
        ic = TestReplica.start(TestIdentities.newEd25519());
        caller = ic.caller();
        client = ic.client();
    }

    @AfterAll
    static void stopReplica() throws Exception {
        if (ic != null) {
            ic.close();
        }
    }

    @Test
    void downloadDeleteUploadLoadGivesBackTheSameState(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithState();
        byte[] chunk = "a chunk kept in the chunk store".getBytes();
        client.uploadChunk(canister, chunk);
        long counter = counter(canister);
        long checksum = stableChecksum(canister);
        SnapshotId snapshot = takeSnapshot(canister);

        AtomicLong plannedBytes = new AtomicLong();
        AtomicLong transferredBytes = new AtomicLong();
        TransferListener listener = new TransferListener() {
            @Override
            public void planned(long totalBytes, long alreadyDoneBytes, int parts, int alreadyDoneParts) {
                plannedBytes.set(totalBytes);
            }

            @Override
            public void transferred(String file, long offset, long bytes) {
                transferredBytes.addAndGet(bytes);
            }
        };
        Path backup = tmp.resolve("backup");
        SnapshotMetadata metadata = new SnapshotDownloader(client, 4, listener).download(canister, snapshot, backup);
        assertTrue(metadata.stableMemorySize() >= STABLE_PAGES * 65536L, "stable memory " + metadata.stableMemorySize());
        assertEquals(metadata.stableMemorySize(), Files.size(backup.resolve("stable_memory.bin")));
        assertEquals(metadata.wasmModuleSize(), Files.size(backup.resolve("wasm_module.bin")));
        assertArrayEquals(TestCanisters.counterV1(), Files.readAllBytes(backup.resolve("wasm_module.bin")));
        assertArrayEquals(chunk, Files.readAllBytes(backup.resolve(BackupDirectory.chunkFileName(sha256(chunk)))));
        assertTrue(Files.exists(backup.resolve(BackupDirectory.MANIFEST_FILE)));
        assertFalse(Files.exists(backup.resolve(DownloadProgress.FILE_NAME)), "progress record left behind");
        long blobBytes = metadata.wasmModuleSize() + metadata.wasmMemorySize() + metadata.stableMemorySize();
        assertEquals(blobBytes, plannedBytes.get());
        assertEquals(blobBytes + chunk.length, transferredBytes.get());

        client.deleteCanisterSnapshot(canister, snapshot);
        assertTrue(client.listCanisterSnapshots(canister).isEmpty());
        client.startCanister(canister);
        client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        // The pattern depends only on the address: growing is what changes the checksum.
        client.callUpdate(canister, "fill_stable", TestCanisters.encodeNat32(STABLE_PAGES + 8));
        client.clearChunkStore(canister);
        assertNotEquals(checksum, stableChecksum(canister));

        client.stopCanister(canister);
        SnapshotId uploaded = new SnapshotUploader(client).upload(canister, backup, Optional.empty(), true);
        client.startCanister(canister);
        assertEquals(List.of(uploaded), client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::id).toList());
        assertEquals(counter, counter(canister));
        assertEquals(checksum, stableChecksum(canister));
        assertEquals(1, client.storedChunks(canister).size());
    }

    @Test
    void uploadCanReplaceASnapshot(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithState();
        SnapshotId snapshot = takeSnapshot(canister);
        new SnapshotDownloader(client).download(canister, snapshot, tmp);
        SnapshotId replacement = new SnapshotUploader(client).upload(canister, tmp, Optional.of(snapshot), false);
        assertEquals(List.of(replacement), client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::id).toList());
    }

    @Test
    void aFailedUploadLeavesNoPartialSnapshot(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithBackupIn(tmp);
        List<SnapshotId> before = client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::id).toList();

        CountingCalls dropping = CountingCalls.failingAfter(caller, "upload_canister_snapshot_data", 1);
        assertThrows(io.github.icmaven.core.ic.IcCallException.class, () ->
                new SnapshotUploader(new ManagementCanisterClient(dropping), 1, TransferListener.NONE)
                        .upload(canister, tmp, Optional.empty(), false));
        assertEquals(1, dropping.succeeded("upload_canister_snapshot_metadata"), "the upload had started");
        assertEquals(before, client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::id).toList());
    }

    @Test
    void interruptedDownloadResumesWithoutRereadingFinishedSlices(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithState();
        SnapshotId snapshot = takeSnapshot(canister);

        CountingCalls complete = CountingCalls.counting(caller);
        Path reference = tmp.resolve("reference");
        new SnapshotDownloader(new ManagementCanisterClient(complete)).download(canister, snapshot, reference);
        int allReads = complete.succeeded(READ_DATA);
        assertTrue(allReads >= 5, "a snapshot of several slices, got " + allReads + " reads");

        int finishedBeforeTheDrop = 2;
        CountingCalls dropping = CountingCalls.failingAfter(caller, READ_DATA, finishedBeforeTheDrop);
        Path interrupted = tmp.resolve("interrupted");
        assertThrows(io.github.icmaven.core.ic.IcCallException.class, () ->
                new SnapshotDownloader(new ManagementCanisterClient(dropping), 1, TransferListener.NONE)
                        .download(canister, snapshot, interrupted));
        assertEquals(finishedBeforeTheDrop, dropping.succeeded(READ_DATA));
        assertTrue(Files.exists(interrupted.resolve(DownloadProgress.FILE_NAME)));
        assertFalse(Files.exists(interrupted.resolve(BackupDirectory.MANIFEST_FILE)), "an unfinished backup has no manifest");
        CountingCalls uploadCalls = CountingCalls.counting(caller);
        BackupIntegrityException unfinished = assertThrows(BackupIntegrityException.class, () ->
                new SnapshotUploader(new ManagementCanisterClient(uploadCalls)).upload(canister, interrupted, Optional.empty(), false));
        assertTrue(unfinished.getMessage().contains("unfinished download"), unfinished.getMessage());
        assertEquals(0, uploadCalls.total());

        CountingCalls resumed = CountingCalls.counting(caller);
        AtomicLong alreadyDone = new AtomicLong(-1);
        new SnapshotDownloader(new ManagementCanisterClient(resumed), 4, new TransferListener() {
            @Override
            public void planned(long totalBytes, long alreadyDoneBytes, int parts, int alreadyDoneParts) {
                alreadyDone.set(alreadyDoneBytes);
            }
        }).download(canister, snapshot, interrupted);
        assertEquals(allReads - finishedBeforeTheDrop, resumed.succeeded(READ_DATA));
        assertEquals(0, resumed.succeeded("read_canister_snapshot_metadata"), "metadata comes from the earlier run");
        assertTrue(alreadyDone.get() > 0, "resumed run reports the bytes it kept: " + alreadyDone.get());
        assertEquals(Files.readString(reference.resolve(BackupDirectory.MANIFEST_FILE)),
                Files.readString(interrupted.resolve(BackupDirectory.MANIFEST_FILE)));
    }

    @Test
    void aDirectoryOfAnotherSnapshotIsNotResumed(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithState();
        SnapshotId first = takeSnapshot(canister);
        CountingCalls dropping = CountingCalls.failingAfter(caller, READ_DATA, 1);
        assertThrows(io.github.icmaven.core.ic.IcCallException.class, () ->
                new SnapshotDownloader(new ManagementCanisterClient(dropping), 1, TransferListener.NONE)
                        .download(canister, first, tmp));
        SnapshotId second = client.takeCanisterSnapshot(canister, Optional.empty()).id();
        BackupIntegrityException refused = assertThrows(BackupIntegrityException.class,
                () -> new SnapshotDownloader(client).download(canister, second, tmp));
        assertTrue(refused.getMessage().contains("another snapshot"), refused.getMessage());
    }

    @Test
    void aCorruptedFileIsRefusedBeforeAnythingIsUploaded(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithBackupIn(tmp);
        try (RandomAccessFile stable = new RandomAccessFile(tmp.resolve("stable_memory.bin").toFile(), "rw")) {
            stable.seek(3_000_000);
            int b = stable.read();
            stable.seek(3_000_000);
            stable.write(b ^ 0x01);
        }

        CountingCalls counting = CountingCalls.counting(caller);
        BackupIntegrityException refused = assertThrows(BackupIntegrityException.class,
                () -> new SnapshotUploader(new ManagementCanisterClient(counting)).upload(canister, tmp, Optional.empty(), false));
        assertTrue(refused.getMessage().contains("stable_memory.bin"), refused.getMessage());
        assertEquals(0, counting.total(), "calls made before the refusal");
        assertEquals(1, client.listCanisterSnapshots(canister).size());
    }

    @Test
    void aTruncatedFileIsRefusedBeforeAnythingIsUploaded(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithBackupIn(tmp);
        try (RandomAccessFile memory = new RandomAccessFile(tmp.resolve("wasm_memory.bin").toFile(), "rw")) {
            memory.setLength(memory.length() - 1);
        }
        CountingCalls counting = CountingCalls.counting(caller);
        BackupIntegrityException refused = assertThrows(BackupIntegrityException.class,
                () -> new SnapshotUploader(new ManagementCanisterClient(counting)).upload(canister, tmp, Optional.empty(), false));
        assertTrue(refused.getMessage().contains("wasm_memory.bin"), refused.getMessage());
        assertEquals(0, counting.total());
    }

    // ---- helpers ----

    /** A running counter canister with a count of 3 and 4 MiB of patterned stable memory. */
    private static Principal canisterWithState() throws Exception {
        return ic.counterWithState(3, STABLE_PAGES);
    }

    /** A canister with state, a snapshot of it, and that snapshot downloaded into {@code directory}. */
    private static Principal canisterWithBackupIn(Path directory) throws Exception {
        Principal canister = canisterWithState();
        new SnapshotDownloader(client).download(canister, takeSnapshot(canister), directory);
        return canister;
    }

    /** Stops the canister (snapshots need it) and takes a snapshot; the canister stays stopped. */
    private static SnapshotId takeSnapshot(Principal canister) throws Exception {
        client.stopCanister(canister);
        return client.takeCanisterSnapshot(canister, Optional.empty()).id();
    }

    private static long counter(Principal canister) throws Exception {
        return ic.counter(canister);
    }

    private static long stableChecksum(Principal canister) throws Exception {
        return ic.stableChecksum(canister);
    }

    static byte[] sha256(byte[] data) {
        return BackupDirectory.newSha256().digest(data);
    }
}
