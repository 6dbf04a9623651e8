package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.core.RoundLatency;
import io.github.icmaven.testcanisters.TestCanisters;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An embedded replica with a controller identity, for pipeline tests: creates counter canisters and reads back
 * what a user would check (module hash, counter, run status, snapshots). Register it with
 * {@code @RegisterExtension static final PipelineFixture ic = new PipelineFixture();}: one replica per class.
 */
final class PipelineFixture implements BeforeAllCallback, AfterAllCallback {
    private static final BigInteger CYCLES = BigInteger.TEN.pow(13);

    EmbeddedReplica replica;
    Path pemFile;
    ManagementCanisterClient client;
    private final RoundLatency roundLatency;
    private IcCaller caller;
    private Path keys;

    PipelineFixture() {
        this(RoundLatency.NONE);
    }

    /** @param roundLatency the replica's simulated consensus round */
    PipelineFixture(RoundLatency roundLatency) {
        this.roundLatency = roundLatency;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral().withRoundLatency(roundLatency));
        keys = Files.createTempDirectory("pipeline-keys");
        pemFile = keys.resolve("controller.pem");
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        Files.writeString(pemFile, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
        caller = IcCaller.connect(IcNetwork.resolve(replica.url().toString()),
                new IdentityLoader(keys).fromPemFile(pemFile).identity());
        client = new ManagementCanisterClient(caller);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (caller != null) {
            caller.close();
        }
        if (replica != null) {
            replica.close();
        }
        Files.deleteIfExists(pemFile);
        Files.deleteIfExists(keys);
    }

    TargetConfig target(Principal canister) {
        return new TargetConfig(replica.url().toString(), canister.toText(), null, null, IdentityConfig.pemFile(pemFile));
    }

    UpgradeConfig config(Principal canister, Path wasm) {
        return UpgradeConfig.of(target(canister), wasm);
    }

    /** A new running counter-v1 canister whose counter is {@code counter}. */
    Principal counterV1Canister(int counter) throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        if (counter != 0) {
            client.callUpdate(canister, "set", TestCanisters.encodeNat64(counter));
        }
        return canister;
    }

    String moduleHash(Principal canister) throws IcCallException {
        return client.canisterStatus(canister).moduleHashHex().orElse(null);
    }

    CanisterRunStatus runStatus(Principal canister) throws IcCallException {
        return client.canisterStatus(canister).status();
    }

    long counter(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty()));
    }

    List<String> snapshotIds(Principal canister) throws IcCallException {
        return client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::textId).toList();
    }

    /** Fails unless the canister runs {@code module} with its counter at {@code counter}. */
    void assertRuns(Principal canister, byte[] module, long counter) throws Exception {
        assertEquals(sha256Hex(module), moduleHash(canister), canister + " module");
        assertEquals(CanisterRunStatus.RUNNING, runStatus(canister), canister + " run status");
        assertEquals(counter, counter(canister), canister + " counter (memory)");
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
