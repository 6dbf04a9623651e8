package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.testcanisters.TestCanisters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
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
    private static EmbeddedReplica replica;
    private static IcpCli icp;
    private static IcCaller caller;
    private static ManagementCanisterClient client;

    @BeforeAll
    static void start() throws Exception {
        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral());
        icp = IcpCli.setUp(work, replica.url());
        caller = IcCaller.connect(IcNetwork.resolve(replica.url().toString()), icp.identity().identity());
        client = new ManagementCanisterClient(caller);
    }

    @AfterAll
    static void stop() throws Exception {
        if (caller != null) {
            caller.close();
        }
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void ourDownloadIsUploadedByIcpCli(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithState();
        long counter = counter(canister);
        long checksum = stableChecksum(canister);
        client.stopCanister(canister);
        SnapshotId snapshot = client.takeCanisterSnapshot(canister, Optional.empty()).id();
        new SnapshotDownloader(client).download(canister, snapshot, tmp);
        client.deleteCanisterSnapshot(canister, snapshot);
        changeState(canister, checksum);

        icp.onNetwork("canister", "snapshot", "upload", canister.toText(), "-i", tmp.toString(), "-q");
        List<SnapshotInfo> snapshots = client.listCanisterSnapshots(canister);
        assertEquals(1, snapshots.size(), "icp created one snapshot");
        client.stopCanister(canister);
        client.loadCanisterSnapshot(canister, snapshots.get(0).id());
        client.startCanister(canister);
        assertEquals(counter, counter(canister));
        assertEquals(checksum, stableChecksum(canister));
    }

    @Test
    void icpCliDownloadIsUploadedByUs(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithState();
        long counter = counter(canister);
        long checksum = stableChecksum(canister);
        client.stopCanister(canister);
        SnapshotId snapshot = client.takeCanisterSnapshot(canister, Optional.empty()).id();
        Path download = tmp.resolve("icp-download");
        icp.onNetwork("canister", "snapshot", "download", canister.toText(), snapshot.toHex(), "-o", download.toString());
        assertFalse(Files.exists(download.resolve(BackupDirectory.MANIFEST_FILE)), "icp writes no manifest");
        client.deleteCanisterSnapshot(canister, snapshot);
        changeState(canister, checksum);

        client.stopCanister(canister);
        new SnapshotUploader(client).upload(canister, download, Optional.empty(), true);
        client.startCanister(canister);
        assertEquals(counter, counter(canister));
        assertEquals(checksum, stableChecksum(canister));
    }

    @Test
    void metadataJsonIsByteForByteIcpClis(@TempDir Path tmp) throws Exception {
        Principal canister = canisterWithState();
        client.uploadChunk(canister, new byte[] {1, 2, 3});
        client.stopCanister(canister);
        SnapshotId snapshot = client.takeCanisterSnapshot(canister, Optional.empty()).id();
        Path theirs = tmp.resolve("icp");
        Path ours = tmp.resolve("ours");
        icp.onNetwork("canister", "snapshot", "download", canister.toText(), snapshot.toHex(), "-o", theirs.toString());
        new SnapshotDownloader(client).download(canister, snapshot, ours);
        assertEquals(Files.readString(theirs.resolve("metadata.json")).strip(),
                Files.readString(ours.resolve("metadata.json")).strip());
        for (String blob : List.of("wasm_module.bin", "wasm_memory.bin", "stable_memory.bin",
                BackupDirectory.chunkFileName(SnapshotBackupTest.sha256(new byte[] {1, 2, 3})))) {
            assertEquals(-1L, Files.mismatch(theirs.resolve(blob), ours.resolve(blob)), blob);
        }
    }

    private static Principal canisterWithState() throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(BigInteger.TEN.pow(13)),
                Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        client.callUpdate(canister, "fill_stable", TestCanisters.encodeNat32(STABLE_PAGES));
        return canister;
    }

    /** Runs the canister and moves counter and stable memory away from the snapshot's. */
    private static void changeState(Principal canister, long checksum) throws Exception {
        client.startCanister(canister);
        client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        client.callUpdate(canister, "fill_stable", TestCanisters.encodeNat32(STABLE_PAGES + 5));
        assertNotEquals(checksum, stableChecksum(canister));
        assertTrue(client.listCanisterSnapshots(canister).isEmpty());
    }

    private static long counter(Principal canister) throws Exception {
        return TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty()));
    }

    private static long stableChecksum(Principal canister) throws Exception {
        return TestCanisters.decodeNat64(client.callQuery(canister, "stable_checksum", TestCanisters.encodeEmpty()));
    }
}
