package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backups are interchangeable with icp-cli 1.5.0's {@code canister snapshot download/upload}, both ways,
 * against the embedded replica. icp and our client sign as the same identity, so both control the canister.
 */
@Timeout(600)
class IcpCliCompatibilityTest {
    private static final int STABLE_PAGES = 40;

    @TempDir
    static Path work;
    private static TestReplica ic;
    private static IcpCli icp;
    private static ManagementCanisterClient client;

    @BeforeAll
    static void start() throws Exception {
        icp = IcpCli.setUp(work);
        ic = TestReplica.start(icp.identity());
        client = ic.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ic != null) {
            ic.close();
        }
    }

    @Test
    void ourDownloadIsUploadedByIcpCli(@TempDir Path tmp) throws Exception {
        Principal canister = ic.counterWithState(2, STABLE_PAGES);
        State before = State.of(canister);
        SnapshotId snapshot = stopAndSnapshot(canister);
        new SnapshotDownloader(client).download(canister, snapshot, tmp);
        client.deleteCanisterSnapshot(canister, snapshot);
        changeState(canister, before);

        icp.onNetwork(ic.url(), "canister", "snapshot", "upload", canister.toText(), "-i", tmp.toString(), "-q");
        List<SnapshotInfo> snapshots = client.listCanisterSnapshots(canister);
        assertEquals(1, snapshots.size(), "icp created one snapshot");
        client.stopCanister(canister);
        client.loadCanisterSnapshot(canister, snapshots.get(0).id());
        client.startCanister(canister);
        assertEquals(before, State.of(canister));
    }

    @Test
    void icpCliDownloadIsUploadedByUs(@TempDir Path tmp) throws Exception {
        Principal canister = ic.counterWithState(2, STABLE_PAGES);
        State before = State.of(canister);
        SnapshotId snapshot = stopAndSnapshot(canister);
        Path download = tmp.resolve("icp-download");
        icp.onNetwork(ic.url(), "canister", "snapshot", "download", canister.toText(), snapshot.toHex(), "-o", download.toString());
        assertFalse(Files.exists(download.resolve(BackupDirectory.MANIFEST_FILE)), "icp writes no manifest");
        client.deleteCanisterSnapshot(canister, snapshot);
        changeState(canister, before);

        client.stopCanister(canister);
        new SnapshotUploader(client).upload(canister, download, Optional.empty(), true);
        client.startCanister(canister);
        assertEquals(before, State.of(canister));
    }

    @Test
    void metadataJsonIsByteForByteIcpClis(@TempDir Path tmp) throws Exception {
        Principal canister = ic.counterWithState(2, STABLE_PAGES);
        client.uploadChunk(canister, new byte[] {1, 2, 3});
        SnapshotId snapshot = stopAndSnapshot(canister);
        Path theirs = tmp.resolve("icp");
        Path ours = tmp.resolve("ours");
        icp.onNetwork(ic.url(), "canister", "snapshot", "download", canister.toText(), snapshot.toHex(), "-o", theirs.toString());
        new SnapshotDownloader(client).download(canister, snapshot, ours);
        assertEquals(Files.readString(theirs.resolve("metadata.json")).strip(),
                Files.readString(ours.resolve("metadata.json")).strip());
        for (String blob : List.of("wasm_module.bin", "wasm_memory.bin", "stable_memory.bin",
                BackupDirectory.chunkFileName(SnapshotBackupTest.sha256(new byte[] {1, 2, 3})))) {
            assertEquals(-1L, Files.mismatch(theirs.resolve(blob), ours.resolve(blob)), blob);
        }
    }

    /** What a user would compare after a restore: the counter on the heap and the stable memory. */
    private record State(long counter, long stableChecksum) {
        static State of(Principal canister) throws Exception {
            return new State(ic.counter(canister), ic.stableChecksum(canister));
        }
    }

    private static SnapshotId stopAndSnapshot(Principal canister) throws Exception {
        client.stopCanister(canister);
        return client.takeCanisterSnapshot(canister, Optional.empty()).id();
    }

    /** Runs the canister and moves counter and stable memory away from the snapshot's. */
    private static void changeState(Principal canister, State snapshot) throws Exception {
        client.startCanister(canister);
        client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        client.callUpdate(canister, "fill_stable", TestCanisters.encodeNat32(STABLE_PAGES + 5));
        assertNotEquals(snapshot.stableChecksum(), ic.stableChecksum(canister));
        assertTrue(client.listCanisterSnapshots(canister).isEmpty());
    }
}
