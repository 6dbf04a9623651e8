package io.github.icmaven.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.ic.identity.LoadedIdentity;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestIdentities;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a state directory, canisters, memories, snapshots, the root key and the subnets' identities survive a restart. */
class EmbeddedReplicaPersistenceTest {

    @Test
    void stateSurvivesARestart(@TempDir Path stateDirectory) throws Exception {
        LoadedIdentity identity = TestIdentities.newEd25519();
        EmbeddedReplica.Config config = new EmbeddedReplica.Config("127.0.0.1", 0, stateDirectory, null);
        Principal canister;
        String rootKey;
        SnapshotInfo snapshot;
        try (EmbeddedReplica replica = EmbeddedReplica.start(config);
             IcCaller caller = IcCaller.connect(IcNetwork.resolve(replica.url().toString()), identity.identity())) {
            rootKey = replica.rootKeyHexPrefix();
            ManagementCanisterClient client = new ManagementCanisterClient(caller);
            canister = client.provisionalCreateCanisterWithCycles(Optional.empty(), Optional.empty(), List.of());
            client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
            client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
            client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
            client.stopCanister(canister);
            snapshot = client.takeCanisterSnapshot(canister, Optional.empty());
        }

        try (EmbeddedReplica replica = EmbeddedReplica.start(config);
             IcCaller caller = IcCaller.connect(IcNetwork.resolve(replica.url().toString()), identity.identity())) {
            assertEquals(rootKey, replica.rootKeyHexPrefix(), "the root key is kept in the state directory");
            ManagementCanisterClient client = new ManagementCanisterClient(caller);
            assertEquals(CanisterRunStatus.STOPPED, client.canisterStatus(canister).status());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(TestCanisters.counterV1()),
                    client.canisterStatus(canister).moduleHash().orElseThrow());
            assertEquals(List.of(snapshot.textId()),
                    client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::textId).toList());
            client.startCanister(canister);
            assertEquals(2, TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty())));
            Principal next = client.provisionalCreateCanisterWithCycles(Optional.empty(), Optional.empty(), List.of());
            assertEquals(Principal.canisterId(1), next, "canister ids continue after the saved ones");
        }
    }

    @Test
    void theMainnetTopologyKeepsItsSubnetsAcrossARestart(@TempDir Path stateDirectory) throws Exception {
        LoadedIdentity identity = TestIdentities.newEd25519();
        EmbeddedReplica.Config config = new EmbeddedReplica.Config("127.0.0.1", 0, stateDirectory, null)
                .withTopology(Topology.MAINNET);
        Principal canister;
        String rootKey;
        Principal subnet;
        try (EmbeddedReplica replica = EmbeddedReplica.start(config);
             IcCaller caller = IcCaller.connect(pinned(replica, replica.rootKeyHex()), identity.identity())) {
            rootKey = replica.rootKeyHex();
            subnet = replica.subnetId();
            assertNotEquals(Principal.selfAuthenticating(HexFormat.of().parseHex(rootKey)), subnet,
                    "the canisters' subnet is not the root subnet");
            ManagementCanisterClient client = new ManagementCanisterClient(caller);
            canister = client.provisionalCreateCanisterWithCycles(Optional.empty(), Optional.empty(), List.of());
            client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
            client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        }

        // The root key pinned before the restart still verifies every certificate after it.
        try (EmbeddedReplica replica = EmbeddedReplica.start(config);
             IcCaller caller = IcCaller.connect(pinned(replica, rootKey), identity.identity())) {
            assertEquals(rootKey, replica.rootKeyHex());
            assertEquals(subnet, replica.subnetId(), "the application subnet's key is kept in the state directory");
            ManagementCanisterClient client = new ManagementCanisterClient(caller);
            assertEquals(1, TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty())));
            assertEquals(2, TestCanisters.decodeNat64(client.callUpdate(canister, "inc", TestCanisters.encodeEmpty())));
        }
    }

    private static IcNetwork pinned(EmbeddedReplica replica, String rootKeyHex) {
        return IcNetwork.resolve(replica.url().toString()).withPinnedRootKey(HexFormat.of().parseHex(rootKeyHex));
    }
}
