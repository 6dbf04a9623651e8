package io.github.icmaven.core.ic;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestIdentities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against the embedded replica: the calls of an upgrade, end to end over HTTP with real
 * signatures and certificates. Each test works on its own canister.
 */
@Timeout(120)
class ManagementCanisterClientIntegrationTest {
    private static final BigInteger CYCLES = BigInteger.TEN.pow(13);

    private static EmbeddedReplica replica;
    private static IcCaller controllerCaller;
    private static IcCaller strangerCaller;
    private static ManagementCanisterClient client;
    private static ManagementCanisterClient stranger;

    @BeforeAll
    static void startReplica() throws Exception {
        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral());
        IcNetwork network = IcNetwork.resolve(replica.url().toString());
        assertTrue(network.fetchesRootKey());
        controllerCaller = IcCaller.connect(network, TestIdentities.newEd25519().identity());
        strangerCaller = IcCaller.connect(network, TestIdentities.newEd25519().identity());
        client = new ManagementCanisterClient(controllerCaller);
        stranger = new ManagementCanisterClient(strangerCaller);
    }

    @AfterAll
    static void stopReplica() throws Exception {
        if (controllerCaller != null) {
            controllerCaller.close();
            strangerCaller.close();
        }
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void createInstallCallAndReadStatus() throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        CanisterStatus empty = client.canisterStatus(canister);
        assertEquals(CanisterRunStatus.RUNNING, empty.status());
        assertTrue(empty.moduleHash().isEmpty());
        assertTrue(empty.controllers().contains(client.sender()), empty.controllers().toString());

        byte[] v1 = TestCanisters.counterV1();
        client.installCode(canister, InstallMode.install(), v1, TestCanisters.encodeEmpty());
        assertArrayEquals(sha256(v1), client.canisterStatus(canister).moduleHash().orElseThrow());
        assertEquals(1, inc(canister));
        assertEquals(2, inc(canister));
        assertEquals(2, get(canister));
        assertTrue(!version(canister).isEmpty());
    }

    @Test
    void stopAndStart() throws Exception {
        Principal canister = counterV1Canister();
        client.stopCanister(canister);
        assertEquals(CanisterRunStatus.STOPPED, client.canisterStatus(canister).status());
        IcCallException stopped = assertThrows(IcCallException.class, () -> inc(canister));
        assertEquals(IcCallException.Kind.REJECTED, stopped.kind());
        assertEquals(Optional.of("IC0508"), stopped.errorCode(), stopped.getMessage());
        client.startCanister(canister);
        assertEquals(CanisterRunStatus.RUNNING, client.canisterStatus(canister).status());
        assertEquals(1, inc(canister));
    }

    @Test
    void snapshotTakeListLoadDelete() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        client.stopCanister(canister);
        SnapshotInfo snapshot = client.takeCanisterSnapshot(canister, Optional.empty());
        assertTrue(snapshot.textId().startsWith(canister.toText() + "-"), snapshot.textId());
        assertEquals(List.of(snapshot.id()), client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::id).toList());
        client.startCanister(canister);
        inc(canister);
        assertEquals(2, get(canister));

        client.stopCanister(canister);
        client.loadCanisterSnapshot(canister, snapshot.id());
        client.startCanister(canister);
        assertEquals(1, get(canister));

        client.stopCanister(canister);
        SnapshotInfo replacement = client.takeCanisterSnapshot(canister, Optional.of(snapshot.id()));
        assertEquals(List.of(replacement.id()), client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::id).toList());
        client.deleteCanisterSnapshot(canister, replacement.id());
        assertTrue(client.listCanisterSnapshots(canister).isEmpty());
        IcCallException gone = assertThrows(IcCallException.class,
                () -> client.loadCanisterSnapshot(canister, replacement.id()));
        assertEquals(Optional.of("IC0305"), gone.errorCode(), gone.getMessage());
    }

    @Test
    void snapshotMetadataAndDataCanBeRead() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        client.stopCanister(canister);
        SnapshotInfo snapshot = client.takeCanisterSnapshot(canister, Optional.empty());
        SnapshotMetadata metadata = client.readCanisterSnapshotMetadata(canister, snapshot.id());
        byte[] v1 = TestCanisters.counterV1();
        assertEquals(v1.length, metadata.wasmModuleSize());
        byte[] module = client.readCanisterSnapshotData(canister, snapshot.id(), SnapshotDataKind.WASM_MODULE, 0, v1.length);
        assertArrayEquals(v1, module);
    }

    @Test
    void upgradeKeepsStateAndChangesTheModule() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        inc(canister);
        String before = version(canister);
        byte[] v2 = TestCanisters.counterV2();
        client.stopCanister(canister);
        client.installCode(canister, InstallMode.upgrade(), v2, TestCanisters.encodeEmpty());
        client.startCanister(canister);
        assertEquals(2, get(canister));
        assertNotEquals(before, version(canister));
        assertArrayEquals(sha256(v2), client.canisterStatus(canister).moduleHash().orElseThrow());
    }

    @Test
    void chunkedInstallOfAModuleAboveTheIngressLimit() throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        byte[] big = TestCanisters.withPadding(TestCanisters.counterV1(), 2_500_000);
        assertTrue(big.length > 2 * 1024 * 1024);
        assertThrows(IllegalArgumentException.class,
                () -> client.installCode(canister, InstallMode.install(), big, TestCanisters.encodeEmpty()));

        List<byte[]> hashes = new ArrayList<>();
        for (int offset = 0; offset < big.length; offset += 1_000_000) {
            byte[] chunk = Arrays.copyOfRange(big, offset, Math.min(big.length, offset + 1_000_000));
            byte[] hash = client.uploadChunk(canister, chunk);
            assertArrayEquals(sha256(chunk), hash);
            hashes.add(hash);
        }
        assertEquals(hashes.size(), client.storedChunks(canister).size());
        client.installChunkedCode(canister, Optional.empty(), InstallMode.install(), hashes, sha256(big),
                TestCanisters.encodeEmpty());
        assertArrayEquals(sha256(big), client.canisterStatus(canister).moduleHash().orElseThrow());
        assertEquals(1, inc(canister));
        client.clearChunkStore(canister);
        assertTrue(client.storedChunks(canister).isEmpty());
    }

    @Test
    void rejectionsCarryTheirCodes() throws Exception {
        Principal canister = counterV1Canister();

        IcCallException notController = assertThrows(IcCallException.class, () -> stranger.stopCanister(canister));
        assertEquals(IcCallException.Kind.REJECTED, notController.kind());
        assertEquals(Optional.of(RejectCode.CANISTER_ERROR), notController.rejectCode());
        assertEquals(Optional.of("IC0512"), notController.errorCode(), notController.getMessage());
        assertTrue(notController.replicaMessage().contains("controllers"), notController.replicaMessage());
        assertTrue(!notController.isTransient());

        IcCallException trapped = assertThrows(IcCallException.class,
                () -> client.callUpdate(canister, "inc_then_trap", TestCanisters.encodeEmpty()));
        assertEquals(Optional.of(RejectCode.CANISTER_ERROR), trapped.rejectCode());
        assertEquals(Optional.of("IC0503"), trapped.errorCode(), trapped.getMessage());

        Principal missing = Principal.canisterId(999_999);
        IcCallException notFound = assertThrows(IcCallException.class, () -> client.canisterStatus(missing));
        assertEquals(IcCallException.Kind.REJECTED, notFound.kind(), notFound.getMessage());
        assertEquals(Optional.of("IC0301"), notFound.errorCode(), notFound.getMessage());

        IcCallException queryOnMissing = assertThrows(IcCallException.class,
                () -> client.callQuery(missing, "get", TestCanisters.encodeEmpty()));
        assertEquals(IcCallException.Kind.REJECTED, queryOnMissing.kind(), queryOnMissing.getMessage());
        assertEquals(Optional.of(RejectCode.DESTINATION_INVALID), queryOnMissing.rejectCode());
    }

    // ---- helpers ----

    private static Principal counterV1Canister() throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        return canister;
    }

    private static long inc(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callUpdate(canister, "inc", TestCanisters.encodeEmpty()));
    }

    private static long get(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty()));
    }

    private static String version(Principal canister) throws IcCallException {
        return TestCanisters.decodeText(client.callQuery(canister, "version", TestCanisters.encodeEmpty()));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
