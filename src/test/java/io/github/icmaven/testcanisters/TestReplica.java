package io.github.icmaven.testcanisters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.identity.LoadedIdentity;
import io.github.icmaven.core.upgrade.IdentityConfig;
import io.github.icmaven.core.upgrade.TargetConfig;
import io.github.icmaven.core.upgrade.UpgradeConfig;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.Topology;
import io.github.icmaven.replica.node.RoundLatency;
import io.github.icmaven.replica.faults.Faults;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
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

/**
 * An ephemeral embedded replica (with {@link Faults} a test can switch on) and a client signing as one
 * identity; creates counter canisters with state and reads back what a user would check (module hash,
 * counter, stable memory, run status, snapshots).
 *
 * <p>Either a JUnit extension, one replica per class with a new controller whose PEM file the pipeline reads:
 * {@code @RegisterExtension static final TestReplica ic = new TestReplica();}; or started for a given identity
 * with {@link #start(LoadedIdentity)} and closed by the test.
 */
public final class TestReplica implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final BigInteger CYCLES = BigInteger.TEN.pow(13);

    private final Faults faults = new Faults();
    private EmbeddedReplica replica;
    private IcCaller caller;
    private ManagementCanisterClient client;
    private Path keys;
    private Path pemFile;

    /** A replica started before the tests of the class that registers it, signing as a new controller. */
    private final RoundLatency roundLatency;

    public TestReplica() {
        this(RoundLatency.NONE);
    }

    /** @param roundLatency the replica's simulated consensus round */
    public TestReplica(RoundLatency roundLatency) {
        this.roundLatency = roundLatency;
    }

    /** A replica started now, signing as {@code identity}. */
    public static TestReplica start(LoadedIdentity identity) throws IOException, IcCallException {
        return start(identity, Topology.SINGLE);
    }

    /**
     * A replica of that topology started now, signing as {@code identity}; in the mainnet topology the client
     * pins the replica's root key, so every certificate and delegation is verified.
     */
    public static TestReplica start(LoadedIdentity identity, Topology topology) throws IOException, IcCallException {
        TestReplica started = new TestReplica();
        started.open(identity, topology);
        return started;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        keys = Files.createTempDirectory("test-replica-keys");
        pemFile = keys.resolve("controller.pem");
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        Files.writeString(pemFile, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
        open(new IdentityLoader(keys).fromPemFile(pemFile), Topology.SINGLE);
    }

    private void open(LoadedIdentity identity, Topology topology) throws IOException, IcCallException {
        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral().withTopology(topology).withRoundLatency(roundLatency), faults.decorator());
        try {
            IcNetwork network = IcNetwork.resolve(replica.url().toString());
            caller = IcCaller.connect(topology == Topology.SINGLE ? network
                    : network.withPinnedRootKey(replica.rootKeyDer()), identity.identity());
        } catch (IcCallException | RuntimeException e) {
            replica.close();
            throw e;
        }
        client = new ManagementCanisterClient(caller);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws IOException {
        if (caller != null) {
            caller.close();
        }
        if (replica != null) {
            replica.close();
        }
        if (keys != null) {
            Files.deleteIfExists(pemFile);
            Files.deleteIfExists(keys);
        }
    }

    public EmbeddedReplica replica() {
        return replica;
    }

    public URI url() {
        return replica.url();
    }

    /** The faults to switch on in this replica (all off at start). */
    public Faults faults() {
        return faults;
    }

    /** The DER-encoded root key of the replica. */
    public byte[] rootKeyDer() {
        return replica.rootKeyDer();
    }

    public IcCaller caller() {
        return caller;
    }

    public ManagementCanisterClient client() {
        return client;
    }

    /** The controller's PEM file (extension use only). */
    public Path pemFile() {
        return pemFile;
    }

    /** The pipeline's target: {@code canister} on this replica, signed with {@link #pemFile()}. */
    public TargetConfig target(Principal canister) {
        return new TargetConfig(url().toString(), canister.toText(), null, null, IdentityConfig.pemFile(pemFile));
    }

    public UpgradeConfig config(Principal canister, Path wasm) {
        return UpgradeConfig.of(target(canister), wasm);
    }

    /** A new running counter-v1 canister whose counter is {@code counter}. */
    public Principal counterV1Canister(int counter) throws IcCallException {
        Principal canister = newCounterV1();
        if (counter != 0) {
            client.callUpdate(canister, "set", TestCanisters.encodeNat64(counter));
        }
        return canister;
    }

    /**
     * A new running counter-v1 canister whose counter was incremented {@code increments} times and whose
     * stable memory pages 1..{@code stablePages} (64 KiB each) hold the fill pattern.
     */
    public Principal counterWithState(int increments, int stablePages) throws IcCallException {
        Principal canister = newCounterV1();
        for (int i = 0; i < increments; i++) {
            client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        }
        client.callUpdate(canister, "fill_stable", TestCanisters.encodeNat32(stablePages));
        return canister;
    }

    private Principal newCounterV1() throws IcCallException {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        return canister;
    }

    public long counter(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty()));
    }

    public long stableChecksum(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callQuery(canister, "stable_checksum", TestCanisters.encodeEmpty()));
    }

    public String moduleHash(Principal canister) throws IcCallException {
        return client.canisterStatus(canister).moduleHashHex().orElse(null);
    }

    public CanisterRunStatus runStatus(Principal canister) throws IcCallException {
        return client.canisterStatus(canister).status();
    }

    public List<String> snapshotIds(Principal canister) throws IcCallException {
        return client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::textId).toList();
    }

    /** Fails unless the canister runs {@code module} with its counter at {@code counter}. */
    public void assertRuns(Principal canister, byte[] module, long counter) throws Exception {
        assertEquals(sha256Hex(module), moduleHash(canister), canister + " module");
        assertEquals(CanisterRunStatus.RUNNING, runStatus(canister), canister + " run status");
        assertEquals(counter, counter(canister), canister + " counter (memory)");
    }

    public static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
