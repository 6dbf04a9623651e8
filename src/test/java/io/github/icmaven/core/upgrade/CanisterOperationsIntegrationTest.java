package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.ic.identity.IdentityLoader;
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
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manual goals' operations against the embedded replica: snapshot, list, restore, delete, status. */
@Timeout(120)
class CanisterOperationsIntegrationTest {
    private static EmbeddedReplica replica;
    private static IcCaller caller;
    private static ManagementCanisterClient client;
    private static Path pemFile;

    @TempDir
    Path temp;

    private final UpgradePipelineIntegrationTest.RecordingListener listener = new UpgradePipelineIntegrationTest.RecordingListener();

    @BeforeAll
    static void start(@TempDir Path keys) throws Exception {
        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral());
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        pemFile = keys.resolve("id.pem");
        Files.writeString(pemFile, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
        caller = IcCaller.connect(IcNetwork.resolve(replica.url().toString()), new IdentityLoader(keys).fromPemFile(pemFile).identity());
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
    void snapshotRestoreDeleteKeepTheRunStateAsFound() throws Exception {
        Principal canister = counter();
        inc(canister);
        try (IcSession session = session(canister)) {
            CanisterOperations ops = new CanisterOperations(session, listener);
            SnapshotInfo taken = ops.takeSnapshot();
            assertEquals(CanisterRunStatus.RUNNING, client.canisterStatus(canister).status());
            assertEquals(List.of(taken.id()), ops.listSnapshots().stream().map(SnapshotInfo::id).toList());
            assertTrue(listener.infos.stream().anyMatch(l -> l.contains(taken.textId())), listener.infos.toString());

            inc(canister);
            assertEquals(2, get(canister));
            CanisterStatus restored = ops.restore(taken.textId());
            assertEquals(CanisterRunStatus.RUNNING, restored.status());
            assertEquals(1, get(canister));

            client.stopCanister(canister);
            ops.restore(taken.textId());
            assertEquals(CanisterRunStatus.STOPPED, client.canisterStatus(canister).status(), "a stopped canister stays stopped");
            client.startCanister(canister);

            InputException unknown = assertThrows(InputException.class, () -> ops.restore(canister + "-999"));
            assertTrue(unknown.getMessage().startsWith("<snapshotId> (ic.snapshotId): "), unknown.getMessage());
            InputException malformed = assertThrows(InputException.class, () -> ops.deleteSnapshot("nope"));
            assertTrue(malformed.getMessage().startsWith("<snapshotId> (ic.snapshotId): "), malformed.getMessage());

            ops.deleteSnapshot(taken.textId());
            assertTrue(ops.listSnapshots().isEmpty());
            assertEquals(CanisterRunStatus.RUNNING, ops.status().status());
            assertTrue(listener.infos.stream().anyMatch(l -> l.contains("module hash: ")), listener.infos.toString());
        }
    }

    @Test
    void snapshotAtTheLimitIsRefusedBeforeStopping() throws Exception {
        Principal canister = counter();
        client.stopCanister(canister);
        for (int i = 0; i < 10; i++) {
            client.takeCanisterSnapshot(canister, Optional.empty());
        }
        client.startCanister(canister);
        try (IcSession session = session(canister)) {
            InputException e = assertThrows(InputException.class, () -> new CanisterOperations(session, listener).takeSnapshot());
            assertTrue(e.getMessage().contains("snapshot limit"), e.getMessage());
        }
        assertEquals(10, client.listCanisterSnapshots(canister).size());
        assertEquals(CanisterRunStatus.RUNNING, client.canisterStatus(canister).status());
    }

    private IcSession session(Principal canister) throws InputException {
        return IcSession.open(new TargetConfig(replica.url().toString(), canister.toText(), null, null,
                IdentityConfig.pemFile(pemFile)), new IdentityLoader(temp), name -> null);
    }

    private static Principal counter() throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(BigInteger.TEN.pow(13)), Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        return canister;
    }

    private static void inc(Principal canister) throws Exception {
        client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
    }

    private static long get(Principal canister) throws Exception {
        return TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty()));
    }
}
